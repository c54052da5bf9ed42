package digest

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Subject is the e-mail subject. For one brand it names the brand:
//
//	mentionwatch: Acme Bank — 42 mentions, 7 negative (week 47)
//
// for several it counts them and gives the totals:
//
//	mentionwatch: 3 brands — 97 mentions, 12 negative (week 47)
func (d *Digest) Subject() string {
	total, neg := d.Totals()
	who := fmt.Sprintf("%d brands", len(d.Brands))
	if len(d.Brands) == 1 {
		who = d.Brands[0].Name
	}
	return fmt.Sprintf("%s: %s — %s, %d negative (week %d)", d.Prefix, who, plural(total, "mention", "mentions"), neg, d.Week)
}

// Totals sums the mentions and negative mentions of every brand.
func (d *Digest) Totals() (total, negative int) {
	for _, b := range d.Brands {
		total += b.Total
		negative += b.Negative
	}
	return total, negative
}

// Period describes the period for people: "Mon 16 Nov 2026 09:00 – Mon
// 23 Nov 2026 09:00 (Europe/Moscow)".
func (d *Digest) Period() string {
	const f = "Mon 2 Jan 2006 15:04"
	return fmt.Sprintf("%s – %s (%s)", d.Start.Format(f), d.End.Format(f), zoneName(d.End))
}

func zoneName(t time.Time) string {
	if n := t.Location().String(); n != "Local" && n != "" {
		return n
	}
	name, _ := t.Zone()
	return name
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// change describes cur against prev: "+68%", "−12%", "no change", or
// "new" when there was nothing before.
func change(cur, prev int) string {
	switch {
	case cur == prev:
		return "no change"
	case prev == 0:
		return "new"
	}
	p := math.Round(float64(cur-prev) / float64(prev) * 100)
	if p >= 0 {
		return fmt.Sprintf("+%.0f%%", p)
	}
	return fmt.Sprintf("−%.0f%%", -p)
}

// trend is -1, 0 or +1 as cur is below, equal to or above prev.
func trend(cur, prev int) int {
	switch {
	case cur > prev:
		return 1
	case cur < prev:
		return -1
	}
	return 0
}

func percent(share float64) string { return fmt.Sprintf("%.0f%%", math.Round(share*100)) }

// title is the mention's title, or where it has none its link without
// the scheme, or "(no title)".
func title(m model.Mention) string {
	if t := strings.TrimSpace(m.Title); t != "" {
		return truncate(t, 160)
	}
	if u, err := url.Parse(m.URL); err == nil && u.Host != "" {
		return truncate(u.Host+u.RequestURI(), 80)
	}
	return "(no title)"
}

// when is the mention's publication time, else when it was found.
func when(m model.Mention, loc *time.Location) string {
	t := m.PublishedAt
	if t.IsZero() {
		t = m.FoundAt
	}
	return t.In(loc).Format("Mon 2 Jan 15:04")
}

// meta is the line under a mention's title: source, type, author, time,
// tags.
func meta(m model.Mention, loc *time.Location) string {
	parts := []string{m.Source}
	if m.SourceType != "" {
		parts = append(parts, m.SourceType)
	}
	if a := strings.TrimSpace(m.Author); a != "" {
		parts = append(parts, a)
	}
	parts = append(parts, when(m, loc))
	s := strings.Join(parts, " · ")
	if len(m.Tags) > 0 {
		s += " · #" + strings.Join(m.Tags, " #")
	}
	return s
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func dayLabel(t time.Time) string { return t.Format("Mon 2 Jan") }

// bar scales a day's volume to at most width units: the whole bar and its
// negative part. A non-empty bar or part is at least one unit wide.
func bar(total, negative, max, width int) (neg, rest int) {
	if total == 0 || max == 0 {
		return 0, 0
	}
	scale := func(n int) int {
		if n == 0 {
			return 0
		}
		return int(math.Max(1, math.Round(float64(n)*float64(width)/float64(max))))
	}
	all := scale(total)
	neg = scale(negative)
	if neg > all {
		all = neg
	}
	if rest = all - neg; rest == 0 && total > negative {
		rest = 1
	}
	return neg, rest
}

func maxDay(days []Day) int {
	m := 0
	for _, d := range days {
		m = max(m, d.Total)
	}
	return m
}
