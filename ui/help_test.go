package ui

import (
	"io/fs"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/docs"
)

// menuAction finds an item of the window's menu by its label.
func menuAction(t *testing.T, w fyne.Window, menu, label string) func() {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == menu && it.Label == label {
				return it.Action
			}
		}
	}
	t.Fatalf("no %s → %s in the menu", menu, label)
	return nil
}

func TestAboutNamesTheVersionTheDataFolderAndTheLicences(t *testing.T) {
	s, _ := sampleShell(t)
	s.Help = HelpInfo{Name: "Duebook", Version: "0.1.0", DataDir: "/home/zoë/.config/Duebook", Guide: docs.Guide}
	s.keys()
	menuAction(t, s.win, "Help", "About Duebook")()
	shown := shownText(s.win)
	for _, want := range []string{"Duebook 0.1.0", "Data folder: /home/zoë/.config/Duebook", "SIL Open Font License",
		"fyne.io/fyne/v2", "modernc.org/sqlite", "github.com/jung-kurt/gofpdf", "github.com/wneessen/go-mail"} {
		if !strings.Contains(shown, want) {
			t.Errorf("About does not show %q", want)
		}
	}
}

func TestTheGuideOpensOfflineWithItsPictures(t *testing.T) {
	s, _ := sampleShell(t)
	s.Help = HelpInfo{Name: "Duebook", Version: "0.1.0", Guide: docs.Guide}
	s.keys()
	menuAction(t, s.win, "Help", "Guide")()
	if s.GuideWindow == nil {
		t.Fatal("the guide did not open")
	}
	src, _ := fs.ReadFile(docs.Guide, "guide.md")
	wantPictures := 0
	for _, line := range strings.Split(string(src), "\n") {
		if guideImage.MatchString(line) {
			wantPictures++
		}
	}
	var headings []string
	pictures := 0
	for _, o := range test.LaidOutObjects(s.GuideWindow.Content()) {
		switch x := o.(type) {
		case *widget.RichText:
			for _, seg := range x.Segments {
				if ts, ok := seg.(*widget.TextSegment); ok && ts.Style == widget.RichTextStyleHeading || ok && ts.Style == widget.RichTextStyleSubHeading {
					headings = append(headings, ts.Text)
				}
			}
		case *canvas.Image:
			if x.Resource == nil || len(x.Resource.Content()) == 0 || x.MinSize().Height < 100 {
				t.Errorf("an empty picture: %v", x.Resource)
			}
			pictures++
		}
	}
	if wantPictures < 5 || pictures != wantPictures {
		t.Errorf("%d pictures shown, the guide has %d", pictures, wantPictures)
	}
	s.GuideWindow.Close()
	if s.GuideWindow != nil {
		t.Fatal("the guide is still taken as open after it was closed")
	}
	all := strings.Join(headings, "\n")
	for _, want := range []string{"Set up", "Import", "morning", "Print and post", "Email", "Plans and promises", "Hand", "Backups", "new computer"} {
		if !strings.Contains(all, want) {
			t.Errorf("no section on %q in:\n%s", want, all)
		}
	}
}

// Before there is a shop (a new computer), the welcome screen has Help too.
func TestTheWelcomeScreenHasTheGuide(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	release := Start(w, Config{DBPath: dir + "/mine.db", SamplePath: dir + "/sample.db", Books: testBooks{t}, Guide: docs.Guide, Version: "0.1.0"})
	defer release()
	if _, ok := findWelcome(w); !ok {
		t.Fatal("no welcome screen")
	}
	before := len(fyne.CurrentApp().Driver().AllWindows())
	menuAction(t, w, "Help", "Guide")()
	if n := len(fyne.CurrentApp().Driver().AllWindows()); n != before+1 {
		t.Fatalf("%d windows, %d before: the guide did not open", n, before)
	}
	menuAction(t, w, "Help", "About Duebook")()
	if !strings.Contains(shownText(w), "Duebook 0.1.0") {
		t.Fatal("About from the welcome screen does not name the version")
	}
}

func TestTheGuideKeepsParagraphsWhole(t *testing.T) {
	got := unwrap("# Title\nA paragraph\nwrapped here.\n\n- an item\n  that goes on\n- another\n1. first\n![pic](images/a.png)\nbelow the picture")
	want := []string{"# Title", "A paragraph wrapped here.", "", "- an item that goes on", "- another", "1. first", "![pic](images/a.png)", "below the picture"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("unwrapped:\n%q\nwant\n%q", got, want)
	}
}
