package score

import (
	"sort"
	"sync"

	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

var (
	othersMu  sync.Mutex
	othersMap = map[string]map[string][]string{}
)

// evalOthers are the other brands of a labelled row: for a SentiRuEval
// row, every other company of the same file (its entity_name values) with
// the aliases a brand query for it would list — the competitors a user
// monitoring one bank or operator would configure. Other sets have none.
func evalOthers(set *evalset.Set, r evalset.Row) []string {
	if _, ok := entityAliases[r.Entity]; !ok || r.EntityName == "" {
		return nil
	}
	othersMu.Lock()
	defer othersMu.Unlock()
	m := othersMap[set.Name]
	if m == nil {
		names := map[string]string{}
		for _, row := range set.Rows {
			if row.Entity != "" {
				names[row.Entity] = row.EntityName
			}
		}
		keys := make([]string, 0, len(names))
		for k := range names {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m = map[string][]string{}
		for _, k := range keys {
			var list []string
			for _, o := range keys {
				if o != k {
					list = append(list, names[o])
					list = append(list, entityAliases[o]...)
				}
			}
			m[k] = list
		}
		othersMap[set.Name] = m
	}
	return m[r.Entity]
}
