package matchers

import (
	"slices"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestLangsMatchConfig keeps the codes a brand's lang filter accepts in
// step with the codes detection returns.
func TestLangsMatchConfig(t *testing.T) {
	a, b := slices.Clone(Langs), slices.Clone(config.Langs)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		t.Errorf("matchers.Langs %v, config.Langs %v", a, b)
	}
}

// TestLangFilter checks that a brand's lang filter keeps the neighbours'
// complaints when it lists their languages, that German no longer passes
// as English, and that "other" still admits every language but Russian and
// English.
func TestLangFilterNeighbours(t *testing.T) {
	m, err := Compile([]Brand{
		{Name: "shipped", Query: `"Квазар Банк" OR "Quasar Bank"`, Lang: []string{"ru", "uk", "be", "kk", "en"}},
		{Name: "ru-en", Query: `"Квазар Банк" OR "Quasar Bank"`, Lang: []string{"ru", "en"}},
		{Name: "other", Query: `"Квазар Банк" OR "Quasar Bank"`, Lang: []string{"other"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, lang string
		brands     []string
	}{
		{"Квазар Банк заблокував мою картку, що робити", LangUK, []string{"shipped", "other"}},
		{"Квазар Банк заблакаваў маю картку", LangBE, []string{"shipped", "other"}},
		{"Квазар Банк картамды бұғаттады", LangKK, []string{"shipped", "other"}},
		{"Квазар Банк заблокировал мою карту", LangRU, []string{"shipped", "ru-en"}},
		{"Quasar Bank blocked my card again", LangEN, []string{"shipped", "ru-en"}},
		{"Die App von Quasar Bank funktioniert seit gestern nicht", LangDE, []string{"other"}},
		{"La app de Quasar Bank no funciona desde ayer", LangES, []string{"other"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			r := m.Match(Doc{Text: tc.text})
			if r.Lang != tc.lang {
				t.Errorf("lang %s, want %s", r.Lang, tc.lang)
			}
			var got []string
			for _, x := range r.Matches {
				got = append(got, x.Brand)
			}
			if !slices.Equal(got, tc.brands) {
				t.Errorf("brands %v, want %v", got, tc.brands)
			}
		})
	}
}
