package scrape

import (
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

func TestPresets(t *testing.T) {
	got := Presets()
	if !sort.StringsAreSorted(got) {
		t.Errorf("Presets() not sorted: %v", got)
	}
	for _, want := range []string{"phpbb", "xenforo", "vbulletin", "discourse", "reddit", "telegram", "smf", "invision", "pikabu", "x", "twitter", "bluesky"} {
		if !slices.Contains(got, want) {
			t.Errorf("Presets() lacks %q: %v", want, got)
		}
	}
	for _, name := range got {
		if _, err := Compile(Spec{Type: "forum", Preset: name}); err != nil {
			t.Errorf("Compile(preset %q): %v", name, err)
		}
	}
}

// fieldErrors flattens a joined error into its field errors.
func fieldErrors(t *testing.T, err error) map[string]string {
	t.Helper()
	out := map[string]string{}
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var fe *FieldError
		if !errors.As(e, &fe) {
			t.Fatalf("error %v (%T) is not a *FieldError", e, e)
		}
		out[fe.FieldPath()] = fe.Msg
		if !strings.HasPrefix(fe.Error(), fe.Field+": ") {
			t.Errorf("Error() = %q does not start with the field", fe.Error())
		}
	}
	walk(err)
	return out
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		want map[string]string // field -> substring of the message
	}{
		{"unknown preset", Spec{Type: "forum", Preset: "vbulletin5"},
			map[string]string{"preset": `unknown preset "vbulletin5"`}},
		{"no preset and no item", Spec{Type: "profile", Selectors: config.Selectors{Text: "p"}},
			map[string]string{"selectors.item": "needs a preset or selectors.item"}},
		{"bad type", Spec{Type: "feed", Preset: "phpbb"},
			map[string]string{"type": "forum or profile"}},
		{"negative max pages", Spec{Type: "forum", Preset: "phpbb", MaxPages: -1},
			map[string]string{"max_pages": "negative"}},
		{"every bad selector at once", Spec{Type: "forum", Selectors: config.Selectors{
			Item: "div.post", Date: "a[", Link: "a@", Text: "p@1bad", Next: "a.next@href", Replies: ":nope(",
		}}, map[string]string{
			"selectors.date":    `bad selector "a["`,
			"selectors.link":    "missing attribute name",
			"selectors.text":    `bad attribute name "1bad"`,
			"selectors.replies": "bad selector",
		}},
		{"blank item", Spec{Type: "forum", Selectors: config.Selectors{Item: "  "}},
			map[string]string{"selectors.item": "needs a preset or selectors.item"}},
		{"item reading an attribute", Spec{Type: "forum", Selectors: config.Selectors{Item: "div@id"}},
			map[string]string{"selectors.item": "cannot read an attribute"}},
		{"preset and bad override", Spec{Type: "forum", Preset: "nope", Selectors: config.Selectors{Author: "]"}},
			map[string]string{"preset": "unknown preset", "selectors.author": "bad selector"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Compile(tt.spec)
			if err == nil || ex != nil {
				t.Fatalf("Compile = %v, %v; want an error", ex, err)
			}
			got := fieldErrors(t, err)
			for field, sub := range tt.want {
				msg, ok := got[field]
				if !ok {
					t.Errorf("no error for %s; got %v", field, got)
					continue
				}
				if !strings.Contains(msg, sub) {
					t.Errorf("%s: %q does not mention %q", field, msg, sub)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("got errors for %v, want exactly %v", keys(got), keys(tt.want))
			}
		})
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestCompileAccepts(t *testing.T) {
	for _, spec := range []Spec{
		{Type: "forum", Preset: "phpbb"},
		{Type: "forum", Preset: " XenForo "},
		{Type: "profile", Preset: "telegram", MaxPages: 3},
		{Type: "forum", Selectors: config.Selectors{Item: "div.post", Title: "h3 a", Text: "div.content", Author: ".author strong",
			Date: "time@datetime", Link: "h3 a@href", Next: `link[rel="next"]@href`, Replies: "@data-replies", Thread: "a.topic@href"}},
		{Type: "forum", Selectors: config.Selectors{Item: "li", Link: `a[href^="mailto:me@example.org"]@href`}},
	} {
		if _, err := Compile(spec); err != nil {
			t.Errorf("Compile(%+v): %v", spec, err)
		}
	}
}

func TestSplitAttr(t *testing.T) {
	tests := []struct{ in, sel, attr string }{
		{"time@datetime", "time", "datetime"},
		{"@data-author", "", "data-author"},
		{"div.post", "div.post", ""},
		{`a[href^="mailto:x@y"]`, `a[href^="mailto:x@y"]`, ""},
		{`a[href^="mailto:x@y"]@href`, `a[href^="mailto:x@y"]`, "href"},
		{`a:contains("@me") @ title`, `a:contains("@me")`, "title"},
	}
	for _, tt := range tests {
		sel, attr, _ := splitAttr(tt.in)
		if sel != tt.sel || attr != tt.attr {
			t.Errorf("splitAttr(%q) = %q, %q; want %q, %q", tt.in, sel, attr, tt.sel, tt.attr)
		}
	}
}

// Every preset's layouts must read something: an item selector, and text
// or a title for it.
func TestPresetLayoutsComplete(t *testing.T) {
	for name, p := range presets {
		if p.name != name && !slices.Contains(Presets(), name) {
			t.Errorf("alias %q not listed", name)
		}
		if len(p.layouts) == 0 && p.json == nil {
			t.Errorf("preset %q reads nothing", name)
		}
		for _, l := range p.layouts {
			if l.item == nil || (l.text == nil && l.title == nil) {
				t.Errorf("preset %q layout %q lacks an item or text/title", name, l.name)
			}
		}
	}
}
