package matchers

import "testing"

// TestLatinQueryCyrillicHashtagZh: a Latin z is з in a Cyrillic hashtag,
// never ж (Zara is not #жара, the heat; Zenit is not #женитьба), though
// a Cyrillic ж may be written z in a Latin handle (РЖД → @rzd).
func TestLatinQueryCyrillicHashtagZh(t *testing.T) {
	checkMatchCases(t, []matchCase{
		{"Zara", "#жара в Москве", false},
		{"Zenit", "#женитьба", false},
		{"Zara", "#ЗараСкидки", true},
		{"Zenit", "#зенитчемпион", true},
		{"Zhiguli", "#жигули", true},
		{"РЖД", "@rzd_official", true},
	})
}
