package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// ErrSourcesFailed is returned by RunOnce, as a *SourcesFailedError, when
// sources could not be crawled.
var ErrSourcesFailed = errors.New("sources failed")

// SourcesFailedError says which sources a RunOnce could not crawl, and
// why; the other sources were crawled and their alerts delivered.
type SourcesFailedError struct {
	Errs map[string]error // by source name
}

func (e *SourcesFailedError) Error() string {
	names := make([]string, 0, len(e.Errs))
	for n := range e.Errs {
		names = append(names, n)
	}
	slices.Sort(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%q: %s", n, redact.Text(e.Errs[n].Error()))
	}
	noun := "sources"
	if len(names) == 1 {
		noun = "source"
	}
	return fmt.Sprintf("%d %s failed, the others were crawled (the next run tries again): %s",
		len(names), noun, strings.Join(parts, "; "))
}

// Is makes errors.Is(err, ErrSourcesFailed) hold.
func (e *SourcesFailedError) Is(target error) bool { return target == ErrSourcesFailed }
