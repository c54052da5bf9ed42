package scrape

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// editMarkers open the notes boards print when a post was edited ("Last
// edited by anna on 3 Dec 2026", "Изменено: 03.12.2026", "Отредактировано
// пользователем…", "Последний раз редактировалось…"), lower-cased with ё
// as е. The date in such a note is the edit's, never the post's.
var editMarkers = []string{
	"last edited", "last edit", "edited", "modified",
	"изменено", "изменен", "отредактировано", "отредактирован",
	"последний раз редактировалось", "последнее редактирование", "редактировалось",
}

// editClasses mark edit notes in the engines' markup (vBulletin
// p.editedby, SMF .modified and .lastedit, XenForo .message-lastEdit).
var editClasses = setOf("editedby", "lastedit", "modified", "message-lastedit", "edited", "editnote", "edit-note", "post-edited")

// wrapperEditClasses are edit classes some boards also put on a whole
// edited post ("post edited"): an element of one of them is a note only
// when its text says so.
var wrapperEditClasses = setOf("edited", "modified", "post-edited")

// editNoteAt returns the byte offset in s at which an edit note starts (a
// marker at the start of a word), or -1.
func editNoteAt(s string) int {
	low := normalizeDate(s)
	if len(low) != len(s) {
		// Folding changed byte lengths (ё is two bytes, like е, so this is
		// rare): find the marker in the folded text and map it back by
		// counting runes.
		if i := markerAt(low); i >= 0 {
			return runeOffset(s, utf8.RuneCountInString(low[:i]))
		}
		return -1
	}
	return markerAt(low)
}

func markerAt(low string) int {
	best := -1
	for _, m := range editMarkers {
		from := 0
		for {
			i := strings.Index(low[from:], m)
			if i < 0 {
				break
			}
			i += from
			if wordStart(low, i) && (best < 0 || i < best) {
				best = i
				break
			}
			from = i + len(m)
		}
	}
	return best
}

func wordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// isEditNote reports whether n is an edit note: an element with an edit
// class, or whose own text opens with an edit marker. An element that
// opens with a child note ("<span>Изменено …</span> 01.12.2026") is not a
// note itself: the child is.
func isEditNote(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	class := strings.ToLower(attrOf(n, "class"))
	if classIn(class, func(c string) bool { return editClasses[c] }) {
		// A note is a line; an element of that class holding more is a
		// wrapper a board marks as edited ("post edited"), with the post's
		// own date inside. A short post so wrapped is told from a note by
		// its words.
		text, short := textWithin(n, maxNoteText)
		if !short {
			return false
		}
		if classIn(class, func(c string) bool { return editClasses[c] && !wrapperEditClasses[c] }) {
			return true
		}
		return editNoteAt(text) >= 0
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t := strings.TrimLeftFunc(c.Data, unicode.IsSpace)
			if t == "" {
				continue
			}
			if len(t) > 64 {
				t = t[:64]
			}
			return editNoteAt(t) == 0
		case html.ElementNode:
			return false
		}
	}
	return false
}

// maxNoteText is the most text, in bytes, an edit note holds ("Last
// edited by a long user name on Wednesday, 3 December 2026 at 10:15 PM.
// Reason: …" fits).
const maxNoteText = 300

// textWithin returns the text below n, its pieces joined by spaces, and
// whether it is at most max bytes long; it stops reading as soon as it is
// not.
func textWithin(n *html.Node, max int) (string, bool) {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				t := strings.TrimSpace(c.Data)
				if t == "" {
					continue
				}
				if b.Len()+len(t) > max {
					return false
				}
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(t)
			} else if !walk(c) {
				return false
			}
		}
		return true
	}
	ok := walk(n)
	return b.String(), ok
}

// insideEditNote reports whether n, or an element between it and the item
// root, is an edit note.
func insideEditNote(n, root *html.Node) bool {
	for a := n; a != nil && a != root; a = a.Parent {
		if isEditNote(a) {
			return true
		}
	}
	return false
}

// dateText is the text of a date element without the edit notes in it:
// elements that are notes are left out, and the text is cut where a note
// written into it begins ("12.03.2024 10:15, edited 13.03.2024"). A note
// that opens the text with nothing before it leaves nothing. cut tells
// that a note was left out.
func dateText(n *html.Node, items map[*html.Node]bool) (text string, cut bool) {
	dropped := false
	drop := func(c *html.Node) bool {
		if isEditNote(c) {
			dropped = true
			return true
		}
		return false
	}
	s := strings.ReplaceAll(renderText(n, items, drop, nil), "\n", " ")
	if i := editNoteAt(s); i >= 0 {
		s, dropped = s[:i], true
	}
	return strings.TrimSpace(s), dropped
}
