package search

import (
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Index is a built or decoded search index. It is read-only after creation
// and safe for concurrent searches.
type Index struct {
	docs []entry

	terms   []string // sorted
	termOff []uint32 // documents of terms[i]: post[termOff[i]:termOff[i+1]]
	post    []uint32 // document numbers, ascending per term
	avg     [numFields]float64

	keys   map[string][]int32   // compact label → docs
	codes  map[string][]codeRef // compact code → docs citing it
	labels []labelKey           // compact labels, sorted, for prefix matching
	typo   [][]int32            // typo-candidate term indices by rune length
	th     thesaurus

	// spare holds the scratch of finished searches for the next ones.
	spareMu sync.Mutex
	spare   []*scratch
}

// Fields of a document, in the order of their weight.
type field uint8

const (
	fieldLabel   field = iota // the label and the codes
	fieldTitle                //
	fieldHeading              //
	fieldBody                 //
	fieldAside                //
	numFields
)

// entry is a document with its text folded for matching. The folded text
// is made the first time a search needs it (textOf): decoding the index
// stays quick, and most searches touch a few documents.
type entry struct {
	Doc
	length [numFields]float64 // runes of each field, for length normalisation
	same   int32              // the first document with the same kind, title, heading and body
	once   sync.Once
	text   *entryText
}

// entryText is the folded text of a document's fields.
type entryText struct {
	view       [numFields][]rune  // folded, spaces between CJK characters dropped
	start, end [numFields][]int32 // byte range in the field's text of each rune of view
	strip      [numFields]stripView
}

// textOf returns the folded text of document e, making it on first use.
func textOf(e *entry) *entryText {
	e.once.Do(func() { e.text = makeText(&e.Doc) })
	return e.text
}

// makeText folds the text of d: apart from textOf, which is inlined, so
// that its callers share one copy of it.
func makeText(d *Doc) *entryText {
	t := &entryText{}
	var v folded
	for f := field(0); f < numFields; f++ {
		makeView(fieldText(d, f), &v, true)
		t.view[f] = slices.Clone(v.r)
		t.start[f] = slices.Clone(v.start)
		t.end[f] = slices.Clone(v.end)
		if st, ok := stripLong(t.view[f]); ok {
			t.strip[f] = stripPositions(t.view[f], st)
		}
	}
	return t
}

// stripView is a field's view without the long-vowel marks of long
// katakana words (stripLong), with each rune's position in the view; r is
// nil when nothing was dropped.
type stripView struct {
	r   []rune
	pos []int32
}

type codeRef struct {
	doc  int32
	code int32 // index in the doc's Codes
}

type labelKey struct {
	key string
	doc int32
}

// labelOrder orders labels by key, then document.
type labelOrder struct{ s []labelKey }

func (o *labelOrder) Len() int      { return len(o.s) }
func (o *labelOrder) Swap(i, j int) { o.s[i], o.s[j] = o.s[j], o.s[i] }
func (o *labelOrder) Less(i, j int) bool {
	if o.s[i].key != o.s[j].key {
		return o.s[i].key < o.s[j].key
	}
	return o.s[i].doc < o.s[j].doc
}

// fieldText returns the text of field f of d.
func fieldText(d *Doc, f field) string {
	switch f {
	case fieldLabel:
		if len(d.Codes) == 0 {
			return d.Label
		}
		var b strings.Builder
		b.WriteString(d.Label)
		for _, c := range d.Codes {
			b.WriteByte('\n')
			b.WriteString(c.Code)
		}
		return b.String()
	case fieldTitle:
		return d.Title
	case fieldHeading:
		return d.Heading
	case fieldBody:
		return d.Body
	case fieldAside:
		return d.Aside
	}
	return ""
}

// Build indexes docs and the thesaurus queries are expanded with. Doc IDs
// must be unique; every doc needs a title and a URL.
func Build(docs []Doc, th Thesaurus) (*Index, error) {
	if err := th.check(); err != nil {
		return nil, errors.New("search thesaurus: " + err.Error())
	}
	ix := &Index{docs: make([]entry, len(docs)), th: prepareThesaurus(th)}
	seen := make(map[string]int, len(docs))
	// Terms get numbers in the order met; postings are (term, doc) pairs
	// in document order, in blocks that never move, sorted into per-term
	// lists at the end.
	termNo := make(map[string]int32)
	var (
		terms    []string
		lastDoc  []uint32 // the last document of each term
		postings pairBlocks
		key      []byte
	)
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
		for _, c := range d.Codes {
			if c.Scheme == "" || c.Code == "" {
				return nil, errors.New(where + ": code without scheme or value")
			}
		}
		if j, dup := seen[d.ID]; dup {
			return nil, errors.New(where + ": duplicate ID, first at doc " + strconv.Itoa(j))
		}
		seen[d.ID] = i
		ix.docs[i] = entry{Doc: d}
		doc := uint32(i)
		for fl := field(0); fl < numFields; fl++ {
			foldText(fieldText(&d, fl), false, &f)
			segs = segments(f.r, segs, true)
			for _, s := range segs {
				indexTerms(s, func(t []rune) {
					key = key[:0]
					for _, c := range t {
						key = utf8.AppendRune(key, c)
					}
					n, ok := termNo[string(key)]
					switch {
					case !ok:
						n = int32(len(terms))
						terms = append(double(terms), string(key))
						termNo[terms[n]] = n
						lastDoc = append(double(lastDoc), doc)
					case lastDoc[n] == doc:
						return
					}
					lastDoc[n] = doc
					postings.add(uint32(n), doc)
				})
			}
		}
	}
	// rank[n] is the place of term n in sorted order.
	order := make([]int32, len(terms))
	for n := range order {
		order[n] = int32(n)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(terms[a], terms[b]) })
	rank := make([]uint32, len(terms))
	ix.terms = make([]string, len(terms))
	for r, n := range order {
		rank[n] = uint32(r)
		ix.terms[r] = terms[n]
	}
	ix.termOff = make([]uint32, len(terms)+1)
	postings.each(func(term, _ uint32) { ix.termOff[rank[term]+1]++ })
	for r := range terms {
		ix.termOff[r+1] += ix.termOff[r]
	}
	ix.post = make([]uint32, postings.n)
	next := lastDoc[:0] // reused: the next free place of each term's list
	next = append(next, ix.termOff[:len(terms)]...)
	postings.each(func(term, doc uint32) {
		r := rank[term]
		ix.post[next[r]] = doc
		next[r]++
	})
	ix.finish()
	return ix, nil
}

// pairBlocks is a growing list of (term, doc) pairs.
type pairBlocks struct {
	blocks []*[4096]struct{ term, doc uint32 }
	n      int
}

func (p *pairBlocks) add(term, doc uint32) {
	if p.n%4096 == 0 {
		p.blocks = append(p.blocks, new([4096]struct{ term, doc uint32 }))
	}
	p.blocks[p.n/4096][p.n%4096] = struct{ term, doc uint32 }{term, doc}
	p.n++
}

func (p *pairBlocks) each(f func(term, doc uint32)) {
	for i := range p.n {
		x := &p.blocks[i/4096][i%4096]
		f(x.term, x.doc)
	}
}

// double makes room for one more element by doubling a full slice: append
// grows large slices by a quarter, allocating about five times the final
// size along the way.
func double[S ~[]E, E any](s S) S {
	if len(s) < cap(s) {
		return s
	}
	return slices.Grow(s, max(len(s), 64))
}

// finish computes what both Build and Decode derive from docs and terms.
func (ix *Index) finish() {
	var sum [numFields]float64
	ix.keys = make(map[string][]int32)
	ix.codes = make(map[string][]codeRef)
	ix.labels = ix.labels[:0]
	same := map[[4]string]int32{}
	for i := range ix.docs {
		e := &ix.docs[i]
		k := [4]string{e.Kind.String(), e.Title, e.Heading, e.Body}
		if j, ok := same[k]; ok {
			e.same = j
		} else {
			e.same = int32(i)
			same[k] = int32(i)
		}
		for f := field(0); f < numFields; f++ {
			e.length[f] = float64(utf8.RuneCountInString(fieldText(&e.Doc, f)))
			sum[f] += e.length[f]
		}
		if k := compactKey(Fold(e.Label)); k != "" {
			ix.keys[k] = append(ix.keys[k], int32(i))
			ix.labels = append(ix.labels, labelKey{k, int32(i)})
		}
		for j, c := range e.Codes {
			if k := compactKey(Fold(c.Code)); k != "" {
				ix.codes[k] = append(ix.codes[k], codeRef{int32(i), int32(j)})
			}
		}
	}
	if n := float64(len(ix.docs)); n > 0 {
		for f := range sum {
			ix.avg[f] = max(sum[f]/n, 1)
		}
	}
	sort.Sort(&labelOrder{ix.labels})
	ix.typo = ix.typo[:0]
	for i, t := range ix.terms {
		if len(t) >= 128 || !isTypoCandidate(t) {
			continue
		}
		n := runeCount(t)
		if n < 3 { // one edit from any short query word
			continue
		}
		for len(ix.typo) <= n {
			ix.typo = append(ix.typo, nil)
		}
		ix.typo[n] = append(ix.typo[n], int32(i))
	}
}

// stripPositions pairs the stripped runes st of view with their positions
// in view (st is view without some long-vowel marks).
func stripPositions(view, st []rune) stripView {
	sv := stripView{r: st, pos: make([]int32, len(st))}
	j := 0
	for i := range st {
		for view[j] != st[i] {
			j++
		}
		sv.pos[i] = int32(j)
		j++
	}
	return sv
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

// Thesaurus returns the thesaurus the index was built with.
func (ix *Index) Thesaurus() Thesaurus { return ix.th.src }

func (ix *Index) postings(t int) []uint32 {
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
