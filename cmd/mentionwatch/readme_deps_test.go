package main

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// directRequirements returns the modules go.mod requires directly (not
// marked "// indirect").
func directRequirements(gomod string) []string {
	var mods []string
	inBlock := false
	for _, line := range strings.Split(gomod, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "require (":
			inBlock = true
			continue
		case inBlock && line == ")":
			inBlock = false
			continue
		case strings.HasPrefix(line, "require "):
			line = strings.TrimPrefix(line, "require ")
		case !inBlock:
			continue
		}
		if line == "" || strings.HasPrefix(line, "//") || strings.Contains(line, "// indirect") {
			continue
		}
		mods = append(mods, strings.Fields(line)[0])
	}
	sort.Strings(mods)
	return mods
}

// readmeDependencies returns the modules the README's "Dependencies"
// table names in its first column.
func readmeDependencies(readme string) []string {
	start := strings.Index(readme, "\n## Dependencies\n")
	if start < 0 {
		return nil
	}
	sec := readme[start+1:]
	if end := strings.Index(sec[3:], "\n## "); end >= 0 {
		sec = sec[:end+3]
	}
	tick := regexp.MustCompile("`([^`]+)`")
	var mods []string
	for _, line := range strings.Split(sec, "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| module") {
			continue
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
		for _, m := range tick.FindAllStringSubmatch(first, -1) {
			mods = append(mods, m[1])
		}
	}
	sort.Strings(mods)
	return mods
}

func TestDirectRequirements(t *testing.T) {
	gomod := "module x\n\ngo 1.26\n\nrequire example.org/single v1.0.0\n\nrequire (\n\tgithub.com/a/b v1.0.0\n" +
		"\tgithub.com/c/d v0.1.0 // indirect\n\t// a comment\n\tgolang.org/x/text v0.3.0\n)\n"
	got := strings.Join(directRequirements(gomod), " ")
	if want := "example.org/single github.com/a/b golang.org/x/text"; got != want {
		t.Errorf("directRequirements = %q, want %q", got, want)
	}
}

// TestReadmeDependencies fails when the README's "why each dependency"
// table and go.mod's direct requirements differ: every module go.mod
// requires directly is explained, and no other.
func TestReadmeDependencies(t *testing.T) {
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	required := directRequirements(string(gomod))
	documented := readmeDependencies(string(readme))
	if len(required) == 0 || len(documented) == 0 {
		t.Fatalf("read %d requirements from go.mod and %d modules from the README", len(required), len(documented))
	}
	inReadme := map[string]bool{}
	for _, m := range documented {
		inReadme[m] = true
	}
	inGoMod := map[string]bool{}
	for _, m := range required {
		inGoMod[m] = true
		if !inReadme[m] {
			t.Errorf("go.mod requires %s directly; the README's Dependencies table does not say why", m)
		}
	}
	for _, m := range documented {
		if !inGoMod[m] {
			t.Errorf("the README's Dependencies table lists %s, which go.mod does not require directly", m)
		}
	}
}
