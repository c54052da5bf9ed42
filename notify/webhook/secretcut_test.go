package webhook

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestErrorHidesSecretCutShort: a receiver's answer is quoted in the
// error (which the outbox keeps and the inbox shows) with its secrets
// taken out before the quote is cut, so that a cut through an echoed
// secret leaves no piece of it.
func TestErrorHidesSecretCutShort(t *testing.T) {
	const token = "tok-0123456789abcdef0123456789abcdef"
	for pad := maxShown - len(token); pad <= maxShown; pad += 4 {
		rc := newReceiver(t)
		rc.fail = func(w http.ResponseWriter) bool {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, strings.Repeat("x", pad)+token+" is not a token we know")
			return true
		}
		n := New(Config{URL: rc.URL + "/hook", Headers: map[string]string{"Authorization": "Bearer " + token}, HTTPClient: rc.Client()})
		_, err := n.Notify(context.Background(), samples()["mention"])
		if err == nil {
			t.Fatalf("pad %d: no error", pad)
		}
		for i := 0; i+8 <= len(token); i++ {
			if piece := token[i : i+8]; strings.Contains(err.Error(), piece) {
				t.Errorf("pad %d: the error quotes a piece of the token (%q): %v", pad, piece, err)
				break
			}
		}
	}
}
