package score

import (
	"fmt"
	"strings"
	"testing"
)

// TestListMemo checks that the per-scratch memo of pattern lists answers
// what the cache would: a list changed in place after a lookup, a list of
// the same names in other strings, and more lists than the memo holds.
func TestListMemo(t *testing.T) {
	compiled := 0
	c := &patternCache[string]{compile: func(names []string) string {
		compiled++
		return strings.Join(names, ",")
	}, limit: 100}
	var m listMemo[string]
	var key []byte
	get := func(first string, names []string) string {
		return c.lookupMemo(&m, &key, first, names)
	}
	names := []string{"Сбербанк", "ВТБ"}
	if got := get("Тинькофф", names); got != "Тинькофф,Сбербанк,ВТБ" {
		t.Fatalf("first lookup: %q", got)
	}
	if got := get("Тинькофф", names); got != "Тинькофф,Сбербанк,ВТБ" || compiled != 1 {
		t.Fatalf("repeated lookup: %q, %d compiled", got, compiled)
	}
	names[1] = "Альфа"
	if got := get("Тинькофф", names); got != "Тинькофф,Сбербанк,Альфа" {
		t.Fatalf("list changed in place: %q", got)
	}
	copied := []string{strings.Clone("Сбербанк"), strings.Clone("Альфа")}
	if got := get("Тинькофф", copied); got != "Тинькофф,Сбербанк,Альфа" || compiled != 2 {
		t.Fatalf("same names in other strings: %q, %d compiled", got, compiled)
	}
	if got := get("", copied); got != "Сбербанк,Альфа" {
		t.Fatalf("without first: %q", got)
	}
	for i := range 2 * memoLists {
		want := fmt.Sprintf("b%d,x", i%(memoLists+3))
		if got := get(fmt.Sprintf("b%d", i%(memoLists+3)), []string{"x"}); got != want {
			t.Fatalf("lookup %d: %q, want %q", i, got, want)
		}
	}
}
