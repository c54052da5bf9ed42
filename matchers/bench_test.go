package matchers

import (
	"fmt"
	"sync"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/plaintext"
)

// benchDocs is the benchmark corpus: 10,000 generated documents of 1–2 KB,
// half Russian, half English, a third mentioning brands.
var benchDocs = sync.OnceValue(func() []Doc { return genDocs(10000, genBrands(1000)) })

// BenchmarkMatch matches documents against 1, 100 and 1,000 brands; one
// operation is one document. Run it over exactly the 10,000 documents
// with -benchtime=10000x, on one core with -cpu 1:
//
//	go test -run '^$' -bench BenchmarkMatch -benchtime 10000x -cpu 1 ./matchers/
func BenchmarkMatch(b *testing.B) {
	docs := benchDocs()
	size := 0
	for _, d := range docs {
		size += len(d.Title) + len(d.Text)
	}
	for _, n := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("brands=%d", n), func(b *testing.B) {
			m, err := Compile(genBrands(n))
			if err != nil {
				b.Fatal(err)
			}
			avg := size / len(docs)
			b.SetBytes(int64(avg))
			matches := 0
			cpu0 := cpuTime()
			for i := 0; b.Loop(); i++ {
				matches += len(m.Match(docs[i%len(docs)]).Matches)
			}
			cpu := (cpuTime() - cpu0).Seconds()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			if cpu > 0 {
				// Per core of CPU time actually used: steady when other
				// processes load the machine.
				b.ReportMetric(cpu*1e9/float64(b.N), "cpu-ns/doc")
				b.ReportMetric(float64(b.N)/cpu, "docs/cpu-s")
				b.ReportMetric(float64(b.N)*float64(avg)/cpu/1e6, "MB/cpu-s")
			}
			b.ReportMetric(float64(matches)/float64(b.N), "matches/doc")
		})
	}
}

// BenchmarkCompile compiles 1,000 brand queries.
func BenchmarkCompile(b *testing.B) {
	brands := genBrands(1000)
	for b.Loop() {
		if _, err := Compile(brands); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlainText strips a Google Alerts style double-escaped snippet,
// as Match does with what a document still carries.
func BenchmarkPlainText(b *testing.B) {
	s := "In the run up to the IPO for &lt;b&gt;Slack&lt;/b&gt; Technologies Inc (NYSE:WORK), much of the news coverage centered on the Company&amp;#39;s decision to go public via&amp;nbsp;..."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		plaintext.FromHTML(s)
	}
}
