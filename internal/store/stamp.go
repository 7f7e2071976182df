package store

import (
	"strconv"
	"strings"
)

// Stamp orders the writes of one field: the time of the write in
// milliseconds since the Unix epoch, made strictly increasing within a tab
// by Clock. 0 is "never written".
type Stamp int64

// Clock issues the stamps of one tab: the current time, or one more than
// the latest stamp it has issued or seen when the time has not moved on
// (two edits in one millisecond) or another tab's clock is ahead.
type Clock struct {
	last Stamp
	now  func() int64
	zone func() int
}

// NewClock returns a clock reading the time from now (milliseconds since
// the Unix epoch) and the local time zone from zone (minutes east of UTC:
// 540 in Japan).
func NewClock(now func() int64, zone func() int) *Clock { return &Clock{now: now, zone: zone} }

// Next returns a stamp later than every stamp issued or seen so far.
func (c *Clock) Next() Stamp {
	s := Stamp(c.now())
	if s <= c.last {
		s = c.last + 1
	}
	c.last = s
	return s
}

// See records a stamp read from another tab's document.
func (c *Clock) See(s Stamp) {
	if s > c.last {
		c.last = s
	}
}

// Now is the current time in milliseconds, as the clock reads it.
func (c *Clock) Now() int64 { return c.now() }

// Today is the local date: "2024-05-01", or "20240501" with sep "".
func (c *Clock) Today(sep string) string {
	y, m, d := civil(c.now() + int64(c.zone())*60000)
	return pad(y, 4) + sep + pad(m, 2) + sep + pad(d, 2)
}

// ISOTime writes a time (milliseconds since the Unix epoch) in UTC as
// RFC 3339: "2024-05-01T08:00:00Z". (The time package would add a tenth
// to the WebAssembly module.)
func ISOTime(ms int64) string {
	y, m, d := civil(ms)
	ofDay := ms % 86400000
	if ofDay < 0 {
		ofDay += 86400000
	}
	sec := ofDay / 1000
	return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" +
		pad(int(sec/3600), 2) + ":" + pad(int(sec/60%60), 2) + ":" + pad(int(sec%60), 2) + "Z"
}

// civil returns the proleptic Gregorian date of a time in milliseconds
// (Howard Hinnant's days-to-civil algorithm).
func civil(ms int64) (y, m, d int) {
	days := ms / 86400000
	if ms%86400000 < 0 {
		days--
	}
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = int(yoe + era*400)
	if m <= 2 {
		y++
	}
	return y, m, d
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// Field is a value with the stamp of its last write: a last-writer-wins
// register.
type Field[T any] struct {
	V  T
	At Stamp
}

// Set writes v to f with a stamp from c, unless f holds v already, and
// reports whether it wrote. Rewriting the same value would give it a new
// stamp, and that stamp would then win a merge over a change another tab
// made meanwhile.
func Set[T comparable](f *Field[T], v T, c *Clock) bool {
	if f.V == v {
		return false
	}
	*f = Field[T]{V: v, At: c.Next()}
	return true
}

// Later returns the later of two writes of a field. Writes with the same
// stamp (two tabs in the same millisecond) are ordered by value, so that
// every tab picks the same one.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func Later[T any](a, b Field[T], cmp func(x, y T) int) Field[T] {
	switch {
	case a.At > b.At:
		return a
	case b.At > a.At:
		return b
	case cmp(a.V, b.V) >= 0:
		return a
	}
	return b
}

// CompareBool orders false before true.
func CompareBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case y:
		return -1
	}
	return 1
}

// CompareInt orders integers.
func CompareInt(x, y int) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// CompareStrings orders lists of strings element by element.
func CompareStrings(x, y []string) int {
	for i := 0; i < len(x) && i < len(y); i++ {
		if c := strings.Compare(x[i], y[i]); c != 0 {
			return c
		}
	}
	return CompareInt(len(x), len(y))
}

// NewID returns a new record id: a letter, the time in base 36 and 64
// random bits in base 36, so that ids made in two tabs, or for a thousand
// rows imported in the same millisecond, differ (and ids sort roughly by
// creation).
func NewID(prefix byte, now int64, random uint64) string {
	b := []byte{prefix}
	b = strconv.AppendInt(b, now, 36)
	b = append(b, '-')
	r := strconv.FormatUint(random, 36)
	for i := len(r); i < 13; i++ {
		b = append(b, '0')
	}
	return string(append(b, r...))
}
