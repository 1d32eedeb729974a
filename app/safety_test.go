package app

import (
	"path/filepath"
	"testing"
)

func TestReminderComesAfterThirtyDaysAndOnceAWeek(t *testing.T) {
	d := MustDate
	start := d("2026-01-01")
	copied := SafetyState{LastOutside: d("2026-03-01")}
	if r := ReminderDue(SafetyState{}, Date{}, d("2026-05-01")); r.Due {
		t.Errorf("an empty book: %+v", r)
	}
	for _, c := range []struct {
		name  string
		st    SafetyState
		today Date
		due   bool
		days  int
	}{
		{"day 30 after the book began", SafetyState{}, start.AddDays(30), false, 30},
		{"day 31 after the book began", SafetyState{}, start.AddDays(31), true, 31},
		{"day 30 after a copy", copied, d("2026-03-31"), false, 30},
		{"day 31 after a copy", copied, d("2026-04-01"), true, 31},
		{"the day it was said, not dismissed", SafetyState{LastOutside: d("2026-03-01"), Said: d("2026-04-01")}, d("2026-04-01"), true, 31},
		{"the day it was said and dismissed", SafetyState{LastOutside: d("2026-03-01"), Said: d("2026-04-01"), Dismissed: d("2026-04-01")}, d("2026-04-01"), false, 31},
		{"six days after it was said", SafetyState{LastOutside: d("2026-03-01"), Said: d("2026-04-01")}, d("2026-04-07"), false, 37},
		{"a week after it was said", SafetyState{LastOutside: d("2026-03-01"), Said: d("2026-04-01"), Dismissed: d("2026-04-01")}, d("2026-04-08"), true, 38},
		{"a new copy since", SafetyState{LastOutside: d("2026-04-05"), Said: d("2026-04-01")}, d("2026-04-08"), false, 3},
	} {
		r := ReminderDue(c.st, start, c.today)
		if r.Due != c.due || (c.days != 0 && r.Days != c.days) {
			t.Errorf("%s: %+v, want due %v after %d days", c.name, r, c.due, c.days)
		}
	}
}

func TestACopyOutsideTheDataFolder(t *testing.T) {
	data := filepath.Join(string(filepath.Separator)+"home", "zoë", ".config", "Duebook")
	for path, outside := range map[string]bool{
		filepath.Join(data, "backups", "x.db"):                                 false,
		filepath.Join(data, "x.db"):                                            false,
		filepath.Join(data+" old", "x.db"):                                     true,
		filepath.Join(filepath.Dir(data), "x.db"):                              true,
		filepath.Join(string(filepath.Separator)+"media", "USB Stick", "x.db"): true,
	} {
		if IsOutside(data, path) != outside {
			t.Errorf("%s outside %s: want %v", path, data, outside)
		}
	}
	if n := BackupName("Zoë's Café: Bar/Grill", MustDate("2026-11-22")); n != "Zoë's Café- Bar-Grill backup 2026-11-22.db" {
		t.Errorf("name %q", n)
	}
}
