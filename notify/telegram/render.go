package telegram

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// MaxLen is Telegram's limit on a message's text. It counts UTF-16 code
// units after entities are parsed; Render keeps the HTML itself within
// it, which is stricter.
const MaxLen = 4096

const (
	snippetRunes      = 700
	groupSnippetRunes = 200
	topItems          = 10
	topThreads        = 5
)

// Render formats msg as Telegram HTML (the tags <b>, <i>, <a href>), with
// <, > and & escaped, at most MaxLen long.
func Render(msg *alert.Message) string {
	switch msg.Kind {
	case alert.KindGroup, alert.KindFold:
		return renderGroup(msg)
	case alert.KindWave:
		return renderWave(msg)
	case alert.KindReminder:
		return renderReminder(msg)
	}
	return renderSingle(msg)
}

func renderSingle(msg *alert.Message) string {
	sev := model.SeverityInfo
	if len(msg.Items) > 0 && msg.Items[0].Mention.Severity != "" {
		sev = msg.Items[0].Mention.Severity
	}
	head := alert.SeverityMarker(sev) + " <b>" + Escape(msg.Brand) + "</b> · " + sev
	if msg.Followup {
		head = "↳ " + head + "\n<i>new post in a thread already alerted</i>"
	}
	// Shrink the snippet until the message fits.
	for n := snippetRunes; ; n /= 2 {
		var b strings.Builder
		b.WriteString(head)
		for _, it := range msg.Items {
			b.WriteString("\n\n")
			item(&b, it, msg, n, true)
		}
		if s := b.String(); fits(s) || n < 20 {
			return clip(s)
		}
	}
}

func renderGroup(msg *alert.Message) string {
	var b strings.Builder
	b.WriteString("<b>" + Escape(msg.Brand) + "</b> — " + alert.Plural(len(msg.Items), "new mention", "new mentions"))
	meta := []string{}
	if msg.Frequency != "" {
		meta = append(meta, strings.ReplaceAll(msg.Frequency, "_", " "))
	}
	if p := alert.FormatPeriod(msg.Period, msg.Location); p != "" {
		meta = append(meta, p)
	}
	meta = append(meta, alert.Counts(msg.Items))
	b.WriteString("\n<i>" + Escape(strings.Join(meta, " · ")) + "</i>")
	shown := 0
	for i, it := range msg.Items {
		if i == topItems {
			break
		}
		var ib strings.Builder
		ib.WriteString("\n\n" + strconv.Itoa(i+1) + ". ")
		item(&ib, it, msg, groupSnippetRunes, false)
		more := "\n\n… and " + alert.Plural(len(msg.Items)-i-1, "more mention", "more mentions")
		if !fits(b.String() + ib.String() + more) {
			break
		}
		b.WriteString(ib.String())
		shown++
	}
	if rest := len(msg.Items) - shown; rest > 0 {
		b.WriteString("\n\n… and " + alert.Plural(rest, "more mention", "more mentions"))
	}
	return clip(b.String())
}

func renderWave(msg *alert.Message) string {
	w := msg.Wave
	if w == nil {
		w = &alert.Wave{Brand: msg.Brand}
	}
	var b strings.Builder
	b.WriteString("🌊 <b>Negative wave — " + Escape(msg.Brand) + "</b>\n")
	b.WriteString(Escape(alert.WaveSummary(w)))
	for i, t := range w.Threads {
		if i == topThreads {
			break
		}
		b.WriteString("\n• " + link(t.URL, alert.Truncate(t.Title, 120)) + " — " + alert.Plural(t.Count, "post", "posts"))
		if t.Source != "" {
			b.WriteString(" · " + Escape(t.Source))
		}
	}
	return clip(b.String())
}

func item(b *strings.Builder, it alert.Item, msg *alert.Message, snippetLen int, full bool) {
	m := it.Mention
	if !full {
		b.WriteString(alert.SeverityMarker(m.Severity) + " ")
	}
	b.WriteString("<b>" + link(m.URL, alert.Title(m)) + "</b>")
	if by := alert.Byline(m, msg.Location); by != "" {
		b.WriteString("\n<i>" + Escape(by) + "</i>")
	}
	if sn := alert.CleanSnippet(m.Snippet, snippetLen); sn.Text != "" {
		b.WriteString("\n" + sn.Render("<b>", "</b>", Escape))
	}
	if !full {
		return
	}
	line := alert.Scores(m)
	if len(m.Tags) > 0 {
		line += " · tags: " + strings.Join(m.Tags, ", ")
	}
	b.WriteString("\n" + Escape(line))
	if why := alert.Why(it); why != "" {
		b.WriteString("\n<i>why: " + Escape(why) + "</i>")
	}
}

// link formats an HTML link; without an http(s) URL (alert.LinkURL), the
// text alone.
func link(u, text string) string {
	text = Escape(alert.Truncate(strings.Join(strings.Fields(text), " "), 300))
	u = alert.LinkURL(u)
	if u == "" {
		return text
	}
	return `<a href="` + strings.ReplaceAll(Escape(u), `"`, "&quot;") + `">` + text + "</a>"
}

// Escape escapes text for Telegram HTML: & < > become entities
// (alert.Escape).
func Escape(s string) string { return alert.Escape(s) }

// Len is the length of s as Telegram counts it, in UTF-16 code units.
func Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func fits(s string) bool { return Len(s) <= MaxLen }

// clip is the last resort for a message still too long: cut it at a line
// break, so that no tag or entity is cut in half.
func clip(s string) string {
	for !fits(s) {
		i := strings.LastIndex(s, "\n")
		if i <= 0 {
			return "(this alert is too long to show: see mentionwatch mentions)"
		}
		s = s[:i]
	}
	return s
}
