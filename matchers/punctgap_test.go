package matchers

import "testing"

// TestPunctuationBetweenWords: punctuation the query writes between two
// words that joins no name ("Dr. Pepper", E*TRADE, "Acme, Inc") may
// stand there in the document too, and the words without it still
// match; elsewhere in a phrase the words must stand side by side.
func TestPunctuationBetweenWords(t *testing.T) {
	tests := []struct {
		name, query string
		doc         Doc
		want        bool
	}{
		{"abbreviation dot as written", `"Dr. Pepper"`, Doc{Text: "a can of Dr. Pepper"}, true},
		{"abbreviation dot left out", `"Dr. Pepper"`, Doc{Text: "a can of Dr Pepper"}, true},
		{"abbreviation dot, run together", `"Dr. Pepper"`, Doc{Text: "a can of DrPepper"}, true},
		{"abbreviation dot: words in different sentences", `"Dr. Pepper"`, Doc{Text: "Dr. Smith came. Pepper too"}, false},
		{"abbreviation dot: title and text", `"Dr. Pepper"`, Doc{Title: "Dr.", Text: "Pepper"}, false},
		{"asterisk as written", "E*TRADE", Doc{Text: "my E*TRADE account"}, true},
		{"asterisk, other case", "E*TRADE", Doc{Text: "my E*Trade account"}, true},
		{"asterisk left out", "E*TRADE", Doc{Text: "ETRADE and E-Trade"}, true},
		{"asterisk: handle", "E*TRADE", Doc{Text: "@etrade why"}, true},
		{"asterisk: the parts apart", "E*TRADE", Doc{Text: "e-mail about trade"}, false},
		{"asterisk: other words", "E*TRADE", Doc{Text: "F*TRADE"}, false},
		{"comma in a phrase", `"Acme, Inc"`, Doc{Text: "Acme, Inc. reported"}, true},
		{"comma in a phrase: other word between", `"Acme, Inc"`, Doc{Text: "Acme and Inc"}, false},
		{"a gap without punctuation stays tight", `"Acme, Inc bank"`, Doc{Text: "Acme, Inc. bank"}, false},
		{"exact with punctuation", `="Dr. Pepper"`, Doc{Text: "Dr. Pepper"}, true},
		{"exact with punctuation: not a form", `="Dr. Pepper"`, Doc{Text: "Dr. Peppers"}, false},
		{"exclusion with punctuation", `soda -"Dr. Pepper"`, Doc{Text: "soda: Dr. Pepper"}, false},
		{"a phrase without punctuation does not cross it", `"Acme Inc"`, Doc{Text: "Acme. Inc"}, false},
	}
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, tc.doc); got != tc.want {
			t.Errorf("%s: %s in %+v: matched %v, want %v", tc.name, tc.query, tc.doc, got, tc.want)
		}
	}
}

// TestDigitsRunTogether: a phrase with a number in it is also found with
// its words run together (7-Eleven, 7Eleven), as one without is; numbers
// alone are not (1 1 is not 11).
func TestDigitsRunTogether(t *testing.T) {
	tests := []struct {
		query, text string
		want        bool
	}{
		{"7-Eleven", "at the 7Eleven store", true},
		{"7-Eleven", "at the 7-Eleven store", true},
		{"7-Eleven", "at the 7 Eleven store", true},
		{`"iPhone 15"`, "my iPhone15 broke", true},
		{"7-Eleven", "eleven 7", false},
		{"7-Eleven", "77Eleven", false},
		{`"1 1"`, "11 of them", false},
	}
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, Doc{Text: tc.text}); got != tc.want {
			t.Errorf("%s in %q: matched %v, want %v", tc.query, tc.text, got, tc.want)
		}
	}
}

// TestPunctuationGapIsTheQuerys: where a query writes punctuation between
// two words, the document may have that punctuation there and no other:
// a list ("Dr., Pepper"), a question or an exclamation between the words,
// another sentence mark or a line break do not join them into the name.
func TestPunctuationGapIsTheQuerys(t *testing.T) {
	tests := []struct {
		query, text string
		want        bool
	}{
		{`"Dr. Pepper"`, "a can of Dr. Pepper", true},
		{`"Dr. Pepper"`, "a can of Dr.\u00a0Pepper", true},
		{`"Dr. Pepper"`, "a can of Dr .Pepper", true},
		{`"Acme, Inc"`, "Acme, Inc. reported", true},
		{"E*TRADE", "my E*Trade account", true},
		{`"Dr. Pepper"`, "Dr., Pepper, Cola", false},
		{`"Dr. Pepper"`, "who is the Dr? Pepper knows", false},
		{`"Dr. Pepper"`, "call the Dr! Pepper spray", false},
		{`"Dr. Pepper"`, "Dr; Pepper", false},
		{`"Dr. Pepper"`, "wait... Dr... Pepper", false},
		{`"Dr. Pepper"`, "the Dr (Pepper said)", false},
		{`"Dr. Pepper"`, "thanks, Dr.\nPepper here", false},
		{`"Acme, Inc"`, "Acme. Inc", false},
		{`"Acme, Inc"`, "Acme — Inc", false},
		{"E*TRADE", "grade E. Trade war", false},
		{"E*TRADE", "plan E, trade", false},
	}
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, Doc{Text: tc.text}); got != tc.want {
			t.Errorf("%s in %q: matched %v, want %v", tc.query, tc.text, got, tc.want)
		}
	}
}
