package data_test

import (
	"strings"
	"testing"
	"time"

	"duebook/app"
)

func reply(uid uint32, customerID int64, text string) (*app.Reply, app.Document) {
	doc := app.NewDocument("email-reply", "message/rfc822", []byte("Subject: re\r\n\r\n"+text))
	return &app.Reply{UID: uid, CustomerID: customerID, From: "c@customer.example", Subject: "re", Text: text, SHA256: doc.SHA256,
		ReceivedAt: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}, doc
}

// Two unread replies hold the ladder until both are read; a hold the owner set that still runs
// is neither replaced nor lifted by replies.
func TestReplyHoldUntilEveryReplyIsRead(t *testing.T) {
	col, st := printBook(t)
	rows, _ := st.Customers("", 0, 2)
	a, b := rows[0].ID, rows[1].ID
	for i, r := range []uint32{5, 7} {
		rp, doc := reply(r, a, "reply "+string(rune('A'+i)))
		if err := st.SaveReply(rp, doc, app.Event{Kind: "reply", Summary: "r"}); err != nil {
			t.Fatal(err)
		}
	}
	if uid, _ := st.MailUID(); uid != 7 {
		t.Fatalf("last UID %d", uid)
	}
	if err := st.SkipMail(6); err != nil {
		t.Fatal(err)
	}
	if uid, _ := st.MailUID(); uid != 7 {
		t.Fatalf("the last UID went back to %d", uid)
	}
	hold := func(id int64) string {
		cd, _ := col.CS.CaseData([]int64{id}, nil, col.Today())
		if len(cd) == 0 {
			return ""
		}
		return cd[0].HoldReason
	}
	if hold(a) != app.ReplyHoldReason {
		t.Fatal("a reply does not hold the ladder")
	}
	rs, _ := st.Replies(a, 10)
	if err := st.MarkReplyRead(rs[0].ID, app.Event{Kind: "reply", Summary: "read"}); err != nil {
		t.Fatal(err)
	}
	if hold(a) != app.ReplyHoldReason {
		t.Fatal("the hold was lifted with a reply still unread")
	}
	if err := st.MarkReplyRead(rs[1].ID, app.Event{Kind: "reply", Summary: "read"}); err != nil {
		t.Fatal(err)
	}
	if hold(a) != "" {
		t.Fatal("the hold stays after every reply was read")
	}

	if err := col.Hold(b, col.Today().AddDays(30), "talking to the owner"); err != nil {
		t.Fatal(err)
	}
	rp, doc := reply(9, b, "hello")
	if err := st.SaveReply(rp, doc, app.Event{Kind: "reply", Summary: "r"}); err != nil {
		t.Fatal(err)
	}
	if hold(b) != "talking to the owner" {
		t.Fatalf("the owner's hold was replaced: %q", hold(b))
	}
	if err := st.MarkReplyRead(rp.ID, app.Event{Kind: "reply", Summary: "read"}); err != nil {
		t.Fatal(err)
	}
	if hold(b) != "talking to the owner" {
		t.Fatal("reading a reply lifted the owner's hold")
	}
	if err := st.MarkReplyRead(999, app.Event{}); app.CodeOf(err) != app.CodeNotFound {
		t.Fatalf("an unknown reply: %v", err)
	}
}

// An email can be claimed once; a retry or cancel of an email that moved on is refused.
func TestOutboxStatesMoveOnce(t *testing.T) {
	col, st := printBook(t)
	rows, _ := st.Customers("", 0, 1)
	doc := app.NewDocument("email", "message/rfc822", []byte("Message-ID: <m1@example.com>\r\n\r\nhi"))
	now := col.Clock.Now()
	it := &app.OutboxItem{MessageID: "m1@example.com", CustomerID: rows[0].ID, Stage: "reminder", To: "c@customer.example", Subject: "s",
		SHA256: doc.SHA256, NextAt: now, QueuedAt: now}
	if err := st.Decide(app.DecidedAction{CustomerID: rows[0].ID, OnDate: col.Today(), Action: app.Action{CustomerID: rows[0].ID, Currency: "EUR", Stage: 1,
		StageName: "reminder", Channel: app.ChannelEmail}, Decision: app.Approved, Email: it}, nil, &doc, app.Event{Kind: "email", Summary: "q"}); err != nil {
		t.Fatal(err)
	}
	due, _ := st.DueEmails(now, 10)
	if len(due) != 1 || due[0].MessageID != "m1@example.com" {
		t.Fatalf("due: %+v", due)
	}
	if ok, _ := st.ClaimEmail(it.ID, now); !ok {
		t.Fatal("not claimed")
	}
	if ok, _ := st.ClaimEmail(it.ID, now); ok {
		t.Fatal("claimed twice")
	}
	if n, _ := st.SentSince(now.Add(-time.Minute)); n != 1 {
		t.Fatalf("an attempt does not count for the limit: %d", n)
	}
	if err := st.MarkEmailSent(it.ID, now, false, app.Event{Kind: "email", Summary: "sent"}); err != nil {
		t.Fatal(err)
	}
	err := st.SetEmailState(it.ID, []app.OutboxState{app.OutFailed}, app.OutQueued, app.Event{Kind: "email", Summary: "retry"})
	if app.CodeOf(err) != app.CodeConflict || !strings.Contains(app.Sentence(err), "moved on") {
		t.Fatalf("a sent email was queued again: %v", err)
	}
	it2 := *it
	if err := st.Decide(app.DecidedAction{CustomerID: rows[0].ID, OnDate: col.Today().AddDays(1), Action: app.Action{CustomerID: rows[0].ID, Currency: "EUR", Stage: 2,
		StageName: "reminder 2", Channel: app.ChannelEmail}, Decision: app.Approved, Email: &it2}, nil, &doc, app.Event{Kind: "email", Summary: "q"}); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("a second email with the same Message-ID: %v", err)
	}
}
