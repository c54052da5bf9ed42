package score

import (
	"encoding/json"
	"reflect"
	"sync"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestResultJSON checks the field names score --json prints (SPEC.md).
func TestResultJSON(t *testing.T) {
	e := newTestEngine(t, specRules()...)
	b, err := json.Marshal(e.Score(Input{Text: "Это обман, верните деньги!"}))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"lang", "sentiment", "negativity", "importance", "severity", "tags", "rules"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON %s lacks %q", b, k)
		}
	}
	rules, _ := m["rules"].([]any)
	if len(rules) == 0 {
		t.Fatalf("no rules in %s", b)
	}
	for _, r := range rules {
		fr, _ := r.(map[string]any)
		if fr["name"] == nil || fr["effect"] == nil {
			t.Errorf("rule %v lacks name or effect", r)
		}
	}
	// empty lists are [] not null
	b, _ = json.Marshal(e.Score(Input{Text: "Отчёт"}))
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["tags"] == nil || m["rules"] == nil {
		t.Errorf("empty lists must be [] in %s", b)
	}
}

func TestTagsMerge(t *testing.T) {
	e := newTestEngine(t)
	r := e.Score(Input{Text: "Мошенники!", Tags: []string{"vip", "fraud"}, Source: model.Source{Tags: []string{"advocate", "vip"}}})
	want := []string{"vip", "fraud", "advocate"}
	if !reflect.DeepEqual(r.Tags[:3], want) {
		t.Errorf("tags %v, want %v first", r.Tags, want)
	}
	seen := map[string]bool{}
	for _, tg := range r.Tags {
		if seen[tg] {
			t.Errorf("duplicate tag %q in %v", tg, r.Tags)
		}
		seen[tg] = true
	}
}

// TestConcurrent scores from many goroutines at once (run with -race) and
// checks every result equals the sequential one.
func TestConcurrent(t *testing.T) {
	e := newTestEngine(t, specRules()...)
	cases := fixtureCases(t)
	want := make([]Result, len(cases))
	for i, c := range cases {
		want[i] = e.Score(Input{Text: c.Text, Brand: c.Brand})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(cases))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range cases {
				i := (k + g*7) % len(cases)
				got := e.Score(Input{Text: cases[i].Text, Brand: cases[i].Brand})
				if !reflect.DeepEqual(got, want[i]) {
					errs <- cases[i].Text
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("concurrent result differs for %q", s)
	}
}
