package slack

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// The buttons of a single mention's alert (SPEC.md): each button's
// action_id is one of these, its value the mention id.
const (
	ButtonHandled       = "handled"
	ButtonAssignMe      = "assign_me"
	ButtonFalsePositive = "false_positive"
	ButtonMuteSource    = "mute_source"
)

// Buttons lists the buttons in the order they are shown.
var Buttons = []string{ButtonHandled, ButtonAssignMe, ButtonFalsePositive, ButtonMuteSource}

// Block ids of what the buttons add to a message: the actions block and
// the context lines that say who did what. Slack wants a new block_id
// for each version of a message, so a suffix follows each prefix.
const (
	actionsBlockPrefix = "mw_actions"
	statusBlockPrefix  = "mw_status"
)

// withButtons returns p with the buttons of msg appended when msg is a
// single mention's alert.
func withButtons(msg *alert.Message, p Payload) Payload {
	if msg.Kind != alert.KindMention || len(msg.Items) != 1 || msg.Items[0].Mention.ID == 0 {
		return p
	}
	p.Blocks = append(p.Blocks, actionsBlock(msg.Items[0].Mention.ID, "", Buttons))
	return p
}

// actionsBlock is the actions block with the buttons named by ids.
func actionsBlock(mentionID int64, suffix string, ids []string) *slack.ActionBlock {
	value := strconv.FormatInt(mentionID, 10)
	var els []slack.BlockElement
	for _, id := range ids {
		var b *slack.ButtonBlockElement
		switch id {
		case ButtonHandled:
			b = button(id, "✅ Handled", value).WithStyle(slack.StylePrimary)
		case ButtonAssignMe:
			b = button(id, "🙋 Assign to me", value)
		case ButtonFalsePositive:
			b = button(id, "🚫 Not about us", value)
		case ButtonMuteSource:
			b = button(id, "🔇 Mute source", value).WithConfirm(slack.NewConfirmationBlockObject(
				slack.NewTextBlockObject(slack.PlainTextType, "Mute this source?", false, false),
				slack.NewTextBlockObject(slack.PlainTextType, "Its mentions will still be stored and shown in the inbox, "+
					"but no longer alerted. Unmute it in the inbox.", false, false),
				slack.NewTextBlockObject(slack.PlainTextType, "Mute", false, false),
				slack.NewTextBlockObject(slack.PlainTextType, "Cancel", false, false)))
		default:
			continue
		}
		els = append(els, b)
	}
	return slack.NewActionBlock(actionsBlockPrefix+suffix, els...)
}

func button(actionID, text, value string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value, slack.NewTextBlockObject(slack.PlainTextType, text, true, false))
}

// withInboxLink returns p with an "Open in inbox" link appended when msg
// is a group and the inbox's address is known: the inbox filtered to the
// group's brand and to the time since its period began.
func withInboxLink(msg *alert.Message, p Payload, base string, now time.Time) Payload {
	if msg.Kind != alert.KindGroup || base == "" {
		return p
	}
	p.Blocks = append(p.Blocks, contextBlock(link(InboxURL(base, msg.Brand, msg.Period.Start, now), "Open in inbox")+" →"))
	return p
}

// InboxURL is the inbox at base filtered to brand and, when since is
// set, to the mentions found since then (the inbox's since= takes a
// duration back from now: whole hours, rounded up).
func InboxURL(base, brand string, since, now time.Time) string {
	q := url.Values{}
	if brand != "" {
		q.Set("brand", brand)
	}
	if !since.IsZero() {
		h := int(now.Sub(since).Hours())
		if now.Sub(since) > time.Duration(h)*time.Hour {
			h++
		}
		q.Set("since", fmt.Sprintf("%dh", max(h, 1)))
	}
	u := strings.TrimRight(base, "/") + "/"
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}
