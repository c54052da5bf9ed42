package score

import (
	"slices"
	"sort"
	"testing"
)

// shapeNames are the shape features (kinds s, o, l) of text as the tagger
// gives them to the model.
func shapeNames(t *testing.T, e *Engine, text, brand string) []string {
	t.Helper()
	var names nameSink
	e.featHook = func(s *scratch, sg signals) {
		names = nameSink{}
		shapeFeatures(s, &sg, names, true)
	}
	e.Score(Input{Text: text, Brand: brand, Lang: "ru"})
	var out []string
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// TestIntentShapeFeatures: the question shapes are read from where the "?"
// stands and what opens its sentence, and each kind of shape has a case
// where it is absent.
func TestIntentShapeFeatures(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text      string
		has, lack []string
	}{
		{"@quasar_help как подключить автоплатёж?", []string{"s:to.brand", "o:как|?", "s:open.c.ask|?", "s:end?|asks", "s:q.last|asks", "s:q.one", "l:автоп"},
			[]string{"s:q.quote", "s:q.afterlink|asks", "s:to.other"}},
		{"@Квазар подскажите, берут ли процент за снятие наличных", []string{"s:imper|$", "s:li|$", "s:asknomark|asks", "s:end$|asks"},
			[]string{"s:q.one", "s:q.last|asks"}},
		{"Кто-нибудь знает, работает ли Квазар сегодня", []string{"s:anyone|$", "s:li|$"}, []string{"s:imper|$"}},
		{"Квазар, вы издеваетесь?! Третий день без связи!!", []string{"s:to.brandname", "s:q.mid|no", "s:excl2", "s:end!|no"},
			[]string{"s:q.last|no", "s:caps"}},
		{"Он спросил: «а Квазар вообще работает?» и ушёл.", []string{"s:q.quote"}, nil},
		{"Квазар снизит ставки? http://t.co/x", nil, []string{"s:q.afterlink|no"}},
		{"Читаю http://t.co/x и что, Квазар снизит ставки?", []string{"s:q.afterlink|no"}, nil},
		{"@friend ты на Квазаре сидишь?)", []string{"s:to.other", "s:q.smile"}, []string{"s:to.brand"}},
		{"КВАЗАР ВЕРНИТЕ МОИ ДЕНЬГИ", []string{"s:caps"}, nil},
		{"Мне нужно закрыть счёт в Квазаре", []string{"s:need|no"}, nil},
	} {
		brand := "Квазар"
		if c.text[0] == '@' && c.text[1] == 'q' {
			brand = "Quasar"
		}
		got := shapeNames(t, e, c.text, brand)
		for _, h := range c.has {
			if !slices.Contains(got, h) {
				t.Errorf("%q: no %s among %v", c.text, h, got)
			}
		}
		for _, l := range c.lack {
			if slices.Contains(got, l) {
				t.Errorf("%q: %s, want none", c.text, l)
			}
		}
	}
}

// TestIntentSettleRequests: a question with no "?" stays a question
// whatever the model says; in a request form ("подскажите", "кто-нибудь
// знает") it complains only with a complaint's words, while a bare
// interrogative ("почему у них такой интернет") may complain as the model
// decides.
func TestIntentSettleRequests(t *testing.T) {
	if got := (&signals{unmarked: true, request: true}).settle(tComplaint); got != tQuestion {
		t.Errorf("a request without a complaint's words: %v, want a question alone", got)
	}
	if got := (&signals{unmarked: true, request: true, marker: true}).settle(tComplaint); got != tQuestion|tComplaint {
		t.Errorf("a request with a complaint's words: %v, want both", got)
	}
	if got := (&signals{unmarked: true}).settle(tComplaint); got != tQuestion|tComplaint {
		t.Errorf("a bare interrogative without \"?\" the model hears a complaint in: %v, want both", got)
	}
	if got := (&signals{unmarked: true}).settle(0); got != tQuestion {
		t.Errorf("a bare interrogative without \"?\": %v, want a question", got)
	}
	if got := (&signals{}).settle(tComplaint); got != tComplaint {
		t.Errorf("no question without \"?\": %v, want the model's complaint", got)
	}
}

// TestIntentSettleCare: a message to the brand whose unfavourable words
// the care readings cleared (the weather, the author's own slip, a
// failure still to come) is no complaint under the model either, unless
// the rules found one anyway.
func TestIntentSettleCare(t *testing.T) {
	if got := (&signals{careCleared: true}).settle(tComplaint | tQuestion); got != tQuestion {
		t.Errorf("cleared by the care readings, no complaint by the rules: %v, want the question alone", got)
	}
	if got := (&signals{careCleared: true, built: tComplaint}).settle(tComplaint); got != tComplaint {
		t.Errorf("cleared in part, a complaint by the rules: %v, want the complaint", got)
	}
}
