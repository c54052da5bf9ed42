package websub

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestSendErrorHidesURLSecrets: the error of a refused or failed request
// names the hub with its secrets redacted, and quotes a hub's echo of the
// topic (a feed URL with its access token) redacted too.
func TestSendErrorHidesURLSecrets(t *testing.T) {
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(b))
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, "bad topic "+form.Get("hub.topic"))
	}))
	defer hub.Close()
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	topic := "https://feed.example/rss?access_token=leak-topic&v=5"
	for _, h := range []string{
		strings.Replace(hub.URL, "://", "://u:leak-hubpw@", 1) + "/?key=leak-hubkey",
		strings.Replace(dead.URL, "://", "://u:leak-hubpw@", 1) + "/?key=leak-hubkey",
	} {
		err := (&Client{}).Send(context.Background(), Request{Hub: h, Mode: ModeSubscribe,
			Topic: topic, Callback: "https://mw.example/websub/1", Secret: "s3cret-s3cret"})
		if err == nil {
			t.Fatal("no error")
		}
		for _, leak := range []string{"leak-topic", "leak-hubpw", "leak-hubkey"} {
			if strings.Contains(err.Error(), leak) {
				t.Errorf("the error shows %q: %v", leak, err)
			}
		}
		if !strings.Contains(err.Error(), "key=***") {
			t.Errorf("the error does not name the hub: %v", err)
		}
	}
}
