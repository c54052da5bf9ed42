// Package evalset reads the labelled sentiment sets used to evaluate the
// scorer (one JSON object per line: text, label, lang and optional entity
// fields), splits them into a development half and a held-out half, and
// computes the metrics the evaluation reports.
package evalset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Labels in the order the metrics use.
const (
	Negative = "negative"
	Neutral  = "neutral"
	Positive = "positive"
)

// Row is one labelled text.
type Row struct {
	Text       string  `json:"text"`
	Label      string  `json:"label"`
	Lang       string  `json:"lang"`
	Entity     string  `json:"entity"`
	EntityName string  `json:"entity_name"`
	ID         string  `json:"id"`
	Confidence float64 `json:"label_confidence"`
	// Score is the mean human rating of a VADER row (−4…+4), 0 elsewhere.
	Score float64 `json:"score"`
	// Dev is true for rows in the development half (see Split).
	Dev bool `json:"-"`
}

// Set is one file of rows.
type Set struct {
	Name string // file name without .jsonl
	Rows []Row
}

// Load reads every *.jsonl file of dir, sorted by name, and marks each
// row's half with Split.
func Load(dir string) ([]Set, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("evalset: %w", err)
	}
	sort.Strings(files)
	var sets []Set
	for _, f := range files {
		rows, err := ReadFile(f)
		if err != nil {
			return nil, err
		}
		Split(rows, Seed)
		sets = append(sets, Set{Name: strings.TrimSuffix(filepath.Base(f), ".jsonl"), Rows: rows})
	}
	return sets, nil
}

// ReadFile reads one JSON-lines file.
func ReadFile(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("evalset: %w", err)
	}
	defer f.Close()
	var rows []Row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var r Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("evalset: %s:%d: %w", path, n, err)
		}
		switch r.Label {
		case Negative, Neutral, Positive:
		default:
			return nil, fmt.Errorf("evalset: %s:%d: unknown label %q", path, n, r.Label)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("evalset: %s: %w", path, err)
	}
	return rows, nil
}

// Seed is the fixed seed of the development/held-out split.
const Seed = 20151013

// Split marks half of rows as development rows (Dev) and the rest as
// held out. Rows sharing a text (one tweet labelled for several
// companies) stay together, so no text is seen in both halves. The split
// is stratified by the labels of each text group and deterministic for a
// given seed.
func Split(rows []Row, seed uint64) {
	type group struct {
		key  string
		idx  []int
		sign string
	}
	byKey := map[string]*group{}
	var groups []*group
	for i, r := range rows {
		k := r.Text
		g := byKey[k]
		if g == nil {
			g = &group{key: k}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.idx = append(g.idx, i)
	}
	strata := map[string][]*group{}
	var names []string
	for _, g := range groups {
		labels := make([]string, len(g.idx))
		for j, i := range g.idx {
			labels[j] = rows[i].Label
		}
		sort.Strings(labels)
		g.sign = strings.Join(labels, ",")
		if _, ok := strata[g.sign]; !ok {
			names = append(names, g.sign)
		}
		strata[g.sign] = append(strata[g.sign], g)
	}
	sort.Strings(names)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for _, name := range names {
		gs := strata[name]
		rng.Shuffle(len(gs), func(i, j int) { gs[i], gs[j] = gs[j], gs[i] })
		half := (len(gs) + 1) / 2
		for k, g := range gs {
			for _, i := range g.idx {
				rows[i].Dev = k < half
			}
		}
	}
}
