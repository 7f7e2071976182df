package search

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Index is a built or decoded search index. It is read-only after creation
// and safe for concurrent searches.
type Index struct {
	docs []entry

	terms    []string  // sorted
	termOff  []uint32  // postings of terms[i]: post[termOff[i]:termOff[i+1]]
	post     []posting //
	avgTitle float64
	avgBody  float64

	keys   map[string][]int32 // compact label/keyword → docs
	labels []labelKey         // compact labels, sorted, for prefix matching
	typo   [][]int32          // typo-candidate term indices by rune length

	scratch sync.Pool // *scratch
}

type entry struct {
	Doc
	titleLen, bodyLen uint32 // tokens
}

type posting struct {
	doc         uint32
	title, body uint16 // term frequency in title (+label, keywords; at most 3) and body
}

type labelKey struct {
	key string
	doc int32
}

// Build indexes docs. Doc IDs must be unique; every doc needs a title and
// a URL.
func Build(docs []Doc) (*Index, error) {
	ix := &Index{docs: make([]entry, len(docs))}
	seen := make(map[string]int, len(docs))
	type tf struct{ title, body uint32 }
	termDocs := make(map[string]map[uint32]*tf)
	var f folded
	var segs []segment
	for i, d := range docs {
		where := "search doc " + strconv.Itoa(i) + " (" + d.ID + ")"
		switch {
		case d.ID == "":
			return nil, errors.New(where + ": empty ID")
		case d.Title == "":
			return nil, errors.New(where + ": empty title")
		case d.URL == "":
			return nil, errors.New(where + ": empty URL")
		case d.Kind >= kindCount:
			return nil, errors.New(where + ": unknown kind " + strconv.Itoa(int(d.Kind)))
		}
		if j, dup := seen[d.ID]; dup {
			return nil, errors.New(where + ": duplicate ID, first at doc " + strconv.Itoa(j))
		}
		seen[d.ID] = i
		e := entry{Doc: d}
		count := func(text string, title bool) uint32 {
			var n uint32
			foldText(text, false, &f)
			segs = segments(f.r, segs, true)
			for _, s := range segs {
				indexTerms(s, func(t string) {
					n++
					m := termDocs[t]
					if m == nil {
						m = make(map[uint32]*tf)
						termDocs[t] = m
					}
					c := m[uint32(i)]
					if c == nil {
						c = &tf{}
						m[uint32(i)] = c
					}
					if title {
						c.title++
					} else {
						c.body++
					}
				})
			}
			return n
		}
		e.titleLen = count(d.Label, true) + count(d.Title, true)
		for _, k := range d.Keywords {
			e.titleLen += count(k, true)
		}
		e.bodyLen = count(d.Body, false)
		ix.docs[i] = e
	}
	ix.terms = make([]string, 0, len(termDocs))
	for t := range termDocs {
		ix.terms = append(ix.terms, t)
	}
	slices.Sort(ix.terms)
	ix.termOff = make([]uint32, 0, len(ix.terms)+1)
	for _, t := range ix.terms {
		ix.termOff = append(ix.termOff, uint32(len(ix.post)))
		start := len(ix.post)
		for d, c := range termDocs[t] {
			ix.post = append(ix.post, posting{doc: d, title: min(sat16(c.title), 3), body: sat16(c.body)})
		}
		p := ix.post[start:]
		slices.SortFunc(p, func(a, b posting) int { return int(a.doc) - int(b.doc) })
	}
	ix.termOff = append(ix.termOff, uint32(len(ix.post)))
	ix.finish()
	return ix, nil
}

func sat16(v uint32) uint16 {
	if v > 0xFFFF {
		return 0xFFFF
	}
	return uint16(v)
}

// finish computes what both Build and Decode derive from docs and terms.
func (ix *Index) finish() {
	var tl, bl float64
	ix.keys = make(map[string][]int32)
	ix.labels = ix.labels[:0]
	for i := range ix.docs {
		d := &ix.docs[i]
		tl += float64(d.titleLen)
		bl += float64(d.bodyLen)
		add := func(s string) {
			k := compactKey(Fold(s))
			if k == "" {
				return
			}
			ds := ix.keys[k]
			if len(ds) == 0 || ds[len(ds)-1] != int32(i) {
				ix.keys[k] = append(ds, int32(i))
			}
		}
		add(d.Label)
		for _, k := range d.Keywords {
			add(k)
		}
		if k := compactKey(Fold(d.Label)); k != "" {
			ix.labels = append(ix.labels, labelKey{k, int32(i)})
		}
	}
	if n := float64(len(ix.docs)); n > 0 {
		ix.avgTitle = max(tl/n, 1)
		ix.avgBody = max(bl/n, 1)
	}
	slices.SortFunc(ix.labels, func(a, b labelKey) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return int(a.doc) - int(b.doc)
	})
	ix.typo = ix.typo[:0]
	for i, t := range ix.terms {
		if !isTypoCandidate(t) {
			continue
		}
		n := len(t) // typo candidates are mostly ASCII; rune count below
		if n >= 128 {
			continue
		}
		n = runeCount(t)
		if n < 3 { // one edit from any short query word
			continue
		}
		for len(ix.typo) <= n {
			ix.typo = append(ix.typo, nil)
		}
		ix.typo[n] = append(ix.typo[n], int32(i))
	}
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// compactKey keeps only letters, digits and CJK characters of folded text,
// so that SR3-H-5, sr3h5 and "SR3 H 5" meet.
func compactKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch classify(r) {
		case classWord, classCJK:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Len returns the number of documents.
func (ix *Index) Len() int { return len(ix.docs) }

// Doc returns document i.
func (ix *Index) Doc(i int) Doc { return ix.docs[i].Doc }

// Terms returns the number of distinct terms.
func (ix *Index) Terms() int { return len(ix.terms) }

// Postings returns the number of (term, document) pairs.
func (ix *Index) Postings() int { return len(ix.post) }

func (ix *Index) postings(t int) []posting {
	return ix.post[ix.termOff[t]:ix.termOff[t+1]]
}

// lookup returns the index of term t, or -1.
func (ix *Index) lookup(t string) int {
	i, ok := slices.BinarySearch(ix.terms, t)
	if !ok {
		return -1
	}
	return i
}

// prefixRange returns the range of terms starting with p.
func (ix *Index) prefixRange(p string) (lo, hi int) {
	lo, _ = slices.BinarySearch(ix.terms, p)
	hi = lo
	for hi < len(ix.terms) && strings.HasPrefix(ix.terms[hi], p) {
		hi++
	}
	return lo, hi
}
