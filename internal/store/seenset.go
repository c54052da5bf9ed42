package store

import "slices"

// seenSet is a set of 64-bit keys (the seen index's hashes) kept in about
// 9 bytes a key, where a Go map of them takes about 38: most keys lie in
// one sorted slice, searched by interpolation (the keys are hashes, spread
// evenly), and the keys added since the slice was last rebuilt lie in a
// small map, merged into the slice once it holds a sixteenth as many.
//
// It is not safe for concurrent use; seenIndex guards it.
type seenSet struct {
	sorted []uint64 // ascending, no repeats
	recent map[uint64]struct{}
}

// seenMergeMin is the fewest recent keys worth a merge.
const seenMergeMin = 4096

// has reports whether k is in the set.
func (s *seenSet) has(k uint64) bool {
	if _, ok := s.recent[k]; ok {
		return true
	}
	return s.search(k)
}

// search looks k up in the sorted slice. The keys are hashes, spread
// evenly, so interpolation finds a key in a few probes; after a few that
// do not converge, binary search finishes.
func (s *seenSet) search(k uint64) bool {
	a := s.sorted
	lo, hi := 0, len(a) // k, if present, is in a[lo:hi]
	for probes := 0; hi-lo > 16 && probes < 8; probes++ {
		first, last := a[lo], a[hi-1]
		if k < first || k > last {
			return false
		}
		// last > first: the slice has no repeats.
		guess := lo + int(float64(k-first)/float64(last-first)*float64(hi-1-lo))
		guess = min(max(guess, lo), hi-1)
		switch v := a[guess]; {
		case v == k:
			return true
		case v < k:
			lo = guess + 1
		default:
			hi = guess
		}
	}
	_, ok := slices.BinarySearch(a[lo:hi], k)
	return ok
}

// add puts k into the set.
func (s *seenSet) add(k uint64) {
	if s.has(k) {
		return
	}
	if s.recent == nil {
		s.recent = make(map[uint64]struct{}, seenMergeMin)
	}
	s.recent[k] = struct{}{}
	if len(s.recent) >= max(seenMergeMin, len(s.sorted)/16) {
		s.merge()
	}
}

// len returns the number of keys in the set.
func (s *seenSet) len() int { return len(s.sorted) + len(s.recent) }

// merge moves the recent keys into the sorted slice, merging from the back
// in place so that the only new memory is the slice's growth.
func (s *seenSet) merge() {
	if len(s.recent) == 0 {
		return
	}
	tail := make([]uint64, 0, len(s.recent))
	for k := range s.recent {
		tail = append(tail, k)
	}
	slices.Sort(tail)
	n := len(s.sorted)
	s.sorted = slices.Grow(s.sorted, len(tail))[:n+len(tail)]
	i, j := n-1, len(tail)-1
	for w := len(s.sorted) - 1; j >= 0; w-- {
		if i >= 0 && s.sorted[i] > tail[j] {
			s.sorted[w] = s.sorted[i]
			i--
		} else {
			s.sorted[w] = tail[j]
			j--
		}
	}
	s.recent = nil
}
