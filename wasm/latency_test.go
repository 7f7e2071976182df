package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkRealIndexLatency measures query latency over the site's real
// index (build/assets/search-index.<hash>.bin, or $SHGUIDE_SEARCH_INDEX), with the
// p50 and p95 of single queries. Run it under WebAssembly to see what the
// browser gets:
//
//	PATH=$(go env GOROOT)/lib/wasm:$PATH GOOS=js GOARCH=wasm go test -run '^$' -bench RealIndexLatency ./wasm/
func BenchmarkRealIndexLatency(b *testing.B) {
	path := os.Getenv("SHGUIDE_SEARCH_INDEX")
	if path == "" {
		// Assets carry a content hash in their names.
		m, _ := filepath.Glob("../build/assets/search-index.*.bin")
		path = "../build/assets/search-index.bin"
		if len(m) == 1 {
			path = m[0]
		}
	}
	index, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no real index (%v): run shguide build first", err)
	}
	b.Run("load", func(b *testing.B) {
		b.SetBytes(int64(len(index)))
		for b.Loop() {
			var a searchAPI
			if _, err := a.load(index); err != nil {
				b.Fatal(err)
			}
		}
	})
	var a searchAPI
	if _, err := a.load(index); err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, q string }{
		{"id", "SR3-H-5"}, {"id-typing", "sr3-h"}, {"code", "CPS.AC-3"}, {"latin", "ZigBee"},
		{"japanese", "鍵管理"}, {"japanese-common", "セキュリティ"}, {"japanese-phrase", "通信経路の暗号化"},
		{"single-kanji", "機"}, {"folded", "ﾌｧｰﾑｳｪｱ"}, {"typo", "Etherent"}, {"typing-latin", "blu"},
		{"two-words", "ホームゲートウェイ 認証"}, {"no-match", "xyzzyq"},
	} {
		b.Run(q.name, func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				s := time.Now()
				if _, err := a.query(q.q, 8); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(s))
			}
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(ds[len(ds)*95/100].Nanoseconds()), "p95-ns")
		})
	}
}
