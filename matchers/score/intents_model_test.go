package score

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestIntentModelShipped: the built-in Russian model parses, carries
// weights for words and for the rules' signals, and every engine uses it.
func TestIntentModelShipped(t *testing.T) {
	m := builtinIntentModels()["ru"]
	if m == nil {
		t.Fatal("data/intents_ru.model carries no weights")
	}
	if len(m.w) < 100 {
		t.Errorf("%d weights, want a model of the words too", len(m.w))
	}
	for _, name := range [][2]string{{"", "bias"}, {"r", "complaint"}, {"r", "question"}} {
		if _, ok := m.w[featHash(name[0], name[1], "")]; !ok {
			t.Errorf("no weight for %s", featName(name[0], name[1], ""))
		}
	}
	e := newTestEngine(t)
	if e.intentModels["ru"] != m {
		t.Error("the engine does not use the built-in model")
	}
}

// TestIntentModelHashesNames: a weight written under a feature's name in a
// model file is found under the hash the tagger computes for the same
// feature of a text, for every kind of feature a Russian text gives.
func TestIntentModelHashesNames(t *testing.T) {
	e := newTestEngine(t)
	var names nameSink
	e.featHook = func(s *scratch, sg signals) {
		names = nameSink{}
		intentFeatures(s, &sg, names)
	}
	e.Score(Input{Text: "@Квазар почему опять не работает приложение?! Верните деньги (( http://t.co/x", Brand: "Квазар", Lang: "ru"})
	if len(names) < 20 {
		t.Fatalf("%d features: %v", len(names), names)
	}
	kinds := map[string]bool{}
	var file strings.Builder
	file.WriteString("cut\t0\t0\t0\n")
	for name := range names {
		kind, _, _ := strings.Cut(name, ":")
		kinds[kind] = true
		fmt.Fprintf(&file, "%s\t1\t0\t0\n", name)
	}
	for _, k := range []string{"", "r", "n", "u", "b", "e", "s", "o", "l"} {
		if !kinds[k] {
			t.Errorf("no feature of kind %q among %v", k, names)
		}
	}
	m, err := parseIntentModel("test.model", file.String())
	if err != nil {
		t.Fatal(err)
	}
	var want float32
	for _, v := range names {
		want += v
	}
	var got float32
	e.featHook = func(s *scratch, sg signals) {
		sc := scorer{m: m}
		intentFeatures(s, &sg, &sc)
		got = sc.sum[0]
	}
	e.Score(Input{Text: "@Квазар почему опять не работает приложение?! Верните деньги (( http://t.co/x", Brand: "Квазар", Lang: "ru"})
	if d := got - want; d > 1e-4 || d < -1e-4 {
		t.Errorf("the model's sum over the text's features is %v, want %v", got, want)
	}
}

// TestIntentModelDecides: with a model, its score decides a Russian
// text's complaint, question and praise; a language without one is left to the rules; the
// shapes the model does not overrule stay.
func TestIntentModelDecides(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// a model that hears a complaint in "кошмар" and nothing else, asks
	// nothing and praises nothing
	m, err := parseIntentModel("test.model", "cut\t0.5\t0.5\t0.5\n:bias\t-1\t-1\t-1\nu:кошма\t2\t0\t0\n")
	if err != nil {
		t.Fatal(err)
	}
	e.intentModels = map[string]*intentModel{"ru": m} // English without one
	tags := func(text, lang string) []string {
		return e.Score(Input{Text: text, Brand: "Квазар", Lang: lang}).Tags
	}
	if got := tags("Квазар — кошмар, а не банк", "ru"); !model.HasTag(got, TagComplaint) {
		t.Errorf("кошмар: %v, want complaint", got)
	}
	if got := tags("Квазар опять заблокировал карту, ужасный сервис", "ru"); model.HasTag(got, TagComplaint) {
		t.Errorf("the model, not the rules, decides a Russian complaint: %v", got)
	}
	if got := tags("Квазар, вы лучшие, спасибо!", "ru"); model.HasTag(got, TagPraise) {
		t.Errorf("the model, not the rules, decides Russian praise: %v", got)
	}
	if got := tags("Quasar blocked my card again, terrible service", "en"); !model.HasTag(got, TagComplaint) {
		t.Errorf("English is the rules': %v, want complaint", got)
	}
	if got := tags("Подскажите, сколько стоит обслуживание карты Квазар", "ru"); !model.HasTag(got, TagQuestion) {
		t.Errorf("a question without \"?\" stays one: %v", got)
	}
}

// TestParseIntentModelErrors: a broken model file names its line.
func TestParseIntentModelErrors(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{"cut\t0\t0\n", "x.model:1: 3 fields"},
		{"# c\nu:банк\t1\tx\t0\n", "x.model:2:"},
		{"nokind\t1\t1\t1\n", `x.model:1: feature "nokind"`},
	} {
		if _, err := parseIntentModel("x.model", c.data); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.data, err, c.want)
		}
	}
	if m, err := parseIntentModel("x.model", "# only a comment\ncut\t0\t0\t0\n"); m != nil || err != nil {
		t.Errorf("a file with no weights: %v, %v; want no model", m, err)
	}
}
