package score

import (
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// negOf scores text and returns its negativity.
func negOf(t *testing.T, e *Engine, text string) float64 {
	t.Helper()
	return e.Score(Input{Text: text}).Negativity
}

// TestOrderings checks that each device moves negativity the right way:
// the first text of each pair must be more negative than the second.
func TestOrderings(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct {
		name, more, less string
	}{
		{"intensifier ru", "Очень плохой сервис", "Плохой сервис"},
		{"intensifier en", "The service is extremely bad", "The service is bad"},
		{"diminisher ru", "Неудобное приложение", "Слегка неудобное приложение"},
		{"diminisher en", "The app is annoying", "The app is somewhat annoying"},
		{"kind of", "The app is annoying", "The app is kind of annoying"},
		{"least", "This is the least helpful bank", "This is the most helpful bank"},
		{"exclamation", "Сервис ужасный!!!", "Сервис ужасный"},
		{"capitals", "The service is AWFUL", "The service is awful"},
		{"elongation", "ужаааасно", "ужасно"},
		{"negated praise ru", "Не рекомендую", "Рекомендую"},
		{"negated praise en", "I do not recommend it", "I recommend it"},
		{"negated complaint", "Приложение не работает", "Приложение работает"},
		{"contrast ru", "Сотрудники вежливые, но очередь огромная", "Очередь огромная, но сотрудники вежливые"},
		{"contrast en", "The staff was nice but the wait was awful", "The wait was awful but the staff was nice"},
		{"concession en", "Although the staff was nice, the wait was awful", "Although the wait was awful, the staff was nice"},
		{"emoticon", "Карту выдали :(", "Карту выдали :)"},
		{"closing smiley", ":) terrible traffic today", "terrible traffic today :)"},
		{"vader emoticon", "Where are my CDs? =/", "Where are my CDs?"},
		{"brackets", "Карту выдали((((", "Карту выдали)))"},
		{"emoji", "Карту выдали 😡", "Карту выдали 👍"},
		{"profanity", "Сбербанк бл*ть опять", "Сбербанк опять"},
		{"masked en", "This bank is sh*t", "This bank is fine"},
		{"complaint phrase", "Верните деньги за подписку", "Деньги за подписку"},
		{"never again", "Никогда больше не закажу", "Закажу ещё"},
		{"double negation ru", "Ни разу не помогли", "Помогли"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			more, less := negOf(t, e, c.more), negOf(t, e, c.less)
			if more <= less {
				t.Errorf("negativity(%q) = %.2f, not above negativity(%q) = %.2f", c.more, more, c.less, less)
			}
		})
	}
}

func TestNegativityRange(t *testing.T) {
	e := newTestEngine(t)
	for _, text := range []string{"", " ", "...", strings.Repeat("ужасно ", 500), strings.Repeat("прекрасно ", 500), "👍👍👍👍👍👍"} {
		r := e.Score(Input{Text: text})
		if r.Negativity < 0 || r.Negativity > 1 || r.Importance < 0 || r.Importance > 1 {
			t.Errorf("%.20q: negativity %v importance %v out of [0,1]", text, r.Negativity, r.Importance)
		}
	}
	if r := e.Score(Input{Text: "Отчёт опубликован в понедельник"}); r.Negativity != NeutralNegativity || r.Sentiment != "neutral" {
		t.Errorf("a text without evidence: %+v", r)
	}
}

func TestThresholds(t *testing.T) {
	text := "Поддержка отвечает медленно"
	strict, err := New(scoringWithThresholds(0.95, 0.05), Options{})
	if err != nil {
		t.Fatal(err)
	}
	loose, err := New(scoringWithThresholds(0.5, 0.4), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := strict.Score(Input{Text: text}); r.Sentiment != "neutral" {
		t.Errorf("strict thresholds: %s %.2f", r.Sentiment, r.Negativity)
	}
	if r := loose.Score(Input{Text: text}); r.Sentiment != "negative" {
		t.Errorf("loose thresholds: %s %.2f", r.Sentiment, r.Negativity)
	}
	// positive needs positive evidence even below the threshold
	if r := loose.Score(Input{Text: "Отчёт опубликован"}); r.Sentiment != "neutral" {
		t.Errorf("no evidence: %s %.2f", r.Sentiment, r.Negativity)
	}
}

func TestLangDetect(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct{ text, declared, want string }{
		{"Банк снова не работает", "", "ru"},
		{"The bank is down again", "", "en"},
		{"@Beeline_RUS опять LTE не ловит", "", "ru"},
		{"12345 !!!", "", "other"},
		{"Банк", "en", "en"},
		{"Bank", "xx", "en"},
	} {
		if got := e.Score(Input{Text: c.text, Lang: c.declared}).Lang; got != c.want {
			t.Errorf("lang(%q, %q) = %s, want %s", c.text, c.declared, got, c.want)
		}
	}
}

func TestEvidence(t *testing.T) {
	e := newTestEngine(t)
	text := "Ужасный сервис, верните деньги :("
	r := e.Score(Input{Text: text})
	if len(r.Evidence) == 0 || len(r.Evidence) > 5 {
		t.Fatalf("evidence %v", r.Evidence)
	}
	for _, ev := range r.Evidence {
		if !strings.Contains(text, ev.Text) || ev.Valence >= 0 {
			t.Errorf("evidence %+v", ev)
		}
	}
	found := false
	for _, ev := range r.Evidence {
		found = found || ev.Text == "верните деньги"
	}
	if !found {
		t.Errorf("evidence %v lacks the complaint phrase", r.Evidence)
	}
}

func TestTargeting(t *testing.T) {
	e := newTestEngine(t)
	text := "Новости дня. Альфа-Банк запустил удобное приложение. В другом банке, который все обсуждают, снова сбой, ужасные очереди и хамство."
	whole := e.Score(Input{Text: text})
	alfa := e.Score(Input{Text: text, Brand: "Альфа-Банк"})
	if alfa.Negativity >= whole.Negativity {
		t.Errorf("words far from the brand should count less: brand %.2f, whole text %.2f", alfa.Negativity, whole.Negativity)
	}
	// matched terms locate the brand when its name is spelled otherwise
	r := e.Score(Input{Text: "Ужасный сервис у альфы. В других банках, где я бывал в прошлом году, сотрудники молодцы.", Brand: "Альфа-Банк", Matched: []string{"альфы"}})
	if r.Sentiment != "negative" {
		t.Errorf("brand located by matched term: %+v", r)
	}
}

func TestTokenize(t *testing.T) {
	var d doc
	tokenize("RT @Beeline_RUS: интернет НЕ работает http://t.co/x ёлки! #билайнотстой х*йня )))", &d)
	var words, mentions []string
	var emoticons int
	for _, tk := range d.toks {
		switch tk.kind {
		case tokWord:
			words = append(words, tk.norm)
		case tokMention:
			mentions = append(mentions, tk.norm)
		case tokEmoticon:
			if tk.val > 0 {
				emoticons++
			}
		}
	}
	want := "rt интернет не работает елки билайнотстой х*йня"
	if got := strings.Join(words, " "); got != want {
		t.Errorf("words %q, want %q", got, want)
	}
	if len(mentions) != 1 || mentions[0] != "beeline_rus" {
		t.Errorf("mentions %v", mentions)
	}
	if emoticons != 1 {
		t.Errorf("smileys %d", emoticons)
	}
	for _, tk := range d.toks {
		if tk.norm == "не" && !tk.caps {
			t.Error("НЕ should be marked as capitals")
		}
		if tk.norm == "х*йня" && !tk.masked {
			t.Error("х*йня should be marked as masked")
		}
	}
	// balanced brackets are not smileys, a list number is not either, nor
	// one bracket a word follows at once in a text cut short
	for _, text := range []string{"Тариф (новый) и 1) пункт", "going into a Minor 3rd setting (at…", "Тариф (с 1 марта"} {
		tokenize(text, &d)
		for _, tk := range d.toks {
			if tk.kind == tokEmoticon && tk.val != 0 {
				t.Errorf("%q: bracket read as smiley: %+v", text, tk)
			}
		}
	}
	// a bracket after a word or a space with nothing after it is a frown
	for _, text := range []string{"Карту не выдали (", "Карту не выдали((", "опять (( не работает"} {
		tokenize(text, &d)
		frown := false
		for _, tk := range d.toks {
			frown = frown || tk.kind == tokEmoticon && tk.val < 0
		}
		if !frown {
			t.Errorf("%q: no frown", text)
		}
	}
}

func TestMaskMatch(t *testing.T) {
	for _, c := range []struct {
		w, term string
		prefix  bool
		want    bool
	}{
		{"х*й", "хуй", false, true},
		{"f***", "fuck", false, true},
		{"f**k", "fuck", false, true},
		{"бл*", "бля", false, true},
		{"п*здец", "пизд", true, true},
		{"****", "fuck", false, false},
		{"fuck", "fuck", false, false},
		{"онл*йн", "хуй", false, false},
		{"х*", "хуй", false, false},
	} {
		if got := maskMatch(c.w, c.term, c.prefix); got != c.want {
			t.Errorf("maskMatch(%q, %q, %v) = %v", c.w, c.term, c.prefix, got)
		}
	}
}

func scoringWithThresholds(neg, pos float64) config.Scoring {
	return config.Scoring{Thresholds: config.Thresholds{Negative: neg, Positive: pos}}
}
