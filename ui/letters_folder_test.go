package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
)

// Letters go to a folder per shop (the sample's apart), and the owner's choice in Settings is
// kept for the book and used by Today from then on.
func TestLettersFolderPerShopAndChosenInSettings(t *testing.T) {
	s, _ := sampleShell(t)
	base := t.TempDir()
	shop := app.Shop{Name: "Müller & Söhne: Laden"}
	own := shopLettersDir(base, filepath.Join(base, "own.db"), shop, false)
	sample := shopLettersDir(base, filepath.Join(base, "sample.db"), shop, true)
	if own == sample || filepath.Dir(own) != base || filepath.Dir(sample) != base || strings.ContainsAny(filepath.Base(own), ":/\\") {
		t.Fatalf("own %s, sample %s", own, sample)
	}
	book := filepath.Join(base, "own.db")
	s.Settings.BookPath = book
	s.Settings.OnLettersDir = func(dir string) { s.Today.LettersDir = dir }
	chosen := filepath.Join(base, "Post")
	s.Settings.SetLettersFolder(chosen)
	if s.Today.LettersDir != chosen || s.Settings.LettersFolder.Text != chosen {
		t.Fatalf("Today prints to %s, Settings shows %s", s.Today.LettersDir, s.Settings.LettersFolder.Text)
	}
	if got := shopLettersDir(base, book, shop, false); got != chosen {
		t.Fatalf("the choice is not kept for the book: %s", got)
	}
	if got := shopLettersDir(base, filepath.Join(base, "other.db"), shop, false); got == chosen {
		t.Fatal("another book took this book's folder")
	}
}
