package e2e

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"shguide/site/model"
)

// citing lists, in the index's order, the requirements that cite a code in
// any mapping column (and pass keep).
func citing(m *model.Model, code string, keep func(r *model.Requirement) bool) []string {
	var ids []string
	for _, r := range m.Requirements {
		for _, mc := range r.Mappings() {
			if mc.Mapping != nil && slices.Contains(mc.Mapping.Refs, code) && keep(r) {
				ids = append(ids, r.ID)
				break
			}
		}
	}
	return ids
}

// TestRequirementCodeFilter: the requirement list narrows to the items
// citing one code (UK3, CPS.AC-3, 1798.91.05), combines with the other
// filters, keeps the code in the URL, and the reverse page links to it.
func TestRequirementCodeFilter(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	loadPage(t, ctx, "requirements/").expectClean(t)
	all := func(*model.Requirement) bool { return true }
	check := func(what string, want []string) {
		t.Helper()
		got := eval[[]string](t, ctx, visibleIDs)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: shown %v\nwant %v", what, got, want)
		}
		if len(want) == 0 {
			t.Errorf("%s: the filter selects nothing; the test is not testing", what)
		}
		count := eval[string](t, ctx, `document.getElementById("req-count").textContent`)
		if wantCount := fmt.Sprintf("87 項目中 %d 項目を表示", len(want)); count != wantCount {
			t.Errorf("%s: count %q, want %q", what, count, wantCount)
		}
	}
	for _, code := range []string{"UK3", "CPS.AC-3", "1798.91.05"} {
		choose(t, ctx, "code", code)
		check("code "+code, citing(m, code, all))
	}
	choose(t, ctx, "code", "CPS.AC-3")
	choose(t, ctx, "level", "3")
	check("CPS.AC-3 at ★★★", citing(m, "CPS.AC-3", func(r *model.Requirement) bool { return r.Level == 3 }))
	if q := eval[string](t, ctx, `location.search`); q != "?level=3&code=CPS.AC-3" {
		t.Errorf("query = %q", q)
	}
	// The code options name the UK items.
	if label := eval[string](t, ctx, `document.querySelector('#req-code option[value="UK3"]').textContent`); label != "UK3 Keep software updated" {
		t.Errorf("UK3 option %q", label)
	}
	// The legend of 表6-1 sits with the filters.
	if n := eval[int](t, ctx, `document.querySelectorAll("#req-filters .mark-legend dt").length`); n != 4 {
		t.Errorf("legend with the filters has %d marks, want ◎ ○ = —", n)
	}

	// From the reverse page of a code to the list filtered by it.
	loadPage(t, ctx, "requirements/uk/uk8/").expectClean(t)
	href := eval[string](t, ctx, `Array.from(document.querySelectorAll("main a")).find(a => a.textContent.includes("絞り込む")).getAttribute("href")`)
	if href != base+"requirements/?code=UK8" {
		t.Errorf("filter link %q", href)
	}
	loadPage(t, ctx, "requirements/?code=UK8").expectClean(t)
	check("restored code UK8", citing(m, "UK8", all))
	if v := eval[string](t, ctx, `document.getElementById("req-code").value`); v != "UK8" {
		t.Errorf("the code select shows %q", v)
	}
	// A code no one cites is not offered, so it is ignored.
	loadPage(t, ctx, "requirements/?code=UK11").expectClean(t)
	if got := eval[[]string](t, ctx, visibleIDs); len(got) != 87 {
		t.Errorf("?code=UK11 shows %d items, want all 87", len(got))
	}
}

// chooseErrata sets an errata filter as a user would.
func chooseErrata(t *testing.T, ctx context.Context, kind string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const s = document.getElementById("errata-kind"); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, kind))
}

const visibleErrata = `Array.from(document.querySelectorAll("#errata-list .erratum")).filter(a => a.offsetParent !== null).map(a => a.querySelector(".erratum-id").textContent)`

// TestErrataFilters: the errata page has a table of contents by kind and
// filters by kind and by words, kept in the URL; each published-vs-computed
// entry opens its vector in the calculator.
func TestErrataFilters(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	loadPage(t, ctx, "errata/").expectClean(t)
	byKind := map[string][]string{}
	for _, e := range m.Errata {
		byKind[e.Kind] = append(byKind[e.Kind], e.ID)
	}
	toc := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".errata-toc a")).map(a => a.getAttribute("href"))`)
	for kind := range byKind {
		if !slices.Contains(toc, "#kind-"+kind) {
			t.Errorf("the table of contents has no link to %s (%v)", kind, toc)
		}
	}
	if hidden := eval[bool](t, ctx, `document.getElementById("errata-filters").hidden`); hidden {
		t.Fatal("the filter form stays hidden with JavaScript")
	}
	if got := eval[[]string](t, ctx, visibleErrata); len(got) != len(m.Errata) {
		t.Fatalf("%d errata shown, want %d", len(got), len(m.Errata))
	}
	for _, kind := range []string{"score", "sic", "transcription"} {
		chooseErrata(t, ctx, kind)
		if got := eval[[]string](t, ctx, visibleErrata); !slices.Equal(got, byKind[kind]) {
			t.Errorf("kind %s: shown %v, want %v", kind, got, byKind[kind])
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#errata-list .errata-kind:not([hidden])").length`); n != 1 {
			t.Errorf("kind %s: %d sections visible", kind, n)
		}
	}
	if q := eval[string](t, ctx, `location.search`); q != "?kind=transcription" {
		t.Errorf("query = %q", q)
	}
	// Words narrow within the kind: every word must appear.
	eval[bool](t, ctx, `(() => { const q = document.getElementById("errata-q"); q.value = "表3-11 ＥＰ⑦"; q.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	got := eval[[]string](t, ctx, visibleErrata)
	var want []string
	for _, e := range m.Errata {
		text := e.Location + e.Source + e.Used + e.Reason
		if e.Kind == "transcription" && strings.Contains(text, "表3-11") && strings.Contains(text, "EP⑦") {
			want = append(want, e.ID)
		}
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("words 表3-11 ＥＰ⑦ (full-width EP folded): shown %v, want %v", got, want)
	}
	if c := eval[string](t, ctx, `document.getElementById("errata-count").textContent`); c != fmt.Sprintf("%d 件中 %d 件を表示", len(m.Errata), len(want)) {
		t.Errorf("count %q", c)
	}
	loadPage(t, ctx, "errata/?kind=score&q=表3-40").expectClean(t)
	if got := eval[[]string](t, ctx, visibleErrata); !slices.Equal(got, []string{"E562", "E563"}) {
		t.Errorf("restored ?kind=score&q=表3-40: shown %v, want [E562 E563]", got)
	}
	if v := eval[string](t, ctx, `document.getElementById("errata-q").value`); v != "表3-40" {
		t.Errorf("the words box shows %q", v)
	}

	// Every score erratum opens its assessment's vector in the calculator.
	loadPage(t, ctx, "errata/?kind=score").expectClean(t)
	links := eval[map[string]string](t, ctx, `Object.fromEntries(Array.from(document.querySelectorAll("#errata-list .erratum[data-kind=score]")).map(a => [a.id, decodeURIComponent(new URL(a.querySelector("a.calc-link").href).hash.slice(1))]))`)
	if len(links) != 6 || len(byKind["score"]) != 6 {
		t.Errorf("%d score errata with a calculator link, %d in the content; want 6", len(links), len(byKind["score"]))
	}
	for _, e := range m.Errata {
		if e.Kind != "score" {
			continue
		}
		var vec string
		for _, a := range m.Threat(e.Threat).Assessments {
			if a.Table == e.Table && a.Case == e.Case {
				vec = a.Vector
			}
		}
		if links[strings.ToLower(e.ID)] != vec {
			t.Errorf("%s opens %q, want %q", e.ID, links[strings.ToLower(e.ID)], vec)
		}
	}
	// Following one shows the computed value the erratum names.
	href := eval[string](t, ctx, `document.querySelector("#e561 a.calc-link").getAttribute("href")`)
	l := openCalculator(t, ctx, strings.TrimPrefix(href, base+"calculator/"))
	if shown := readShown(t, ctx); shown.Base != "4.8" {
		t.Errorf("E561 in the calculator: %+v, want base 4.8", shown)
	}
	l.expectClean(t)
}

// TestTablePagesFit: the pages of the tables as printed, the code pages,
// the errata and the open data load clean and fit 360 and 390 px; wide
// tables scroll in their own region.
func TestTablePagesFit(t *testing.T) {
	ctx := newTab(t)
	pages := []string{"chapters/2.3/", "chapters/3.4/", "chapters/3.7/", "chapters/6.2/", "system-model/",
		"requirements/uk/", "requirements/uk/uk11/", "requirements/sb327/", "requirements/sb327/1798-91-05/",
		"requirements/cpsf/", "requirements/sr2-pp-3/", "errata/", "open-data/"}
	for _, w := range []int64{360, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 740, chromedp.EmulatePortrait)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			loadPage(t, ctx, p).expectClean(t)
			if sw := eval[int64](t, ctx, `document.documentElement.scrollWidth`); sw > w {
				wide := eval[string](t, ctx, fmt.Sprintf(`Array.from(document.querySelectorAll("main *")).filter(e => e.getBoundingClientRect().right > %d && !e.closest(".table-scroll, .figure-body, .code-block, .site-nav")).slice(0, 3).map(e => e.tagName + "." + e.className).join(", ")`, w+1))
				t.Errorf("%s: %d px wide at %d px (%s)", p, sw, w, wide)
			}
		}
	}
}
