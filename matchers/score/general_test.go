package score

import (
	"testing"
)

// TestGeneralMechanisms checks the mechanisms that carry across domains
// (issue 12, items 2 and 3), each with a sentence that needs it and, where
// it could overreach, one that must not be touched.
func TestGeneralMechanisms(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct {
		name, brand, lang, text, want string
	}{
		// a word of a name is no opinion; a capital word alone is
		{"name", "", "en", "Western Force kicks off the new Super Rugby season on the road", "neutral"},
		{"name at a shop", "", "en", "Picked up a charger at Best Buy on the way home", "neutral"},
		{"not a name", "", "en", "The new season looks Super, can't wait", "positive"},
		// "like" the preposition is no praise, the verb is
		{"like the preposition", "", "en", "Getting in line at like 9 tomorrow for the concert", "neutral"},
		{"like the verb", "", "en", "I like the new update a lot", "positive"},
		// a comparison turns toward the brand
		{"better than brand", "Orbitel", "en", "Nexa is faster than Orbitel everywhere I go", "negative"},
		{"лучше чем бренд", "МТС", "ru", "Мегафон быстрее чем МТС", "negative"},
		// "не смотря на" is a concession, not a negation
		{"не смотря на", "МТС", "ru", "МТС не смотря на отвратительное качество связи поднимает цены", "negative"},
		// a smiley beside bad news is irony
		{"ironic smiley", "МТС", "ru", "МТС, Билайн и Мегафон оштрафовали :)", "negative"},
		{"smiley alone", "МТС", "ru", "Купил новую симку МТС, отлично работает :)", "positive"},
		// a support reply is the company speaking
		{"support reply", "Билайн", "ru", "@user Уточните, пожалуйста, номер договора: проверим, нет ли ограничений на номере. Билайн", "neutral"},
		{"support reply en", "Orbitel", "en", "Orbitel here, sorry about the outage, please DM us your account number", "neutral"},
		// VADER's chat abbreviations spelled like a word or a name are read
		// as the word ("hand" is no "have a nice day", "Mia" no "missing in
		// action", "Kia" a car maker)
		{"hand", "", "en", "Holding a coffee in one hand, phone in the other", "neutral"},
		{"Mia", "", "en", "Mia and I went to the show", "neutral"},
		{"Kia", "", "en", "My cousin drives a Kia", "neutral"},
		// a compound hashtag is split into words (and see TestHashtagName)
		{"compound hashtag", "", "en", "Three hours on the tarmac again #worstairline", "negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Brand: c.brand, Lang: c.lang})
			if r.Sentiment != c.want {
				t.Errorf("%q: %s (negativity %.2f, %v), want %s", c.text, r.Sentiment, r.Negativity, r.Evidence, c.want)
			}
		})
	}
}

// TestHashtagName: a capitalised hashtag is a name, not a compound to split
// ("ill" in #Illustrator): it moves nothing; a lower-case one still is split.
func TestHashtagName(t *testing.T) {
	e := newTestEngine(t)
	if r := e.Score(Input{Text: "Trying a new brush set in #Illustrator tonight", Lang: "en"}); len(r.Evidence) != 0 {
		t.Errorf("#Illustrator: evidence %v, want none", r.Evidence)
	}
	if r := e.Score(Input{Text: "Three hours on the tarmac again #worstairline", Lang: "en"}); len(r.Evidence) == 0 {
		t.Error("#worstairline: no evidence, want the compound split")
	}
}
