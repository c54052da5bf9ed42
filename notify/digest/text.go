package digest

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// textWidth is the width plain-text lines are wrapped to.
const textWidth = 72

// textBar is the widest per-day bar in the plain-text part, in characters.
const textBar = 30

// Text renders the plain-text part: the same content as the HTML part,
// matched words marked *like this*, links written out.
func (d *Digest) Text() string {
	var b strings.Builder
	total, neg := d.Totals()
	fmt.Fprintf(&b, "%s digest — week %d, %d\n", d.Prefix, d.Week, d.Year)
	fmt.Fprintf(&b, "%s\n", d.Period())
	fmt.Fprintf(&b, "%s, %d negative\n", plural(total, "mention", "mentions"), neg)
	if len(d.Brands) > 1 {
		b.WriteString("\n")
		for _, br := range d.Brands {
			fmt.Fprintf(&b, "  %s: %s (%s), %d negative (%s)\n", br.Name,
				plural(br.Total, "mention", "mentions"), change(br.Total, br.PrevTotal), br.Negative, percent(br.NegativeShare()))
		}
	}
	for _, br := range d.Brands {
		br.text(&b, d.Location)
	}
	b.WriteString("\n-- \nSent by mentionwatch. Critical mentions stay in \"still unhandled\" until marked handled.\n")
	return b.String()
}

func (br Brand) text(b *strings.Builder, loc *time.Location) {
	rule := strings.Repeat("=", textWidth)
	fmt.Fprintf(b, "\n%s\n%s\n%s\n", rule, strings.ToUpper(br.Name), rule)
	fmt.Fprintf(b, "Mentions: %d — previous period %d (%s)\n", br.Total, br.PrevTotal, change(br.Total, br.PrevTotal))
	fmt.Fprintf(b, "Negative: %d, %s of all — previous period %d (%s)\n", br.Negative, percent(br.NegativeShare()),
		br.PrevNegative, change(br.Negative, br.PrevNegative))
	br.textResponse(b)
	if br.Total > 0 {
		b.WriteString("\nMentions per day (█ negative, ░ other):\n")
		top := maxDay(br.Days)
		for _, d := range br.Days {
			n, r := bar(d.Total, d.Negative, top, textBar)
			line := fmt.Sprintf("  %-10s  %s%s", dayLabel(d.Date), strings.Repeat("█", n), strings.Repeat("░", r))
			line += strings.Repeat(" ", max(0, 14+textBar-utf8.RuneCountInString(line)))
			fmt.Fprintf(b, "%s %4d", line, d.Total)
			if d.Negative > 0 {
				fmt.Fprintf(b, "  (%d negative)", d.Negative)
			}
			b.WriteString("\n")
		}
	} else {
		b.WriteString("\nNo mentions in this period.\n")
	}
	secs := br.Sections
	if br.CarriedOver.Total > 0 {
		secs = append(secs[:len(secs):len(secs)], br.CarriedOver)
	}
	for _, s := range secs {
		fmt.Fprintf(b, "\n%s (%d)\n%s\n", strings.ToUpper(s.Title), s.Total, strings.Repeat("-", textWidth))
		for i, m := range s.Mentions {
			if i > 0 {
				b.WriteString("\n")
			}
			textItem(b, m, loc)
		}
		if more := s.More(); more > 0 {
			fmt.Fprintf(b, "\n  … and %d more\n", more)
		}
	}
}

func textItem(b *strings.Builder, m model.Mention, loc *time.Location) {
	fmt.Fprintf(b, "* %s %s\n", textMarker(m), title(m))
	fmt.Fprintf(b, "  %s\n", meta(m, loc))
	if m.URL != "" {
		fmt.Fprintf(b, "  %s\n", m.URL)
	}
	if s := strings.TrimSpace(m.Snippet.Render("*", "*", nil)); s != "" {
		for _, line := range wrap(s, textWidth-2) {
			fmt.Fprintf(b, "  %s\n", line)
		}
	}
}

// textMarker is the sentiment marker, with the severity when it is
// warning or critical: "[negative, CRITICAL]".
func textMarker(m model.Mention) string {
	s := m.Sentiment
	if s == "" {
		s = model.Neutral
	}
	switch m.Severity {
	case model.SeverityCritical:
		s += ", CRITICAL"
	case model.SeverityWarning:
		s += ", warning"
	}
	return "[" + s + "]"
}

// wrap breaks s into lines of at most width characters at spaces (a
// longer word stays whole on its own line).
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(w)
		n += wl
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// textResponse writes the response-time lines: per severity, how many
// were handled and how fast (median, 90th percentile).
func (br Brand) textResponse(b *strings.Builder) {
	for i, g := range br.Response {
		if i == 0 {
			b.WriteString("Response time (found to handled):\n")
		}
		fmt.Fprintf(b, "  %-8s  %s, median %s, 90th percentile %s\n", g.Severity,
			plural(g.Handled, "handled", "handled"), responseDur(g.Median), responseDur(g.P90))
	}
}

// responseDur formats a response time shortly: 45s, 12m, 3h05m, 2d.
func responseDur(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}
