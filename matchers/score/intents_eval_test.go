package score

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// intentLabel is one row of testdata/intents/{ru,en}.jsonl: a pointer to a
// row of a shared labelled set, and the intents a person gave it.
type intentLabel struct {
	File    string   `json:"file"`
	Line    int      `json:"line"`
	ID      string   `json:"id"`
	SHA     string   `json:"sha"`
	Entity  string   `json:"entity"`
	Split   string   `json:"split"`
	Intents []string `json:"intents"`
}

// intentRow is a label joined with the text it labels.
type intentRow struct {
	intentLabel
	Lang string
	Row  evalset.Row
}

// intentNames are the seven intents, in the order the report lists them.
var intentNames = []string{TagComplaint, TagQuestion, TagPraise, TagPurchaseIntent, TagChurn, TagFraud, TagLegalThreat}

// loadIntentRows joins testdata/intents/<lang>.jsonl with the shared sets,
// checking every row's id and text hash.
func loadIntentRows(t *testing.T, dir, lang string) []intentRow {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "intents", lang+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files := map[string][]string{} // shared file → its raw lines
	var out []intentRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var l intentLabel
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("intents/%s.jsonl:%d: %v", lang, n, err)
		}
		lines, ok := files[l.File]
		if !ok {
			lines = readLines(t, filepath.Join(dir, l.File))
			files[l.File] = lines
		}
		if l.Line < 1 || l.Line > len(lines) {
			t.Fatalf("intents/%s.jsonl:%d: %s has no line %d", lang, n, l.File, l.Line)
		}
		var r evalset.Row
		if err := json.Unmarshal([]byte(lines[l.Line-1]), &r); err != nil {
			t.Fatalf("intents/%s.jsonl:%d: %s:%d: %v", lang, n, l.File, l.Line, err)
		}
		sum := sha256.Sum256([]byte(r.Text))
		if got := hex.EncodeToString(sum[:])[:12]; got != l.SHA || r.ID != l.ID {
			t.Fatalf("intents/%s.jsonl:%d: %s:%d changed (sha %s, id %q; want %s, %q)", lang, n, l.File, l.Line, got, r.ID, l.SHA, l.ID)
		}
		if !slices.Contains(intentSplits, l.Split) {
			t.Fatalf("intents/%s.jsonl:%d: split %q", lang, n, l.Split)
		}
		out = append(out, intentRow{intentLabel: l, Lang: lang, Row: r})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// intentInput is what a brand query would hand the engine for a labelled
// row: the company of a SentiRuEval row, the airline of an airline tweet,
// nothing for TweetEval.
func intentInput(t *testing.T, dir string, r intentRow) Input {
	in := Input{Text: r.Row.Text, Lang: r.Row.Lang}
	switch {
	case strings.HasPrefix(r.File, "sentirueval"):
		in.Brand, in.Matched = r.Row.EntityName, entityAliases[r.Row.Entity]
		// the other companies of the file, as the daemon passes every
		// configured brand (see evalOthers)
		in.Others = evalOthers(intentSet(t, dir, r.File), r.Row)
	case strings.HasPrefix(r.File, "twitter_us_airline"):
		in.Brand, in.Matched = r.Row.Entity, airlineAliases[r.Row.Entity]
	}
	return in
}

var (
	intentSetsMu sync.Mutex
	intentSets   = map[string]*evalset.Set{}
)

// intentSet is the shared set named file, read once.
func intentSet(t *testing.T, dir, file string) *evalset.Set {
	intentSetsMu.Lock()
	defer intentSetsMu.Unlock()
	if s := intentSets[file]; s != nil {
		return s
	}
	rows, err := evalset.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	s := &evalset.Set{Name: strings.TrimSuffix(file, ".jsonl"), Rows: rows}
	intentSets[file] = s
	return s
}

// intentCount is a confusion count for one intent.
type intentCount struct{ tp, fp, fn int }

func (c intentCount) f1() float64 {
	if c.tp == 0 {
		if c.fp == 0 && c.fn == 0 {
			return 1
		}
		return 0
	}
	return 2 * float64(c.tp) / float64(2*c.tp+c.fp+c.fn)
}

func (c intentCount) String() string {
	p, r := 0.0, 0.0
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	return fmt.Sprintf("%.2f %.2f %.2f %3d", p, r, c.f1(), c.tp+c.fn)
}

// intentFloors are the least F1 each intent must keep on each split of
// both languages together: slightly under what the tagger achieved when
// the split was last measured, so a change cannot lose it unseen. On the
// splits the Russian model is trained on, its Russian rows are the model's
// own and their floors guard little (the question floor of train moves
// with the regularisation the cross-validation picks: 0.81 at λ 3, 0.75 at
// λ 10, out of fold 0.715 and 0.721; train's 3,279 rows rated neutral, which
// the model is weighted not to fit as a population, took its complaint to
// 0.73); the held-out splits' floors were set
// after their figures were read, and are not tuned against. The rare
// intents have too few rows to hold a floor. intentTargets are issue 12's
// targets, printed beside the figures.
var (
	intentFloors = map[string]map[string]float64{
		"tune":   {TagQuestion: 0.77, TagComplaint: 0.83},
		"tune2":  {TagQuestion: 0.82, TagComplaint: 0.76},
		"held":   {TagQuestion: 0.76, TagComplaint: 0.71},
		"held2":  {TagQuestion: 0.64, TagComplaint: 0.71},
		"tune3":  {TagQuestion: 0.78, TagComplaint: 0.87},
		"tune4":  {TagQuestion: 0.78, TagComplaint: 0.88},
		"tune5":  {TagQuestion: 0.75, TagComplaint: 0.88},
		"judge5": {TagQuestion: 0.81, TagComplaint: 0.84},
		"train":  {TagQuestion: 0.74, TagComplaint: 0.70},
		"held3":  {TagQuestion: 0.78, TagComplaint: 0.80},
		"held4":  {TagQuestion: 0.78, TagComplaint: 0.80},
		"held5":  {TagQuestion: 0.70, TagComplaint: 0.82},
		"held6":  {TagQuestion: 0.76, TagComplaint: 0.85},
		"held7":  {TagQuestion: 0.72, TagComplaint: 0.82},
	}
	intentTargets = map[string]float64{TagQuestion: 0.80, TagComplaint: 0.85}
)

// intentSplits are the splits of the labelled rows, in report order: tune
// and tune2 (rules were written looking at them from the start; tune2 is
// enriched for questions), held and held2 (held-out sets of earlier rounds
// whose totals were seen too often to stay held out: rules may now be
// written looking at them), train (rows labelled to train the intent
// models), held3 (the held-out set, labelled before the round that opened
// held and held2 to tuning), held4 (English rows held out after held3
// was measured), held5 (400 more English rows held out, labelled before
// the round that added tune3), tune3 and tune4 (500 English tuning rows
// each) and held6 (400 English rows held out, labelled before the round
// that added tune4), held7 (400 English rows held out, labelled before the
// round that added the English intent model), tune5 and judge5 (250
// English rows each, labelled for the round that reads tune5 and keeps a
// change only if judge5, whose totals alone it sees, rises).
var intentSplits = []string{"tune", "tune2", "held", "held2", "tune3", "tune4", "tune5", "judge5", "train", "held3", "held4", "held5", "held6", "held7"}

// heldOut names the held-out splits pooled in the report.
const heldOut = "held-out"

// tuneSplit reports whether rules may be written looking at split's rows
// (and models trained on them).
func tuneSplit(split string) bool {
	return shownSplit(split) && split != "judge5"
}

// trainSplit reports whether the intent models learn from split's rows:
// the tuning splits but tune5, whose round reads it for rules, judged by
// judge5.
func trainSplit(split string) bool {
	return tuneSplit(split) && split != "tune5"
}

// shownSplit reports whether split's totals may be seen while tuning: the
// tuning splits and judge5, the judge of the round that reads tune5 (its
// rows are never printed). The others are held out.
func shownSplit(split string) bool {
	return split != "held3" && split != "held4" && split != "held5" && split != "held6" && split != "held7"
}

// TestEvalIntents measures the built-in intent tags against the
// hand-labelled tweets of testdata/intents: precision, recall and F1 per
// intent, for every split, per language and together, and for the
// held-out splits pooled ("held-out"). Only totals are printed for the
// held-out splits, and only with -v: a plain run that fails prints the
// tuning splits' table and names a held-out split below its floor without
// its figure, so that a failing run is never a look. MW_INTENT_DUMP=intent
// prints the tuning rows the tagger gets wrong for that intent (never a
// held-out row); MW_INTENT_TUNE=1 leaves the held-out splits out even with
// -v (and checks only the tuning floors), so that tuning never shows a
// held-out figure.
func TestEvalIntents(t *testing.T) {
	dir := testenv.Eval(t)
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dump := os.Getenv("MW_INTENT_DUMP")
	splits := intentSplits
	if os.Getenv("MW_INTENT_TUNE") != "" {
		splits = slices.DeleteFunc(slices.Clone(splits), func(s string) bool { return !shownSplit(s) })
	}
	shown := slices.DeleteFunc(slices.Clone(splits), func(s string) bool { return !shownSplit(s) })
	if testing.Verbose() && len(shown) < len(splits) {
		shown = append(slices.Clone(splits), heldOut)
	}
	type key struct{ lang, split string }
	counts := map[key]map[string]*intentCount{}
	cells := map[key]map[string]*intentCells{} // both languages, per split: for MW_EVAL_CI
	add := func(k key, intent string, gold, pred bool) {
		m := counts[k]
		if m == nil {
			m = map[string]*intentCount{}
			counts[k] = m
		}
		c := m[intent]
		if c == nil {
			c = &intentCount{}
			m[intent] = c
		}
		switch {
		case gold && pred:
			c.tp++
		case pred:
			c.fp++
		case gold:
			c.fn++
		}
	}
	for _, lang := range []string{"ru", "en"} {
		for _, r := range loadIntentRows(t, dir, lang) {
			res := e.Score(intentInput(t, dir, r))
			for _, intent := range intentNames {
				gold, pred := model.HasTag(r.Intents, intent), model.HasTag(res.Tags, intent)
				ks := []key{{lang, r.Split}, {"all", r.Split}}
				if !shownSplit(r.Split) {
					ks = append(ks, key{lang, heldOut}, key{"all", heldOut})
				}
				for _, k := range ks {
					add(k, intent, gold, pred)
					if _, ok := intentTargets[intent]; ok && k.lang == "all" {
						if cells[k] == nil {
							cells[k] = map[string]*intentCells{}
						}
						if cells[k][intent] == nil {
							cells[k][intent] = new(intentCells)
						}
						cells[k][intent].add(gold, pred)
					}
				}
				if (dump == intent || dump == "all" && intent == TagComplaint) && tuneSplit(r.Split) && (gold != pred || dump == "all") {
					fmt.Printf("%s %s gold=%v pred=%v tags=%v neg=%.2f | %s\n", strings.ToUpper(r.Split), lang, r.Intents, pred, res.Tags, res.Negativity, r.Row.Text)
				}
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nintent F1 on the hand-labelled tweets (P R F1 n: precision, recall, F1, labelled rows)\n")
	var cols []key
	for _, lang := range []string{"ru", "en", "all"} {
		for _, split := range shown {
			cols = append(cols, key{lang, split})
		}
	}
	fmt.Fprintf(&b, "%-16s", "intent")
	for _, k := range cols {
		fmt.Fprintf(&b, " | %-17s", k.lang+" "+k.split)
	}
	b.WriteString("\n")
	for _, intent := range intentNames {
		fmt.Fprintf(&b, "%-16s", intent)
		for _, k := range cols {
			c := counts[k][intent]
			if c == nil {
				c = &intentCount{}
			}
			fmt.Fprintf(&b, " | %-17s", c.String())
		}
		b.WriteString("\n")
	}
	for _, intent := range intentNames {
		target, ok := intentTargets[intent]
		if !ok {
			continue
		}
		for _, split := range shown {
			c := counts[key{"all", split}][intent]
			if c == nil {
				c = &intentCount{}
			}
			fmt.Fprintf(&b, "%s: %s F1 %.3f, target %.2f", intent, split, c.f1(), target)
			if f, ok := intentFloors[split][intent]; ok {
				fmt.Fprintf(&b, ", floor %.2f", f)
			}
			if evalCI() {
				cs := cells[key{"all", split}][intent]
				if cs == nil {
					cs = new(intentCells)
				}
				fmt.Fprintf(&b, "; 95 %% %s over %d rows", cs.interval(), len(*cs))
			}
			b.WriteString("\n")
		}
	}
	t.Log(b.String())
	for _, split := range splits {
		for intent, floor := range intentFloors[split] {
			c := counts[key{"all", split}][intent]
			if c == nil {
				c = &intentCount{}
			}
			switch {
			case c.f1() >= floor:
			case shownSplit(split) || testing.Verbose():
				t.Errorf("%s: %s F1 %.3f below %.2f", intent, split, c.f1(), floor)
			default:
				t.Errorf("%s: held-out split %s below its floor %.2f (its figure is printed with -v only)", intent, split, floor)
			}
		}
	}
}
