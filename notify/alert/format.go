package alert

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// SortItems orders items most important first: by severity, then
// negativity, then importance, then newest.
func SortItems(items []Item) {
	slices.SortStableFunc(items, func(a, b Item) int {
		x, y := a.Mention, b.Mention
		if c := cmp.Compare(model.SeverityRank(y.Severity), model.SeverityRank(x.Severity)); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Negativity, x.Negativity); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Importance, x.Importance); c != 0 {
			return c
		}
		return y.FoundAt.Compare(x.FoundAt)
	})
}

// SeverityMarker is the marker shown beside a severity.
func SeverityMarker(severity string) string {
	switch severity {
	case model.SeverityCritical:
		return "🔴"
	case model.SeverityWarning:
		return "🟠"
	}
	return "⚪"
}

// SentimentMarker is the marker shown beside a sentiment.
func SentimentMarker(sentiment string) string {
	switch sentiment {
	case model.Negative:
		return "👎"
	case model.Positive:
		return "👍"
	}
	return "😐"
}

// Scores formats a mention's judgement on one line:
// "👎 negative 0.83 · importance 0.61 · 🔴 critical".
func Scores(m model.Mention) string {
	sent := m.Sentiment
	if sent == "" {
		sent = model.Neutral
	}
	sev := m.Severity
	if sev == "" {
		sev = model.SeverityInfo
	}
	return fmt.Sprintf("%s %s %.2f · importance %.2f · %s %s",
		SentimentMarker(sent), sent, m.Negativity, m.Importance, SeverityMarker(sev), sev)
}

// Rules formats the scoring rules that fired: "fraud accusation
// (negativity +0.3), critical (severity critical)".
func Rules(rules []model.FiredRule) string {
	parts := make([]string, 0, len(rules))
	for _, r := range rules {
		if r.Effect != "" {
			parts = append(parts, r.Name+" ("+r.Effect+")")
		} else {
			parts = append(parts, r.Name)
		}
	}
	return strings.Join(parts, ", ")
}

// Why explains why an item was alerted: the route that matched and the
// scoring rules that fired.
func Why(it Item) string {
	var parts []string
	if it.Why != "" {
		parts = append(parts, it.Why)
	}
	if r := Rules(it.Mention.Rules); r != "" {
		parts = append(parts, "rules: "+r)
	}
	if it.Growth > 0 {
		parts = append(parts, "thread +"+strconv.Itoa(it.Growth)+" replies")
	}
	return strings.Join(parts, "; ")
}

// Byline formats where a mention comes from: "Banki forum · Ivan ·
// 20 Nov 2026 10:00 MSK".
func Byline(m model.Mention, loc *time.Location) string {
	parts := []string{}
	if m.Source != "" {
		parts = append(parts, m.Source)
	}
	if m.Author != "" {
		parts = append(parts, m.Author)
	}
	t := m.PublishedAt
	if t.IsZero() {
		t = m.FoundAt
	}
	if !t.IsZero() {
		parts = append(parts, FormatTime(t, loc))
	}
	return strings.Join(parts, " · ")
}

// FormatTime formats t in loc (UTC when nil) as "20 Nov 2026 10:00 MSK".
func FormatTime(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2 Jan 2006 15:04 MST")
}

// FormatPeriod formats a group's period: "20 Nov 2026 10:00–11:00 MSK" or,
// for a day, "20 Nov 2026".
func FormatPeriod(p Period, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	s, e := p.Start.In(loc), p.End.In(loc)
	if s.IsZero() || p.Start.IsZero() {
		return ""
	}
	if e.Sub(s) >= 23*time.Hour && s.Hour() == 0 && s.Minute() == 0 {
		return s.Format("2 Jan 2006")
	}
	if s.YearDay() == e.YearDay() || (e.Hour() == 0 && e.Minute() == 0) {
		return s.Format("2 Jan 2006 15:04") + "–" + e.Format("15:04 MST")
	}
	return s.Format("2 Jan 2006 15:04") + "–" + e.Format("2 Jan 15:04 MST")
}

// markup escapes the three characters that are markup in Slack mrkdwn
// and in Telegram's HTML parse mode.
var markup = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Escape makes s plain text in Slack mrkdwn and in Telegram's HTML parse
// mode: & < > become &amp; &lt; &gt; and nothing else changes (a quote
// inside an HTML attribute is the caller's to escape).
func Escape(s string) string { return markup.Replace(s) }

// Title returns the mention's title, or a stand-in when it has none.
func Title(m model.Mention) string {
	if t := strings.TrimSpace(m.Title); t != "" {
		return t
	}
	if m.URL != "" {
		return m.URL
	}
	return "(untitled)"
}

// Truncate shortens s to at most n runes, ending with "…" when cut.
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// Counts summarises a group: "12 mentions · 3 negative · 1 critical".
func Counts(items []Item) string {
	neg, crit := 0, 0
	for _, it := range items {
		if it.Mention.Sentiment == model.Negative {
			neg++
		}
		if it.Mention.Severity == model.SeverityCritical {
			crit++
		}
	}
	s := Plural(len(items), "mention", "mentions")
	if neg > 0 {
		s += " · " + strconv.Itoa(neg) + " negative"
	}
	if crit > 0 {
		s += " · " + strconv.Itoa(crit) + " critical"
	}
	return s
}

// Plural formats n with the singular or plural noun.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// WaveSummary describes a wave in one sentence.
func WaveSummary(w *Wave) string {
	win := w.WindowEnd.Sub(w.WindowStart)
	return fmt.Sprintf("%s in the last %s — usually %.1f ± %.1f (wave threshold %.0f)",
		Plural(w.Count, "negative mention", "negative mentions"), humanDuration(win), w.Mean, w.StdDev, w.Threshold)
}

func humanDuration(d time.Duration) string {
	switch {
	case d == time.Hour:
		return "hour"
	case d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + " hours"
	case d%time.Minute == 0:
		return strconv.Itoa(int(d/time.Minute)) + " minutes"
	}
	return d.String()
}

// CleanSnippet folds the snippet's whitespace (newlines, runs of spaces)
// into single spaces, trims it, and cuts it to at most n runes (adding
// "…"), keeping the marks that survive, moved to match.
func CleanSnippet(sn model.Snippet, n int) model.Snippet {
	// newPos maps each byte offset of the old text to the new one.
	var b strings.Builder
	newPos := make([]int, len(sn.Text)+1)
	space := false
	for i, r := range sn.Text {
		// The width read, not the rune's: an invalid byte reads as a
		// one-byte U+FFFD.
		_, w := utf8.DecodeRuneInString(sn.Text[i:])
		if unicode.IsSpace(r) {
			for k := 0; k < w; k++ {
				newPos[i+k] = b.Len()
			}
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		for k := 0; k < w; k++ {
			newPos[i+k] = b.Len()
		}
		b.WriteRune(r)
	}
	newPos[len(sn.Text)] = b.Len()
	text := b.String()
	cut := len(text)
	runes := 0
	for i := range text {
		if runes == n {
			cut = i
			break
		}
		runes++
	}
	if cut < len(text) {
		// Cut between words when a word boundary is near.
		if sp := strings.LastIndexByte(text[:cut], ' '); sp > 0 && utf8.RuneCountInString(text[sp:cut]) <= 20 {
			cut = sp
		}
	}
	out := model.Snippet{Text: text[:cut]}
	for _, mk := range sn.Marks {
		if mk[0] < 0 || mk[1] > len(sn.Text) || mk[0] >= mk[1] {
			continue
		}
		s, e := newPos[mk[0]], newPos[mk[1]]
		// A mark ending in whitespace ends at the last kept byte.
		for e > s && e <= len(text) && text[e-1] == ' ' {
			e--
		}
		if s < e && e <= cut {
			out.Marks = append(out.Marks, [2]int{s, e})
		}
	}
	if cut < len(text) {
		out.Text = strings.TrimRight(out.Text, " ") + "…"
	}
	return out
}
