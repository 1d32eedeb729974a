package mailbox_test

import (
	"testing"

	"github.com/zalando/go-keyring"

	"duebook/app"
	"duebook/app/mailbox"
)

func TestKeyringKeepsThePassword(t *testing.T) {
	keyring.MockInit()
	k := mailbox.NewKeyring()
	if _, err := k.Get("shop@example.com"); app.CodeOf(err) != app.CodeNotFound {
		t.Fatalf("nothing stored yet: %v", err)
	}
	if err := k.Set("shop@example.com", "pw"); err != nil {
		t.Fatal(err)
	}
	if s, err := mailbox.NewKeyring().Get("shop@example.com"); err != nil || s != "pw" {
		t.Fatalf("a new session reads %q, %v from the credential store", s, err)
	}
	if err := k.Delete("shop@example.com"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get("shop@example.com"); app.CodeOf(err) != app.CodeNotFound {
		t.Fatalf("deleted: %v", err)
	}
}

func TestNoCredentialStoreKeepsItForTheSession(t *testing.T) {
	keyring.MockInitWithError(errNoStore{})
	k := mailbox.NewKeyring()
	if _, err := k.Get("u"); app.CodeOf(err) != app.CodeNotFound {
		t.Fatalf("no store: %v", err)
	}
	if err := k.Set("u", "pw"); err != nil {
		t.Fatal(err)
	}
	if s, err := k.Get("u"); err != nil || s != "pw" {
		t.Fatalf("this session: %q %v", s, err)
	}
	if _, err := mailbox.NewKeyring().Get("u"); err == nil {
		t.Fatal("the next session knows a password that no store kept")
	}
}

type errNoStore struct{}

func (errNoStore) Error() string { return "no secret service" }

func TestPresets(t *testing.T) {
	for _, name := range []string{"Gmail", "outlook / microsoft 365", "iCloud", "Yahoo", "GMX", "WEB.DE", "IONOS", "Strato", "T-Online"} {
		p, ok := app.PresetNamed(name)
		if !ok || p.Note == "" {
			t.Fatalf("no preset %s", name)
		}
		s := p.Apply(app.MailSettings{From: "shop@example.com", User: "shop@example.com"})
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
