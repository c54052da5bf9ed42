package store

import (
	"database/sql"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestSearchWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Café Müller", []string{"cafe", "muller"}},
		{"CRE\u0300ME bru\u0302le\u0301e", []string{"creme", "brulee"}}, // combining accents dropped
		{"naïve SEÑOR façade Łódź", []string{"naive", "senor", "facade", "łodz"}},
		{"Ёлка и ЁЖИК", []string{"елка", "и", "ежик"}},
		{"ПРИЛОЖЕНИЕ Банка", []string{"приложение", "банка"}},
		{"йогурт Й", []string{"йогурт", "й"}}, // й is a letter of its own
		{"status.acme-bank.com", []string{"status", "acme", "bank", "com"}},
		{"Wi-Fi, don't «Акме» \"support\"!!!", []string{"wi", "fi", "don", "t", "акме", "support"}},
		{"ошибка...банк,карта;перевод", []string{"ошибка", "банк", "карта", "перевод"}},
		{"ΣΟΦΟΣ ſ µ ı İ", []string{"σοφοσ", "s", "μ", "ı", "i"}},
		{"2024 x² ½", []string{"2024", "x²", "½"}},
		{"", nil},
		{" ... -- 'quoted' ", []string{"quoted"}},
		{"\u0301accent alone", []string{"accent", "alone"}}, // an accent opening nothing parts words
		{"a\u0305b", []string{"a", "b"}},                    // a mark SQLite does not drop parts words
		{"$100 + 5% = €", []string{"100", "5"}},
	} {
		if got := searchWords(c.in); !slices.Equal(got, c.want) {
			t.Errorf("searchWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSearchWordsAsSQLite: searchWords splits and folds as SQLite's FTS4
// tokenizer, with the inbox's options (unicode61, remove_diacritics=1,
// ё written е), does, for every character of the Latin, Greek and
// Cyrillic blocks, ASCII and general punctuation and currency signs
// between two letters. Characters Unicode assigned or reclassified after
// version 6.1 (SQLite's tables) are left out.
func TestSearchWordsAsSQLite(t *testing.T) {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE tok USING fts3tokenize('unicode61', 'remove_diacritics=1')`); err != nil {
		t.Fatal(err)
	}
	st, err := db.Prepare(`SELECT token FROM tok WHERE input = ` + ftsYo("?"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sqliteWords := func(s string) []string {
		rows, err := st.Query(s)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var w string
			if err := rows.Scan(&w); err != nil {
				t.Fatal(err)
			}
			out = append(out, w)
		}
		return out
	}
	after61 := func(r rune) bool { return r == 0x37F || r >= 0x528 && r <= 0x52F || r >= 0x20BA }
	n := 0
	for _, span := range [][2]rune{{0x20, 0x7E}, {0xA0, 0x52F}, {0x1E00, 0x206F}, {0x20A0, 0x20CF}} {
		for r := span[0]; r <= span[1]; r++ {
			if after61(r) || !unicode.IsPrint(r) && !unicode.Is(unicode.Mn, r) {
				continue
			}
			for _, s := range []string{"a" + string(r) + "b", string(r) + "Б", "Я" + string(r)} {
				n++
				if got, want := searchWords(s), sqliteWords(s); !slices.Equal(got, want) {
					t.Errorf("U+%04X: searchWords(%q) = %q, SQLite %q", r, s, strings.Join(got, "|"), strings.Join(want, "|"))
				}
			}
		}
	}
	if n < 5000 {
		t.Fatalf("only %d strings compared", n)
	}
}
