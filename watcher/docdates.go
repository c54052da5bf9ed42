package watcher

import (
	"log/slog"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/redact"
	"github.com/mentionwatch/mentionwatch/watcher/dates"
)

// ClearImplausibleDates clears the date of each document of source,
// fetched at now, that is dated before the web or far after now
// (dates.Plausible): broken generators write the year 1 or 2999. Such a
// document counts as undated, published when it was fetched. Each one
// is logged at debug level; it returns how many there were.
func ClearImplausibleDates(docs []model.Document, now time.Time, log *slog.Logger, source string) int {
	n := 0
	for i := range docs {
		d := &docs[i]
		if d.PublishedAt.IsZero() || dates.Plausible(d.PublishedAt, now) {
			continue
		}
		if log != nil {
			log.Debug("document date implausible, taken as undated", "source", source, "url", redact.URL(d.URL),
				"date", d.PublishedAt.Format(time.RFC3339))
		}
		d.PublishedAt = time.Time{}
		n++
	}
	return n
}
