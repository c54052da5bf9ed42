package score

import "testing"

// TestBrandStemPrefix checks that a brand name the English stemmer
// rewrites ("Spotify" → "spotifi") is still found, in its own form and
// with a possessive.
func TestBrandStemPrefix(t *testing.T) {
	bp := compileBrand([]string{"Spotify"})
	for _, text := range []string{"Spotify is down", "my Spotify's playlists vanished", "anyone on spotify?"} {
		var d doc
		tokenize(text, &d)
		mark := make([]bool, len(d.toks))
		if !bp.locate(d.toks, mark) {
			t.Errorf("%q: brand Spotify not found", text)
		}
	}
}
