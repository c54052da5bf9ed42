package digest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

func buildFixture(t *testing.T, brands []string, cfg config.Digest) *Digest {
	t.Helper()
	st := openStore(t)
	fill(t, st, fixture, fixtureEnd)
	d, err := Build(context.Background(), st, brands, cfg, fixtureEnd, 0, moscow)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuild(t *testing.T) {
	d := buildFixture(t, []string{"Acme Bank", "Beta Pay"}, fixtureConfig())

	if d.Year != 2026 || d.Week != 47 {
		t.Errorf("week %d-%d, want 2026-47 (the week the period is about)", d.Year, d.Week)
	}
	if !d.Start.Equal(fixtureEnd.Add(-fixtureWeek)) || !d.End.Equal(fixtureEnd) || d.Start.Location() != moscow {
		t.Errorf("period %v – %v", d.Start, d.End)
	}
	if d.ID != "20261123T060000Z" {
		t.Errorf("ID %q", d.ID)
	}
	if len(d.Brands) != 2 || d.Brands[0].Name != "Acme Bank" || d.Brands[1].Name != "Beta Pay" {
		t.Fatalf("brands %+v", d.Brands)
	}
	acme := d.Brands[0]
	// 13 mentions this week (the backfill one is left out), 4 negative;
	// 3 the week before, 2 of them negative.
	if acme.Total != 13 || acme.Negative != 4 || acme.PrevTotal != 3 || acme.PrevNegative != 2 {
		t.Errorf("acme counts %d/%d, previous %d/%d; want 13/4, 3/2", acme.Total, acme.Negative, acme.PrevTotal, acme.PrevNegative)
	}
	if got := acme.NegativeShare(); got < 0.307 || got > 0.308 {
		t.Errorf("negative share %v", got)
	}

	// Days: Monday 16 to Monday 23, both partial, in Moscow time.
	if len(acme.Days) != 8 || acme.Days[0].Date.Format("Mon 2") != "Mon 16" || acme.Days[7].Date.Format("Mon 2") != "Mon 23" {
		t.Fatalf("days %v", acme.Days)
	}
	sumT, sumN := 0, 0
	for _, day := range acme.Days {
		sumT += day.Total
		sumN += day.Negative
	}
	if sumT != acme.Total || sumN != acme.Negative {
		t.Errorf("days add up to %d/%d, want %d/%d", sumT, sumN, acme.Total, acme.Negative)
	}
	if day := acme.Days[6]; day.Total != 3 || day.Negative != 1 { // Sun 22: 12:53, 22:53, 02:53 MSK
		t.Errorf("Sunday %+v, want 3 mentions, 1 negative", day)
	}

	kinds := func(b Brand) []string {
		var k []string
		for _, s := range b.Sections {
			k = append(k, s.Kind)
		}
		return k
	}
	if got, want := kinds(acme), []string{KindNegative, KindImportant, model.SourceFeed, model.SourceForum, model.SourceProfile}; !slices.Equal(got, want) {
		t.Errorf("sections %v, want %v", got, want)
	}
	// Every mention of the period is in exactly one section.
	seen := map[string]int{}
	listed := 0
	for _, s := range acme.Sections {
		listed += s.Total
		if len(s.Mentions) > 3 {
			t.Errorf("section %s lists %d mentions, top is 3", s.Kind, len(s.Mentions))
		}
		if s.More() != s.Total-len(s.Mentions) {
			t.Errorf("section %s: More %d", s.Kind, s.More())
		}
		for _, m := range s.Mentions {
			seen[m.URL]++
		}
	}
	if listed != acme.Total {
		t.Errorf("sections hold %d mentions, want %d", listed, acme.Total)
	}
	for u, n := range seen {
		if n > 1 {
			t.Errorf("%s listed %d times", u, n)
		}
	}
	neg := acme.Sections[0]
	if neg.Total != 4 || neg.More() != 1 {
		t.Errorf("negative section: %d in all, %d more", neg.Total, neg.More())
	}
	wantNeg := []string{
		"Акме Банк заблокировал карту и молчит третий день", // critical, 0.91
		"Acme Bank fined over misleading overdraft fees",    // critical, 0.78
		"Re: Комиссия за перевод",                           // warning, 0.66
	}
	for i, m := range neg.Mentions {
		if m.Title != wantNeg[i] {
			t.Errorf("negative #%d is %q, want %q", i+1, m.Title, wantNeg[i])
		}
		if m.Sentiment != model.Negative {
			t.Errorf("negative section holds a %s mention", m.Sentiment)
		}
	}
	if imp := acme.Sections[1]; imp.Total != 1 || imp.Mentions[0].Title != "Acme Bank opens its first branch in Kazan" {
		t.Errorf("important section %+v", imp)
	}
	feeds := acme.Sections[2]
	if feeds.Total != 5 || feeds.Mentions[0].Title != "Acme Bank app adds Russian voice assistant" {
		t.Errorf("feeds section: total %d, first %q", feeds.Total, feeds.Mentions[0].Title)
	}
	for _, s := range acme.Sections[2:] {
		for i := 1; i < len(s.Mentions); i++ {
			if s.Mentions[i].Importance > s.Mentions[i-1].Importance {
				t.Errorf("section %s is not sorted by importance", s.Kind)
			}
		}
		for _, m := range s.Mentions {
			if m.SourceType != s.Kind {
				t.Errorf("section %s holds a %s mention", s.Kind, m.SourceType)
			}
		}
	}

	// Carried over: the unhandled critical mention of the week before, not
	// the handled one.
	co := acme.CarriedOver
	if co.Total != 1 || len(co.Mentions) != 1 || co.Mentions[0].Title != "Re: Звонят «из Акме Банка»" {
		t.Errorf("carried over %+v", co)
	}
	for _, s := range acme.Sections {
		for _, m := range s.Mentions {
			if m.Backfill {
				t.Errorf("backfill mention %q in the digest", m.Title)
			}
		}
	}

	beta := d.Brands[1]
	if beta.Total != 2 || beta.Negative != 1 || beta.PrevTotal != 1 || beta.CarriedOver.Total != 0 {
		t.Errorf("beta %+v", beta)
	}
}

func TestBuildBrands(t *testing.T) {
	all := []string{"Acme Bank", "Beta Pay"}
	tests := []struct {
		name   string
		brands []string
		only   []string
		want   []string
		totals []int
	}{
		{"all in config order", all, nil, all, []int{13, 2}},
		{"digest.brands narrows and orders", all, []string{"beta pay"}, []string{"Beta Pay"}, []int{2}},
		{"digest.brands order wins", all, []string{"Beta Pay", "ACME BANK", "beta pay"}, []string{"Beta Pay", "Acme Bank"}, []int{2, 13}},
		{"a brand with no mentions", []string{"Gamma"}, nil, []string{"Gamma"}, []int{0}},
		{"no brands", nil, nil, nil, nil},
	}
	st := openStore(t)
	fill(t, st, fixture, fixtureEnd)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := fixtureConfig()
			cfg.Brands = tc.only
			d, err := Build(context.Background(), st, tc.brands, cfg, fixtureEnd, 0, moscow)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			var totals []int
			for _, b := range d.Brands {
				names = append(names, b.Name)
				totals = append(totals, b.Total)
			}
			if !slices.Equal(names, tc.want) || !slices.Equal(totals, tc.totals) {
				t.Errorf("brands %v %v, want %v %v", names, totals, tc.want, tc.totals)
			}
		})
	}
}

func TestBuildPeriods(t *testing.T) {
	st := openStore(t)
	fill(t, st, fixture, fixtureEnd)
	tests := []struct {
		name        string
		until       time.Time
		since       time.Duration
		loc         *time.Location
		days, total int
		week        int
	}{
		{"one day", fixtureEnd, 24 * time.Hour, moscow, 2, 3, 47},
		{"whole days in UTC", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), fixtureWeek, nil, 7, 12, 47},
		{"two weeks", fixtureEnd, 2 * fixtureWeek, moscow, 15, 16, 47},
		{"an empty future week", fixtureEnd.Add(fixtureWeek), fixtureWeek, moscow, 8, 0, 48},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Build(context.Background(), st, []string{"Acme Bank"}, fixtureConfig(), tc.until, tc.since, tc.loc)
			if err != nil {
				t.Fatal(err)
			}
			b := d.Brands[0]
			if len(b.Days) != tc.days || b.Total != tc.total || d.Week != tc.week {
				t.Errorf("%d days, %d mentions, week %d; want %d, %d, %d", len(b.Days), b.Total, d.Week, tc.days, tc.total, tc.week)
			}
			if tc.loc == nil && d.Location != time.UTC {
				t.Errorf("location %v, want UTC", d.Location)
			}
		})
	}
}

func TestSubject(t *testing.T) {
	brand := func(name string, total, neg int) Brand { return Brand{Name: name, Total: total, Negative: neg} }
	tests := []struct {
		name   string
		prefix string
		brands []Brand
		want   string
	}{
		{"one brand", DefaultPrefix, []Brand{brand("Acme Bank", 42, 7)}, "mentionwatch: Acme Bank — 42 mentions, 7 negative (week 47)"},
		{"one mention", DefaultPrefix, []Brand{brand("Акме Банк", 1, 0)}, "mentionwatch: Акме Банк — 1 mention, 0 negative (week 47)"},
		{"several brands", DefaultPrefix, []Brand{brand("Acme Bank", 42, 7), brand("Beta Pay", 50, 5), brand("Gamma", 5, 0)},
			"mentionwatch: 3 brands — 97 mentions, 12 negative (week 47)"},
		{"custom prefix", "[PR] Weekly", []Brand{brand("Acme Bank", 0, 0)}, "[PR] Weekly: Acme Bank — 0 mentions, 0 negative (week 47)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &Digest{Prefix: tc.prefix, Week: 47, Brands: tc.brands}
			if got := d.Subject(); got != tc.want {
				t.Errorf("Subject() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSubjectPrefixFromConfig(t *testing.T) {
	cfg := fixtureConfig()
	cfg.Email.Subject = "  Acme PR digest "
	d := buildFixture(t, []string{"Acme Bank"}, cfg)
	if got, want := d.Subject(), "Acme PR digest: Acme Bank — 13 mentions, 4 negative (week 47)"; got != want {
		t.Errorf("Subject() = %q, want %q", got, want)
	}
}

func TestChange(t *testing.T) {
	tests := []struct {
		cur, prev int
		want      string
	}{
		{42, 25, "+68%"}, {10, 20, "−50%"}, {5, 5, "no change"}, {3, 0, "new"}, {0, 4, "−100%"}, {0, 0, "no change"},
	}
	for _, tc := range tests {
		if got := change(tc.cur, tc.prev); got != tc.want {
			t.Errorf("change(%d, %d) = %q, want %q", tc.cur, tc.prev, got, tc.want)
		}
	}
}

func TestBar(t *testing.T) {
	tests := []struct {
		total, neg, max, width int
		wantNeg, wantRest      int
	}{
		{0, 0, 10, 30, 0, 0},
		{10, 0, 10, 30, 0, 30},
		{10, 10, 10, 30, 30, 0},
		{5, 1, 10, 30, 3, 12},
		{1, 0, 1000, 30, 0, 1}, // a day with mentions is never invisible
		{2, 1, 1000, 30, 1, 1}, // nor its negative part, nor the rest
		{1, 1, 1000, 30, 1, 0},
	}
	for _, tc := range tests {
		n, r := bar(tc.total, tc.neg, tc.max, tc.width)
		if n != tc.wantNeg || r != tc.wantRest {
			t.Errorf("bar(%d, %d, %d, %d) = %d, %d; want %d, %d", tc.total, tc.neg, tc.max, tc.width, n, r, tc.wantNeg, tc.wantRest)
		}
	}
}

func TestWrap(t *testing.T) {
	s := "Полгода как перешла в *Акме Банк* — кэшбэк приходит вовремя, поддержка отвечает за минуту."
	lines := wrap(s, 30)
	if strings.Join(lines, " ") != s {
		t.Errorf("wrap lost words: %q", lines)
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 30 {
			t.Errorf("line %q is %d characters", l, n)
		}
	}
	if got := wrap("https://example.org/a-very-long-link-that-cannot-be-broken", 10); len(got) != 1 {
		t.Errorf("a long word was broken: %q", got)
	}
}
