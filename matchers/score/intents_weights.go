package score

// weightTable is an intent model's weights in an open-addressed hash
// table keyed by feature hash: most features of a text are not in the
// model, and a miss here costs one or two probes of a flat array.
type weightTable struct {
	keys []uint64 // 0 is an empty slot
	vals [][nModel]float32
	mask uint64
	// zero holds the weights of the feature whose hash is 0, if any
	zero    [nModel]float32
	hasZero bool
}

// newWeightTable builds the table of w at a load of at most a quarter.
func newWeightTable(w map[uint64][nModel]float32) weightTable {
	size := 16
	for size < 4*len(w) {
		size <<= 1
	}
	t := weightTable{keys: make([]uint64, size), vals: make([][nModel]float32, size), mask: uint64(size - 1)}
	for h, v := range w {
		if h == 0 {
			t.zero, t.hasZero = v, true
			continue
		}
		i := mixHash(h) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.vals[i] = h, v
	}
	return t
}

// mixHash spreads a feature hash over the table's slots.
func mixHash(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// get returns the weights of feature hash h.
func (t *weightTable) get(h uint64) (*[nModel]float32, bool) {
	if h == 0 {
		return &t.zero, t.hasZero
	}
	for i := mixHash(h) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return &t.vals[i], true
		case 0:
			return nil, false
		}
	}
}
