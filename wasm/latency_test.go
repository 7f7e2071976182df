package main

import (
	"os"
	"slices"
	"testing"
	"time"
)

// TestRealIndexLatency reports query latency over the site's real index
// (build/assets/search-index.bin, or $SHGUIDE_SEARCH_INDEX). Run it under
// WebAssembly to see what the browser gets:
//
//	GOOS=js GOARCH=wasm go test -run RealIndexLatency -v ./wasm/
func TestRealIndexLatency(t *testing.T) {
	path := os.Getenv("SHGUIDE_SEARCH_INDEX")
	if path == "" {
		path = "../build/assets/search-index.bin"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no real index (%v): run shguide build first", err)
	}
	var a searchAPI
	start := time.Now()
	if _, err := a.load(b); err != nil {
		t.Fatal(err)
	}
	t.Logf("load %d bytes: %v", len(b), time.Since(start))
	for _, q := range []struct{ name, q string }{
		{"id", "SR3-H-5"}, {"id-typing", "sr3-h"}, {"code", "CPS.AC-3"}, {"latin", "ZigBee"},
		{"japanese", "鍵管理"}, {"japanese-common", "セキュリティ"}, {"japanese-phrase", "通信経路の暗号化"},
		{"single-kanji", "機"}, {"folded", "ﾌｧｰﾑｳｪｱ"}, {"typo", "Etherent"}, {"typing-latin", "blu"},
		{"two-words", "ホームゲートウェイ 認証"}, {"no-match", "xyzzyq"},
	} {
		var ds []time.Duration
		for range 100 {
			s := time.Now()
			if _, err := a.query(q.q, 8); err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(s))
		}
		slices.Sort(ds)
		p50, p95 := ds[len(ds)/2], ds[len(ds)*95/100]
		t.Logf("%-16s p50 %9v  p95 %9v", q.name, p50, p95)
		if p95 > 50*time.Millisecond {
			t.Errorf("%s: p95 %v", q.name, p95)
		}
	}
}
