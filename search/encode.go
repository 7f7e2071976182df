package search

import (
	"errors"
	"strconv"
)

// The encoding is a compact byte format read by Decode in the browser
// (no encoding/json, which would weigh on the WebAssembly module):
//
//	magic "SHGS", version byte
//	uvarint doc count; per doc: a byte holding the kind (low 7 bits) and
//	  the Minor flag (high bit), strings ID, Label, Title, URL, Heading,
//	  Body, Aside, uvarint code count and per code the strings Scheme and
//	  Code
//	uvarint term count, uvarint posting count; per term, sorted: uvarint
//	  bytes shared with the previous term, string suffix, uvarint document
//	  count, then per document the uvarint delta from the previous one
//	thesaurus: uvarint synonym count, per synonym the string Word, uvarint
//	  count and strings Also; uvarint English term count, per term the
//	  string En, uvarint count and strings Ja
//
// A string is a uvarint byte length and the bytes. Everything else (the
// folded text, field lengths, code and label tables) is derived on
// decoding. The output of Encode is deterministic.
const (
	magic   = "SHGS"
	version = 2
)

const minorFlag = 0x80

// Encode returns the index in its binary form.
func (ix *Index) Encode() []byte {
	b := make([]byte, 0, ix.encodedSize())
	b = append(b, magic...)
	b = append(b, version)
	b = appendUvarint(b, uint64(len(ix.docs)))
	for i := range ix.docs {
		d := &ix.docs[i].Doc
		k := byte(d.Kind)
		if d.Minor {
			k |= minorFlag
		}
		b = append(b, k)
		for _, s := range [...]string{d.ID, d.Label, d.Title, d.URL, d.Heading, d.Body, d.Aside} {
			b = appendString(b, s)
		}
		b = appendUvarint(b, uint64(len(d.Codes)))
		for _, c := range d.Codes {
			b = appendString(b, c.Scheme)
			b = appendString(b, c.Code)
		}
	}
	b = appendUvarint(b, uint64(len(ix.terms)))
	b = appendUvarint(b, uint64(len(ix.post)))
	prev := ""
	for i, t := range ix.terms {
		shared := 0
		for shared < len(prev) && shared < len(t) && prev[shared] == t[shared] {
			shared++
		}
		b = appendUvarint(b, uint64(shared))
		b = appendString(b, t[shared:])
		prev = t
		p := ix.postings(i)
		b = appendUvarint(b, uint64(len(p)))
		last := uint32(0)
		for _, d := range p {
			b = appendUvarint(b, uint64(d-last))
			last = d
		}
	}
	th := ix.th.src
	b = appendUvarint(b, uint64(len(th.Synonyms)))
	for _, s := range th.Synonyms {
		b = appendString(b, s.Word)
		b = appendStrings(b, s.Also)
	}
	b = appendUvarint(b, uint64(len(th.English)))
	for _, e := range th.English {
		b = appendString(b, e.En)
		b = appendStrings(b, e.Ja)
	}
	return b
}

func appendStrings(b []byte, ss []string) []byte {
	b = appendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// encodedSize is about the size of the encoding, a little more: every
// string and posting at its size, every length and count at three bytes.
func (ix *Index) encodedSize() int {
	n := len(magic) + 1 + 3*4
	for i := range ix.docs {
		d := &ix.docs[i].Doc
		n += 1 + 3*8 + len(d.ID) + len(d.Label) + len(d.Title) + len(d.URL) + len(d.Heading) + len(d.Body) + len(d.Aside)
		for _, c := range d.Codes {
			n += 3*2 + len(c.Scheme) + len(c.Code)
		}
	}
	for _, t := range ix.terms {
		n += 3*3 + len(t)
	}
	for i := range ix.terms {
		last := uint32(0)
		for _, d := range ix.postings(i) {
			n += uvarintLen(uint64(d - last))
			last = d
		}
	}
	th := ix.th.src
	for _, s := range th.Synonyms {
		n += 3*2 + len(s.Word)
		for _, a := range s.Also {
			n += 3 + len(a)
		}
	}
	for _, e := range th.English {
		n += 3*2 + len(e.En)
		for _, j := range e.Ja {
			n += 3 + len(j)
		}
	}
	return n
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendString(b []byte, s string) []byte {
	b = appendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrCompressed is returned by Decode for gzip data: the caller must
// decompress first (the browser does it with DecompressionStream).
var ErrCompressed = errors.New("search index: data is gzip-compressed; decompress it first")

type reader struct {
	b   []byte
	s   string // b as a string: decoded strings share it instead of each allocating
	off int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = errors.New("search index: bad " + what + " at byte " + strconv.Itoa(r.off))
	}
}

func (r *reader) uvarint(what string) uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.off >= len(r.b) {
			r.fail(what)
			return 0
		}
		c := r.b[r.off]
		r.off++
		v |= uint64(c&0x7F) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail(what)
	return 0
}

// count reads a uvarint that sizes something of at least min bytes each, so
// that corrupt input cannot make Decode allocate beyond the input's size.
func (r *reader) count(what string, min int) int {
	v := r.uvarint(what)
	if r.err != nil || v > uint64(len(r.b)-r.off)/uint64(min) {
		r.fail(what)
		return 0
	}
	return int(v)
}

func (r *reader) bytes(what string) []byte {
	n := r.count(what, 1)
	if r.err != nil {
		return nil
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) string(what string) string {
	n := r.count(what, 1)
	if r.err != nil {
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) strings(what string) []string {
	n := r.count(what+" count", 1)
	if r.err != nil || n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.string(what)
	}
	return out
}

// Decode reads an index written by Encode.
func Decode(b []byte) (*Index, error) {
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		return nil, ErrCompressed
	}
	if len(b) < len(magic)+1 || string(b[:len(magic)]) != magic {
		return nil, errors.New("search index: not a search index (bad magic)")
	}
	if b[len(magic)] != version {
		return nil, errors.New("search index: version " + strconv.Itoa(int(b[len(magic)])) + ", want " + strconv.Itoa(version))
	}
	r := &reader{b: b, s: string(b), off: len(magic) + 1}
	ix := &Index{}
	n := r.count("document count", 9)
	ix.docs = make([]entry, n)
	for i := range ix.docs {
		d := &ix.docs[i]
		if r.off >= len(b) {
			r.fail("document")
			break
		}
		d.Kind = Kind(b[r.off] &^ minorFlag)
		d.Minor = b[r.off]&minorFlag != 0
		r.off++
		if d.Kind >= kindCount {
			r.fail("document kind")
		}
		d.ID = r.string("document ID")
		d.Label = r.string("document label")
		d.Title = r.string("document title")
		d.URL = r.string("document URL")
		d.Heading = r.string("document heading")
		d.Body = r.string("document body")
		d.Aside = r.string("document aside")
		if k := r.count("code count", 2); k > 0 {
			d.Codes = make([]Code, k)
			for j := range d.Codes {
				d.Codes[j] = Code{r.string("code scheme"), r.string("code")}
			}
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	nt := r.count("term count", 3)
	npost := r.count("posting count", 1)
	ix.post = make([]uint32, 0, npost)
	ix.termOff = make([]uint32, 0, nt+1)
	// Terms are rebuilt into one buffer and sliced from one string.
	var all []byte
	ends := make([]int, nt)
	prevStart := 0
	for i := range nt {
		shared := r.uvarint("term prefix")
		suffix := r.bytes("term")
		if r.err != nil {
			return nil, r.err
		}
		start := len(all)
		if shared > uint64(start-prevStart) {
			r.fail("term prefix")
			return nil, r.err
		}
		all = append(all, all[prevStart:prevStart+int(shared)]...)
		all = append(all, suffix...)
		if i > 0 && string(all[start:]) <= string(all[prevStart:start]) {
			r.fail("term order")
			return nil, r.err
		}
		ends[i] = len(all)
		prevStart = start
		np := r.count("posting count", 1)
		ix.termOff = append(ix.termOff, uint32(len(ix.post)))
		doc := uint64(0)
		for j := 0; j < np; j++ {
			delta := r.uvarint("posting")
			if j > 0 && delta == 0 {
				r.fail("posting order")
			}
			doc += delta
			if r.err != nil || doc >= uint64(len(ix.docs)) {
				r.fail("posting document")
				return nil, r.err
			}
			ix.post = append(ix.post, uint32(doc))
		}
	}
	ix.termOff = append(ix.termOff, uint32(len(ix.post)))
	if r.err != nil {
		return nil, r.err
	}
	if len(ix.post) != npost {
		return nil, errors.New("search index: " + strconv.Itoa(len(ix.post)) + " postings, header says " + strconv.Itoa(npost))
	}
	ts := string(all)
	ix.terms = make([]string, nt)
	start := 0
	for i, e := range ends {
		ix.terms[i] = ts[start:e]
		start = e
	}
	var th Thesaurus
	if k := r.count("synonym count", 2); k > 0 {
		th.Synonyms = make([]Synonym, k)
		for i := range th.Synonyms {
			th.Synonyms[i] = Synonym{Word: r.string("synonym"), Also: r.strings("synonym")}
		}
	}
	if k := r.count("English term count", 2); k > 0 {
		th.English = make([]English, k)
		for i := range th.English {
			th.English[i] = English{En: r.string("English term"), Ja: r.strings("Japanese word")}
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.off != len(b) {
		return nil, errors.New("search index: " + strconv.Itoa(len(b)-r.off) + " trailing bytes")
	}
	// The thesaurus was checked by Build; an odd entry of a damaged index
	// (an empty word) matches nothing.
	ix.th = prepareThesaurus(th)
	ix.finish()
	return ix, nil
}
