package score

import "testing"

// A text with no word at all (only @handles, a link, emoji) is scored,
// not a panic: "@Verizon" alone is an ordinary reply on a social network.
func TestTextWithoutWords(t *testing.T) {
	e := newTestEngine(t)
	for _, text := range []string{"@Verizon", "@a @b @Verizon ", "@a @b @Verizon @a @b @Verizon", "https://t.co/x", "@Verizon 😡", "@Билайн"} {
		for _, in := range []Input{{Text: text}, {Text: text, Brand: "Verizon"}, {Text: text, Brand: "Verizon", Lang: "en"}, {Text: text, Brand: "Билайн", Lang: "ru"}} {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("Score(%+v) panicked: %v", in, p)
					}
				}()
				r := e.Score(in)
				if r.Sentiment == "" {
					t.Errorf("Score(%+v): no sentiment", in)
				}
			}()
		}
	}
}
