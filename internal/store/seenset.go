package store

import "slices"

// seenSet is a set of 64-bit keys (the seen index's hashes) kept in about
// 10 bytes a key, where a Go map of them takes about 38: most keys lie in
// one sorted slice, and the keys added since the slice was last rebuilt
// lie in a small map, merged into the slice once it holds a sixteenth as
// many. The keys are hashes, spread evenly, so the slice is found into by
// their top bits: starts gives where the keys of each prefix begin, one
// prefix for about every 4–8 keys (half a byte a key), and a lookup reads
// one entry of starts and a cache line of keys, about as a map's does.
//
// It is not safe for concurrent use; seenIndex guards it.
type seenSet struct {
	sorted []uint64 // ascending, no repeats
	// starts[p] is the index in sorted of the first key whose top bits
	// (k >> shift) are p or more; it has one entry more than prefixes.
	starts []uint32
	shift  uint
	recent map[uint64]struct{}
}

// seenMergeMin is the fewest recent keys worth a merge.
const seenMergeMin = 4096

// has reports whether k is in the set.
func (s *seenSet) has(k uint64) bool {
	if s.search(k) {
		return true
	}
	_, ok := s.recent[k]
	return ok
}

// search looks k up in the sorted slice.
func (s *seenSet) search(k uint64) bool {
	if len(s.starts) == 0 {
		return false
	}
	p := k >> s.shift // 0 when shift is 64
	for _, v := range s.sorted[s.starts[p]:s.starts[p+1]] {
		if v >= k {
			return v == k
		}
	}
	return false
}

// reindex rebuilds starts for the sorted slice, with as many prefix bits
// as leave at most 8 keys a prefix on average.
func (s *seenSet) reindex() {
	n := len(s.sorted)
	bits := 0
	for n>>bits > 8 {
		bits++
	}
	s.shift = uint(64 - bits)
	size := 1<<bits + 1
	if len(s.starts) != size {
		s.starts = make([]uint32, size)
	}
	j := 0
	for p := 0; p < size-1; p++ {
		for j < n && s.sorted[j]>>s.shift < uint64(p) {
			j++
		}
		s.starts[p] = uint32(j)
	}
	s.starts[size-1] = uint32(n)
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
	s.reindex()
}
