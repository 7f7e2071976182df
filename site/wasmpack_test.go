package site

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// testModule is a module with a type section, the data segments segs (in
// the given order) and a custom section after them.
func testModule(segs []wasmSegment) []byte {
	m := append([]byte(nil), wasmHeader...)
	m = appendSection(m, 1, []byte{1, 0x60, 0, 0})
	m = appendSection(m, wasmSectionData, appendDataSegments(nil, segs))
	return appendSection(m, 0, append([]byte{4}, "name"...))
}

// memoryOf returns the initial memory that module's data segments make.
func memoryOf(t testing.TB, module []byte) ([]byte, []wasmSegment) {
	t.Helper()
	var segs []wasmSegment
	for off := len(wasmHeader); off < len(module); {
		id := module[off]
		size, n := readULEB(module[off+1:])
		body := module[off+1+n : off+1+n+int(size)]
		off += 1 + n + int(size)
		if id == wasmSectionData {
			var err error
			if segs, err = readDataSegments(body); err != nil {
				t.Fatalf("reading the data segments: %v", err)
			}
		}
	}
	var mem []byte
	for _, s := range segs {
		if s.offset+int64(len(s.data)) > 1<<24 {
			t.Skip("memory too large to compare")
		}
		if end := int(s.offset) + len(s.data); end > len(mem) {
			mem = append(mem, make([]byte, end-len(mem))...)
		}
		copy(mem[s.offset:], s.data)
	}
	return mem, segs
}

func TestPackDataSegments(t *testing.T) {
	segs := []wasmSegment{
		{1000, []byte{7, 7}},      // after a gap of 63 zeros: joined
		{900, []byte{1, 2, 3}},    // the first in memory
		{2000, []byte{9}},         // after a gap of 998: kept apart
		{935, []byte{4, 5}},       // after 32 zeros: joined
		{2065, []byte{8, 8, 8}},   // after exactly 64 zeros: kept apart
		{1<<20 + 3, []byte{0xff}}, // an offset of 3 LEB128 bytes
	}
	in := testModule(segs)
	out, err := packDataSegments(in)
	if err != nil {
		t.Fatal(err)
	}
	memIn, _ := memoryOf(t, in)
	memOut, packed := memoryOf(t, out)
	if !bytes.Equal(memIn, memOut) {
		t.Errorf("the packed module's memory differs from the module's")
	}
	var got []int64
	for _, s := range packed {
		got = append(got, s.offset, int64(len(s.data)))
	}
	want := []int64{900, 102, 2000, 1, 2065, 3, 1<<20 + 3, 1}
	if !slices.Equal(got, want) {
		t.Errorf("segments (offset, length): got %v, want %v", got, want)
	}
	// The other sections are copied as they are, in their order.
	if !bytes.HasPrefix(out, in[:len(wasmHeader)+6]) || !bytes.HasSuffix(out, in[len(in)-7:]) {
		t.Errorf("the sections around the data section changed")
	}
	again, err := packDataSegments(out)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("packing a packed module changed it (err %v)", err)
	}
}

func TestPackDataSegmentsRefuses(t *testing.T) {
	good := testModule([]wasmSegment{{16, []byte{1}}})
	for _, c := range []struct {
		name   string
		module []byte
		want   string
	}{
		{"not wasm", []byte("\x00asn\x01\x00\x00\x00"), "not a WebAssembly module"},
		{"truncated section", good[:len(good)-3], "bad size"},
		{"passive segment", appendSection(append([]byte(nil), wasmHeader...), wasmSectionData, []byte{1, 1, 1, 9}), "not an active segment"},
		{"overlap", testModule([]wasmSegment{{16, []byte{1, 2, 3}}, {17, []byte{4}}}), "overlap"},
		{"negative offset", testModule([]wasmSegment{{-5, []byte{1}}}), "bad offset"},
		{"offset beyond 32 bits", testModule([]wasmSegment{{1 << 32, []byte{1}}}), "bad offset"},
		{"data count section", append(append([]byte(nil), wasmHeader...), wasmSectionDataCount, 1, 0), "data count section"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := packDataSegments(c.module)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got error %v, want one saying %q", err, c.want)
			}
		})
	}
}

func FuzzPackDataSegments(f *testing.F) {
	f.Add(testModule([]wasmSegment{{900, []byte{1, 2, 3}}, {1000, []byte{7}}, {2000, []byte{9}}}))
	f.Add(testModule(nil))
	f.Add(append([]byte(nil), wasmHeader...))
	f.Fuzz(func(t *testing.T, module []byte) {
		out, err := packDataSegments(module)
		if err != nil {
			return
		}
		memIn, _ := memoryOf(t, module)
		memOut, _ := memoryOf(t, out)
		if !bytes.Equal(memIn, memOut) {
			t.Fatalf("the packed module's memory differs")
		}
		again, err := packDataSegments(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("packing a packed module changed it (err %v)", err)
		}
	})
}
