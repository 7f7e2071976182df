package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// The Go linker writes a WebAssembly module's initial memory as one data
// segment per stretch of bytes between runs of 8 or more zeros. The
// runtime's function lookup table (findfunctab) gives every function 16
// entries of 20 bytes, a small index and zeros, since a WebAssembly
// function spans 64 KiB of program counters: some 27,000 segments of 1 or
// 2 bytes, each behind a header whose offset differs from the last. gzip and brotli cannot predict those offsets: the segments cost
// the engine about 50 KB gzip-compressed. Written as one segment with its
// zeros, the table compresses to almost nothing; the module grows by the
// zeros (about 12% uncompressed) and its memory starts the same.

// packGap is the longest run of zeros that packDataSegments writes out to
// join two segments; longer runs stay gaps between segments. Joining more
// saves only a few hundred bytes compressed while adding zeros.
const packGap = 64

// Section ids of the WebAssembly binary format.
const (
	wasmSectionData      = 11
	wasmSectionDataCount = 12
)

var wasmHeader = []byte{0, 'a', 's', 'm', 1, 0, 0, 0}

// wasmSegment is an active data segment of memory 0: data at offset.
type wasmSegment struct {
	offset int64
	data   []byte
}

// packDataSegments returns module with its data segments joined across
// runs of fewer than packGap zeros. The memory the module starts with is
// unchanged. It reads the data segments the Go linker writes (active, of
// memory 0, at an i32.const offset) and fails on any other kind rather
// than guess.
func packDataSegments(module []byte) ([]byte, error) {
	if !bytes.HasPrefix(module, wasmHeader) {
		return nil, errors.New("not a WebAssembly module (bad header)")
	}
	out := append([]byte(nil), wasmHeader...)
	for off := len(wasmHeader); off < len(module); {
		start := off
		id := module[off]
		size, n := readULEB(module[off+1:])
		if n == 0 || size > uint64(len(module)-off-1-n) {
			return nil, fmt.Errorf("section at byte %d: bad size", start)
		}
		off += 1 + n
		body := module[off : off+int(size)]
		off += int(size)
		switch id {
		case wasmSectionData:
			segs, err := readDataSegments(body)
			if err != nil {
				return nil, fmt.Errorf("data section at byte %d: %v", start, err)
			}
			out = appendSection(out, id, appendDataSegments(nil, joinSegments(segs, packGap)))
		case wasmSectionDataCount:
			// Only modules with passive segments have one, which
			// readDataSegments refuses; it comes before the data section.
			return nil, fmt.Errorf("data count section at byte %d: not supported", start)
		default:
			out = append(out, module[start:off]...)
		}
	}
	return out, nil
}

// readDataSegments reads a data section's segments, sorted by offset.
func readDataSegments(body []byte) ([]wasmSegment, error) {
	count, n := readULEB(body)
	if n == 0 || count > uint64(len(body)) {
		return nil, errors.New("bad segment count")
	}
	off := n
	segs := make([]wasmSegment, 0, count)
	for i := range count {
		// flags 0: active, memory 0, offset expression i32.const N; end.
		if off+2 > len(body) || body[off] != 0 || body[off+1] != 0x41 {
			return nil, fmt.Errorf("segment %d: not an active segment at an i32.const offset", i)
		}
		off += 2
		at, n := readSLEB32(body[off:])
		if n == 0 || at < 0 || at > math.MaxInt32 || off+n >= len(body) || body[off+n] != 0x0b {
			return nil, fmt.Errorf("segment %d: bad offset", i)
		}
		off += n + 1
		size, n := readULEB(body[off:])
		if n == 0 || size > uint64(len(body)-off-n) {
			return nil, fmt.Errorf("segment %d: bad size", i)
		}
		off += n
		segs = append(segs, wasmSegment{at, body[off : off+int(size)]})
		off += int(size)
	}
	if off != len(body) {
		return nil, fmt.Errorf("%d bytes after the segments", len(body)-off)
	}
	slices.SortStableFunc(segs, func(a, b wasmSegment) int { return cmp.Compare(a.offset, b.offset) })
	for i := 1; i < len(segs); i++ {
		if p := segs[i-1]; p.offset+int64(len(p.data)) > segs[i].offset {
			return nil, fmt.Errorf("segments at %d and %d overlap", p.offset, segs[i].offset)
		}
	}
	return segs, nil
}

// joinSegments joins sorted segments separated by fewer than gap bytes,
// writing out the zeros between them.
func joinSegments(segs []wasmSegment, gap int64) []wasmSegment {
	var out []wasmSegment
	for _, s := range segs {
		if k := len(out) - 1; k >= 0 {
			if end := out[k].offset + int64(len(out[k].data)); s.offset-end < gap {
				out[k].data = append(out[k].data, make([]byte, s.offset-end)...)
				out[k].data = append(out[k].data, s.data...)
				continue
			}
		}
		out = append(out, wasmSegment{s.offset, append([]byte(nil), s.data...)})
	}
	return out
}

// appendDataSegments appends a data section's body.
func appendDataSegments(b []byte, segs []wasmSegment) []byte {
	b = appendULEB(b, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, 0, 0x41)
		b = appendSLEB(b, s.offset)
		b = append(b, 0x0b)
		b = appendULEB(b, uint64(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

func appendSection(b []byte, id byte, body []byte) []byte {
	b = append(b, id)
	b = appendULEB(b, uint64(len(body)))
	return append(b, body...)
}

// readULEB reads an unsigned LEB128 number of at most 5 bytes (32 bits,
// what sizes and counts are) and returns it with its length, 0 if bad.
func readULEB(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 5; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

// readSLEB32 reads a signed LEB128 number of at most 5 bytes.
func readSLEB32(b []byte) (int64, int) {
	var v int64
	for i := 0; i < len(b) && i < 5; i++ {
		v |= int64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			if shift := 7 * (i + 1); shift < 64 && b[i]&0x40 != 0 {
				v |= -1 << shift
			}
			return v, i + 1
		}
	}
	return 0, 0
}

func appendULEB(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
