package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"shguide/calculator"
	"shguide/site/model"
)

// The finish readers expect of a documentation site: the header on a
// phone, Japanese line breaking, scores with one decimal, tables of
// contents, copy buttons, permalinks, link-like cards, the side table of
// contents and the theme switch.

// TestNavOnPhone: the current section's tab is scrolled into view, the bar
// shows that it scrolls, and header, breadcrumb and code links are touch
// targets of at least 24 px.
func TestNavOnPhone(t *testing.T) {
	ctx := newTab(t)
	viewport(t, ctx, 360, 740)
	for _, p := range []string{"calculator/", "glossary/", "requirements/sr3-h-5/", ""} {
		loadPage(t, ctx, p).expectClean(t)
		r := eval[map[string]any](t, ctx, `(() => {
			const nav = document.querySelector(".site-nav"), ul = nav.querySelector("ul");
			const cur = ul.querySelector("[aria-current]");
			const b = ul.getBoundingClientRect(), c = cur ? cur.getBoundingClientRect() : null;
			return {
				scrolls: ul.scrollWidth > ul.clientWidth,
				current: cur ? cur.textContent : "",
				inView: c ? c.left >= b.left - 1 && c.right <= b.right + 1 : true,
				left: nav.hasAttribute("data-more-left"), right: nav.hasAttribute("data-more-right"),
				cueRight: getComputedStyle(nav, "::after").opacity, cueLeft: getComputedStyle(nav, "::before").opacity,
				atStart: ul.scrollLeft < 2, atEnd: ul.scrollWidth - ul.clientWidth - ul.scrollLeft < 2,
			};
		})()`)
		if r["scrolls"] != true {
			t.Fatalf("%q: the navigation fits 360 px; the test needs a bar that scrolls", p)
		}
		if r["inView"] != true {
			t.Errorf("%q: the current tab %q is scrolled out of view", p, r["current"])
		}
		if (r["atEnd"] == false) != (r["right"] == true) || (r["atStart"] == false) != (r["left"] == true) {
			t.Errorf("%q: scroll cue %v", p, r)
		}
		if r["right"] == true && r["cueRight"] != "1" {
			t.Errorf("%q: more tabs to the right but no visible cue (%v)", p, r["cueRight"])
		}
	}
	// Touch targets of the chrome and of the mapping code links.
	loadPage(t, ctx, "requirements/sr3-h-5/").expectClean(t)
	small := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".site-nav a, .crumbs a, .site-footer a, a.code, .theme-switch, .copy-button, .brand"))
		.filter(a => a.getClientRects().length)
		.filter(a => { const r = a.getBoundingClientRect(); return r.height < 24 || r.width < 24; })
		.map(a => a.textContent.trim() + " " + Math.round(a.getBoundingClientRect().width) + "×" + Math.round(a.getBoundingClientRect().height))`)
	if len(small) > 0 {
		t.Errorf("touch targets under 24 px: %v", small)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("a.code").length`); n == 0 {
		t.Error("no code links on the requirement page; the test is not testing")
	}
}

// TestJapaneseLineBreaking: headings break between phrases, never inside a
// word (the home page title keeps セキュリティガイドライン whole).
func TestJapaneseLineBreaking(t *testing.T) {
	ctx := newTab(t)
	for _, w := range []int64{360, 390, 1280} {
		viewport(t, ctx, w, 800)
		loadPage(t, ctx, "").expectClean(t)
		if wb := eval[string](t, ctx, `getComputedStyle(document.querySelector("h1")).wordBreak`); wb != "auto-phrase" {
			t.Errorf("h1 word-break %q", wb)
		}
		// The lines of the title, as the browser laid them out.
		lines := eval[[]string](t, ctx, `(() => {
			const h = document.querySelector("h1"), text = h.textContent, r = document.createRange(), out = [];
			let top = null, line = "";
			const node = h.firstChild;
			for (let i = 0; i < text.length; i++) {
				r.setStart(node, i); r.setEnd(node, i + 1);
				const y = Math.round(r.getBoundingClientRect().top);
				if (top !== null && Math.abs(y - top) > 4) { out.push(line); line = ""; }
				top = y; line += text[i];
			}
			out.push(line);
			return out;
		})()`)
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if l != "スマートホーム" && l != "セキュリティガイドライン" && l != "スマートホーム セキュリティガイドライン" {
				t.Errorf("%d px: the title breaks inside a word: %q", w, lines)
				break
			}
		}
		// No lone last line of two or three characters under a lead.
		loadPage(t, ctx, "calculator/").expectClean(t)
		last := eval[string](t, ctx, lastLineJS+`(document.querySelector("main .lead"))`)
		if n := len([]rune(strings.TrimSpace(last))); n < 4 {
			t.Errorf("%d px: the calculator's lead ends with a lone %q", w, last)
		}
	}
}

// lastLineJS returns the text of the last line an element's text is laid
// out on.
const lastLineJS = `((el) => {
	const r = document.createRange(), walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
	const chars = [];
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		for (let i = 0; i < n.length; i++) {
			r.setStart(n, i); r.setEnd(n, i + 1);
			const rect = r.getBoundingClientRect();
			if (rect.height) chars.push([Math.round(rect.top), n.data[i]]);
		}
	}
	const top = Math.max(...chars.map(c => c[0]));
	return chars.filter(c => Math.abs(c[0] - top) < 4).map(c => c[1]).join("");
})`

// TestScoresOneDecimal: every score the site shows has one decimal, as CVSS
// writes them ("10.0 緊急", not "10 緊急"): badges, tables, charts, errata.
func TestScoresOneDecimal(t *testing.T) {
	ctx := newTab(t)
	re := regexp.MustCompile(`^\d{1,2}\.\d(～\d{1,2}\.\d)?$`)
	for _, p := range []string{"threats/", "threats/ep1/", "chapters/3.5/", "errata/", "threats/charts/", "severity/"} {
		loadPage(t, ctx, p).expectClean(t)
		vals := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("main .score-value")).map(e => e.textContent.trim())`)
		if p != "severity/" && len(vals) == 0 {
			t.Errorf("%s: no scores; the test is not testing", p)
		}
		for _, v := range vals {
			if !re.MatchString(v) {
				t.Errorf("%s: score %q", p, v)
			}
		}
		svg := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("main svg .rc-value:not(.rc-missing), main svg .rc-erratum text, main svg .rd-range")).map(e => e.textContent)`)
		for _, v := range svg {
			if m := regexp.MustCompile(`\d+(\.\d)?`).FindString(v); m != "" && !strings.Contains(m, ".") {
				t.Errorf("%s: chart label %q", p, v)
			}
		}
	}
	// The open data writes the computed values with one decimal (the
	// published ones as printed, which threats.schema.json documents).
	loadPage(t, ctx, "").expectClean(t)
	computed := evalAsync[[]string](t, ctx, `fetch("data/threats.json").then(r => r.json()).then(d => d.threats.flatMap(t => (t.assessments || []).map(a => a.computed)))`)
	if len(computed) < 200 {
		t.Fatalf("%d computed values in threats.json", len(computed))
	}
	for _, v := range computed {
		if !re.MatchString(v) {
			t.Errorf("threats.json: computed %q", v)
		}
	}
}

// TestThreatBadgesOpenCalculator: every score badge of the threat overview
// is a link that opens that assessment's vector in the calculator.
func TestThreatBadgesOpenCalculator(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	loadPage(t, ctx, "threats/").expectClean(t)
	hrefs := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("table.overview .score")).map(s => { const a = s.closest("a"); return a ? a.getAttribute("href") : "(no link) " + s.textContent; })`)
	var want []string
	for _, th := range m.Threats {
		sc := th.Scores()
		for _, a := range []*model.Assessment{sc.Before2, sc.After2, sc.Before3, sc.After3} {
			if a == nil {
				continue
			}
			want = append(want, base+"calculator/#"+a.Vector)
			if a.Differs() {
				want = append(want, "(no link) "+a.Score.Value)
			}
		}
	}
	if strings.Join(hrefs, "\n") != strings.Join(want, "\n") {
		t.Errorf("badges link\n%s\nwant\n%s", strings.Join(hrefs, "\n"), strings.Join(want, "\n"))
	}
	// Following one scores its vector.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("table.overview a.score-link"))); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	waitFor(t, ctx, `location.pathname.endsWith("/calculator/") && document.getElementById("calculator").dataset.ready === "true"`, 20e9)
	v, err := calculator.Parse(want[0][len(base+"calculator/#"):])
	if err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `document.getElementById("base-score").textContent`); got != v.Score().Base.String() {
		t.Errorf("the first badge opens a calculator showing %s, want %s", got, v.Score().Base)
	}
}

// TestThreatOverviewOnPhone: the overview reads on a phone (a card per
// threat, its name across the screen) and is at most three times as long
// as at a desk.
func TestThreatOverviewOnPhone(t *testing.T) {
	ctx := newTab(t)
	height := map[int64]float64{}
	for _, w := range []int64{1280, 390} {
		viewport(t, ctx, w, 800)
		loadPage(t, ctx, "threats/").expectClean(t)
		height[w] = eval[float64](t, ctx, `document.documentElement.scrollHeight`)
	}
	if height[390] > 3*height[1280] {
		t.Errorf("threat overview: %v px at 390 px, more than three times %v px at 1280 px", height[390], height[1280])
	}
	t.Logf("threat overview: %v px at 390 px, %v px at 1280 px", height[390], height[1280])
	narrow := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("table.overview tbody th")).filter(th => th.getBoundingClientRect().width < 250).map(th => th.textContent).slice(0, 3)`)
	if len(narrow) > 0 {
		t.Errorf("threat names squeezed into a narrow column at 390 px: %v", narrow)
	}
	labels := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("table.overview tbody tr:first-child .ov-label")).map(l => getComputedStyle(l).display === "none" ? "" : l.textContent)`)
	if strings.Join(labels, "|") != "★★ 対策前|★★ 対策後|★★★ 対策前|★★★ 対策後" {
		t.Errorf("phone cards label their values %q", labels)
	}
}

// TestChartsOnPhone: at 390 px the charts' labels render at 10 px or more.
func TestChartsOnPhone(t *testing.T) {
	ctx := newTab(t)
	viewport(t, ctx, 390, 800)
	loadPage(t, ctx, "threats/charts/").expectClean(t)
	px := eval[float64](t, ctx, `Math.min(...Array.from(document.querySelectorAll(".riskchart-svg .rc-label, .riskchart-svg .rc-group")).filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().height / e.querySelectorAll("tspan").length))`)
	if px < 10 {
		t.Errorf("chart labels render %.1f px high per line at 390 px", px)
	}
}

// TestTocNotNumberedTwice: entries that carry their numbers have no list
// markers.
func TestTocNotNumberedTwice(t *testing.T) {
	ctx := newTab(t)
	for _, p := range []string{"chapters/", "chapters/1/", "chapters/3.4/", "chapters/2.4/"} {
		loadPage(t, ctx, p).expectClean(t)
		bad := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("main nav li, main .toc li"))
			.filter(li => /^\d+(\.\d+)*\s/.test(li.querySelector("a") ? li.querySelector("a").textContent : ""))
			.filter(li => getComputedStyle(li).listStyleType !== "none" && getComputedStyle(li).display === "list-item")
			.map(li => li.querySelector("a").textContent)`)
		if len(bad) > 0 {
			t.Errorf("%s: numbered entries with list markers: %v", p, bad[:min(3, len(bad))])
		}
	}
}

// TestCopyButtons: vectors and code blocks have copy buttons that the
// keyboard reaches, that copy the exact text and say so; vectors break
// only between metrics.
func TestCopyButtons(t *testing.T) {
	ctx := newTab(t)
	// What the page hands to the clipboard (headless chromium has no
	// clipboard to read back).
	const recordClipboard = `(navigator.clipboard.writeText = (t) => { window.copied = t; return Promise.resolve(); }, true)`
	viewport(t, ctx, 360, 740)
	loadPage(t, ctx, "threats/ep5/").expectClean(t)
	eval[bool](t, ctx, recordClipboard)

	// Vectors break only after "/": every metric is on one line.
	split := eval[[]string](t, ctx, `(() => {
		const out = [];
		for (const code of document.querySelectorAll("code.vector")) {
			const text = code.textContent;
			const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const r = document.createRange();
				r.selectNodeContents(n);
				const rows = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
				if (rows.size > 1) out.push(text + ": " + n.textContent);
			}
		}
		return out;
	})()`)
	if len(split) > 0 {
		t.Errorf("metrics broken across lines: %v", split)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("code.vector").length`); n < 10 {
		t.Fatalf("%d vectors on EP⑤; the test is not testing", n)
	}

	// The keyboard reaches the first copy button (Tab from the vector);
	// Enter copies and confirms.
	want := eval[string](t, ctx, `document.querySelector("code.vector").textContent`)
	eval[bool](t, ctx, `(() => { const c = document.querySelector(".copy-button").previousElementSibling; c.setAttribute("tabindex", "-1"); c.focus(); return true; })()`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if cls := eval[string](t, ctx, `document.activeElement.className`); cls != "copy-button" {
		t.Fatalf("Tab from the vector focuses %q, not its copy button", cls)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.querySelector(".toast").textContent !== ""`, 5e9)
	if got := eval[string](t, ctx, `document.activeElement.textContent`); got != "コピーしました" {
		t.Errorf("the button says %q after copying", got)
	}
	if got := eval[string](t, ctx, `window.copied || ""`); got != want {
		t.Errorf("copied %q, want %q", got, want)
	}

	// A code block of the open-data page.
	loadPage(t, ctx, "open-data/").expectClean(t)
	eval[bool](t, ctx, recordClipboard)
	code := eval[string](t, ctx, `document.querySelector(".code-wrap pre").textContent`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".code-wrap .copy-button"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.querySelector(".toast").textContent !== ""`, 5e9)
	if got := eval[string](t, ctx, `window.copied || ""`); got != code || len(code) < 20 {
		t.Errorf("copied %.60q, want the code block %.60q", got, code)
	}
}

// TestPermalinksAndCards: heading permalinks show on hover and focus only;
// lifecycle phase cards look like links.
func TestPermalinksAndCards(t *testing.T) {
	ctx := newTab(t)
	viewport(t, ctx, 390, 800)
	loadPage(t, ctx, "lifecycles/service/").expectClean(t)
	if o := eval[string](t, ctx, `getComputedStyle(document.querySelector("h2 .anchor")).opacity`); o != "0" {
		t.Errorf("a permalink shows without hover or focus (opacity %s)", o)
	}
	eval[bool](t, ctx, `(document.querySelector("h2 .anchor").focus(), true)`)
	waitFor(t, ctx, `getComputedStyle(document.querySelector("h2 .anchor")).opacity === "1"`, 2e9)
	link := eval[string](t, ctx, `getComputedStyle(document.querySelector("main p a, main .meta-links a")).color`)
	card := eval[map[string]string](t, ctx, `(() => { const s = getComputedStyle(document.querySelector(".timeline .phase-name")); return {color: s.color, line: s.textDecorationLine}; })()`)
	if card["color"] != link || card["line"] != "underline" {
		t.Errorf("phase cards do not look like links: %v (links are %s)", card, link)
	}
}

// TestSideTOC: long pages list their sections beside the text at wide
// widths, mark the one being read, and hide the list on phones.
func TestSideTOC(t *testing.T) {
	ctx := newTab(t)
	for _, p := range []string{"chapters/3.5/", "errata/", "threats/ep5/"} {
		viewport(t, ctx, 1280, 800)
		loadPage(t, ctx, p).expectClean(t)
		r := eval[map[string]any](t, ctx, `(() => {
			const nav = document.querySelector(".side-toc"), main = document.querySelector("main > :first-child");
			if (!nav) return {missing: true};
			const n = nav.getBoundingClientRect(), m = main.getBoundingClientRect();
			const broken = Array.from(nav.querySelectorAll("a")).filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1)))).map(a => a.hash);
			return {missing: false, left: n.left, textRight: m.right, width: n.width, links: nav.querySelectorAll("a").length, broken};
		})()`)
		if r["missing"] == true {
			t.Errorf("%s: no side table of contents", p)
			continue
		}
		if r["left"].(float64) < r["textRight"].(float64) || r["width"].(float64) < 150 || r["links"].(float64) < 3 {
			t.Errorf("%s: side table of contents not beside the text: %v", p, r)
		}
		if b := r["broken"].([]any); len(b) > 0 {
			t.Errorf("%s: side table of contents links to missing ids %v", p, b)
		}
		// Scrolling to a section marks it.
		eval[bool](t, ctx, `(document.getElementById(decodeURIComponent(document.querySelectorAll(".side-toc a")[2].hash.slice(1))).scrollIntoView(), true)`)
		settle(t, ctx)
		if cur := eval[string](t, ctx, `(document.querySelector(".side-toc a[aria-current]") || {}).hash || ""`); cur != eval[string](t, ctx, `document.querySelectorAll(".side-toc a")[2].hash`) {
			t.Errorf("%s: after scrolling to the third section the side table marks %q", p, cur)
		}
		viewport(t, ctx, 390, 800)
		if d := eval[string](t, ctx, `getComputedStyle(document.querySelector(".side-toc")).display`); d != "none" {
			t.Errorf("%s: side table of contents shown on a phone (%s)", p, d)
		}
	}
}

// themeVars are the colours the tests compare between the two ways of
// getting a theme.
const themeVars = `(() => { const s = getComputedStyle(document.documentElement); return ["--bg", "--fg", "--muted", "--link", "--border", "--error", "--hit-bg", "--rc-critical", "--chip-border"].map(v => v + "=" + s.getPropertyValue(v).trim()).join(" ") + " bg=" + getComputedStyle(document.body).backgroundColor + " code=" + getComputedStyle(document.querySelector(".hl-chroma") || document.body).backgroundColor; })()`

// TestThemeSwitch: light, dark and system, remembered across pages and
// reloads, applied before the first paint without inline script, and the
// chosen dark theme equals the system's dark theme.
func TestThemeSwitch(t *testing.T) {
	ctx := newTab(t)
	loadPage(t, ctx, "open-data/").expectClean(t)
	eval[bool](t, ctx, `(localStorage.removeItem("shguide.theme"), true)`)
	setScheme(t, ctx, "dark")
	loadPage(t, ctx, "open-data/").expectClean(t)
	systemDark := eval[string](t, ctx, themeVars)
	setScheme(t, ctx, "light")
	loadPage(t, ctx, "open-data/").expectClean(t)
	systemLight := eval[string](t, ctx, themeVars)
	if systemDark == systemLight {
		t.Fatal("the system theme does not change the colours")
	}
	label := func() string {
		return eval[string](t, ctx, `document.getElementById("theme-switch").textContent.replace(/\s+/g, "")`)
	}
	if l := label(); l != "配色:自動" {
		t.Errorf("switch says %q", l)
	}
	press := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("theme-switch"))); err != nil {
			t.Fatal(err)
		}
	}
	press() // light, on a light system: nothing changes but the label
	if l := label(); l != "配色:ライト" || eval[string](t, ctx, themeVars) != systemLight {
		t.Errorf("light: %q", l)
	}
	press() // dark, on a light system
	if l := label(); l != "配色:ダーク" {
		t.Errorf("switch says %q", l)
	}
	if got := eval[string](t, ctx, themeVars); got != systemDark {
		t.Errorf("chosen dark differs from the system's dark:\n%s\n%s", got, systemDark)
	}
	// Remembered: another page, and the attribute is there before any
	// deferred script runs (theme.js is a blocking script in <head>).
	loadPage(t, ctx, "glossary/").expectClean(t)
	if got := eval[string](t, ctx, `document.documentElement.dataset.theme`); got != "dark" {
		t.Errorf("after navigating the theme is %q", got)
	}
	order := eval[string](t, ctx, `Array.from(document.head.querySelectorAll("script, link[rel=stylesheet]")).map(e => e.tagName + (e.src && /\/js\/theme\.[^/]*js$/.test(e.src) ? ":theme" + (e.defer || e.async ? ":deferred" : "") : "")).join(" ")`)
	if !strings.HasPrefix(order, "SCRIPT:theme LINK") {
		t.Errorf("theme.js must come first, blocking: %s", order)
	}
	loadPage(t, ctx, "open-data/").expectClean(t)
	press() // back to the system
	setScheme(t, ctx, "dark")
	if eval[bool](t, ctx, `document.documentElement.hasAttribute("data-theme")`) {
		t.Error("system theme keeps a data-theme")
	}
	if got := eval[string](t, ctx, `localStorage.getItem("shguide.theme") || ""`); got != "" {
		t.Errorf("system theme still stored: %q", got)
	}
	// A chosen light theme wins over a dark system.
	press()
	if got := eval[string](t, ctx, themeVars); got != systemLight {
		t.Errorf("chosen light on a dark system:\n%s\nwant\n%s", got, systemLight)
	}
	eval[bool](t, ctx, `(localStorage.removeItem("shguide.theme"), true)`)
	setScheme(t, ctx, "")
}

// linkTextJS lists links whose shown text starts or ends with white space.
const linkTextJS = `Array.from(document.querySelectorAll("a")).filter(a => a instanceof HTMLElement && a.getClientRects().length && a.innerText !== "" && /^\s|\s$/.test(a.innerText)).map(a => JSON.stringify(a.innerText)).slice(0, 5)`

// evalAsync evaluates an expression that yields a promise and waits for it.
func evalAsync[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}
