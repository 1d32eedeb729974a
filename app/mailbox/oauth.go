package mailbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"duebook/app"
)

// signInLimit is how long the owner has to finish signing in in the browser.
const signInLimit = 5 * time.Minute

func oauthConfig(o app.OAuthSettings, redirect string) (*oauth2.Config, error) {
	r, err := o.Resolved()
	if err != nil {
		return nil, err
	}
	return &oauth2.Config{ClientID: r.ClientID, Scopes: r.Scopes, RedirectURL: redirect,
		Endpoint: oauth2.Endpoint{AuthURL: r.AuthURL, TokenURL: r.TokenURL, AuthStyle: oauth2.AuthStyleInParams}}, nil
}

// SignIn lets the owner sign in through the browser: a redirect to this computer only
// (127.0.0.1), with PKCE and a state checked, so no secret is needed in the program. It returns
// the refresh token, for the credential store.
func SignIn(ctx context.Context, o app.OAuthSettings, user string, open func(url string) error) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", app.Wrap(app.CodeMailbox, err, "the sign-in cannot listen on this computer")
	}
	defer ln.Close()
	redirect := fmt.Sprintf("http://127.0.0.1:%d/callback", ln.Addr().(*net.TCPAddr).Port)
	cfg, err := oauthConfig(o, redirect)
	if err != nil {
		return "", err
	}
	verifier := oauth2.GenerateVerifier()
	state := randomHex()
	type result struct {
		code string
		err  error
	}
	got := make(chan result, 1)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/callback" {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		res := result{code: q.Get("code")}
		switch {
		case q.Get("state") != state:
			res.err = app.Errorf(app.CodeMailbox, "the sign-in answer did not come from the sign-in Duebook started")
		case q.Get("error") != "":
			res.err = app.Errorf(app.CodeMailbox, "the provider refused the sign-in: %s", q.Get("error"))
		case res.code == "":
			res.err = app.Errorf(app.CodeMailbox, "the provider sent no sign-in code")
		}
		msg := "Signed in. You can close this page and return to Duebook."
		if res.err != nil {
			msg = "Signing in failed: " + app.Sentence(res.err)
		}
		fmt.Fprintf(w, "<!DOCTYPE html><html><body><p>%s</p></body></html>", html.EscapeString(msg))
		select {
		case got <- res:
		default:
		}
	})}
	go srv.Serve(ln)
	defer srv.Close()
	url := cfg.AuthCodeURL(state, oauth2.AccessTypeOffline, oauth2.S256ChallengeOption(verifier), oauth2.SetAuthURLParam("login_hint", user),
		oauth2.SetAuthURLParam("prompt", "consent"))
	if err := open(url); err != nil {
		return "", app.Wrap(app.CodeMailbox, err, "the browser could not be opened; open this address yourself: %s", url)
	}
	ctx, cancel := context.WithTimeout(ctx, signInLimit)
	defer cancel()
	var res result
	select {
	case res = <-got:
	case <-ctx.Done():
		return "", app.Errorf(app.CodeMailbox, "the sign-in was not finished in the browser in time")
	}
	if res.err != nil {
		return "", res.err
	}
	tok, err := cfg.Exchange(ctx, res.code, oauth2.VerifierOption(verifier))
	if err != nil {
		return "", app.Wrap(app.CodeMailbox, err, "the provider did not accept the sign-in")
	}
	if tok.RefreshToken == "" {
		return "", app.Errorf(app.CodeMailbox, "the provider gave no lasting permission (no refresh token): sign in again and allow offline access")
	}
	return tok.RefreshToken, nil
}

func randomHex() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// accessToken turns the stored refresh token into a fresh access token.
func (b *Box) accessToken(ctx context.Context) (string, error) {
	refresh, err := b.password()
	if err != nil {
		return "", err
	}
	cfg, err := oauthConfig(*b.S.OAuth, "")
	if err != nil {
		return "", err
	}
	tok, err := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: refresh}).Token()
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return "", app.Wrap(app.CodeMailbox, err, "the sign-in with %s has expired or was withdrawn: sign in again in the mailbox settings", b.S.OAuth.Provider)
		}
		return "", app.Wrap(app.CodeMailbox, err, "the sign-in server of %s could not be reached", b.S.OAuth.Provider)
	}
	return tok.AccessToken, nil
}

// secret is what logs in: the password, or a fresh access token for a sign-in.
func (b *Box) secret(ctx context.Context) (string, error) {
	if b.S.OAuth != nil {
		return b.accessToken(ctx)
	}
	return b.password()
}

// xoauth2 is the XOAUTH2 SASL mechanism for IMAP.
type xoauth2 struct{ user, token string }

func (x xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

// Next answers the server's error challenge with nothing, so that it reports the failure.
func (x xoauth2) Next([]byte) ([]byte, error) { return []byte{}, nil }
