package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// TestCommandsHideSourceURLSecrets: a source whose URL carries a token
// from the environment and a credential parameter fails by a redirect
// loop; neither run's log, nor the sources command's last error, nor
// preview's error shows either secret.
func TestCommandsHideSourceURLSecrets(t *testing.T) {
	t.Setenv("MW_TEST_CLI_TOKEN", "envtok-c11d8e2a")
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/again?"+r.URL.RawQuery, http.StatusFound)
	})
	mux.HandleFunc("/again", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed?"+r.URL.RawQuery, http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	path := writeConfig(t, srv.URL+"/feed?access_token=${MW_TEST_CLI_TOKEN}&sig=leak-sig", "")
	leaks := []string{"envtok-c11d8e2a", "leak-sig"}
	shown := func(what, text string) {
		t.Helper()
		for _, leak := range leaks {
			if strings.Contains(text, leak) {
				t.Errorf("%s shows %q:\n%s", what, leak, text)
			}
		}
	}
	_, out, errOut := cli(t, "", "-c", path, "run", "--once")
	shown("run", out+errOut)
	code, out, errOut := cli(t, "", "sources", "-c", path)
	shown("sources", out+errOut)
	if code != 0 || !strings.Contains(out, "redirect loop back to") {
		t.Errorf("sources (exit %d) lacks the error:\n%s%s", code, out, errOut)
	}
	code, out, errOut = cli(t, "", "preview", "-c", path, "News")
	shown("preview", out+errOut)
	if code == 0 || !strings.Contains(errOut, "access_token=${MW_TEST_CLI_TOKEN}") {
		t.Errorf("preview (exit %d) does not name the URL as written:\n%s%s", code, out, errOut)
	}
}

// TestCommandErrorHidesPageURLSecrets: an error that quotes the page it
// could not read (a forum source answering JSON) is printed by preview
// with the page URL's secrets redacted.
func TestCommandErrorHidesPageURLSecrets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"posts": []}`))
	}))
	defer srv.Close()
	path := writeConfig(t, srv.URL+"/feed", "")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(raw), "    url: "+srv.URL+"/feed\n",
		"    type: forum\n    url: "+srv.URL+"/api/posts?api_key=leak-json\n    selectors: {item: div.post, text: div.c}\n", 1)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "", "preview", "-c", path, "News")
	if code == 0 || strings.Contains(out+errOut, "leak-json") || !strings.Contains(errOut, "api_key=***: got JSON") {
		t.Errorf("preview (exit %d):\n%s%s", code, out, errOut)
	}
}
