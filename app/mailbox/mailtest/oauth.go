package mailtest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"duebook/app"
)

// provider is a sign-in server: it sends the browser back to the loopback address with a code,
// and gives tokens only for the PKCE verifier that matches the challenge.
type provider struct {
	mu        sync.Mutex
	challenge string
	redirects int
}

func (p *provider) start(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch r.URL.Path {
		case "/auth":
			q := r.URL.Query()
			if q.Get("client_id") != "duebook-test" || q.Get("code_challenge_method") != "S256" || !strings.HasPrefix(q.Get("redirect_uri"), "http://127.0.0.1:") {
				http.Error(w, "bad request", 400)
				return
			}
			p.challenge = q.Get("code_challenge")
			p.redirects++
			http.Redirect(w, r, q.Get("redirect_uri")+"?code=c0de&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
		case "/token":
			r.ParseForm()
			tok := map[string]any{"token_type": "Bearer", "expires_in": 3600}
			switch r.Form.Get("grant_type") {
			case "authorization_code":
				sum := sha256.Sum256([]byte(r.Form.Get("code_verifier")))
				if r.Form.Get("code") != "c0de" || base64.RawURLEncoding.EncodeToString(sum[:]) != p.challenge {
					http.Error(w, `{"error":"invalid_grant"}`, 400)
					return
				}
				tok["access_token"], tok["refresh_token"] = "first-access", "refresh-1"
			case "refresh_token":
				if r.Form.Get("refresh_token") != "refresh-1" {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(400)
					w.Write([]byte(`{"error":"invalid_grant"}`))
					return
				}
				tok["access_token"] = "fresh-access"
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(tok)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// StartProvider runs a sign-in server and returns the settings that reach it; the refresh
// token it gives is "refresh-1", and the access token for it "fresh-access".
func StartProvider(t testing.TB) app.OAuthSettings {
	ps := (&provider{}).start(t)
	return app.OAuthSettings{Provider: "google", ClientID: "duebook-test", AuthURL: ps.URL + "/auth", TokenURL: ps.URL + "/token"}
}

// Browser is the owner signing in: it follows the sign-in page, which sends it back to Duebook.
func Browser(u string) error {
	resp, err := http.Get(u)
	if err == nil {
		resp.Body.Close()
	}
	return err
}
