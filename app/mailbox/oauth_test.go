package mailbox_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duebook/app"
	"duebook/app/mailbox"
	"duebook/app/mailbox/mailtest"
)

func TestSignInThroughTheBrowserThenXOAUTH2(t *testing.T) {
	o := mailtest.StartProvider(t)
	refresh, err := mailbox.SignIn(context.Background(), o, mailtest.User, mailtest.Browser)
	if err != nil || refresh != "refresh-1" {
		t.Fatalf("sign in: %q %v", refresh, err)
	}

	srv := mailtest.Start(t)
	srv.AcceptToken("fresh-access")
	s := srv.Settings()
	s.OAuth = &o
	b := box(s, refresh)
	if err := b.Test(context.Background()); err != nil {
		t.Fatalf("XOAUTH2 test: %v", err)
	}
	if err := b.Send(context.Background(), mailtest.User, []string{"anna@customer.example"}, []byte(msg)); err != nil || len(srv.Received()) != 1 {
		t.Fatalf("XOAUTH2 send: %v", err)
	}
	if err := box(s, "withdrawn").Test(context.Background()); err == nil || !strings.Contains(app.Sentence(err), "sign in again") {
		t.Fatalf("a withdrawn sign-in: %v", err)
	}
}

func TestSignInRefusesAForeignAnswer(t *testing.T) {
	o := app.OAuthSettings{Provider: "google", ClientID: "duebook-test", AuthURL: "http://127.0.0.1:1/auth", TokenURL: "http://127.0.0.1:1/token"}
	forged := func(u string) error { // an answer with another state, as a forged page would send
		q, _ := url.Parse(u)
		resp, err := http.Get(q.Query().Get("redirect_uri") + "?code=x&state=forged")
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if _, err := mailbox.SignIn(context.Background(), o, mailtest.User, forged); err == nil || !strings.Contains(app.Sentence(err), "did not come from") {
		t.Fatalf("a forged answer: %v", err)
	}
	if _, err := mailbox.SignIn(context.Background(), app.OAuthSettings{Provider: "google"}, mailtest.User, forged); err == nil || !strings.Contains(app.Sentence(err), "client id") {
		t.Fatalf("no client id: %v", err)
	}
}
