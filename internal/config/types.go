package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Duration is a time.Duration written as in Go ("90s", "1h30m") with two
// more units: "d" (24h) and "w" (7d), e.g. "14d".
type Duration time.Duration

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String formats the duration, using days where it divides evenly.
func (d Duration) String() string {
	td := time.Duration(d)
	if td != 0 && td%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(td/(24*time.Hour)), 10) + "d"
	}
	return td.String()
}

// ParseDuration parses a Go duration, also accepting d and w units.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	if s == "0" {
		return 0, nil
	}
	// Expand d and w into hours so time.ParseDuration handles the rest.
	var b strings.Builder
	num := ""
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9' || r == '.':
			num += string(r)
		case r == 'd' || r == 'w':
			if num == "" {
				return 0, fmt.Errorf("invalid duration %q", s)
			}
			f, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, fmt.Errorf("invalid duration %q", s)
			}
			h := f * 24
			if r == 'w' {
				h *= 7
			}
			b.WriteString(strconv.FormatFloat(h, 'f', -1, 64) + "h")
			num = ""
		default:
			b.WriteString(num)
			b.WriteRune(r)
			num = ""
		}
	}
	b.WriteString(num)
	d, err := time.ParseDuration(b.String())
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q (use e.g. 90s, 10m, 72h, 14d)", s)
	}
	return d, nil
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "duration must be a string like 10m")
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		return typeErr(n, "%v", err)
	}
	if v < 0 {
		return typeErr(n, "duration %q is negative", n.Value)
	}
	*d = Duration(v)
	return nil
}

// ByteSize is a size in bytes written as "5MiB", "512KB", "1GB" or a plain
// number of bytes.
type ByteSize int64

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30},
	{"b", 1},
}

// ParseByteSize parses a size such as "5MiB" or "1048576".
func ParseByteSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return 0, fmt.Errorf("empty size")
	}
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			mult = u.mult
			t = strings.TrimSpace(strings.TrimSuffix(t, u.suffix))
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || math.IsNaN(f) || math.IsInf(f, 0) || f*float64(mult) > math.MaxInt64/2 {
		return 0, fmt.Errorf("invalid size %q (use e.g. 5MiB, 512KB)", s)
	}
	return int64(f * float64(mult)), nil
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (b *ByteSize) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "size must be a string like 5MiB")
	}
	v, err := ParseByteSize(n.Value)
	if err != nil {
		return typeErr(n, "%v", err)
	}
	*b = ByteSize(v)
	return nil
}

// Adjust is a scoring effect: "+0.3" or "-0.2" adds to the score, a bare
// number ("0.9" or "=0.9") sets it.
type Adjust struct {
	Value    float64
	Relative bool
}

// Apply returns x changed by the adjustment and clamped to [0,1].
func (a Adjust) Apply(x float64) float64 {
	if a.Relative {
		x += a.Value
	} else {
		x = a.Value
	}
	return math.Max(0, math.Min(1, x))
}

// String formats the adjustment as written.
func (a Adjust) String() string {
	if a.Relative {
		return strconv.FormatFloat(a.Value, 'f', -1, 64)
	}
	return "=" + strconv.FormatFloat(a.Value, 'f', -1, 64)
}

// ParseAdjust parses "+0.3", "-0.2", "0.9" or "=0.9".
func ParseAdjust(s string) (Adjust, error) {
	t := strings.TrimSpace(s)
	var a Adjust
	switch {
	case strings.HasPrefix(t, "+") || strings.HasPrefix(t, "-"):
		a.Relative = true
	case strings.HasPrefix(t, "="):
		t = t[1:]
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return a, fmt.Errorf("invalid adjustment %q (use +0.3, -0.2 or =0.9)", s)
	}
	a.Value = v
	if !a.Relative && (v < 0 || v > 1) {
		return a, fmt.Errorf("value %q out of range [0,1]", s)
	}
	if a.Relative && (v < -1 || v > 1) {
		return a, fmt.Errorf("adjustment %q out of range [-1,+1]", s)
	}
	return a, nil
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (a *Adjust) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "adjustment must be a number like +0.3")
	}
	v, err := ParseAdjust(n.Value)
	if err != nil {
		return typeErr(n, "%v", err)
	}
	*a = v
	return nil
}

// typeErr returns a *yaml.TypeError so that decoding goes on and every bad
// value is reported, not only the first. Its column tells Parse which
// field of the line it is about.
func typeErr(n *yaml.Node, format string, args ...any) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: column %d: ", n.Line, n.Column) + fmt.Sprintf(format, args...)}}
}
