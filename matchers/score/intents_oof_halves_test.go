package score

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestIntentOOFHalves (MW_OOF_HALVES=complaint, question or praise)
// measures an intent of each language's model out of fold, on the tuning
// rows the trainer learns from, in two halves by the trainer's own fold
// hash: A = folds 0 and 1, whose errors a round may read, and B = folds
// 2–4, which it only judges on. Every Russian split and most English ones
// train the models, so a rule's effect on them in TestEvalIntents is in
// sample; out of fold it is not. At the λ of the shipped model (the file's
// header) and the cut the five folds choose, it prints per language and
// half the design-weighted P, R and F1, the plain counts and the plain
// counts per split; MW_OOF_DUMP=1 prints the rows of half A it gets
// wrong (tuning rows only: nothing held out is read). MW_OOF_LANG=ru or en
// measures one language.
func TestIntentOOFHalves(t *testing.T) {
	intent := os.Getenv("MW_OOF_HALVES")
	if intent == "" {
		t.Skip("MW_OOF_HALVES=complaint|question|praise measures that intent out of fold, in halves")
	}
	k := -1
	for i, bit := range modelIntents {
		if tagName(bit) == intent {
			k = i
		}
	}
	if k < 0 {
		t.Fatalf("MW_OOF_HALVES=%q: not an intent the models decide", intent)
	}
	for _, lang := range modelLangs {
		if l := os.Getenv("MW_OOF_LANG"); l != "" && l != lang {
			continue
		}
		t.Run(lang, func(t *testing.T) { oofHalves(t, lang, k) })
	}
}

// oofHalves prints the out-of-fold halves of intent k of lang's model.
func oofHalves(t *testing.T, lang string, k int) {
	all, names := readTrainRows(t, lang)
	var rows []trainRow
	for _, r := range all {
		if r.train {
			rows = append(rows, r)
		}
	}
	lam, err := shippedLambda(lang, k)
	if err != nil {
		t.Fatal(err)
	}
	scores := oofAt(rows, len(names), k, lam)
	cut, f, _ := bestCut(scores, rows, k)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: λ %.1f, cut %+.3f chosen out of fold, design-weighted F1 %.3f over %d rows\n", lang, tagName(modelIntents[k]), lam, cut, f, len(rows))
	dump := os.Getenv("MW_OOF_DUMP") != ""
	for _, half := range []string{"A", "B"} {
		var w weighedCount
		var c intentCount
		per := map[string]*intentCount{}
		var order []string
		for i, r := range rows {
			if oofHalf(r) != half {
				continue
			}
			p := scores[i] >= cut
			w.add(p, r.gold[k], r.w)
			if per[r.split] == nil {
				per[r.split] = &intentCount{}
				order = append(order, r.split)
			}
			for _, n := range []*intentCount{&c, per[r.split]} {
				n.add(p, r.gold[k])
			}
			if dump && half == "A" && p != r.gold[k] {
				fmt.Printf("%s %s %s gold=%v score=%+.2f | %s\n", lang, r.split, r.label, r.gold[k], scores[i], r.text)
			}
		}
		fmt.Fprintf(&b, "  half %s: design-weighted P %.3f R %.3f F1 %.3f; plain %s", half, ratio(w.tp, w.tp+w.fp), ratio(w.tp, w.tp+w.fn), w.f1(), c)
		for _, s := range order {
			fmt.Fprintf(&b, " | %s %s", s, per[s])
		}
		b.WriteString("\n")
	}
	t.Log("\n" + b.String())
}

// oofHalf is the half of a row: A for folds 0 and 1, B for the others.
func oofHalf(r trainRow) string {
	if r.fold < 2 {
		return "A"
	}
	return "B"
}

// add counts one decision p of a row whose gold label is gold.
func (c *intentCount) add(p, gold bool) {
	switch {
	case p && gold:
		c.tp++
	case p:
		c.fp++
	case gold:
		c.fn++
	}
}

// ratio is a / b, 0 when b is.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// lambdaLine is the header line of a model file that names the λ of each
// intent ("# 6719 rows; λ [10 3 1]", writeIntentModel).
var lambdaLine = regexp.MustCompile(`(?m)^# \d+ rows; λ \[([0-9. ]+)\]$`)

// shippedLambda is the λ the shipped model of lang was fitted with for
// intent k.
func shippedLambda(lang string, k int) (float64, error) {
	data, err := dataFS.ReadFile("data/intents_" + lang + ".model")
	if err != nil {
		return 0, fmt.Errorf("the %s model: %w", lang, err)
	}
	m := lambdaLine.FindSubmatch(data)
	if m == nil {
		return 0, fmt.Errorf("the %s model names no λ", lang)
	}
	f := strings.Fields(string(m[1]))
	if len(f) != nModel {
		return 0, fmt.Errorf("the %s model names %d λ, want %d", lang, len(f), nModel)
	}
	lam, err := strconv.ParseFloat(f[k], 64)
	if err != nil {
		return 0, fmt.Errorf("the %s model's λ: %w", lang, err)
	}
	return lam, nil
}

// TestShippedLambda: the λ of each intent is read from a model file's
// header; a header without it, or with too few, is no λ.
func TestShippedLambda(t *testing.T) {
	for _, c := range []struct {
		head string
		want []string // nil: no match
	}{
		{"# 6719 rows; λ [10 3 1]\ncut\t0\t0\t0\n", []string{"10", "3", "1"}},
		{"# intent model for en\n# 1064 rows; λ [1 30 0.3]\n", []string{"1", "30", "0.3"}},
		{"# 6719 rows\ncut\t0\t0\t0\n", nil},
		{"# 6719 rows; lambda [10 3 1]\n", nil},
		{"x # 6719 rows; λ [10 3 1]\n", nil},
	} {
		m := lambdaLine.FindStringSubmatch(c.head)
		switch {
		case c.want == nil && m != nil:
			t.Errorf("%q: λ %q, want none", c.head, m[1])
		case c.want != nil && (m == nil || strings.Join(strings.Fields(m[1]), " ") != strings.Join(c.want, " ")):
			t.Errorf("%q: %v, want %v", c.head, m, c.want)
		}
	}
	for _, lang := range modelLangs {
		for k := range modelIntents {
			if lam, err := shippedLambda(lang, k); err != nil || lam <= 0 {
				t.Errorf("%s %s: λ %v, %v", lang, tagName(modelIntents[k]), lam, err)
			}
		}
	}
}
