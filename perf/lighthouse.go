package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// LighthouseResult is one page's Lighthouse run.
type LighthouseResult struct {
	Page     string             `json:"page"`
	URL      string             `json:"url"`
	Applied  bool               `json:"appliedThrottling,omitempty"` // slow 4G and 4× CPU applied in the browser, not simulated
	Scores   map[string]int     `json:"scores"`                      // category → 0–100
	Metrics  map[string]float64 `json:"metrics"`                     // FCP, LCP, TBT, CLS, SI in ms (CLS unitless)
	Failures []string           `json:"failures,omitempty"`
	PerfRuns []int              `json:"performanceRuns"` // every run's performance score, ascending
	// BenchmarkIndex is Lighthouse's measure of the machine's speed: its
	// 4× CPU slowdown assumes a fast desktop (about 1000 or more); on a
	// slower or busy machine the blocking time it reports grows with it.
	BenchmarkIndex float64 `json:"benchmarkIndex"`
}

var categories = []string{"performance", "accessibility", "best-practices", "seo"}

// runLighthouse runs Lighthouse's mobile profile on url: its slow 4G and
// 4× CPU simulated from an unthrottled run, or with applied, applied in the
// browser while the page loads (--throttling-method=devtools).
func runLighthouse(cmd, name, url string, applied bool) (LighthouseResult, error) {
	args := []string{url, "--quiet", "--output=json", "--output-path=stdout",
		"--only-categories=" + strings.Join(categories, ","),
		"--chrome-flags=--headless=new --no-sandbox --disable-gpu"}
	if applied {
		args = append(args, "--throttling-method=devtools")
	}
	c := exec.Command(cmd, args...)
	c.Env = append(os.Environ(), "CHROME_PATH="+chromium())
	c.Stderr = io.Discard
	b, err := c.Output()
	if err != nil {
		return LighthouseResult{}, err
	}
	var lhr struct {
		Categories map[string]struct {
			Score     *float64 `json:"score"`
			AuditRefs []struct {
				ID     string  `json:"id"`
				Weight float64 `json:"weight"`
			} `json:"auditRefs"`
		} `json:"categories"`
		Audits map[string]struct {
			Title        string   `json:"title"`
			Score        *float64 `json:"score"`
			Mode         string   `json:"scoreDisplayMode"`
			NumericValue float64  `json:"numericValue"`
			DisplayValue string   `json:"displayValue"`
		} `json:"audits"`
		RuntimeError *struct{ Message string } `json:"runtimeError"`
		Environment  struct {
			BenchmarkIndex float64 `json:"benchmarkIndex"`
		} `json:"environment"`
	}
	if err := json.Unmarshal(b, &lhr); err != nil {
		return LighthouseResult{}, err
	}
	if lhr.RuntimeError != nil && lhr.RuntimeError.Message != "" {
		return LighthouseResult{}, errors.New(lhr.RuntimeError.Message)
	}
	if applied {
		name += " (applied)"
	}
	r := LighthouseResult{Page: name, URL: url, Applied: applied, Scores: map[string]int{}, Metrics: map[string]float64{}, BenchmarkIndex: lhr.Environment.BenchmarkIndex}
	for _, cat := range categories {
		c := lhr.Categories[cat]
		if c.Score != nil {
			r.Scores[cat] = int(*c.Score*100 + 0.5)
		}
		for _, ref := range c.AuditRefs {
			a := lhr.Audits[ref.ID]
			// What lowers the score: weighted audits that did not pass.
			if a.Score != nil && *a.Score < 1 && ref.Weight > 0 {
				detail := fmt.Sprintf("score %.2f", *a.Score)
				if a.DisplayValue != "" {
					detail += ", " + a.DisplayValue
				}
				r.Failures = append(r.Failures, fmt.Sprintf("%s: %s (%s)", cat, a.Title, detail))
			}
		}
	}
	for key, id := range map[string]string{"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time", "CLS": "cumulative-layout-shift", "SI": "speed-index"} {
		r.Metrics[key] = lhr.Audits[id].NumericValue
	}
	return r, nil
}

func print(w io.Writer, rep Report) {
	fmt.Fprintln(w, "Engine and index (raw / gzip -9 / brotli -q 11):")
	for _, f := range rep.Sizes {
		fmt.Fprintf(w, "  %-40s %8.1f KB %8.1f KB %8.1f KB\n", f.File, float64(f.Raw)/1024, float64(f.Gzip)/1024, float64(f.Brotli)/1024)
	}
	if len(rep.Reading) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Reading pages (fresh browser, 5 s idle; bytes as transferred with gzip; budget 60 KB):")
		fmt.Fprintln(w, "  page: what the page received, headers included; with the service worker: what the server sent")
		fmt.Fprintln(w, "  (bodies) for the page and the worker's install; next: another reading page, the worker in control")
	}
	for _, p := range rep.Reading {
		eng := "no engine or index request"
		if all := append(slices.Clone(p.Engine), p.ServerEngine...); len(all) > 0 {
			eng = "ENGINE/INDEX REQUESTED: " + strings.Join(all, ", ")
		}
		fmt.Fprintf(w, "  %-24s page %5.1f KB in %2d requests; with the service worker %5.1f KB in %2d; next %-24s %5.1f KB in %d; %s\n",
			p.Path, float64(p.Bytes)/1024, p.Requests, float64(p.ServerBytes)/1024, p.ServerRequests,
			p.NextPath, float64(p.NextServerBytes)/1024, p.NextRequests, eng)
	}
	for _, pr := range []profile{mobile, fast} {
		c, ok := rep.Calculator[pr.Name]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "\nCalculator from a link with a vector, %s:\n", pr.Name)
		fmt.Fprintf(w, "  engine fetch %6.0f ms (%.0f KB transferred); engine ready %6.0f ms; score shown %6.0f ms\n",
			c.EngineFetchMs, float64(c.EngineBytes)/1024, c.ReadyMs, c.ScoreMs)
		for _, v := range []struct {
			what string
			v    Visit
		}{{"page from the HTTP cache", c.Repeat}, {"page revalidated", c.RepeatRevalidated}} {
			fmt.Fprintf(w, "  repeat visit, %-24s score shown %6.0f ms after navigation start (HTML received %.0f ms, engine started %.0f ms, ready %.0f ms)\n",
				v.what+":", v.v.ScoreMs, v.v.HTMLMs, v.v.StartMs, v.v.ReadyMs)
		}
	}
	for _, pr := range []profile{mobile, fast} {
		s, ok := rep.Search[pr.Name]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "\nSearch page (%s): results %0.f ms; main-thread long tasks over load and %d queries: %d, total %.0f ms, longest %.0f ms, blocking %.0f ms\n",
			pr.Name, s.ResultsMs, s.QueryAnswers, s.Count, s.TotalMs, s.MaxMs, s.BlockingMs)
	}
	if len(rep.Lighthouse) > 0 {
		fmt.Fprintln(w, "\nLighthouse (mobile: slow 4G and 4× CPU, simulated or, marked (applied), applied in the browser;")
		fmt.Fprintln(w, "the run with the median performance score, ms):")
		fmt.Fprintf(w, "  %-22s %5s %5s %5s %5s   %6s %6s %6s %5s %6s   %-16s %s\n", "page", "perf", "a11y", "bp", "seo", "FCP", "LCP", "TBT", "CLS", "SI", "perf of each run", "benchmark index")
		for _, r := range rep.Lighthouse {
			fmt.Fprintf(w, "  %-22s %5d %5d %5d %5d   %6.0f %6.0f %6.0f %5.3f %6.0f   %-16s %.0f\n", r.Page,
				r.Scores["performance"], r.Scores["accessibility"], r.Scores["best-practices"], r.Scores["seo"],
				r.Metrics["FCP"], r.Metrics["LCP"], r.Metrics["TBT"], r.Metrics["CLS"], r.Metrics["SI"], fmt.Sprint(r.PerfRuns), r.BenchmarkIndex)
		}
		for _, r := range rep.Lighthouse {
			for _, f := range r.Failures {
				fmt.Fprintf(w, "  %s: %s\n", r.Page, f)
			}
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(w, "\nNOTE:", n)
	}
}
