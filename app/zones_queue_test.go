package app

import (
	"strings"
	"testing"
	"time"
)

// A customer without a time zone is contacted in the hours allowed in every zone their country
// (or region) spans, and the queue says how their time was chosen.
func TestTimeWindowWithoutATimeZone(t *testing.T) {
	asOf := MustDate("2026-11-22")
	email := func(country, region, postal string) CaseFile {
		f := caseFile("2026-11-24", 0, "") // the courtesy note is an email
		f.Customer.TimeZone, f.Customer.Country, f.Customer.Region, f.Customer.PostalCode = "", country, region, postal
		return f
	}
	window := func(f CaseFile, now time.Time) Action {
		t.Helper()
		q := BuildQueue([]CaseFile{f}, QueueOptions{AsOf: asOf, Now: now, ShopZone: time.UTC})
		if len(q.Actions) != 1 || q.Actions[0].Channel != ChannelEmail {
			t.Fatalf("queue: %+v", q.Actions)
		}
		return q.Actions[0]
	}
	// 14:00 UTC is 09:00 in New York but 06:00 in Los Angeles (and 04:00 in Honolulu).
	at14 := time.Date(2026, 11, 22, 14, 0, 0, 0, time.UTC)
	us := window(email("US", "", ""), at14)
	if !us.Blocked() || us.Guards[0].Guard != "time-window" {
		t.Fatalf("a US customer of unknown state was emailed at 06:00 Pacific: %+v", us.Guards)
	}
	if r := us.Guards[0].Reason; !strings.Contains(r, "spans") || !strings.Contains(r, "09:00") {
		t.Errorf("the reason does not say why: %q", r)
	}
	if !strings.Contains(strings.Join(us.Reasons, "\n"), "their time: ") {
		t.Errorf("Today does not say how the time was chosen: %q", us.Reasons)
	}
	// The state narrows it: New York is open at 09:00; so is a 100xx postal code.
	if ny := window(email("US", "NY", ""), at14); ny.Blocked() {
		t.Errorf("New York at 09:00 held: %+v", ny.Guards)
	}
	if ny := window(email("US", "", "10115"), at14); ny.Blocked() {
		t.Errorf("postal code 10115 at 09:00 held: %+v", ny.Guards)
	}
	if ca := window(email("US", "CA", ""), at14); !ca.Blocked() || ca.Guards[0].Until != "2026-11-22T08:00-08:00" {
		t.Errorf("California at 06:00: %+v", ca.Guards)
	}
	// Germany has one zone: 21:30 in Berlin (20:30 UTC) is closed, 09:00 Berlin is open.
	de := email("DE", "", "")
	if a := window(de, time.Date(2026, 11, 22, 20, 30, 0, 0, time.UTC)); !a.Blocked() || a.Guards[0].Until != "2026-11-23T08:00+01:00" {
		t.Errorf("Berlin 21:30: %+v", a.Guards)
	}
	if a := window(de, time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)); a.Blocked() {
		t.Errorf("Berlin 09:00 held: %+v", a.Guards)
	}
	// No country: the shop's zone, said so.
	none := window(email("", "", ""), time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC))
	if !none.Blocked() || !strings.Contains(none.Guards[0].Reason, "shop's own time zone") {
		t.Errorf("unknown country: %+v", none.Guards)
	}
	// The whole US (Hawaii to Maine) opens together when it is 08:00 in Honolulu: 13:00 in New York.
	if a := window(email("US", "", ""), at14); a.Guards[0].Until != "2026-11-22T13:00-05:00" {
		t.Errorf("no next opening for the US: %+v", a.Guards)
	}
}
