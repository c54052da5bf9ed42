package config

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The README's configuration reference documents every key rules.yaml
// takes. Its tables with a "key" column are read here: under a heading
// naming one key (### `http`), the keys of a table are relative to it;
// `routes[].when` is a key of every route. A key whose value is a mapping
// may instead name its own keys in its row's text (`selectors`: `item`,
// `title`, …).

// readmeRow is one row of a reference table.
type readmeRow struct {
	keys []string // full paths, [] dropped: sources.selectors.item
	def  string   // the default column, "" when the table has none
	text string   // the whole row
}

var backticked = regexp.MustCompile("`([^`]+)`")

// readmeReference returns the rows of the reference tables in README.md.
func readmeReference(t *testing.T) []readmeRow {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatalf("README: %v", err)
	}
	text := string(data)
	start := strings.Index(text, "\n## Configuration reference\n")
	if start < 0 {
		t.Fatal("README has no \"## Configuration reference\" section")
	}
	text = text[start+1:]
	if end := strings.Index(text[3:], "\n## "); end >= 0 {
		text = text[:end+3]
	}
	var rows []readmeRow
	prefix, inTable, defCol := "", false, -1
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "### ") || strings.HasPrefix(line, "#### "):
			names := backticked.FindAllStringSubmatch(line, -1)
			switch {
			case len(names) == 1:
				prefix = strings.ReplaceAll(names[0][1], "[]", "") + "."
			case len(names) > 1:
				prefix = ""
			}
			inTable = false
		case strings.HasPrefix(line, "| key |"):
			inTable, defCol = true, -1
			for i, c := range tableCells(line) {
				if c == "default" {
					defCol = i
				}
			}
		case inTable && strings.HasPrefix(line, "| ---"):
		case inTable && strings.HasPrefix(line, "|"):
			cells := tableCells(line)
			row := readmeRow{text: line}
			parent := ""
			for _, m := range backticked.FindAllStringSubmatch(cells[0], -1) {
				k := strings.ReplaceAll(m[1], "[]", "")
				if !strings.Contains(k, ".") && parent != "" {
					k = parent + "." + k
				}
				if i := strings.LastIndex(k, "."); i >= 0 {
					parent = k[:i]
				}
				row.keys = append(row.keys, prefix+k)
			}
			if defCol >= 0 && defCol < len(cells) {
				row.def = cells[defCol]
			}
			rows = append(rows, row)
		default:
			inTable = false
		}
	}
	if len(rows) == 0 {
		t.Fatal("no reference tables found in README")
	}
	return rows
}

// tableCells splits a Markdown table row, keeping "\|" inside a cell.
func tableCells(line string) []string {
	line = strings.Trim(strings.TrimSpace(line), "|")
	line = strings.ReplaceAll(line, `\|`, "\x00")
	cells := strings.Split(line, "|")
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(strings.TrimSpace(c), "\x00", "|")
	}
	return cells
}

// configKeys walks the Config struct as the loader does and returns every
// key it accepts (slices and maps of mappings add no [] or key of their
// own), each with whether its value is a mapping of known keys.
func configKeys() map[string]bool {
	keys := map[string]bool{}
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || customScalars[t] {
			return
		}
		if path != "" {
			keys[path] = true
		}
		for name, f := range yamlFields(t) {
			walk(f.Type, joinPath(path, name))
			if _, ok := keys[joinPath(path, name)]; !ok {
				keys[joinPath(path, name)] = false
			}
		}
	}
	walk(reflect.TypeOf(Config{}), "")
	return keys
}

// TestReadmeDocumentsEveryKey fails when a key the loader accepts has no
// entry in the README's configuration reference, or when the reference
// documents a key that does not exist.
func TestReadmeDocumentsEveryKey(t *testing.T) {
	rows := readmeReference(t)
	keys := configKeys()
	documented := map[string]bool{}
	for _, r := range rows {
		for _, k := range r.keys {
			if _, ok := keys[k]; !ok {
				t.Errorf("README documents %q, which rules.yaml does not take (row %q)", k, r.text)
				continue
			}
			documented[k] = true
		}
	}
	// A mapping documented in one row names its keys there.
	for _, r := range rows {
		for _, k := range r.keys {
			if !keys[k] {
				continue
			}
			for child := range keys {
				rest, ok := strings.CutPrefix(child, k+".")
				if !ok || strings.Contains(rest, ".") || documented[child] {
					continue
				}
				if regexp.MustCompile(`\b` + regexp.QuoteMeta(rest) + `\b`).MatchString(r.text) {
					documented[child] = true
				}
			}
		}
	}
	var missing []string
	for k, mapping := range keys {
		if !documented[k] && !(mapping && childrenDocumented(k, keys, documented)) {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		t.Errorf("rules.yaml takes %q, but the README's configuration reference does not document it", k)
	}
}

// childrenDocumented reports whether every key of the mapping at path is
// documented (the mapping itself then needs no row).
func childrenDocumented(path string, keys, documented map[string]bool) bool {
	for k, mapping := range keys {
		rest, ok := strings.CutPrefix(k, path+".")
		if !ok || strings.Contains(rest, ".") {
			continue
		}
		if !documented[k] && !(mapping && childrenDocumented(k, keys, documented)) {
			return false
		}
	}
	return true
}

// readmeDefaultsConfig has one of each list element, so that every
// default the loader fills in can be read.
const readmeDefaultsConfig = `
brands: [{name: b, query: b}]
sources: [{name: s, url: "https://example.org/feed"}]
scoring:
  rules: [{when: "true", tags: [x]}]
alerts:
  routes: [{slack: "#mentions", quiet_hours: {start: "22:00", end: "08:00"}}]
digest:
  email: {from: a@example.org, to: [b@example.org], smtp: {host: smtp.example.org}}
server:
  users: [{name: anna, password_hash: "$2a$12$Knrjh2ZGOWAvzLa3H0CLdefPuO/vaUWMwk/PShtIqVwApvkIHHjLK"}]
  api_tokens: [{name: ci, token: 0123456789abcdef}]
`

// effectiveDefaults are the defaults a field leaves to the code that
// reads it, rather than filling them in at load.
var effectiveDefaults = map[string]func(c *Config) string{
	"sources.backfill": func(c *Config) string { return Duration(c.Sources[0].BackfillWindow()).String() },
	"sources.push":     func(c *Config) string { return PushAuto },
	"sources.adaptive": func(c *Config) string {
		a := c.Sources[0].AdaptiveLimits()
		return fmt.Sprintf("{min: %s, max: %s, factor: %g}", a.Min, a.Max, a.Factor)
	},
}

// TestReadmeDefaults checks every default the README's reference gives
// as a value (`20s`, `5MiB`, `true`) against what the loader fills in.
func TestReadmeDefaults(t *testing.T) {
	c, probs := Parse("rules.yaml", []byte(readmeDefaultsConfig))
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatalf("defaults config: %v", errs)
	}
	keys := configKeys()
	checked := 0
	for _, r := range readmeReference(t) {
		defs := backticked.FindAllStringSubmatch(r.def, -1)
		if len(defs) != len(r.keys) || strings.Trim(backticked.ReplaceAllString(r.def, ""), ", /") != "" {
			continue // prose ("all", "Slack's", "—"), or not one value per key
		}
		for i, k := range r.keys {
			want := defs[i][1]
			if _, ok := keys[want]; ok {
				continue // another key's value (`alerts.time_zone`)
			}
			if eff, ok := effectiveDefaults[k]; ok {
				want = normalizeDurations(want)
				if got := eff(c); got != want {
					t.Errorf("%s: README says the default is %q, the code has %q", k, want, got)
				}
				checked++
				continue
			}
			v, ok := fieldValue(reflect.ValueOf(c).Elem(), strings.Split(k, "."))
			if !ok {
				t.Errorf("%s: no such field", k)
				continue
			}
			if v.Kind() == reflect.Slice || v.Kind() == reflect.Map {
				continue // a list's default is described, not a value
			}
			if err := sameDefault(v, want); err != nil {
				t.Errorf("%s: %v", k, err)
			}
			checked++
		}
	}
	t.Logf("%d defaults compared", checked)
	if checked < 40 {
		t.Errorf("only %d defaults checked: the README's tables were not read as expected", checked)
	}
}

// normalizeDurations writes the durations in a default (`72h`,
// `{min: 5m, max: 24h, factor: 1}`) as Duration.String writes them.
func normalizeDurations(s string) string {
	return regexp.MustCompile(`\d+[hms]\w*`).ReplaceAllStringFunc(s, func(d string) string {
		if v, err := ParseDuration(d); err == nil {
			return Duration(v).String()
		}
		return d
	})
}

// fieldValue follows a key path through structs, pointers and the first
// element of lists.
func fieldValue(v reflect.Value, path []string) (reflect.Value, bool) {
	for _, name := range path {
		for v.Kind() == reflect.Slice || v.Kind() == reflect.Pointer {
			if v.Kind() == reflect.Slice {
				if v.Len() == 0 {
					return v, false
				}
				v = v.Index(0)
				continue
			}
			if v.IsNil() {
				return v, false
			}
			v = v.Elem()
		}
		f, ok := yamlFields(v.Type())[name]
		if !ok {
			return v, false
		}
		v = v.FieldByIndex(f.Index)
	}
	return v, true
}

// sameDefault compares a loaded value with the README's default, read as
// the field's type reads it.
func sameDefault(v reflect.Value, want string) error {
	switch x := v.Interface().(type) {
	case Duration:
		d, err := ParseDuration(want)
		if err != nil || time.Duration(x) != d {
			return fmt.Errorf("README says the default is %q, the code has %s", want, x)
		}
	case ByteSize:
		n, err := ParseByteSize(want)
		if err != nil || int64(x) != n {
			return fmt.Errorf("README says the default is %q, the code has %d bytes", want, x)
		}
	case *bool: // every optional switch is on when left out
		got := x == nil || *x
		if strconv.FormatBool(got) != want {
			return fmt.Errorf("README says the default is %q, the code has %v", want, got)
		}
	case bool:
		if strconv.FormatBool(x) != want {
			return fmt.Errorf("README says the default is %q, the code has %v", want, x)
		}
	case int:
		if strconv.Itoa(x) != want {
			return fmt.Errorf("README says the default is %q, the code has %d", want, x)
		}
	case float64:
		f, err := strconv.ParseFloat(want, 64)
		if err != nil || f != x {
			return fmt.Errorf("README says the default is %q, the code has %g", want, x)
		}
	case string:
		if x != want {
			return fmt.Errorf("README says the default is %q, the code has %q", want, x)
		}
	default:
		return fmt.Errorf("default %q of a %s: not compared", want, v.Type())
	}
	return nil
}
