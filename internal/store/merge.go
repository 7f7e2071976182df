package store

import (
	"sort"
	"strings"
)

// MergeByID merges two lists of records matched by id: a record in one
// list only is kept as it is, a record in both is merge(x, y). The result
// is sorted by id, whatever the order of a and b, so that merging is
// commutative down to the encoded text.
func MergeByID[T any](a, b []T, id func(*T) string, merge func(x, y T) T) []T {
	out := make([]T, 0, len(a)+len(b))
	index := make(map[string]int, len(a))
	for _, x := range a {
		if i, ok := index[id(&x)]; ok { // a duplicate id within a: merge it too
			out[i] = merge(out[i], x)
			continue
		}
		index[id(&x)] = len(out)
		out = append(out, x)
	}
	for _, y := range b {
		if i, ok := index[id(&y)]; ok {
			out[i] = merge(out[i], y)
			continue
		}
		index[id(&y)] = len(out)
		out = append(out, y)
	}
	SortByID(out, id)
	return out
}

// SortByID sorts records by id.
func SortByID[T any](list []T, id func(*T) string) {
	keys := make([]string, len(list))
	sorted := true
	for i := range list {
		keys[i] = id(&list[i])
		if i > 0 && keys[i-1] > keys[i] {
			sorted = false
		}
	}
	if sorted {
		return
	}
	Permute(list, SortedIndex(len(list), func(a, b int) int { return strings.Compare(keys[a], keys[b]) }))
}

// SortedIndex returns the indexes 0…n-1 sorted stably by cmp, which must
// be a consistent order. Sorting indexes keeps one copy of the sort in the
// WebAssembly module, whatever the type of the elements (a generic sort
// has one per type), and that copy is sort.Sort, which the search engine
// links already: with ties broken by index, the order it leaves is the
// one order a stable sort leaves.
func SortedIndex(n int, cmp func(a, b int) int) []int {
	o := &indexOrder{make([]int, n), cmp}
	for i := range o.idx {
		o.idx[i] = i
	}
	sort.Sort(o)
	return o.idx
}

// indexOrder orders indexes by cmp, then by index.
type indexOrder struct {
	idx []int
	cmp func(a, b int) int
}

func (o *indexOrder) Len() int      { return len(o.idx) }
func (o *indexOrder) Swap(i, j int) { o.idx[i], o.idx[j] = o.idx[j], o.idx[i] }
func (o *indexOrder) Less(i, j int) bool {
	a, b := o.idx[i], o.idx[j]
	if c := o.cmp(a, b); c != 0 {
		return c < 0
	}
	return a < b
}

// Permute reorders list so that its i-th element is the idx[i]-th before.
func Permute[T any](list []T, idx []int) {
	tmp := make([]T, len(list))
	for i, j := range idx {
		tmp[i] = list[j]
	}
	copy(list, tmp)
}

// Order is a user's order of records: the list of their ids, with the
// stamp of the last change of order.
type Order = Field[[]string]

// MergeOrder merges two orders: the later one, then the ids that only the
// other has (records that one tab added while the other reordered), in
// the other's order.
func MergeOrder(a, b Order) Order {
	win := Later(a, b, CompareStrings)
	lose := b
	if win.At == b.At && CompareStrings(win.V, b.V) == 0 {
		lose = a
	}
	seen := make(map[string]bool, len(win.V))
	out := make([]string, 0, len(win.V))
	for _, id := range win.V {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, id := range lose.V {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return Order{V: out, At: win.At}
}

// Arrange returns the ids of records in the given order: the ids of order
// that are among ids, then the ids not in order (records whose place was
// never recorded), in the order given. Every id appears once.
func Arrange(order []string, ids []string) []string {
	has := make(map[string]bool, len(ids))
	for _, id := range ids {
		has[id] = true
	}
	out := make([]string, 0, len(ids))
	for _, id := range order {
		if has[id] {
			out = append(out, id)
			delete(has, id)
		}
	}
	for _, id := range ids {
		if has[id] {
			out = append(out, id)
			delete(has, id)
		}
	}
	return out
}

// Unique returns the list without repeated ids, first places kept.
func Unique(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := make([]string, 0, len(list))
	for _, id := range list {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// ValidID reports whether s can be a saved id: 1 to 40 letters, digits,
// "-" or "_".
func ValidID(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
