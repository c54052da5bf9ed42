package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/mentionwatch/mentionwatch/internal/redact"
	"github.com/mentionwatch/mentionwatch/internal/suggest"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a config file.
type Problem struct {
	File string
	Line int
	Path string // field path such as sources[2].schedule
	Msg  string
	// Warning marks something that works but probably not as meant (a
	// query word that can never match); it does not make a config bad.
	Warning bool
}

// String formats the problem as FILE:LINE: path: message, with
// "warning: " before the message of a warning.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	if p.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Errors returns the problems that are not warnings.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Problems is every problem found in a config; it is an error.
type Problems []Problem

// Error lists the problems, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Sort orders problems by line, then path.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Path < ps[j].Path
	})
}

// positions maps field paths to the line they are written on.
type positions map[string]int

// Line returns the line of path in the config file, or of its nearest
// parent that is written there (a missing field is reported at its parent).
func (c *Config) Line(path string) int {
	for p := path; p != ""; p = parentPath(p) {
		if l, ok := c.pos[p]; ok {
			return l
		}
	}
	return 0
}

// Has reports whether path is written in the config file.
func (c *Config) Has(path string) bool {
	_, ok := c.pos[path]
	return ok
}

// Problem makes a Problem at path in this config's file. A path not written
// in the file at all (a missing top-level section) is reported at line 1.
func (c *Config) Problem(path, format string, args ...any) Problem {
	line := c.Line(path)
	if line == 0 {
		line = 1
	}
	return Problem{File: c.File, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)}
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// Load reads, decodes, defaults and validates the config at path. When a
// problem is an error it returns a Problems error listing all of them,
// warnings included; a config with only warnings loads, and keeps them in
// its Warnings.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Problems{{File: path, Msg: fmt.Sprintf("cannot read config: %v", errors.Unwrap(err))}}
	}
	cfg, probs := Parse(path, data)
	if len(probs.Errors()) > 0 {
		return cfg, probs
	}
	cfg.Warnings = probs
	return cfg, nil
}

// Parse decodes data (read from file) with defaults and structural
// validation. It returns the config even when there are problems, so that
// callers may add problems of their own (queries, expressions) at the
// right lines.
func Parse(file string, data []byte) (*Config, Problems) {
	cfg := &Config{File: file, pos: positions{}}
	var probs Problems
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(protectEnv(data)))
	if err := dec.Decode(&doc); err != nil {
		line, msg := splitYAMLError(err)
		if err.Error() == "EOF" {
			msg = "config is empty"
		}
		return cfg, Problems{{File: file, Line: line, Msg: msg}}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return cfg, Problems{{File: file, Line: root.Line, Msg: "config must be a mapping of keys such as version, brands, sources"}}
	}
	var fromEnv []envValue
	for _, u := range expandEnv(root, "", &fromEnv) {
		probs = append(probs, Problem{File: file, Line: u.line, Path: u.path, Warning: true,
			Msg: fmt.Sprintf("${%s} is not set in the environment; the value is empty", u.name)})
	}
	for _, v := range fromEnv {
		redact.Register(v.name, v.value) // never shown anywhere from now on
	}
	w := walker{file: file, pos: cfg.pos}
	w.walk(root, reflect.TypeOf(*cfg), "")
	probs = append(probs, w.probs...)

	// A key given twice at the top stops the decoder before it fills
	// anything: validating the empty config would invent problems
	// ("unsupported version 0") the file does not have.
	decoded := !duplicateKey(root)
	if err := root.Decode(cfg); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, e := range te.Errors {
				line, msg := splitYAMLError(errors.New(e))
				col := 0
				if m := columnRe.FindStringSubmatch(msg); m != nil {
					col, _ = strconv.Atoi(m[1])
					msg = msg[len(m[0]):]
				}
				probs = append(probs, Problem{File: file, Line: line, Path: w.pathAt(line, col, msg), Msg: cleanYAMLMsg(msg)})
			}
		} else {
			line, msg := splitYAMLError(err)
			probs = append(probs, Problem{File: file, Line: line, Msg: msg})
			decoded = false
		}
	}
	cfg.File = file
	cfg.applyDefaults()
	// A field whose value could not be decoded is reported once, not again
	// by validation of the zero value it was left with.
	bad := map[string]bool{}
	for _, p := range probs {
		if !p.Warning {
			bad[p.Path] = true
		}
	}
	for _, p := range cfg.validate() {
		if decoded && !bad[p.Path] {
			probs = append(probs, p)
		}
	}
	redactEnv(probs, fromEnv)
	probs.Sort()
	return cfg, probs
}

// duplicateKey reports whether the mapping m has a key twice.
func duplicateKey(m *yaml.Node) bool {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

var (
	lineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)
	// columnRe reads the column typeErr puts after the line.
	columnRe = regexp.MustCompile(`^column (\d+): `)
	// shownValueRe reads the value a yaml type error quotes ("cannot
	// unmarshal !!str `x587` into int"); yaml cuts one longer than ten
	// bytes to its first seven and "...".
	shownValueRe = regexp.MustCompile("^cannot unmarshal \\S+ `([^`]*)` into ")
)

// splitYAMLError pulls the line number out of a yaml error message.
func splitYAMLError(err error) (int, string) {
	msg := err.Error()
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, strings.TrimSpace(msg[len(m[0]):])
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// cleanYAMLMsg turns Go type names in yaml messages into words.
func cleanYAMLMsg(msg string) string {
	r := strings.NewReplacer(
		"into []string", "into a list of strings",
		"into map[string]string", "into a mapping of strings",
		"into float64", "into a number",
		"into int", "into a whole number",
		"into bool", "into true/false",
		"into *bool", "into true/false",
		"!!str", "string", "!!int", "number", "!!float", "number",
		"!!map", "mapping", "!!seq", "list", "!!bool", "boolean",
	)
	msg = r.Replace(msg)
	if i := strings.Index(msg, " into config."); i >= 0 {
		msg = msg[:i] + " here"
	} else if i := strings.Index(msg, " into []config."); i >= 0 {
		msg = msg[:i] + " into a list"
	}
	return msg
}

// walker checks every key against the config structs (strict decoding
// that reports all unknown keys, not only the first) and records the line
// of every field path.
type walker struct {
	file  string
	pos   positions
	lines map[int][]lineEntry // line -> the paths written on it, in order
	used  map[string]bool     // paths pathAt already gave a type error
	probs Problems
}

// lineEntry is a field path and the value written for it.
type lineEntry struct {
	path string
	node *yaml.Node
	// notScalar: a mapping or list written where a plain value belongs.
	notScalar bool
}

// record notes that path is written at line (its key's line) with value
// v. The path is listed under its key's line and its value's line: a type
// error names the value's.
func (w *walker) record(path string, line int, v *yaml.Node) {
	if w.lines == nil {
		w.lines = map[int][]lineEntry{}
	}
	if _, ok := w.pos[path]; !ok {
		w.pos[path] = line
	}
	w.lines[line] = append(w.lines[line], lineEntry{path: path, node: v})
	if v.Line != line {
		w.lines[v.Line] = append(w.lines[v.Line], lineEntry{path: path, node: v})
	}
}

// pathAt finds the field path a type error on line is about. Several
// fields share a line in a flow mapping ({host: h, port: "x587"}): the
// error's column (col, 0 when unknown) or the value it quotes picks the
// field; otherwise it is the deepest path on the line.
func (w *walker) pathAt(line, col int, msg string) string {
	es := w.lines[line]
	if len(es) == 0 {
		return ""
	}
	var fits func(e lineEntry) bool
	switch m := shownValueRe.FindStringSubmatch(msg); {
	case col > 0:
		fits = func(e lineEntry) bool { return e.node.Column == col }
	case m != nil:
		prefix, cut := strings.CutSuffix(m[1], "...")
		fits = func(e lineEntry) bool {
			v := e.node.Value
			return e.node.Kind == yaml.ScalarNode && (v == m[1] || cut && len(v) > 10 && strings.HasPrefix(v, prefix))
		}
	case strings.HasPrefix(msg, "cannot unmarshal !!map "):
		fits = func(e lineEntry) bool { return e.notScalar && e.node.Kind == yaml.MappingNode }
	case strings.HasPrefix(msg, "cannot unmarshal !!seq "):
		fits = func(e lineEntry) bool { return e.notScalar && e.node.Kind == yaml.SequenceNode }
	default:
		return es[len(es)-1].path
	}
	if w.used == nil {
		w.used = map[string]bool{}
	}
	found := es[len(es)-1].path
	for _, e := range es {
		if e.node.Line != line || !fits(e) {
			continue
		}
		if !w.used[e.path] {
			w.used[e.path] = true
			return e.path
		}
		found = e.path
	}
	return found
}

var (
	customScalars = map[reflect.Type]bool{
		reflect.TypeOf(Duration(0)): true,
		reflect.TypeOf(ByteSize(0)): true,
		reflect.TypeOf(Adjust{}):    true,
	}
	// scalarOrMapping are structs that may also be written as a plain
	// value: an API token is a string or {name, token}.
	scalarOrMapping = map[reflect.Type]bool{
		reflect.TypeOf(APIToken{}): true,
	}
)

func (w *walker) walk(n *yaml.Node, t reflect.Type, path string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if customScalars[t] {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode && scalarOrMapping[t] {
			return // a plain value, or a kind its UnmarshalYAML reports
		}
		if n.Kind != yaml.MappingNode {
			if !(n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
				w.probs = append(w.probs, Problem{File: w.file, Line: n.Line, Path: path, Msg: "must be a mapping"})
			}
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" { // merge key
				w.walk(v, t, path)
				continue
			}
			p := joinPath(path, k.Value)
			f, ok := fields[k.Value]
			if !ok {
				w.probs = append(w.probs, Problem{File: w.file, Line: k.Line, Path: p,
					Msg: "unknown field" + suggestField(k.Value, fields)})
				continue
			}
			w.record(p, k.Line, v)
			w.walk(v, f.Type, p)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := joinPath(path, k.Value)
			w.record(p, k.Line, v)
			w.walk(v, t.Elem(), p)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			w.record(p, c.Line, c)
			w.walk(c, t.Elem(), p)
		}
	default:
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
			w.record(path, n.Line, n)
			w.lines[n.Line] = append(w.lines[n.Line], lineEntry{path: path, node: n, notScalar: true})
		}
	}
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// fieldCache holds yamlFields' answers, by type: a config with thousands
// of sources walks the same few struct types again and again.
var fieldCache sync.Map // reflect.Type -> map[string]reflect.StructField

// yamlFields returns the fields of struct type t by their YAML key. The
// map is shared; do not modify it.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	m := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f
	}
	fieldCache.Store(t, m)
	return m
}

// suggestField proposes the known field closest to an unknown one.
func suggestField(key string, fields map[string]reflect.StructField) string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names) // a tie goes to the first name in order
	if best := suggest.Nearest(key, names); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (known: " + strings.Join(names, ", ") + ")"
}
