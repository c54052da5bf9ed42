package dates

import "time"

// FirstWebYear is the earliest year a document on the web may be dated:
// a date before it (the year 1, 1970 from a zero timestamp) was written
// by a broken generator.
const FirstWebYear = 1990

// MaxAhead is how far after the time it was fetched a document may be
// dated. A few hours ahead is a time zone or clock off and the date is
// kept (the pipeline takes it as now for ordering); further ahead (the
// year 2999) it is no publication date.
const MaxAhead = 48 * time.Hour

// Plausible reports whether t can be the date of a document fetched at
// now: not zero, not before FirstWebYear, not more than MaxAhead after now.
func Plausible(t, now time.Time) bool {
	return !t.IsZero() && t.Year() >= FirstWebYear && !t.After(now.Add(MaxAhead))
}
