package score

import (
	"strings"
	"testing"
)

func TestParseLexiconErrors(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"no valence", "плохо\n", "want term and valence"},
		{"bad valence", "плохо очень\n", "bad valence"},
		{"out of range", "плохо -9\n", "bad valence"},
		{"unknown flag", "плохо -2 loud\n", "unknown flag"},
		{"unknown tag", "плохо -2 #angry\n", "unknown tag"},
		{"bad negated", "плохо -2 !x\n", "bad negated valence"},
		{"bad care", "плохо -2 care=x\n", "bad care valence"},
		{"bad boost", "очень 0 boost=x\n", "bad boost"},
		{"empty group", " | плохо\n", "want valence before |"},
		{"empty stem", "* -2\n", "empty term"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := parseLexicon(newLexicon(), "test.lex", c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "test.lex:1") {
				t.Errorf("error %v, want %q at test.lex:1", err, c.want)
			}
		})
	}
	for _, c := range []struct{ name, data, want string }{
		{"no equals", "верните деньги -2\n", "want pattern = valence"},
		{"no valence", "верните деньги =\n", "missing valence"},
		{"bad valence", "верните деньги = x\n", "bad valence"},
		{"unknown flag", "верните деньги = -2 loud\n", "unknown flag"},
		{"starts with BRAND", "BRAND отстой = -1\n", "must start with a word or NUM"},
		{"starts with any", "_ часов = -1\n", "must start with a word or NUM"},
		{"NUM among words", "NUM|около часов = -1\n", "must start with a word or NUM"},
		{"empty element", "верните * = -1\n", "empty element"},
	} {
		t.Run("phrase "+c.name, func(t *testing.T) {
			err := parsePhrases(newLexicon(), "test.phr", c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestLexiconLookup(t *testing.T) {
	lx := newLexicon()
	if err := parseLexicon(lx, "t", "обман* -2.5 #fraud\nобманчивый -1\n-1 | плох* хуже\nлюбой 0 stop\nлюб* 2\n"); err != nil {
		t.Fatal(err)
	}
	lx.finish()
	for _, c := range []struct {
		w    string
		want float64
		ok   bool
	}{
		{"обманули", -2.5, true}, {"обман", -2.5, true}, {"обманчивый", -1, true}, {"плохо", -1, true},
		{"хуже", -1, true}, {"хужее", 0, false}, {"любой", 0, true}, {"любимый", 2, true}, {"об", 0, false},
	} {
		e := lx.lookup(c.w, nil)
		if (e != nil) != c.ok || (e != nil && e.val != c.want) {
			t.Errorf("lookup(%q) = %+v, want %v %v", c.w, e, c.want, c.ok)
		}
	}
}

// TestBuiltinData loads the shipped lexicons and checks their shape.
func TestBuiltinData(t *testing.T) {
	lx, err := builtinLexicon()
	if err != nil {
		t.Fatal(err)
	}
	ru, prefixes := 0, 0
	for _, e := range lx.entries {
		s, prefix := strings.CutSuffix(e.term, "*")
		if prefix {
			prefixes++
			if len([]rune(s)) < 2 {
				t.Errorf("stem %q is too short to be safe", e.term)
			}
		}
		if isCyr([]rune(s)[0]) {
			ru++
		}
	}
	if ru < 1000 || prefixes < 500 {
		t.Errorf("Russian entries %d, stems %d: the lexicon looks truncated", ru, prefixes)
	}
	if len(lx.phrases) < 150 || len(lx.profane) < 50 {
		t.Errorf("phrases %d, profanity %d", len(lx.phrases), len(lx.profane))
	}
	t.Logf("entries %d (Russian %d, stems %d), phrases %d, profanity %d", len(lx.entries), ru, prefixes, len(lx.phrases), len(lx.profane))
}
