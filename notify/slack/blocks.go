package slack

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// Limits of Block Kit and of what a readable alert shows.
const (
	// TopItems is how many mentions of a group are shown.
	TopItems = 10
	// SnippetRunes caps a snippet in a single alert; GroupSnippetRunes in
	// a group.
	SnippetRunes      = 600
	GroupSnippetRunes = 240
	headerRunes       = 150  // Block Kit: header text
	sectionRunes      = 3000 // Block Kit: section text
	contextRunes      = 2000
	maxBlocks         = 50 // Block Kit: blocks in a message
	topThreads        = 5
)

// Payload is a rendered message: the fallback text Slack shows in
// notifications and the Block Kit blocks.
type Payload struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// Render turns msg into Block Kit in the spirit of a Google Alerts
// e-mail: the brand in the header; per mention a linked title, source,
// author and time, the snippet with the matched words in bold, a
// sentiment/severity marker, the tags and a "why" line.
func Render(msg *alert.Message) Payload {
	switch msg.Kind {
	case alert.KindGroup:
		return renderGroup(msg)
	case alert.KindWave:
		return renderWave(msg)
	case alert.KindFold:
		return renderFold(msg)
	case alert.KindReminder:
		return renderReminder(msg)
	}
	return renderSingle(msg)
}

func renderSingle(msg *alert.Message) Payload {
	var blocks []slack.Block
	sev := model.SeverityInfo
	var first model.Mention
	if len(msg.Items) > 0 {
		first = msg.Items[0].Mention
		if first.Severity != "" {
			sev = first.Severity
		}
	}
	reply := msg.Followup && !msg.ReplyTo.IsZero()
	switch {
	case reply:
		blocks = append(blocks, contextBlock("↳ new post in this thread"))
	case msg.Followup:
		blocks = append(blocks, header(alert.SeverityMarker(sev)+" "+msg.Brand+" · "+sev),
			contextBlock("↳ new post in a thread that already alerted"))
	default:
		blocks = append(blocks, header(alert.SeverityMarker(sev)+" "+msg.Brand+" · "+sev))
	}
	for i, it := range msg.Items {
		if len(blocks)+4 > maxBlocks-1 {
			blocks = append(blocks, contextBlock("… and "+alert.Plural(len(msg.Items)-i, "more mention", "more mentions")))
			break
		}
		m := it.Mention
		body := "*" + link(m.URL, alert.Title(m)) + "*"
		if s := snippet(m, SnippetRunes); s != "" {
			body += "\n" + s
		}
		blocks = append(blocks, section(body))
		if by := alert.Byline(m, msg.Location); by != "" {
			blocks = append(blocks, contextBlock(Escape(by)))
		}
		blocks = append(blocks, contextBlock(scoresLine(m)))
		if why := alert.Why(it); why != "" {
			blocks = append(blocks, contextBlock("_why:_ "+Escape(why)))
		}
	}
	text := alert.SeverityMarker(sev) + " " + Escape(msg.Brand) + ": " + Escape(alert.Title(first))
	if msg.Followup {
		text = "↳ " + text
	}
	return Payload{Text: text, Blocks: blocks}
}

func renderGroup(msg *alert.Message) Payload {
	n := len(msg.Items)
	blocks := []slack.Block{
		header(msg.Brand + " — " + alert.Plural(n, "new mention", "new mentions")),
	}
	ctx := []string{}
	if msg.Frequency != "" {
		ctx = append(ctx, strings.ReplaceAll(msg.Frequency, "_", " "))
	}
	if p := alert.FormatPeriod(msg.Period, msg.Location); p != "" {
		ctx = append(ctx, p)
	}
	ctx = append(ctx, alert.Counts(msg.Items))
	blocks = append(blocks, contextBlock(Escape(strings.Join(ctx, " · "))), slack.NewDividerBlock())
	blocks = appendTop(blocks, msg, TopItems)
	if n > TopItems {
		blocks = append(blocks, contextBlock("… and "+alert.Plural(n-TopItems, "more mention", "more mentions")))
	}
	text := Escape(msg.Brand) + ": " + alert.Plural(n, "new mention", "new mentions")
	if p := alert.FormatPeriod(msg.Period, msg.Location); p != "" {
		text += " (" + Escape(p) + ")"
	}
	return Payload{Text: text, Blocks: blocks}
}

func renderWave(msg *alert.Message) Payload {
	w := msg.Wave
	if w == nil {
		w = &alert.Wave{Brand: msg.Brand}
	}
	blocks := []slack.Block{
		header("🌊 Negative wave — " + msg.Brand),
		section("*" + Escape(alert.WaveSummary(w)) + "*"),
	}
	if len(w.Threads) > 0 {
		var b strings.Builder
		b.WriteString("*Top threads*")
		for i, t := range w.Threads {
			if i == topThreads {
				break
			}
			b.WriteString("\n• " + link(t.URL, alert.Truncate(t.Title, 120)) + " — " +
				alert.Plural(t.Count, "post", "posts"))
			if t.Source != "" {
				b.WriteString(" · " + Escape(t.Source))
			}
		}
		blocks = append(blocks, section(b.String()))
	}
	if !w.WindowStart.IsZero() {
		blocks = append(blocks, contextBlock(Escape("window "+alert.FormatPeriod(
			alert.Period{Start: w.WindowStart, End: w.WindowEnd}, msg.Location))))
	}
	return Payload{
		Text:   "🌊 Negative wave: " + Escape(msg.Brand) + " — " + alert.Plural(w.Count, "negative mention", "negative mentions"),
		Blocks: blocks,
	}
}

func scoresLine(m model.Mention) string {
	s := Escape(alert.Scores(m))
	if len(m.Tags) > 0 {
		tags := make([]string, len(m.Tags))
		for i, t := range m.Tags {
			tags[i] = "`" + Escape(strings.ReplaceAll(t, "`", "'")) + "`"
		}
		s += " · " + strings.Join(tags, " ")
	}
	return s
}

// snippet renders the snippet in mrkdwn with the matched words in bold,
// on one line, capped at n runes.
func snippet(m model.Mention, n int) string {
	sn := alert.CleanSnippet(m.Snippet, n)
	if sn.Text == "" {
		return ""
	}
	return sn.Render("*", "*", Escape)
}

func header(text string) slack.Block {
	return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, alert.Truncate(text, headerRunes), true, false))
}

// section and contextBlock make verbatim mrkdwn text: Slack applies the
// formatting and the links written as <url|text>, but does not parse the
// text itself — crawled "@channel", "@here", "#general" or a bare URL stay
// text instead of becoming a mention or a link.
func section(mrkdwn string) slack.Block {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, alert.Truncate(mrkdwn, sectionRunes), false, true), nil, nil)
}

func contextBlock(mrkdwn string) slack.Block {
	return slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, alert.Truncate(mrkdwn, contextRunes), false, true))
}

// link formats a mrkdwn link <url|text>; without an http(s) URL
// (alert.LinkURL), the text alone.
func link(u, text string) string {
	text = Escape(strings.Join(strings.Fields(text), " "))
	u = alert.LinkURL(u)
	if u == "" {
		return text
	}
	u = strings.NewReplacer("<", "%3C", ">", "%3E", "|", "%7C", " ", "%20").Replace(u)
	return "<" + strings.ReplaceAll(u, "&", "&amp;") + "|" + text + ">"
}

// Escape escapes text for Slack mrkdwn: & < > become entities
// (alert.Escape).
func Escape(s string) string { return alert.Escape(s) }

// appendTop appends the first n items of a grouped or folded message, one
// section each with the title, byline and snippet, and a line of scores.
func appendTop(blocks []slack.Block, msg *alert.Message, n int) []slack.Block {
	for _, it := range msg.Items[:min(n, len(msg.Items))] {
		m := it.Mention
		body := alert.SeverityMarker(m.Severity) + " *" + link(m.URL, alert.Title(m)) + "*"
		if by := alert.Byline(m, msg.Location); by != "" {
			body += "\n_" + Escape(by) + "_"
		}
		if s := snippet(m, GroupSnippetRunes); s != "" {
			body += "\n" + s
		}
		blocks = append(blocks, section(body), contextBlock(scoresLine(m)))
	}
	return blocks
}
