package ingest

import "hash/maphash"

// projectIndex finds a project's index in Register.facts by its id: a table of indexes by hash
// (open addressing), some eight bytes a project where a map of the ids took ten times that,
// for the hundreds of thousands of projects of a Commission-wide register.
type projectIndex struct {
	seed  maphash.Seed
	slots []int32 // an index in facts plus one; 0 is an empty slot
	n     int
}

func newProjectIndex(n int) projectIndex {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return projectIndex{seed: maphash.MakeSeed(), slots: make([]int32, size)}
}

// find is the slot of id: the one holding it, or the empty one where it would go.
func (x *projectIndex) find(facts []projectFacts, id string) int {
	mask := len(x.slots) - 1
	for s := int(maphash.String(x.seed, id)) & mask; ; s = (s + 1) & mask {
		if i := x.slots[s]; i == 0 || facts[i-1].id == id {
			return s
		}
	}
}

// get is the index of the project of id.
func (x *projectIndex) get(facts []projectFacts, id string) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	i := x.slots[x.find(facts, id)]
	return i - 1, i != 0
}

// add indexes facts[i] unless a project of its id is there already, whose index it returns.
func (x *projectIndex) add(facts []projectFacts, i int32) (first int32, repeated bool) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow(facts)
	}
	s := x.find(facts, facts[i].id)
	if j := x.slots[s]; j != 0 {
		return j - 1, true
	}
	x.slots[s] = i + 1
	x.n++
	return i, false
}

func (x *projectIndex) grow(facts []projectFacts) {
	old := x.slots
	x.slots, x.n = make([]int32, 2*len(old)), 0
	for _, i := range old {
		if i != 0 {
			x.add(facts, i-1)
		}
	}
}
