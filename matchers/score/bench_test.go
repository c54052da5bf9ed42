package score

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/jonreiter/govader"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// benchTexts are tweet-length texts: the labelled tweets of the shared
// eval sets when present (Russian and English), else the package's own
// fixture.
func benchTexts(b *testing.B, english bool) []Input {
	b.Helper()
	var files []string
	if d := testenv.SharedDir(); d != "" {
		if english {
			files = []string{"twitter_us_airline.jsonl", "vader_tweets.jsonl"}
		} else {
			files = []string{"sentirueval2015_banks_test.jsonl", "sentirueval2015_telecom_test.jsonl", "twitter_us_airline.jsonl"}
		}
		for i := range files {
			files[i] = filepath.Join(d, "eval", files[i])
		}
	}
	var ins []Input
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct {
				Text       string `json:"text"`
				Lang       string `json:"lang"`
				EntityName string `json:"entity_name"`
			}
			if json.Unmarshal(sc.Bytes(), &r) == nil {
				ins = append(ins, Input{Text: r.Text, Lang: r.Lang, Brand: r.EntityName})
			}
		}
		fh.Close()
	}
	if len(ins) == 0 {
		for _, c := range fixtureCases(b) {
			if !english || c.Lang == "en" {
				ins = append(ins, Input{Text: c.Text, Lang: c.Lang, Brand: c.Brand})
			}
		}
	}
	return ins
}

// BenchmarkScore scores tweet-length texts with every built-in rule on
// (run with -cpu 1 for the single-core rate); texts/s is reported.
func BenchmarkScore(b *testing.B) {
	e, err := New(config.Scoring{}, Options{Hot: config.HotThread{MinGrowth: 10, MinNegativity: 0.5}})
	if err != nil {
		b.Fatal(err)
	}
	benchScore(b, e, benchTexts(b, false))
}

// BenchmarkScoreEnglish is BenchmarkScore on the English texts only, the
// same texts BenchmarkGovader reads.
func BenchmarkScoreEnglish(b *testing.B) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	benchScore(b, e, benchTexts(b, true))
}

// BenchmarkGovader is the baseline: VADER's polarity scores on the same
// English texts.
func BenchmarkGovader(b *testing.B) {
	v := govader.NewSentimentIntensityAnalyzer()
	ins := benchTexts(b, true)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.PolarityScores(ins[i%len(ins)].Text)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "texts/s")
}

// BenchmarkScoreParallel shows how scoring scales over cores.
func BenchmarkScoreParallel(b *testing.B) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ins := benchTexts(b, false)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			e.Score(ins[i%len(ins)])
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "texts/s")
}

// benchScore scores ins round and round with e, reporting texts/s.
func benchScore(b *testing.B, e *Engine, ins []Input) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Score(ins[i%len(ins)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "texts/s")
}
