package score

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// The development half of each Russian set is cut in two folds by the
// parity of its texts: the development rows in file order, a text (one
// tweet labelled for several companies) counted once at its first row,
// the first, third, … text fold a, the second, fourth, … fold b. Errors
// are read on one fold of one domain (banks fold a); a change is judged
// on what was not read (banks fold b, both telecom folds,
// OpenSentimentCorpus), so a mechanism is kept for what it does on text
// nobody looked at.

// foldSets are the sets the folds are printed for.
var foldSets = []string{banks, telecom, "opensentimentcorpus_ru"}

// devFolds gives each row of set its fold: 'a', 'b', or 0 for a held-out
// row.
func devFolds(set *evalset.Set) []byte {
	out := make([]byte, len(set.Rows))
	seen := map[string]byte{}
	n := 0
	for i, r := range set.Rows {
		if !r.Dev {
			continue
		}
		f, ok := seen[r.Text]
		if !ok {
			f = 'a' + byte(n%2)
			n++
			seen[r.Text] = f
		}
		out[i] = f
	}
	return out
}

// foldFigure is the metric a set is judged by (F±macro for SentiRuEval,
// 3-class macro-F1 for the others) with accuracy beside it.
func foldFigure(set string, c *evalset.Confusion) string {
	return fmt.Sprintf("%5d  acc %.3f  mF1 %.3f  F± %.3f  → %.4f", c.N(), c.Accuracy(), c.MacroF1(), c.FMacroPM(), metric(set, c))
}

// TestEvalFoldsRussian prints the two folds of each Russian development half,
// and telecom's folds with the Russian constants tuned on banks'
// development half alone (the cross-domain direction). It runs
// with MW_EVAL_DEV=only and scores no held-out row. MW_FOLD_DUMP=gold[:pred]
// prints the misread rows of banks fold a — the only rows read.
// MW_FOLD_ABLATE=file,… takes out each line of those data files in turn
// and counts the rows it wins and loses on the judged folds.
func TestEvalFoldsRussian(t *testing.T) {
	if os.Getenv("MW_EVAL_DEV") != "only" {
		t.Skip("MW_EVAL_DEV=only prints the development folds")
	}
	all, err := evalset.Load(testenv.Eval(t))
	if err != nil {
		t.Fatal(err)
	}
	var sets []evalset.Set
	for _, name := range foldSets {
		for _, s := range all {
			if s.Name == name {
				sets = append(sets, s)
			}
		}
	}
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dump := os.Getenv("MW_FOLD_DUMP")
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-30s %-5s %s\n", "set", "fold", "rows, figures; → is the set's metric")
	folds := map[string][]byte{}
	base := map[string][]string{}
	for i := range sets {
		set := &sets[i]
		fo := devFolds(set)
		folds[set.Name] = fo
		labels := make([]string, len(set.Rows))
		var c [2]evalset.Confusion
		for j, r := range set.Rows {
			if fo[j] == 0 {
				continue
			}
			res := e.Score(evalInput(set, r))
			labels[j] = res.Sentiment
			c[fo[j]-'a'].Add(r.Label, res.Sentiment)
			if dump != "" && set.Name == banks && fo[j] == 'a' && dumpMatch(banks+":"+dump, set.Name, r.Label, res.Sentiment) {
				fmt.Printf("FOLDA gold=%s pred=%s neg=%.2f %v | %s\n", r.Label, res.Sentiment, res.Negativity, res.Evidence, r.Text)
			}
		}
		base[set.Name] = labels
		dev := c[0]
		for g := range 3 {
			for p := range 3 {
				dev[g][p] += c[1][g][p]
			}
		}
		fmt.Fprintf(&b, "%-30s %-5s %s\n", set.Name, "a", foldFigure(set.Name, &c[0]))
		fmt.Fprintf(&b, "%-30s %-5s %s\n", "", "b", foldFigure(set.Name, &c[1]))
		fmt.Fprintf(&b, "%-30s %-5s %s\n", "", "dev", foldFigure(set.Name, &dev))
	}
	// the direction: constants chosen on banks' development half
	var ru []evalset.Set
	for _, s := range sets {
		if strings.HasPrefix(s.Name, "sentirueval") {
			ru = append(ru, s)
		}
	}
	reads := readSets(t, ru)
	c := tuneRussian(reads, tuned, banks)
	cs := c.curves()
	var tel [2]evalset.Confusion
	k := 0
	for _, s := range ru {
		fo := folds[s.Name]
		for j := range s.Rows {
			rd := &reads[k]
			k++
			if s.Name == telecom && fo[j] != 0 {
				tel[fo[j]-'a'].Add(rd.label, labelWith(&cs, rd))
			}
		}
	}
	fmt.Fprintf(&b, "tuned on banks dev (negAt %.2f posAt %.2f) → telecom fold a F± %.3f, fold b %.3f\n",
		c.ruNegAt, c.ruPosAt, tel[0].FMacroPM(), tel[1].FMacroPM())
	t.Log(b.String())
	if spec := os.Getenv("MW_FOLD_ABLATE"); spec != "" {
		ablateLines(t, e, sets, folds, base, strings.Split(spec, ","))
	}
}

// judged reports whether a row of set in fold f is one a change is judged
// on: banks fold b, every telecom and OpenSentimentCorpus development row.
func judged(set string, f byte) bool {
	return f == 'b' || (f == 'a' && set != banks)
}

// ablateLines takes each line of the named data files out of the lexicon
// in turn and prints, for the lines that move a judged row, the rows won
// and lost per set (banks fold b, telecom dev, OpenSentimentCorpus dev).
// Only rows whose lower-cased text holds one of the line's words (stars
// cut off) are scored again; masked profanity is not seen that way.
func ablateLines(t *testing.T, e *Engine, sets []evalset.Set, folds map[string][]byte, base map[string][]string, files []string) {
	t.Helper()
	shipped := lexiconData()
	defer func() { lexVal = shipped }()
	lower := map[string][]string{}
	for _, s := range sets {
		l := make([]string, len(s.Rows))
		for j, r := range s.Rows {
			l[j] = strings.ReplaceAll(strings.ToLower(r.Text), "ё", "е")
		}
		lower[s.Name] = l
	}
	type moved struct {
		line      string
		won, lost [3]int
		delta     [3]float64 // the judged metric's change per set
	}
	// the judged confusions of the shipped lexicon
	judgedBase := make([]evalset.Confusion, len(sets))
	for si := range sets {
		set := &sets[si]
		for j, r := range set.Rows {
			if judged(set.Name, folds[set.Name][j]) {
				judgedBase[si].Add(r.Label, base[set.Name][j])
			}
		}
	}
	var out []moved
	for _, f := range files {
		data, err := dataFS.ReadFile("data/" + f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i, line := range lines {
			code := line
			if k := strings.Index(code, "//"); k >= 0 {
				code = code[:k]
			}
			if strings.TrimSpace(code) == "" {
				continue
			}
			words := lineWords(f, code)
			cut := strings.Join(append(append(append([]string{}, lines[:i]...), ""), lines[i+1:]...), "\n")
			lx, err := loadLexiconFrom(func(name string) ([]byte, error) {
				if name == "data/"+f {
					return []byte(cut), nil
				}
				return dataFS.ReadFile(name)
			})
			if err != nil {
				t.Fatalf("%s:%d: %v", f, i+1, err)
			}
			lexVal = lx
			m := moved{line: fmt.Sprintf("%s:%d %s", f, i+1, strings.TrimSpace(code))}
			for si := range sets {
				set := &sets[si]
				fo, low := folds[set.Name], lower[set.Name]
				c := judgedBase[si]
				for j, r := range set.Rows {
					if !judged(set.Name, fo[j]) || !holdsAny(low[j], words) {
						continue
					}
					got := e.Score(evalInput(set, r)).Sentiment
					was := base[set.Name][j]
					g, w, n := evalset.Index(r.Label), evalset.Index(was), evalset.Index(got)
					c[g][w]--
					c[g][n]++
					switch {
					case got == was:
					case got == r.Label:
						m.won[si]++
					case was == r.Label:
						m.lost[si]++
					}
				}
				m.delta[si] = metric(set.Name, &c) - metric(set.Name, &judgedBase[si])
			}
			lexVal = shipped
			if m.won != [3]int{} || m.lost != [3]int{} {
				out = append(out, m)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].delta[1] > out[j].delta[1]
	})
	var b strings.Builder
	fmt.Fprintf(&b, "\nlines taken out, rows won/lost and the change of the set's metric: banks fold b (F±) | telecom dev (F±) | OSC dev (mF1)\n")
	for _, m := range out {
		fmt.Fprintf(&b, "  %+3d/%-3d %+.3f  %+3d/%-3d %+.3f  %+3d/%-3d %+.3f  %s\n", m.won[0], -m.lost[0], m.delta[0], m.won[1], -m.lost[1], m.delta[1], m.won[2], -m.lost[2], m.delta[2], m.line)
	}
	t.Log(b.String())
}

// lineWords are the words a line of data file f can match, lower-cased,
// stars and flags cut off.
func lineWords(f, code string) []string {
	if strings.HasSuffix(f, ".phr") {
		code, _, _ = strings.Cut(code, "=") // "a|b c* = V #tag"
	} else if _, terms, ok := strings.Cut(code, "|"); ok {
		code = terms // a group: "V flags | t t"
	} else if fs := strings.Fields(code); len(fs) > 0 {
		code = fs[0] // "term V flags"
	}
	var out []string
	for _, w := range strings.FieldsFunc(code, func(r rune) bool { return r == ' ' || r == '|' || r == '\t' }) {
		w = strings.ReplaceAll(strings.ToLower(strings.TrimSuffix(w, "*")), "ё", "е")
		if w == "" || w == "brand" || w == "num" || w == "_" {
			continue
		}
		out = append(out, w)
	}
	return out
}

func holdsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}
