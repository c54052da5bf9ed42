package score

import (
	"math"
	"strings"
	"time"
)

// Importance parts; the sum is clamped to [0,1] and then scaled by
// freshness.
const (
	impSourceBase  = 0.3 // a source of weight 1
	impSourceMax   = 0.7 // the most a heavy source gives
	impTitle       = 0.2 // the brand is named in the title (a headline of a source of weight 1.5 reaches 0.6)
	impVIP         = 0.3 // the author is on a VIP list
	impAdvocate    = 0.2 // the source is tagged advocate
	impReplies     = 0.2 // at most, for a long thread
	impRepliesFull = 200 // replies that give the full amount
	impGrowth      = 0.2 // at most, for a fast-growing thread
	impGrowthFull  = 50  // new replies that give the full amount
	freshHours     = 24  // documents this young are fully fresh
	freshDecay     = 168 // hours for freshness to fall by 1/e after that
	freshFloor     = 0.4 // old documents keep this share
)

// AdvocateTag marks a source whose authors speak for the brand.
const AdvocateTag = "advocate"

// importance computes how much a mention matters, regardless of its tone.
func (e *Engine) importance(in *Input, brandInTitle bool, now time.Time) float64 {
	w := in.Source.Weight
	if w == 0 && in.Source.Name == "" {
		w = 1 // no source given: an ordinary one
	}
	var imp float64
	switch {
	case w <= 0:
	case w <= 1:
		imp = impSourceBase * w
	default:
		imp = math.Min(impSourceMax, impSourceBase+0.2*math.Log2(w))
	}
	if brandInTitle {
		imp += impTitle
	}
	if e.isVIP(in.Author, in.Brand) {
		imp += impVIP
	}
	for _, tags := range [][]string{in.Source.Tags, in.Tags} {
		if hasFold(tags, AdvocateTag) {
			imp += impAdvocate
			break
		}
	}
	if in.Replies > 0 {
		imp += impReplies * math.Min(1, math.Log1p(float64(in.Replies))/math.Log1p(impRepliesFull))
	}
	if in.Growth > 0 {
		imp += impGrowth * math.Min(1, math.Log1p(float64(in.Growth))/math.Log1p(impGrowthFull))
	}
	imp = math.Max(0, math.Min(1, imp))
	if !in.PublishedAt.IsZero() {
		age := now.Sub(in.PublishedAt).Hours()
		if age > freshHours {
			imp *= math.Max(freshFloor, math.Exp(-(age-freshHours)/freshDecay))
		}
	}
	return imp
}

func hasFold(tags []string, t string) bool {
	for _, x := range tags {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}

// normAuthor folds an author name or handle for comparison: case, a
// leading "@", surrounding spaces.
func normAuthor(s string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "@")
}

func authorSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, a := range list {
		if a = normAuthor(a); a != "" {
			m[a] = true
		}
	}
	return m
}

// isVIP reports whether author is on scoring.vip or the brand's VIP list.
func (e *Engine) isVIP(author, brand string) bool {
	a := normAuthor(author)
	if a == "" {
		return false
	}
	if e.vip[a] {
		return true
	}
	return e.brandVIP[strings.ToLower(brand)][a]
}
