package config

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/redact"

	"go.yaml.in/yaml/v3"
)

var (
	envRe     = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}\n]*))?\}`)
	envMarkRe = regexp.MustCompile("\uE000([A-Za-z_][A-Za-z0-9_]*)(?:\uE002([^\uE001]*))?\uE001")
)

// protectEnv rewrites every ${NAME} and ${NAME:-default} into a marker of
// private-use characters before YAML parsing. Written unquoted inside a
// flow mapping ({user: ${SMTP_USER}, …}), the braces of ${…} would end the
// mapping; the markers are plain characters to YAML, and line numbers do not
// change. expandEnv replaces them after parsing.
func protectEnv(data []byte) []byte {
	if !bytes.Contains(data, []byte("${")) {
		return data
	}
	return envRe.ReplaceAllFunc(data, func(m []byte) []byte {
		sm := envRe.FindSubmatch(m)
		out := "\uE000" + string(sm[1])
		if sm[2] != nil {
			out += "\uE002" + string(sm[2])
		}
		return []byte(out + "\uE001")
	})
}

// unsetVar is a ${NAME} without a default whose variable is not set: the
// value it stood in became empty.
type unsetVar struct {
	name, path string
	line       int
}

// expandEnv replaces the markers protectEnv left for ${NAME} and
// ${NAME:-default} in every scalar value (never in keys) with the
// environment's value. It works on the parsed tree, so a value cannot inject
// YAML structure and line numbers stay exact. path is n's field path; it
// returns every ${NAME} without a default whose variable is not set, with
// the field path and line it is written at. A variable set to "" is taken
// as meant: ${NAME} is then empty, ${NAME:-default} its default. Every
// value taken from the environment is added to got, so that no message
// about the config shows it (redactEnv).
func expandEnv(n *yaml.Node, path string, got *[]envValue) []unsetVar {
	var unset []unsetVar
	switch n.Kind {
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			unset = append(unset, expandEnv(n.Content[i], joinPath(path, n.Content[i-1].Value), got)...)
		}
	case yaml.DocumentNode:
		for _, c := range n.Content {
			unset = append(unset, expandEnv(c, path, got)...)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			unset = append(unset, expandEnv(c, fmt.Sprintf("%s[%d]", path, i), got)...)
		}
	case yaml.ScalarNode:
		if !strings.ContainsRune(n.Value, '\uE000') {
			return nil
		}
		n.Value = envMarkRe.ReplaceAllStringFunc(n.Value, func(m string) string {
			sm := envMarkRe.FindStringSubmatch(m)
			v, ok := os.LookupEnv(sm[1])
			if ok && v != "" {
				*got = append(*got, envValue{name: sm[1], value: v})
				return v
			}
			if !ok && !strings.Contains(m, "\uE002") {
				unset = append(unset, unsetVar{name: sm[1], path: path, line: n.Line})
			}
			return sm[2]
		})
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) == 0 {
			n.Tag = "" // plain scalar: resolve its type from the new value
		}
	}
	return unset
}

// envValue is a value the config took from the environment variable name.
type envValue struct{ name, value string }

// redactEnv replaces, in every problem's message, each value the config
// took from the environment by the ${NAME} it came from: a type error
// quotes the value it could not read ("cannot unmarshal string `x587`"),
// and the value may be a secret. yaml cuts a value longer than ten bytes
// to its first seven and "...", so that form is replaced too. Values
// shorter than redact.MinSecret (a port, "true") are left, as redact
// leaves them.
func redactEnv(probs Problems, vals []envValue) {
	for i := range probs {
		for _, v := range vals {
			if len(v.value) < redact.MinSecret {
				continue
			}
			ref := "${" + v.name + "}"
			probs[i].Msg = strings.ReplaceAll(probs[i].Msg, v.value, ref)
			if len(v.value) > 10 {
				probs[i].Msg = strings.ReplaceAll(probs[i].Msg, v.value[:7]+"...", ref)
			}
		}
	}
}
