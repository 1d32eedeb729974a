package mailbox

import (
	"errors"
	"sync"

	"github.com/zalando/go-keyring"

	"duebook/app"
)

// keyringService names Duebook's entries in the operating system's credential store.
const keyringService = "Duebook mailbox"

// Keyring keeps the password in the operating system's credential store (Windows Credential
// Manager, macOS Keychain, the Secret Service on Linux). Where there is none, the password is
// kept in memory for this session only, and asked for again at the next start.
type Keyring struct {
	mu      sync.Mutex
	session map[string]string
	// Unavailable is set once the credential store failed: later calls go to memory.
	Unavailable bool
}

var _ app.SecretStore = (*Keyring)(nil)

// NewKeyring is the credential store of this computer.
func NewKeyring() *Keyring { return &Keyring{session: map[string]string{}} }

// Get returns the stored password; a missing one is CodeNotFound.
func (k *Keyring) Get(user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if s, ok := k.session[user]; ok {
		return s, nil
	}
	if k.Unavailable {
		return "", app.Errorf(app.CodeNotFound, "the mailbox password is not known in this session")
	}
	s, err := keyring.Get(keyringService, user)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", app.Errorf(app.CodeNotFound, "no mailbox password is stored for %s", user)
	}
	if err != nil {
		// No credential store here (a desktop without one): ask each session.
		k.Unavailable = true
		return "", app.Wrap(app.CodeNotFound, err, "this computer has no credential store: the mailbox password is asked for each time Duebook starts")
	}
	return s, nil
}

// Set stores the password; without a credential store it is kept for this session only.
func (k *Keyring) Set(user, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.Unavailable {
		if err := keyring.Set(keyringService, user, secret); err == nil {
			delete(k.session, user)
			return nil
		}
		k.Unavailable = true
	}
	k.session[user] = secret
	return nil
}

// Delete forgets the password.
func (k *Keyring) Delete(user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.session, user)
	if k.Unavailable {
		return nil
	}
	if err := keyring.Delete(keyringService, user); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return app.Wrap(app.CodeStorage, err, "the mailbox password could not be removed from the credential store")
	}
	return nil
}

// Remembered tells whether the password lives only in this session's memory.
func (k *Keyring) Remembered() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return !k.Unavailable
}
