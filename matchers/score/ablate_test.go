package score

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jonreiter/govader"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// vaderIdioms are the phrases of en.phr that re-enter VADER's
// SPECIAL_CASE_IDIOMS: VADER's own, not additions.
var vaderIdioms = []string{"the shit", "the bomb", "bad ass", "yeah right", "yea|ya|yah right", "kiss of death", "to die for",
	"beating heart", "cut the mustard", "hand to mouth", "back handed", "blow smoke", "blowing smoke", "upper hand", "break a leg",
	"cooking with gas", "in the black", "in the red", "on the ball", "under the weather"}

// addition is one mechanism the engine adds to VADER in English, with
// how to switch it off and on again: an engine's ablation bit, or off and
// on changing the shared lexicon data.
type addition struct {
	name string
	off  func() // nil for an ablation bit or the band
	on   func()
	ab   ablation // the engine's mechanisms it switches off
	band bool     // the neutral band: VADER's ±0.05 instead of tuned's
}

// additions are the English mechanisms the ablation switches off one at
// a time: the ablation bits of the engine, the general valences of the
// lexicon, the phrase groups (off in general English: marked care), and
// the neutral band.
func additions(t testing.TB) []addition {
	t.Helper()
	lx := lexiconData()
	bit := func(name string, a ablation) addition {
		return addition{name: name, ab: a}
	}
	// phrase groups by file and kind; care phrases never act in general
	// English and are left alone
	fileSrc := func(f string) map[string]bool {
		b, err := dataFS.ReadFile("data/" + f)
		if err != nil {
			t.Fatal(err)
		}
		one := newLexicon()
		if err := parsePhrases(one, f, string(b)); err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, p := range one.phrases {
			out[p.src] = true
		}
		return out
	}
	en, intents := fileSrc("en.phr"), fileSrc("intents.phr")
	group := func(name string, in func(p *phrase) bool) addition {
		var idx []int
		for i := range lx.phrases {
			if p := &lx.phrases[i]; !p.care && in(p) {
				idx = append(idx, i)
			}
		}
		return addition{name: fmt.Sprintf("%s (%d)", name, len(idx)),
			off: func() {
				for _, i := range idx {
					lx.phrases[i].care = true
				}
			},
			on: func() {
				for _, i := range idx {
					lx.phrases[i].care = false
				}
			}}
	}
	likeWord := func(p *phrase) bool { return slices.Contains(strings.Fields(p.src), "like") }
	idiom := func(p *phrase) bool { return slices.Contains(vaderIdioms, p.src) }
	own := func(p *phrase) bool { return en[p.src] && !likeWord(p) && !idiom(p) }
	like := lx.exactEntry("like")
	keepOwn := genOwn
	return []addition{
		{name: "band 0.08/0.02 (off: ±0.05)", band: true},
		bit("names inside sentences", abName),
		{name: "\"like\" gen=1 (off: VADER's 1.5)", off: func() { like.genVal = 1.5 }, on: func() { like.genVal = 1 }},
		group("\"like\" phrases", func(p *phrase) bool { return en[p.src] && likeWord(p) }),
		{name: "own care words at genOwn (off: 0)", off: func() { genOwn = 0 }, on: func() { genOwn = keepOwn }},
		bit("own weights of tagged VADER words", abOwnTagged),
		bit("short quotations at quoteDamp", abQuote),
		group("en.phr complaint phrases", func(p *phrase) bool { return own(p) && p.tags&tComplaint != 0 }),
		group("en.phr churn phrases", func(p *phrase) bool { return own(p) && p.tags&tComplaint == 0 && p.tags&tChurn != 0 }),
		group("en.phr praise phrases", func(p *phrase) bool { return own(p) && p.tags&(tComplaint|tChurn) == 0 && p.tags&tPraise != 0 }),
		group("en.phr other phrases", func(p *phrase) bool { return own(p) && p.tags&(tComplaint|tChurn|tPraise) == 0 }),
		group("intents.phr phrases", func(p *phrase) bool { return intents[p.src] && !en[p.src] }),
		bit("compound hashtags", abHashtag),
		bit("closing emoticon ×1.5", abTailEmo),
		bit("concessive clause", abConcessive),
		bit("drawn-out letters", abLong),
		bit("hyphenated parts", abHyphen),
		bit("negated unfavourable ×−0.4", abNegNeg),
		bit("exclamation needs |sum| ≥ exclMin", abExclMin),
		bit("#sarcasm inverts praise", abSarcasm),
		bit("punctuation closes scopes", abPunctScope),
	}
}

// TestAblateEnglish switches the engine's English additions to VADER off
// one at a time and counts, on the development halves of the English sets
// only, the rows each addition wins (right with it, wrong without) and
// loses, per set; and, among the rows where the engine and govader
// disagree, which additions decide them. It reads no held-out row.
// MW_ABLATE=1 runs it.
func TestAblateEnglish(t *testing.T) {
	if os.Getenv("MW_ABLATE") == "" {
		t.Skip("MW_ABLATE=1 runs the ablation")
	}
	sets := devEnglish(t)
	vader := govader.NewSentimentIntensityAnalyzer()
	var gvLabel []string
	for _, s := range sets {
		for _, r := range s.Rows {
			gvLabel = append(gvLabel, vaderLabel(vader.PolarityScores(r.Text).Compound))
		}
	}
	gv := vaderDev(sets)
	labels := func(reads []read, c cuts) []string {
		cs := c.curves()
		out := make([]string, len(reads))
		for i := range reads {
			out[i] = labelWith(&cs, &reads[i])
		}
		return out
	}
	base := readSets(t, sets)
	// MW_ABLATE_ROWS=name prints the fold-a development rows (fold_test.go)
	// the additions whose name contains it win and lose
	rowsOf := os.Getenv("MW_ABLATE_ROWS")
	var texts, folds []string
	for _, s := range sets {
		for k, r := range s.Rows {
			texts = append(texts, r.Text)
			folds = append(folds, foldOf(k))
		}
	}
	full := labels(base, tuned)
	short := map[string]string{"tweeteval_sentiment_val": "tweeteval", "twitter_us_airline": "airline", "vader_amazon_reviews": "amazon",
		"vader_movie_reviews": "movie", "vader_nyt_editorials": "nyt", "vader_tweets": "vader_tw"}
	var b strings.Builder
	fmt.Fprintf(&b, "\nrows won − lost by each addition on the development halves (won/lost), and ΔmF1 when it is switched off\n%-38s", "addition")
	for _, s := range englishSets {
		fmt.Fprintf(&b, " %16s", short[s])
	}
	fmt.Fprintf(&b, " | vader_tw worse fixed / better broken | tweeteval worse fixed / better broken\n")
	marginLine := func(name string, lab []string) {
		m := map[string]*evalset.Confusion{}
		for i, r := range base {
			if m[r.set] == nil {
				m[r.set] = new(evalset.Confusion)
			}
			m[r.set].Add(r.label, lab[i])
		}
		fmt.Fprintf(&b, "%-38s", name)
		for _, s := range englishSets {
			fmt.Fprintf(&b, " %7.3f/%+.3f/%+.3f", metric(s, m[s]), metric(s, m[s])-gv[s].metric, m[s].Accuracy()-gv[s].acc)
		}
		fmt.Fprintf(&b, "  objective %.4f\n", englishObjective(m, gv))
	}
	// rows where the engine and govader disagree and one is right, and
	// whether some addition, switched off alone, turns them
	worse, better := map[string]int{}, map[string]int{}
	explained := map[int]bool{}
	for i, r := range base {
		switch g := gvLabel[i] == r.label; {
		case g && full[i] != r.label:
			worse[r.set]++
		case !g && full[i] == r.label:
			better[r.set]++
		}
	}
	for _, ad := range additions(t) {
		if ad.off != nil {
			ad.off()
		}
		reads := readSetsOff(t, sets, ad.ab)
		if ad.on != nil {
			ad.on()
		}
		c := tuned
		if ad.band {
			c.vaderNegCut, c.vaderPosCut = 0.05, 0.05
		}
		lab := labels(reads, c)
		won, lost := map[string]int{}, map[string]int{}
		var vtFold [2][2]int     // VADER's tweets, fold a/b: won, lost
		var fixed, broken [2]int // vader_tweets, tweeteval
		for i, r := range base {
			ok, okOff := full[i] == r.label, lab[i] == r.label
			switch {
			case ok && !okOff:
				won[r.set]++
			case !ok && okOff:
				lost[r.set]++
			}
			if r.set == "vader_tweets" && ok != okOff {
				f, k := 0, 1
				if folds[i] == "b" {
					f = 1
				}
				if ok {
					k = 0
				}
				vtFold[f][k]++
			}
			if rowsOf != "" && strings.Contains(ad.name, rowsOf) && ok != okOff && folds[i] == "a" {
				kind := "WON "
				if okOff {
					kind = "LOST"
				}
				fmt.Printf("%s %-9s gold=%s with=%s without=%s govader=%s | %s\n", kind, short[r.set], r.label, full[i], lab[i], gvLabel[i], texts[i])
			}
			if ok != okOff && (gvLabel[i] == r.label) != ok {
				explained[i] = true
			}
			k := -1
			switch r.set {
			case "vader_tweets":
				k = 0
			case "tweeteval_sentiment_val":
				k = 1
			}
			if k < 0 {
				continue
			}
			g := gvLabel[i] == r.label
			if !ok && g && okOff {
				fixed[k]++
			}
			if ok && !g && !okOff {
				broken[k]++
			}
		}
		fmt.Fprintf(&b, "%-38s", ad.name)
		for _, s := range englishSets {
			fmt.Fprintf(&b, " %+5d (%3d/%3d) ", won[s]-lost[s], won[s], lost[s])
		}
		fmt.Fprintf(&b, " | %3d / %3d | %3d / %3d | vader_tw a %d/%d b %d/%d\n", fixed[0], broken[0], fixed[1], broken[1], vtFold[0][0], vtFold[0][1], vtFold[1][0], vtFold[1][1])
		if os.Getenv("MW_ABLATE") == "margins" {
			marginLine("  off: mF1/margin mF1/margin acc", lab)
		}
	}
	marginLine("all on: mF1/margin mF1/margin acc", full)
	fmt.Fprintf(&b, "rows govader right, engine wrong (worse) / engine right, govader wrong (better); how many one addition switched off turns:\n")
	for _, s := range englishSets {
		var w, bt int
		for i, r := range base {
			if r.set != s || !explained[i] {
				continue
			}
			if full[i] == r.label {
				bt++
			} else {
				w++
			}
		}
		fmt.Fprintf(&b, "  %-10s worse %3d (%3d turned)  better %3d (%3d turned)\n", short[s], worse[s], w, better[s], bt)
	}
	t.Log(b.String())
}

// devEnglish loads the development halves of the English sets, nothing
// else: no held-out row is read.
func devEnglish(t testing.TB) []evalset.Set {
	t.Helper()
	all, err := evalset.Load(testenv.Eval(t))
	if err != nil {
		t.Fatal(err)
	}
	var sets []evalset.Set
	for _, s := range all {
		if !slices.Contains(englishSets, s.Name) {
			continue
		}
		d := evalset.Set{Name: s.Name}
		for _, r := range s.Rows {
			if r.Dev {
				d.Rows = append(d.Rows, r)
			}
		}
		sets = append(sets, d)
	}
	return sets
}

// TestAblationPerEngine checks that a mechanism switched off in one
// engine stays on in another scoring beside it: the switches are the
// engine's, not the package's.
func TestAblationPerEngine(t *testing.T) {
	shipped, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ablatedEngine, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ablatedEngine.ablated = abLong
	in := Input{Text: "the service was goooood", Lang: "en"}
	want := shipped.Score(in)
	if want.Sentiment != model.Positive {
		t.Fatalf("shipped engine: %q is %s (negativity %.2f), want positive", in.Text, want.Sentiment, want.Negativity)
	}
	off := ablatedEngine.Score(in)
	if off.Negativity == want.Negativity {
		t.Errorf("drawn-out letters switched off: negativity %.2f, the same as with them on", off.Negativity)
	}
	if got := shipped.Score(in); got.Negativity != want.Negativity {
		t.Errorf("shipped engine after the other scored: negativity %.2f, want %.2f", got.Negativity, want.Negativity)
	}
}
