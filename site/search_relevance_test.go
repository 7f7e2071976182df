package site

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"shguide/search"
)

// judgedQuery is a line of testdata/search-relevance.tsv.
type judgedQuery struct {
	line     int
	category string
	query    string
	relevant []string
}

func readJudgedQueries(t *testing.T) []judgedQuery {
	t.Helper()
	const name = "testdata/search-relevance.tsv"
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []judgedQuery
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 || parts[1] == "" || strings.TrimSpace(parts[2]) == "" {
			t.Fatalf("%s:%d: want category, query and document IDs separated by tabs", name, n)
		}
		out = append(out, judgedQuery{n, parts[0], parts[1], strings.Fields(parts[2])})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// relevanceScores holds hit@1, hit@5 and the mean reciprocal rank (over
// the first 20 results) of a set of queries.
type relevanceScores struct {
	n                 int
	hit1, hit5, rrSum float64
}

func (s *relevanceScores) add(rank int) { // rank is 1-based, 0 = not found
	s.n++
	if rank == 1 {
		s.hit1++
	}
	if rank >= 1 && rank <= 5 {
		s.hit5++
	}
	if rank > 0 {
		s.rrSum += 1 / float64(rank)
	}
}

func (s relevanceScores) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v/float64(s.n), 'f', 3, 64) }
	return "n=" + strconv.Itoa(s.n) + " hit@1=" + f(s.hit1) + " hit@5=" + f(s.hit5) + " MRR=" + f(s.rrSum)
}

// Thresholds of the judged set. On main before the engine above (bigrams
// over kana folded to katakana, no thesaurus, no fields), the same 280
// queries scored hit@1 0.764, hit@5 0.811, MRR 0.785 (English 0, typos
// 0.5, synonyms 0.8 at hit@1).
const (
	minHit1 = 0.98
	minHit5 = 1.0
	minMRR  = 0.985
)

// TestSearchRelevanceSet runs the judged queries over the real index and
// reports hit@1, hit@5 and MRR, overall and by category; it fails below the
// thresholds. A result collapsed into another counts at that one's rank.
func TestSearchRelevanceSet(t *testing.T) {
	ix := loadRealSite(t).ix
	queries := readJudgedQueries(t)
	known := map[string]bool{}
	for i := 0; i < ix.Len(); i++ {
		known[ix.Doc(i).ID] = true
	}
	var all relevanceScores
	byCat := map[string]*relevanceScores{}
	var cats []string
	for _, q := range queries {
		for _, id := range q.relevant {
			if !known[id] {
				t.Errorf("line %d: %s is not a search document", q.line, id)
			}
		}
		r := ix.Search(q.query, search.Options{Limit: 20})
		rank := 0
		for i, res := range r.Results {
			hit := slices.Contains(q.relevant, res.ID)
			for _, d := range res.Same {
				hit = hit || slices.Contains(q.relevant, d.ID)
			}
			if hit {
				rank = i + 1
				break
			}
		}
		all.add(rank)
		if byCat[q.category] == nil {
			byCat[q.category] = &relevanceScores{}
			cats = append(cats, q.category)
		}
		byCat[q.category].add(rank)
		if rank != 1 {
			top := resultIDs(r)
			if len(top) > 3 {
				top = top[:3]
			}
			t.Logf("line %d: %s %q: relevant at rank %d; top %q", q.line, q.category, q.query, rank, top)
		}
	}
	for _, c := range cats {
		t.Logf("%-8s %s", c, byCat[c])
	}
	t.Logf("all      %s", all)
	if len(queries) < 150 {
		t.Errorf("%d judged queries, want at least 150", len(queries))
	}
	n := float64(all.n)
	if all.hit1/n < minHit1 || all.hit5/n < minHit5 || all.rrSum/n < minMRR {
		t.Errorf("relevance %s is below hit@1 %.3f, hit@5 %.3f, MRR %.3f", all, minHit1, minHit5, minMRR)
	}
}

// TestSearchNoFalseHits: every one of the first ten results of a word
// holds the word or one of its listed variants (spellings, the guideline's
// synonyms) in its own text; none holds it only inside another word
// (ログ in プログラム).
func TestSearchNoFalseHits(t *testing.T) {
	ix := loadRealSite(t).ix
	tests := []struct {
		q        string
		variants []string
		not      []string // words the variants occur inside, which do not count
		none     bool     // the guideline has no such word
	}{
		{q: "ルータ", variants: []string{"ルータ", "ルーター"}},
		{q: "ルーター", variants: []string{"ルータ", "ルーター"}},
		{q: "メール", none: true},
		{q: "キー", variants: []string{"キー"}},
		{q: "ログ", variants: []string{"ログ"}, not: []string{"プログラム", "カタログ"}},
		{q: "ﾛｸﾞ", variants: []string{"ログ"}, not: []string{"プログラム", "カタログ"}},
		{q: "ろぐ", variants: []string{"ログ", "ろぐ"}, not: []string{"プログラム", "カタログ", "ログイン"}},
		{q: "カード", variants: []string{"カード"}},
		{q: "センサー", variants: []string{"センサ"}},
		{q: "メモリー", variants: []string{"メモリ"}},
		{q: "ルール", variants: []string{"ルール"}},
		{q: "ポート", variants: []string{"ポート"}},
		{q: "パッチ", variants: []string{"パッチ", "更新ソフトウェア", "更新用ソフトウェア"}},
		{q: "テスト", variants: []string{"テスト"}},
		{q: "データ", variants: []string{"データ"}},
		{q: "ホーム", variants: []string{"ホーム"}},
		{q: "ウェブ", variants: []string{"ウェブ", "Web"}},
		{q: "log", variants: []string{"ログ", "log"}, not: []string{"プログラム", "カタログ"}},
	}
	for _, tt := range tests {
		r := ix.Search(tt.q, search.Options{Limit: 10})
		if tt.none {
			if r.Total != 0 {
				t.Errorf("Search(%q): %d results %q, want none: the guideline has no such word", tt.q, r.Total, resultIDs(r))
			}
			continue
		}
		if r.Total == 0 {
			t.Errorf("Search(%q): no results", tt.q)
		}
		for _, res := range r.Results {
			d := ix.Doc(res.Doc)
			text := strings.Join([]string{d.Label, d.Title, d.Heading, d.Body, d.Aside}, "\n")
			for _, n := range tt.not {
				text = strings.ReplaceAll(text, n, "")
			}
			found := false
			for _, v := range tt.variants {
				found = found || strings.Contains(strings.ToLower(text), strings.ToLower(v))
			}
			if !found {
				t.Errorf("Search(%q): %s %q holds none of %q", tt.q, d.ID, d.Title, tt.variants)
			}
		}
	}
}
