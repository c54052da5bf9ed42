package score

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// brandBenchSets are the shared eval sets whose rows name the brand they
// are about, by language: the airline tweets (English) and SentiRuEval's
// banks and telecom tweets (Russian).
var brandBenchSets = map[string][]string{
	"en": {"twitter_us_airline"},
	"ru": {"sentirueval2015_banks_test", "sentirueval2015_telecom_test"},
}

// brandBenchTexts are the texts of lang scored as the daemon scores a
// mention: with the brand its query matched and the matched terms
// (app/pipeline.go), as TestEval gives them (evalBrand, evalOthers). Without
// the shared eval sets it falls back on the everyday sentences of
// testdata/everyday, each with its brand as the matched term.
func brandBenchTexts(b *testing.B, lang string) []Input {
	b.Helper()
	var ins []Input
	if d := testenv.SharedDir(); d != "" {
		for _, name := range brandBenchSets[lang] {
			rows, err := evalset.ReadFile(filepath.Join(d, "eval", name+".jsonl"))
			if err != nil {
				continue
			}
			set := evalset.Set{Name: name, Rows: rows}
			for _, r := range rows {
				in := Input{Text: r.Text, Lang: r.Lang}
				in.Brand, in.Matched = evalBrand(name, r)
				if in.Matched == nil {
					in.Matched = []string{} // as the pipeline passes it
				}
				in.Others = evalOthers(&set, r)
				ins = append(ins, in)
			}
		}
	}
	if len(ins) > 0 {
		return ins
	}
	for _, f := range []string{lang, lang + "2", lang + "3"} {
		fh, err := os.Open(filepath.Join("testdata", "everyday", f+".jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r everydayRow
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				b.Fatalf("%s: %v", f, err)
			}
			ins = append(ins, Input{Text: r.Text, Lang: r.Lang, Brand: r.Brand, Matched: []string{r.Brand}})
		}
		fh.Close()
	}
	if len(ins) == 0 {
		b.Fatalf("no %s texts", lang)
	}
	return ins
}

// BenchmarkScoreBrand scores texts for the brand they mention, the path
// the daemon runs (English: the everyday and customer-care readings and
// the English intent model; Russian beside it); texts/s is reported.
// BenchmarkScore and BenchmarkScoreEnglish score texts with no brand.
func BenchmarkScoreBrand(b *testing.B) {
	for _, lang := range []string{"en", "ru"} {
		b.Run(lang, func(b *testing.B) {
			e, err := New(config.Scoring{}, Options{})
			if err != nil {
				b.Fatal(err)
			}
			benchScore(b, e, brandBenchTexts(b, lang))
		})
	}
}
