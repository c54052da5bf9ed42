package score

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// identityInputs are every row of the shared eval sets (all halves) and
// every line of testdata/everyday, each four times: with its own brand,
// matched terms and other companies as TestEval gives them (none for most
// sets), with no brand, for an English brand and for a Russian one.
func identityInputs(t *testing.T) []Input {
	var ins []Input
	add := func(in Input) {
		ins = append(ins, in)
		for _, b := range []struct{ brand, lang string }{{"", ""}, {"Delta", "en"}, {"Сбербанк", "ru"}} {
			x := Input{Text: in.Text, Lang: in.Lang, Brand: b.brand}
			if b.brand != "" && b.lang != in.Lang {
				x.Matched = []string{}
			}
			ins = append(ins, x)
		}
	}
	sets, err := evalset.Load(filepath.Join(os.Getenv("MENTIONWATCH_SHARED"), "eval"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range sets {
		set := &sets[i]
		for _, r := range set.Rows {
			in := Input{Text: r.Text, Lang: r.Lang}
			in.Brand, in.Matched = evalBrand(set.Name, r)
			if in.Brand != "" && in.Matched == nil {
				in.Matched = []string{}
			}
			in.Others = evalOthers(set, r)
			add(in)
		}
	}
	files, _ := filepath.Glob("testdata/everyday/*.jsonl")
	sort.Strings(files)
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r everydayRow
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			add(Input{Text: r.Text, Lang: r.Lang, Brand: r.Brand, Matched: []string{r.Brand}})
		}
		fh.Close()
	}
	return ins
}

// TestScoreIdentityHash prints two SHA-256 hashes: of the JSON of every
// Result over identityInputs, and of the signals the intent models read
// with the features both languages' models would take from them, per
// text. A change meant to leave every result alone (a faster pass) must
// leave both the same; run it before and after with MW_IDENTITY=1 and
// MENTIONWATCH_SHARED set. Only the hashes are printed: no row, label or
// figure of any half.
func TestScoreIdentityHash(t *testing.T) {
	if os.Getenv("MW_IDENTITY") == "" || os.Getenv("MENTIONWATCH_SHARED") == "" {
		t.Skip("MW_IDENTITY or MENTIONWATCH_SHARED unset")
	}
	ins := identityInputs(t)
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, in := range ins {
		b, _ := json.Marshal(e.Score(in))
		h.Write(b)
	}
	t.Logf("inputs %d results %x", len(ins), h.Sum(nil))

	var hs hash.Hash = sha256.New()
	// the training hook sees the signals and stops before the model
	// decides: the results beside them are the rules' alone
	e2, _ := New(config.Scoring{}, Options{})
	e2.featHook = func(s *scratch, sg signals) {
		fmt.Fprintf(hs, "%#v|", sg)
		names := nameSink{}
		enIntentFeatures(s, &sg, names)
		ru := nameSink{}
		intentFeatures(s, &sg, ru)
		for k, v := range ru {
			names["ru/"+k] = v
		}
		keys := make([]string, 0, len(names))
		for k := range names {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(hs, "%s=%v;", k, names[k])
		}
		hs.Write([]byte{'\n'})
	}
	for _, in := range ins {
		b, _ := json.Marshal(e2.Score(in))
		hs.Write(b)
	}
	t.Logf("signals %x", hs.Sum(nil))
}
