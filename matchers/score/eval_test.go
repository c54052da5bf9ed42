package score

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jonreiter/govader"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// entityAliases are the spellings a brand query for each SentiRuEval
// company would list (its name, short name, Latin name), passed as the
// mention's matched terms.
var entityAliases = map[string][]string{
	"sberbank":   {"Сбербанк", "Сбер", "sberbank", "sber"},
	"vtb":        {"ВТБ", "vtb"},
	"alfabank":   {"Альфа-Банк", "Альфа", "alfabank", "alfa"},
	"gazprom":    {"Газпромбанк", "gazprombank"},
	"raiffeisen": {"Райффайзенбанк", "Райффайзен", "raiffeisen"},
	"rshb":       {"Россельхозбанк", "РСХБ", "rshb"},
	"uralsib":    {"Уралсиб", "uralsib"},
	"bankmoskvy": {"Банк Москвы", "bankmoskvy"},
	"beeline":    {"Билайн", "beeline", "Вымпелком", "vimpelcom"},
	"mts":        {"МТС", "mts"},
	"megafon":    {"МегаФон", "megafon"},
	"rostelecom": {"Ростелеком", "rostelecom"},
	"tele2":      {"Tele2", "Теле2"},
	"komstar":    {"Комстар", "komstar"},
}

// airlineAliases are the names and handles a brand query for each airline
// of the airline set would list. The set's "Delta" rows are tweets to
// @JetBlue (a known defect of the Kaggle release: 727 of its 780 "Delta"
// rows open with @JetBlue), so the brand a query matched there is JetBlue.
var airlineAliases = map[string][]string{
	"United":         {"United Airlines", "united"},
	"US Airways":     {"US Airways", "USAirways"},
	"American":       {"American Airlines", "AmericanAir"},
	"Southwest":      {"Southwest Airlines", "SouthwestAir"},
	"Delta":          {"JetBlue", "JetBlue Airways"},
	"Virgin America": {"Virgin America", "VirginAmerica"},
}

// evalBrand is the brand a labelled row is about, with its aliases: the
// company of a SentiRuEval row, the airline of an airline tweet, none for
// the other sets.
func evalBrand(set string, r evalset.Row) (string, []string) {
	switch {
	case strings.HasPrefix(set, "sentirueval"):
		return r.EntityName, entityAliases[r.Entity]
	case strings.HasPrefix(set, "twitter_us_airline"):
		return r.Entity, airlineAliases[r.Entity]
	}
	return "", nil
}

// baselines are the reference numbers of shared/eval/SOURCE.md ("Reference
// baselines computed here"): majority acc / mF1-3, and the lexicon
// baseline (KartaSlovSent sign for Russian, AFINN sign for English) acc /
// mF1-3 / F_macro± / F_micro±.
var baselines = map[string]string{
	"sentirueval2015_banks_test":   "maj 0.779/0.292  KSS 0.390/0.277/0.143/0.142  best2015 F±0.360/0.366 later 0.456/0.514",
	"sentirueval2015_telecom_test": "maj 0.675/0.269  KSS 0.433/0.336/0.206/0.195  best2015 F±0.483/0.536 later 0.501/0.544",
	"opensentimentcorpus_ru":       "maj 0.548/0.236  KSS 0.436/0.399/0.317/0.311",
	"twitter_us_airline":           "maj 0.628/0.257  AFINN 0.492/0.464/0.517/0.531",
	"vader_tweets":                 "maj 0.643/0.261  AFINN 0.773/0.649/0.846/0.847",
	"vader_amazon_reviews":         "maj 0.525/0.230  AFINN 0.534/0.483/0.581/0.609",
	"vader_movie_reviews":          "maj 0.495/0.221  AFINN 0.513/0.392/0.570/0.578",
	"vader_nyt_editorials":         "maj 0.455/0.209  AFINN 0.514/0.510/0.556/0.557",
}

// floors are the least each set must keep (held-out half, so tuning on
// the development half cannot hide a regression there): F_macro± for the
// SentiRuEval sets, 3-class macro-F1 for the others. They sit slightly
// below what the engine achieves.
var floors = map[string]float64{
	"sentirueval2015_banks_test":   0.61,
	"sentirueval2015_telecom_test": 0.54,
	"opensentimentcorpus_ru":       0.61,
	"tweeteval_sentiment_val":      0.57,
	"twitter_us_airline":           0.70,
	"vader_tweets":                 0.71,
	"vader_amazon_reviews":         0.55,
	"vader_movie_reviews":          0.40,
	"vader_nyt_editorials":         0.52,
}

func TestEval(t *testing.T) {
	dir := testenv.Eval(t)
	sets, err := evalset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	vader := govader.NewSentimentIntensityAnalyzer()
	dump := os.Getenv("MW_EVAL_DUMP") // "set[:gold[:pred]]": print misread development rows
	// MW_EVAL_DEV=only prints the development halves alone, for tuning
	devOnly := os.Getenv("MW_EVAL_DEV") == "only"
	// MW_EVAL_FOLD=a|b keeps one fold of the development halves (fold_test.go)
	fold := evalFold()
	if fold != "" && !devOnly {
		t.Fatal("MW_EVAL_FOLD needs MW_EVAL_DEV=only")
	}

	var b strings.Builder
	fmt.Fprintf(&b, "\n%-28s %-8s %5s | %-27s | %-27s | %s\n", "set", "split", "rows", "mentionwatch", "govader (English sets)", "baselines from SOURCE.md")
	fmt.Fprintf(&b, "%-28s %-8s %5s | %-27s | %-27s |\n", "", "", "", "acc   mF1-3 F±mac F±mic", "acc   mF1-3 F±mac F±mic")
	for _, set := range sets {
		var ours, gv [3]evalset.Confusion      // all, development, held-out
		var ourPairs, gvPairs [3]evalset.Pairs // the same rows, for MW_EVAL_CI
		english := false
		devK := 0
		for _, r := range set.Rows {
			if fold != "" {
				if !r.Dev {
					continue
				}
				devK++
				if foldOf(devK-1) != fold {
					continue
				}
			}
			in := Input{Text: r.Text, Lang: r.Lang}
			in.Brand, in.Matched = evalBrand(set.Name, r)
			in.Others = evalOthers(&set, r)
			res := e.Score(in)
			half := 2
			if r.Dev {
				half = 1
				if dumpMatch(dump, set.Name, r.Label, res.Sentiment) {
					fmt.Printf("DEV %s gold=%s pred=%s neg=%.2f %v | %s\n", set.Name, r.Label, res.Sentiment, res.Negativity, res.Evidence, r.Text)
				}
			}
			ours[0].Add(r.Label, res.Sentiment)
			ours[half].Add(r.Label, res.Sentiment)
			ourPairs[0].AddGrouped(r.Text, r.Label, res.Sentiment)
			ourPairs[half].AddGrouped(r.Text, r.Label, res.Sentiment)
			if r.Lang == "en" {
				english = true
				g := vaderLabel(vader.PolarityScores(r.Text).Compound)
				gv[0].Add(r.Label, g)
				gv[half].Add(r.Label, g)
				gvPairs[0].AddGrouped(r.Text, r.Label, g)
				gvPairs[half].AddGrouped(r.Text, r.Label, g)
			}
		}
		splits := []struct {
			name string
			k    int
		}{{"all", 0}, {"held-out", 2}}
		if devOnly {
			// tuning: the held-out half is neither shown nor checked
			splits = splits[:0]
		}
		if os.Getenv("MW_EVAL_DEV") != "" {
			splits = append(splits, struct {
				name string
				k    int
			}{"dev", 1})
		}
		for n, sp := range splits {
			g := "-"
			if english {
				g = row(&gv[sp.k])
			}
			name, rows, base := set.Name, fmt.Sprint(ours[sp.k].N()), baselines[set.Name]
			if n > 0 {
				name, base = "", ""
			}
			fmt.Fprintf(&b, "%-28s %-8s %5s | %-27s | %-27s | %s\n", name, sp.name, rows, row(&ours[sp.k]), g, base)
			if evalCI() {
				gp := &gvPairs[sp.k]
				if !english {
					gp = nil
				}
				b.WriteString(ciRow(set.Name, &ourPairs[sp.k], gp))
			}
		}
		if f, ok := floors[set.Name]; ok && !devOnly {
			held := &ours[2]
			got := held.MacroF1()
			metric := "3-class macro-F1"
			if strings.HasPrefix(set.Name, "sentirueval") {
				got, metric = held.FMacroPM(), "F_macro±"
			}
			switch {
			case got >= f:
			case testing.Verbose():
				t.Errorf("%s: held-out %s %.3f fell below %.3f", set.Name, metric, got, f)
			default:
				t.Errorf("%s: held-out %s fell below %.3f (the figure is printed with -v only)", set.Name, metric, f)
			}
		}
	}
	// the table holds held-out figures: printed when asked for (-v), not
	// whenever a plain run fails
	if testing.Verbose() || devOnly {
		t.Log(b.String())
	}
}

func row(c *evalset.Confusion) string {
	return fmt.Sprintf("%.3f %.3f %.3f %.3f", c.Accuracy(), c.MacroF1(), c.FMacroPM(), c.FMicroPM())
}

// vaderLabel is VADER's own 3-class protocol: compound ≥ 0.05 positive,
// ≤ −0.05 negative.
func vaderLabel(c float64) string {
	switch {
	case c >= 0.05:
		return evalset.Positive
	case c <= -0.05:
		return evalset.Negative
	}
	return evalset.Neutral
}

func dumpMatch(spec, set, gold, pred string) bool {
	if spec == "" || gold == pred {
		return false
	}
	f := strings.Split(spec, ":")
	if !strings.Contains(set, f[0]) {
		return false
	}
	if len(f) > 1 && f[1] != "" && f[1] != gold {
		return false
	}
	if len(f) > 2 && f[2] != "" && f[2] != pred {
		return false
	}
	return true
}
