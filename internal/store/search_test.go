package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// searchParityRows are mentions whose words need splitting and folding:
// accents (precomposed and combining), ё, capitals, host names, hyphens,
// punctuation without spaces, quotes.
var searchParityRows = []model.Mention{
	{Title: "Café Müller", Text: "refund refused"},
	{Title: "Ёлка и ЁЖИК", Text: "в офисе"},
	{Title: "ПРИЛОЖЕНИЕ БАНКА", Text: "не работает"},
	{Title: "Outage", Text: "status.acme-bank.com is down today"},
	{Title: "Wi-Fi in the branch", Text: "gone"},
	{Title: "«Акме» снова", Text: `"support" не отвечает!!!`},
	{Title: "naïve SEÑOR", Text: "façade Łódź"},
	{Title: "don't panic", Text: ""},
	{Title: "Ошибка...банк,карта;перевод", Text: ""},
	{Title: "Cre\u0300me", Text: "bru\u0302le\u0301e"},
	{Title: "Йогурт", Text: "ΣΟΦΟΣ"},
}

// TestInboxSearchParity: the same searches find the same mentions on
// SQLite and PostgreSQL, in any case, with or without accents, ё or е,
// in host names and hyphenated words, and nothing for words that are not
// there.
func TestInboxSearchParity(t *testing.T) {
	cases := []struct {
		words []string
		want  []string
	}{
		{[]string{"cafe"}, []string{"Café Müller"}},
		{[]string{"CAFÉ", "müller"}, []string{"Café Müller"}},
		{[]string{"muller"}, []string{"Café Müller"}},
		{[]string{"MÜLLER"}, []string{"Café Müller"}},
		{[]string{"елка"}, []string{"Ёлка и ЁЖИК"}},
		{[]string{"ёлка"}, []string{"Ёлка и ЁЖИК"}},
		{[]string{"ЕЖИК"}, []string{"Ёлка и ЁЖИК"}},
		{[]string{"приложение"}, []string{"ПРИЛОЖЕНИЕ БАНКА"}},
		{[]string{"Банка"}, []string{"Ошибка...банк,карта;перевод", "ПРИЛОЖЕНИЕ БАНКА"}},
		{[]string{"status.acme-bank.com"}, []string{"Outage"}},
		{[]string{"acme.com"}, []string{"Outage"}},
		{[]string{"bank"}, []string{"Outage"}},
		{[]string{"wi-fi"}, []string{"Wi-Fi in the branch"}},
		{[]string{"fi"}, []string{"Wi-Fi in the branch"}},
		{[]string{`"support"`}, []string{"«Акме» снова"}},
		{[]string{"«акме»"}, []string{"«Акме» снова"}},
		{[]string{"naive", "senor"}, []string{"naïve SEÑOR"}},
		{[]string{"FACADE", "ŁÓDŹ"}, []string{"naïve SEÑOR"}},
		{[]string{"don't"}, []string{"don't panic"}},
		{[]string{"перевод", "КАРТА"}, []string{"Ошибка...банк,карта;перевод"}},
		{[]string{"creme", "brulee"}, []string{"Cre\u0300me"}},
		{[]string{"crème"}, []string{"Cre\u0300me"}},
		{[]string{"йогурт"}, []string{"Йогурт"}},
		{[]string{"σοφος"}, []string{"Йогурт"}},
		// Not there: other words, words run together, й is not и.
		{[]string{"кафе"}, nil},
		{[]string{"acmebank"}, nil},
		{[]string{"иогурт"}, nil},
		{[]string{"lodz"}, nil}, // ł is a letter of its own, as in SQLite
		{[]string{"cafe", "ёжик"}, nil},
		{[]string{"wifi"}, nil},
		{[]string{`"NEAR OR*`, "-)"}, nil},
	}
	var mu sync.Mutex
	found := map[string][][]int64{} // engine → ids found by each case
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		ids := inboxFixture(t, s, searchParityRows...)
		var all [][]int64
		for _, c := range cases {
			got, err := s.InboxMentions(ctx, InboxFilter{Words: c.words})
			if err != nil {
				t.Errorf("%q: %v", c.words, err)
				continue
			}
			if !slices.Equal(titles(got), c.want) {
				t.Errorf("%q: got %q, want %q", c.words, titles(got), c.want)
			}
			// By place in the fixture, not by id: the engines number alike
			// but need not.
			var places []int64
			for _, m := range got {
				places = append(places, int64(slices.Index(ids, m.ID)))
			}
			all = append(all, places)
		}
		mu.Lock()
		found[t.Name()] = all
		mu.Unlock()
	})
	lite, pg := found[t.Name()+"/sqlite"], found[t.Name()+"/postgres"]
	if lite == nil || pg == nil {
		return // postgres skipped
	}
	for i, c := range cases {
		if !slices.Equal(lite[i], pg[i]) {
			t.Errorf("%q: SQLite found %v, PostgreSQL %v", c.words, lite[i], pg[i])
		}
	}
}

// TestSearchMigrationFillsExisting: a PostgreSQL database from before the
// stored words (migration 18) gets them on opening, for every mention, in
// batches, and its mentions are found as new ones are.
func TestSearchMigrationFillsExisting(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		if !onPostgres(t) {
			t.Skip("PostgreSQL's migration")
		}
		s, path := open(t)
		ctx := context.Background()
		n := 2*fillSearchBatch + 17
		rows := make([]model.Mention, n)
		for i := range rows {
			rows[i] = model.Mention{Title: fmt.Sprintf("Отзыв %d", i), Text: "Ёлка у status.acme.com"}
		}
		rows[n-1].Text = "Café"
		inboxFixture(t, s, rows...)
		// Back to version 17: no stored words, the old index.
		for _, q := range []string{
			`ALTER TABLE mentions DROP COLUMN search`,
			`DELETE FROM schema_migrations WHERE version = 18`,
			`CREATE INDEX mentions_words ON mentions USING GIN (to_tsvector('simple', title || ' ' || text))`,
		} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		s = reopen(t, path)
		var unset, old int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM mentions WHERE search IS NULL`).Scan(&unset); err != nil {
			t.Fatal(err)
		}
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'mentions_words'`).Scan(&old); err != nil {
			t.Fatal(err)
		}
		if unset != 0 || old != 0 {
			t.Errorf("%d mentions without words, old index: %d", unset, old)
		}
		for _, c := range []struct {
			words []string
			want  int
		}{
			{[]string{"елка", "acme"}, n - 1},
			{[]string{"cafe"}, 1},
			{[]string{"отзыв", "2016"}, 1},
			{[]string{"кафе"}, 0},
		} {
			got, err := s.InboxMentions(ctx, InboxFilter{Words: c.words})
			if err != nil || len(got) != c.want {
				t.Errorf("%q: %d mentions, want %d (%v)", c.words, len(got), c.want, err)
			}
		}
	})
}

// TestSearchVector: the stored words are each word once, quoted, and
// leave out what PostgreSQL cannot hold.
func TestSearchVector(t *testing.T) {
	long := fmt.Sprintf("%03000d", 7) // one word of 3,000 digits
	for _, c := range []struct {
		title, text, want string
	}{
		{"Café Café", "café au lait", `'cafe' 'au' 'lait'`},
		{"", "", ``},
		{"...", "--", ``},
		{"Ёж", long + " ok", `'еж' 'ok'`},
	} {
		if got := searchVector(c.title, c.text); got != c.want {
			t.Errorf("searchVector(%q, %q) = %q, want %q", c.title, c.text, got, c.want)
		}
	}
	if got, want := pgLexeme(`it's\`), `'it''s\\'`; got != want {
		t.Errorf("pgLexeme = %q, want %q", got, want)
	}
	var huge []byte
	for i := range 200000 {
		huge = fmt.Appendf(huge, "w%d ", i)
	}
	if got := searchVector("", string(huge)); len(got) > pgMaxVector || len(got) < pgMaxVector/2 {
		t.Errorf("vector of a huge text: %d bytes, want at most %d", len(got), pgMaxVector)
	}
}
