package slack

import (
	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// FoldItems is how many mentions a folded message (a storm) shows: the
// worst, by severity then negativity.
const FoldItems = 5

// renderFold renders a storm: the mentions of one brand beyond
// alerts.burst in one message that counts them, shows the worst few and
// links the inbox filtered to them. Every one of them is in the message's
// metadata (mention_ids).
func renderFold(msg *alert.Message) Payload {
	n := len(msg.Items)
	blocks := []slack.Block{
		header("⚡ " + msg.Brand + " — " + alert.Plural(n, "more mention", "more mentions") + " as they happen"),
		contextBlock(Escape("too many to post one by one · " + alert.Counts(msg.Items))),
		slack.NewDividerBlock(),
	}
	blocks = appendTop(blocks, msg, FoldItems)
	more := ""
	if n > FoldItems {
		more = "… and " + alert.Plural(n-FoldItems, "more mention", "more mentions")
	}
	if msg.InboxURL != "" {
		open := link(msg.InboxURL, "Open all "+alert.Plural(n, "mention", "mentions")+" in the inbox")
		if more != "" {
			more += " · " + open
		} else {
			more = open
		}
	}
	if more != "" {
		blocks = append(blocks, contextBlock(more))
	}
	text := "⚡ " + Escape(msg.Brand) + ": " + Escape(alert.Plural(n, "more mention", "more mentions")) +
		" (" + Escape(alert.Counts(msg.Items)) + ")"
	return Payload{Text: text, Blocks: blocks}
}
