package score

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// everydayRow is one line of testdata/everyday/{ru,en}.jsonl: a sentence
// the project wrote as a customer, a journalist or a forum member would,
// with the sentiment toward brand and the intents a careful reader gives
// it by docs/labelling.md.
type everydayRow struct {
	Brand     string   `json:"brand"`
	Lang      string   `json:"lang"`
	Text      string   `json:"text"`
	Sentiment string   `json:"sentiment"`
	Intents   []string `json:"intents"`
	line      int
	half      string
}

// everydayHalf names the part of the everyday files a line belongs to.
// In the first files (ru, en) odd lines are the first tuning half
// ("tune") and even lines the second ("tune2": held out in the first
// round of fixes, opened to tuning in the second); the second files (ru2,
// en2), written after the first round had begun, are held out whole
// ("held2"), and so are the third (ru3, en3: "held3"), written after the
// second round had begun, and the fourth (ru4: "held4"), written before the
// third round. The fifth (ru5), written for the third round, is read on its
// odd lines ("tune5") and judged on its even ones ("judge5"): their totals
// are shown while tuning, their sentences never. The sixth (ru6, en6),
// written for the fourth round, is split the same way ("tune6", "judge6"),
// and so are the seventh (ru7, en7: "tune7", "judge7"), written for the
// fifth, the eighth (ru8, en8: "tune8", "judge8"), written for the sixth,
// the ninth (ru9, en9: "tune9", "judge9"), written for the seventh, and
// the tenth (ru10, en10: "tune10", "judge10"), written for the eighth.
func everydayHalf(file string, line int) string {
	n := strings.TrimLeft(file, "abcdefghijklmnopqrstuvwxyz")
	num, _ := strconv.Atoi(n)
	switch {
	case n == "" && line%2 == 1:
		return "tune"
	case n == "":
		return "tune2"
	case num <= 4:
		return "held" + n
	case line%2 == 1:
		return "tune" + n
	}
	return "judge" + n
}

// everydayParts are the parts of everydayHalf in report order.
var everydayParts = []string{"tune", "tune2", "tune5", "judge5", "tune6", "judge6", "tune7", "judge7", "tune8", "judge8", "tune9", "judge9", "tune10", "judge10", "held2", "held3", "held4"}

// everydayTuning reports whether rules may be written looking at a part.
func everydayTuning(half string) bool { return strings.HasPrefix(half, "tune") }

// everydayJudging reports whether a part's totals may be seen while tuning
// (its sentences are never printed): the tuning parts and the judging ones.
func everydayJudging(half string) bool {
	return everydayTuning(half) || strings.HasPrefix(half, "judge")
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

func readEveryday(t *testing.T, file string) []everydayRow {
	t.Helper()
	name := filepath.Join("testdata", "everyday", file+".jsonl")
	rows := readJSONL[everydayRow](t, name)
	for i := range rows {
		r, n := &rows[i], i+1
		switch r.Sentiment {
		case "negative", "neutral", "positive":
		default:
			t.Fatalf("%s:%d: sentiment %q", name, n, r.Sentiment)
		}
		for _, in := range r.Intents {
			if !slices.Contains(intentNames, in) {
				t.Fatalf("%s:%d: intent %q", name, n, in)
			}
		}
		if r.Brand == "" || r.Text == "" {
			t.Fatalf("%s:%d: brand and text are required", name, n)
		}
		r.line = n
	}
	return rows
}

// everydayTally counts one half of the everyday sentences.
type everydayTally struct {
	rows, sentRight, allRight int
	intents                   map[string]*intentCount
}

func (c *everydayTally) add(r everydayRow, sentiment string, tags []string) {
	if c.intents == nil {
		c.intents = map[string]*intentCount{}
		for _, in := range intentNames {
			c.intents[in] = &intentCount{}
		}
	}
	c.rows++
	right := sentiment == r.Sentiment
	if right {
		c.sentRight++
	}
	for _, in := range intentNames {
		want, got := slices.Contains(r.Intents, in), slices.Contains(tags, in)
		ic := c.intents[in]
		switch {
		case want && got:
			ic.tp++
		case want:
			ic.fn++
			right = false
		case got:
			ic.fp++
			right = false
		}
	}
	if right {
		c.allRight++
	}
}

func (c *everydayTally) String() string {
	if c.rows == 0 {
		return "no rows"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%3d rows: sentiment right %5.1f%%, all right (sentiment and every intent) %5.1f%%",
		c.rows, 100*float64(c.sentRight)/float64(c.rows), 100*float64(c.allRight)/float64(c.rows))
	for _, in := range intentNames {
		if ic := c.intents[in]; ic.tp+ic.fn+ic.fp > 0 {
			fmt.Fprintf(&b, "\n        %-16s %s", in, ic)
		}
	}
	return b.String()
}

// everydayFloors are the least share of sentences judged entirely right
// (sentiment and every intent), per language and half: the figures
// measured when the sentences were added (testdata/everyday/README.md),
// rounded down.
var everydayFloors = map[string]float64{
	"ru tune": 0.76, "ru tune2": 0.63, "ru held2": 0.41, "ru held3": 0.47, "ru held4": 0.48, "ru tune5": 0.47, "ru judge5": 0.46, "ru tune6": 0.57, "ru judge6": 0.60, "ru tune7": 0.45, "ru judge7": 0.50, "ru tune8": 0.51, "ru judge8": 0.43, "ru tune9": 0.52, "ru judge9": 0.47, "ru tune10": 0.50, "ru judge10": 0.48,
	"en tune": 0.95, "en tune2": 0.99, "en held2": 0.56, "en held3": 0.57, "en held4": 0.61, "en tune5": 0.66, "en judge5": 0.55, "en tune6": 0.72, "en judge6": 0.74, "en tune7": 0.58, "en judge7": 0.51, "en tune8": 0.59, "en judge8": 0.55, "en tune9": 0.64, "en judge9": 0.56, "en tune10": 0.56, "en judge10": 0.46,
}

// TestEverydayCorpus scores the everyday sentences of testdata/everyday
// as `mentionwatch score` does with a brand given (no language declared)
// and reports, per language and part (everydayHalf), how many get their
// sentiment right, how many are right in everything, and precision,
// recall and F1 per intent. The held-out parts are printed only with -v;
// MW_EVERYDAY_TUNE=1 leaves them out altogether (it keeps the judging
// part's totals, everydayJudging), and MW_EVERYDAY_DUMP=1 prints the
// tuning parts' sentences that are not right in everything (never a
// judging or held-out one). A plain failing run names a held-out part under
// its floor, not its figure.
func TestEverydayCorpus(t *testing.T) {
	e := newTestEngine(t)
	tuneOnly := os.Getenv("MW_EVERYDAY_TUNE") != ""
	dump := os.Getenv("MW_EVERYDAY_DUMP") != ""
	for _, lang := range []string{"ru", "en"} {
		halves := map[string]*everydayTally{}
		for _, half := range everydayParts {
			halves[half] = &everydayTally{}
		}
		var rows []everydayRow
		for n := 1; ; n++ {
			file := lang
			if n > 1 {
				file += strconv.Itoa(n)
			}
			if n > 1 && !fileExists(filepath.Join("testdata", "everyday", file+".jsonl")) {
				break
			}
			for _, r := range readEveryday(t, file) {
				r.half = everydayHalf(file, r.line)
				if halves[r.half] == nil {
					t.Fatalf("%s: part %q is not in everydayParts", file, r.half)
				}
				rows = append(rows, r)
			}
		}
		for _, r := range rows {
			half := r.half
			if tuneOnly && !everydayJudging(half) {
				continue
			}
			res := e.Score(Input{Text: r.Text, Brand: r.Brand})
			halves[half].add(r, res.Sentiment, res.Tags)
			if dump && everydayTuning(half) {
				got := slices.DeleteFunc(slices.Clone(res.Tags), func(s string) bool { return !slices.Contains(intentNames, s) })
				slices.Sort(got)
				if res.Sentiment != r.Sentiment || !slices.Equal(got, r.Intents) {
					t.Logf("%s %s:%d %q\n        want %s %v, got %s %.2f %v (evidence %v)", half, lang, r.line, r.Text, r.Sentiment, r.Intents, res.Sentiment, res.Negativity, got, res.Evidence)
				}
			}
		}
		for _, half := range everydayParts {
			c := halves[half]
			if c.rows == 0 {
				continue
			}
			key := lang + " " + half
			if everydayJudging(half) || testing.Verbose() {
				t.Logf("%s: %s", key, c)
			}
			if got := float64(c.allRight) / float64(c.rows); got < everydayFloors[key] {
				if !everydayJudging(half) {
					t.Errorf("%s: under its floor %.2f of sentences right in everything", key, everydayFloors[key])
				} else {
					t.Errorf("%s: %.3f of sentences right in everything, under its floor %.2f", key, got, everydayFloors[key])
				}
			}
		}
	}
}

func TestEverydayHalf(t *testing.T) {
	for _, c := range []struct {
		file string
		line int
		want string
	}{
		{"ru", 1, "tune"}, {"en", 2, "tune2"}, {"ru2", 1, "held2"}, {"en4", 8, "held4"},
		{"ru5", 3, "tune5"}, {"en9", 4, "judge9"}, {"ru10", 1, "tune10"}, {"en10", 2, "judge10"},
		{"ru12", 2, "judge12"},
	} {
		if got := everydayHalf(c.file, c.line); got != c.want {
			t.Errorf("everydayHalf(%q, %d) = %q, want %q", c.file, c.line, got, c.want)
		}
	}
}
