package websub

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestSendErrorHidesSecretCutShort: a hub that refuses the request and
// echoes the form back has the start of its answer quoted in the error;
// no piece of the secret is, wherever the quote is cut (the secret once
// straddled the cut and its first half was quoted).
func TestSendErrorHidesSecretCutShort(t *testing.T) {
	secret := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	for pad := 100; pad <= 220; pad += 10 {
		hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			w.WriteHeader(http.StatusBadRequest)
			// The secret's value, last in the echo, starts at byte pad.
			_, _ = io.WriteString(w, strings.Repeat("x", pad-len("hub.secret="))+"hub.secret="+secret+" "+string(b))
		}))
		err := (&Client{}).Send(context.Background(), Request{Hub: hub.URL, Mode: ModeSubscribe,
			Topic: "https://feed.example/rss", Callback: "https://mw.example/websub/1", Secret: secret})
		hub.Close()
		if err == nil {
			t.Fatalf("pad %d: no error", pad)
		}
		for i := 0; i+8 <= len(secret); i++ {
			if piece := secret[i : i+8]; strings.Contains(err.Error(), piece) {
				t.Errorf("pad %d: the error quotes a piece of the secret (%q): %v", pad, piece, err)
				break
			}
		}
	}
}
