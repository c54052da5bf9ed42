package score

// A wait told by its length ("waited 40 minutes") was weighed twice: by
// the phrase of en.phr that holds it ("wait* NUM minutes", a complaint)
// and again by enFlatFailure. The flat rule is for failures no phrase
// weighs, so it adds nothing where a complaint hit already holds its word.

// flatHeld reports whether an unfavourable complaint hit covers token i.
func flatHeld(s *scratch, i int) bool {
	for _, h := range s.hits {
		if h.val < 0 && h.tags&tComplaint != 0 && h.tok <= i && i <= h.last {
			return true
		}
	}
	return false
}

// shoutout reports whether token i opens a "shoutout to X for …" (or
// "shout-out", "shout out"), which enSarcasticThanks reads as thanks:
// "Shoutout to the IRS for making me wait 11 months".
func shoutout(toks []token, i int) bool {
	switch toks[i].norm {
	case "shoutout", "shout-out", "shoutouts":
		return true
	case "shout":
		return i+1 < len(toks) && toks[i+1].norm == "out"
	}
	return false
}
