package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestBadInputLines: match and score name a bad input line and what is
// wrong with it in the input's own words — the field and its JSON kind,
// never the program's type names — keep the lines around it, and list
// the bad lines in the exit message.
func TestBadInputLines(t *testing.T) {
	path := writeConfig(t, "https://feed.example/rss", "")
	for _, tc := range []struct {
		cmd   string
		in    string
		want  string // the error of the only bad line, line 2
		empty bool   // no error: the line is read
	}{
		{"match", `{"text": 5}`, `line 2: "text" is a number, not a string`, false},
		{"match", `{"title": {"a": 1}}`, `line 2: "title" is an object, not a string`, false},
		{"match", `["Acme Bank"]`, `line 2: not a JSON object {title,text,url}: it is an array`, false},
		{"match", `{"url": true}`, `line 2: "url" is true or false, not a string`, false},
		{"match", `{"title": "Acme Bank", "extra": 1}`, "", true},
		{"score", `{"text": 5}`, `line 2: "text" is a number, not a string`, false},
		{"score", `{"text": "x", "tags": "fraud"}`, `line 2: "tags" is a string, not an array`, false},
		{"score", `{"text": "x", "source": {"weight": "heavy"}}`, `line 2: "source.weight" is a string, not a number`, false},
		{"score", `{"text": "x", "published_at": "yesterday"}`, `line 2: "yesterday" is not a time in RFC 3339 (2026-11-20T10:00:00Z)`, false},
		{"score", `{"text": "Acme Bank", "lang": "en", "brand": "Acme Bank"}`, "", true},
	} {
		in := `{"title":"Acme Bank","text":"Acme Bank is fine"}` + "\n" + tc.in + "\n" + `{"text":"Acme Bank again"}` + "\n"
		code, out, errOut := cli(t, in, tc.cmd, "--json", "-c", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 {
			t.Errorf("%s %s: want 3 output lines, got %d:\n%s", tc.cmd, tc.in, len(lines), out)
			continue
		}
		var got struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal([]byte(lines[1]), &got); err != nil {
			t.Fatal(err)
		}
		if tc.empty {
			if code != 0 || got.Error != "" {
				t.Errorf("%s %s: exit %d, error %q", tc.cmd, tc.in, code, got.Error)
			}
			continue
		}
		if got.Error != tc.want {
			t.Errorf("%s %s:\n got %q\nwant %q", tc.cmd, tc.in, got.Error, tc.want)
		}
		if code != 1 || !strings.Contains(errOut, "(line 2;") {
			t.Errorf("%s %s: exit %d, want 1 and the bad line named:\n%s", tc.cmd, tc.in, code, errOut)
		}
		for _, l := range []string{lines[0], lines[2]} {
			if strings.Contains(l, `"error"`) {
				t.Errorf("%s: a good line around the bad one failed: %s", tc.cmd, l)
			}
		}
	}
}

// TestMatchReadsAFileWithByteOrderMark: a JSON-lines file saved with a
// byte order mark and CRLF line endings (Windows editors) is read whole,
// as score reads it.
func TestMatchReadsAFileWithByteOrderMark(t *testing.T) {
	path := writeConfig(t, "https://feed.example/rss", "")
	in := "\ufeff" + `{"title":"Acme Bank is fine"}` + "\r\n" + `{"text":"Acme Bank again"}` + "\r\n"
	code, out, errOut := cli(t, in, "match", "--json", "-c", path)
	if code != 0 || strings.Count(out, `"brands":["Acme Bank"]`) != 2 {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}
