package matchers

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestBrandRecallSentiRuEval runs brand queries, written as a user would,
// over the SentiRuEval-2015 tweets, each labelled with the bank or
// operator it is about, and measures how many of each brand's tweets the
// brand's query finds: inflected forms (Сбербанка, Билайну), hashtags,
// @handles (@Beeline_RUS), Latin spellings and typos of hyphenation.
func TestBrandRecallSentiRuEval(t *testing.T) {
	dir := testenv.Eval(t)
	brands := map[string]string{
		"sberbank":   `Сбербанк OR Сбер OR Sberbank OR "Сбербанк Онлайн"`,
		"vtb":        `ВТБ OR VTB OR ВТБ24`,
		"alfabank":   `"Альфа Банк" OR Alfabank OR "Alfa Bank"`,
		"raiffeisen": `Райффайзен OR Райффайзенбанк OR Райфайзен OR Raiffeisen OR Райф`,
		"bankmoskvy": `"Банк Москвы" OR "Bank of Moscow" OR bm_twit`,
		"gazprom":    `Газпромбанк OR Gazprombank OR Газпром`,
		"rshb":       `Россельхозбанк OR РСХБ OR rshb`,
		"uralsib":    `Уралсиб OR Uralsib`,
		"beeline":    `Билайн OR Beeline OR Вымпелком`,
		"mts":        `МТС OR MTS OR mts_ru`,
		"megafon":    `Мегафон OR Megafon`,
		"tele2":      `Tele2 OR Теле2 OR "Теле 2"`,
		"rostelecom": `Ростелеком OR Rostelecom`,
	}
	var names []string
	var list []Brand
	for n := range brands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		list = append(list, Brand{Name: n, Query: brands[n]})
	}
	m, err := Compile(list)
	if err != nil {
		t.Fatal(err)
	}
	rows, found := map[string]int{}, map[string]int{}
	var missed = map[string][]string{}
	for _, file := range []string{"sentirueval2015_banks_test.jsonl", "sentirueval2015_telecom_test.jsonl"} {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Skip(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var row struct{ Text, Entity string }
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				t.Fatal(err)
			}
			if _, ok := brands[row.Entity]; !ok {
				continue
			}
			rows[row.Entity]++
			hit := false
			for _, mt := range m.Match(Doc{Text: row.Text}).Matches {
				hit = hit || mt.Brand == row.Entity
			}
			if hit {
				found[row.Entity]++
			} else if len(missed[row.Entity]) < 8 {
				missed[row.Entity] = append(missed[row.Entity], row.Text)
			}
		}
		f.Close()
	}
	all, allFound := 0, 0
	for _, n := range names {
		if rows[n] == 0 {
			continue
		}
		all += rows[n]
		allFound += found[n]
		recall := float64(found[n]) / float64(rows[n])
		t.Logf("%-10s %4d/%4d = %5.1f%%  missed e.g. %q", n, found[n], rows[n], 100*recall, missed[n])
	}
	recall := float64(allFound) / float64(all)
	t.Logf("all        %4d/%4d = %5.1f%%", allFound, all, 100*recall)
	if recall < 0.95 {
		t.Errorf("recall %.1f%% < 95%%", 100*recall)
	}
}
