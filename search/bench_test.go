package search

import "testing"

var benchQueries = []struct{ name, q string }{
	{"id", "SR3-H-5"},
	{"id-typing", "sr3-h"},
	{"code", "CPS.AC-3"},
	{"latin", "ZigBee"},
	{"japanese", "鍵管理"},
	{"japanese-long", "通信経路の暗号化"},
	{"single-kanji", "鍵"},
	{"folded", "ﾌｧｰﾑｳｪｱ"},
	{"typo", "Etherent"},
	{"typing", "blu"},
	{"two-words", "ホームゲートウェイ 認証"},
}

func BenchmarkSearch(b *testing.B) {
	ix, err := Build(syntheticDocs(800), fixtureThesaurus)
	if err != nil {
		b.Fatal(err)
	}
	for _, bq := range benchQueries {
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ix.Search(bq.q, Options{Limit: 20})
			}
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	docs := syntheticDocs(800)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(docs, fixtureThesaurus); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	ix, err := Build(syntheticDocs(800), fixtureThesaurus)
	if err != nil {
		b.Fatal(err)
	}
	data := ix.Encode()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	s := fixtureDocs[8].Body
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Fold(s)
	}
}
