package score

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jonreiter/govader"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// Folds of the development halves. A change to general English is read
// on one fold and judged on the other: fold "a" holds a set's 1st, 3rd,
// 5th … development rows in file order, fold "b" the 2nd, 4th, 6th ….
// Errors are read on fold a only (MW_FOLD_DIFF, MW_EVAL_DUMP with
// MW_EVAL_FOLD=a); a change is kept when fold b says so (DATA.md,
// "Sixth round on English"). No held-out row belongs to either fold.

// evalFold is the fold TestEval restricts its development rows to
// (MW_EVAL_FOLD=a|b), "" for the whole development half.
func evalFold() string {
	switch f := os.Getenv("MW_EVAL_FOLD"); f {
	case "a", "b":
		return f
	case "":
		return ""
	default:
		panic(fmt.Sprintf("MW_EVAL_FOLD=%q: want a or b", f))
	}
}

// foldOf is the fold of a set's k-th development row (k from 0).
func foldOf(k int) string {
	if k%2 == 0 {
		return "a"
	}
	return "b"
}

// TestEvalFolds prints, for each English set, the engine's and govader's
// figures on folds a and b of the development half, and a fingerprint of
// every Russian development row's reading (a change to English must leave
// it as it was), and how many English everyday tuning sentences are right
// in everything, with a fingerprint of which (a change must lose none). MW_FOLD_DIFF=set[:gold] prints the fold-a rows of set
// where the engine and govader decide differently, with both decisions.
// It reads no held-out row. MW_FOLDS=1 runs it.
func TestEvalFolds(t *testing.T) {
	if os.Getenv("MW_FOLDS") == "" {
		t.Skip("MW_FOLDS=1 prints the development folds")
	}
	sets := devEnglish(t)
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	vader := govader.NewSentimentIntensityAnalyzer()
	diff := strings.Split(os.Getenv("MW_FOLD_DIFF"), ":")
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-26s %4s %5s | %-11s | %-11s | margin mF1 acc\n", "set", "fold", "rows", "ours acc mF1", "govader")
	for _, set := range sets {
		var ours, gv [2]evalset.Confusion
		for k, r := range set.Rows {
			f := k % 2
			res := e.Score(evalInput(&set, r))
			c := vader.PolarityScores(r.Text).Compound
			g := vaderLabel(c)
			ours[f].Add(r.Label, res.Sentiment)
			gv[f].Add(r.Label, g)
			if f == 0 && diff[0] != "" && strings.Contains(set.Name, diff[0]) && res.Sentiment != g &&
				(len(diff) < 2 || diff[1] == "" || diff[1] == r.Label) {
				mark := "  "
				switch r.Label {
				case g:
					mark = "GV"
				case res.Sentiment:
					mark = "US"
				}
				fmt.Printf("%s gold=%-8s ours=%-8s gv=%-8s neg=%.2f gvc=%+.3f %v | %s\n", mark, r.Label, res.Sentiment, g, res.Negativity, c, res.Evidence, r.Text)
			}
		}
		for f := range 2 {
			o, g := &ours[f], &gv[f]
			fmt.Fprintf(&b, "%-26s %4s %5d | %.3f %.3f | %.3f %.3f | %+.3f %+.3f\n", set.Name, string(rune('a'+f)), o.N(),
				o.Accuracy(), o.MacroF1(), g.Accuracy(), g.MacroF1(), o.MacroF1()-g.MacroF1(), o.Accuracy()-g.Accuracy())
		}
	}
	fmt.Fprintf(&b, "Russian development rows: %s\n", russianFingerprint(t, e))
	fmt.Fprintf(&b, "English everyday tuning sentences: %s\n", everydayTuneEN(t))
	t.Log(b.String())
}

// evalInput is the engine's input for a labelled row of set.
func evalInput(set *evalset.Set, r evalset.Row) Input {
	in := Input{Text: r.Text, Lang: r.Lang}
	in.Brand, in.Matched = evalBrand(set.Name, r)
	in.Others = evalOthers(set, r)
	return in
}

// russianFingerprint hashes the sentiment, negativity and tags of every
// Russian development row, so that a change meant for English can be seen
// to leave Russian alone.
func russianFingerprint(t testing.TB, e *Engine) string {
	t.Helper()
	all, err := evalset.Load(testenv.Eval(t))
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	n := 0
	for _, set := range all {
		for _, r := range set.Rows {
			if !r.Dev || r.Lang == "en" {
				continue
			}
			res := e.Score(evalInput(&set, r))
			fmt.Fprintf(h, "%s|%.2f|%v\n", res.Sentiment, res.Negativity, res.Tags)
			n++
		}
	}
	return fmt.Sprintf("%d rows, %x", n, h.Sum(nil)[:8])
}

// everydayTuneEN scores the English everyday sentences of the tuning parts
// (everydayTuning: no judging or held-out part) as TestEverydayCorpus does
// and reports how many are right in everything (sentiment and every
// intent), with a fingerprint of which are.
func everydayTuneEN(t *testing.T) string {
	t.Helper()
	e := newTestEngine(t)
	h := sha256.New()
	right, n := 0, 0
	for _, file := range []string{"en", "en2", "en3", "en4", "en5"} {
		if file != "en" && !fileExists(filepath.Join("testdata", "everyday", file+".jsonl")) {
			continue
		}
		for _, r := range readEveryday(t, file) {
			if !everydayTuning(everydayHalf(file, r.line)) {
				continue
			}
			res := e.Score(Input{Text: r.Text, Brand: r.Brand})
			got := slices.DeleteFunc(slices.Clone(res.Tags), func(s string) bool { return !slices.Contains(intentNames, s) })
			slices.Sort(got)
			ok := res.Sentiment == r.Sentiment && slices.Equal(got, r.Intents)
			fmt.Fprintf(h, "%s:%d:%v\n", file, r.line, ok)
			n++
			if ok {
				right++
			}
		}
	}
	return fmt.Sprintf("%d of %d right in everything, %x", right, n, h.Sum(nil)[:8])
}
