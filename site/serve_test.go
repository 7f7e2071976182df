package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHandler checks the local server: MIME types, directory indexes, the
// 404 page, the base path.
func TestHandler(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html": "<h1>home</h1>", "a/index.html": "<h1>a</h1>", "404.html": "<h1>missing</h1>",
		"assets/x.wasm": "\x00asm", "assets/x.js": "1", "data/d.json": "{}", "manifest.webmanifest": "{}", "assets/i.svg": "<svg/>",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	srv := httptest.NewServer(Handler(dir, "/repo/"))
	defer srv.Close()
	tests := []struct {
		path, ctype string
		status      int
	}{
		{"/repo/", "text/html; charset=utf-8", 200},
		{"/repo/a/", "text/html; charset=utf-8", 200},
		{"/repo/assets/x.wasm", "application/wasm", 200},
		{"/repo/assets/x.js", "text/javascript; charset=utf-8", 200},
		{"/repo/data/d.json", "application/json", 200},
		{"/repo/manifest.webmanifest", "application/manifest+json", 200},
		{"/repo/assets/i.svg", "image/svg+xml", 200},
		{"/repo/nope/", "text/html; charset=utf-8", 404},
		{"/other/", "text/html; charset=utf-8", 404},
		{"/repo/../etc/passwd", "text/html; charset=utf-8", 404},
	}
	for _, tt := range tests {
		resp, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("%s: %d %q, want %d %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.status, tt.ctype)
		}
		for k, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"X-Frame-Options":         "DENY",
			"Content-Security-Policy": "frame-ancestors 'none'",
		} {
			if got := resp.Header.Get(k); got != want {
				t.Errorf("%s: %s %q, want %q", tt.path, k, got, want)
			}
		}
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(srv.URL + "/repo/a")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/repo/a/" {
		t.Errorf("/repo/a: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestHandlerGzip: text, JSON and WebAssembly are sent gzip-compressed to a
// client that accepts it (as GitHub Pages does), and as they are otherwise;
// compressed files are not compressed again.
func TestHandlerGzip(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html": strings.Repeat("<p>スマートホーム</p>", 200), "assets/x.wasm": "\x00asm" + strings.Repeat("\x00", 4000),
		"assets/i.bin.gz": "\x1f\x8b already compressed",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	srv := httptest.NewServer(Handler(dir, "/"))
	defer srv.Close()
	get := func(path, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		resp, err := http.DefaultTransport.RoundTrip(req) // no transparent decompression
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	for _, tt := range []struct{ path, file, accept, enc string }{
		{"/", "index.html", "gzip, deflate, br", "gzip"},
		{"/", "index.html", "br;q=1.0, gzip;q=0.8", "gzip"},
		{"/assets/x.wasm", "assets/x.wasm", "gzip", "gzip"},
		{"/", "index.html", "", ""},
		{"/", "index.html", "gzip;q=0", ""},
		{"/assets/i.bin.gz", "assets/i.bin.gz", "gzip", ""},
	} {
		resp, body := get(tt.path, tt.accept)
		if got := resp.Header.Get("Content-Encoding"); got != tt.enc {
			t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q, want %q", tt.path, tt.accept, got, tt.enc)
			continue
		}
		if tt.enc == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", tt.path, err)
			}
			plain, _ := io.ReadAll(zr)
			want := files[tt.file]
			if string(plain) != want || len(body) >= len(want) {
				t.Errorf("%s: %d compressed bytes inflate to %d bytes, want the %d of the file", tt.path, len(body), len(plain), len(want))
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s: no Vary: Accept-Encoding", tt.path)
			}
		}
	}
}

// TestHandlerRevalidation: a browser revalidating a file that was rebuilt
// within the same second (Last-Modified counts whole seconds) gets the new
// file, and an unchanged file is still answered 304.
func TestHandlerRevalidation(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.html")
	second := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	write := func(body string, mod time.Time) {
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(Handler(dir, "/"))
	defer srv.Close()
	get := func(accept, etag, since string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+"/", nil)
		req.Header.Set("Accept-Encoding", accept)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		if since != "" {
			req.Header.Set("If-Modified-Since", since)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("ETag")
	}
	for _, accept := range []string{"gzip", ""} {
		write("<p>v1</p>", second.Add(100*time.Millisecond))
		code, etag := get(accept, "", "")
		if code != http.StatusOK || etag == "" {
			t.Fatalf("Accept-Encoding %q: %d, ETag %q", accept, code, etag)
		}
		since := second.Format(http.TimeFormat)
		if code, _ := get(accept, etag, since); code != http.StatusNotModified {
			t.Errorf("Accept-Encoding %q: unchanged file revalidated with %d, want 304", accept, code)
		}
		write("<p>v2</p>", second.Add(600*time.Millisecond))
		if code, _ := get(accept, etag, since); code != http.StatusOK {
			t.Errorf("Accept-Encoding %q: file rebuilt in the same second revalidated with %d, want 200", accept, code)
		}
	}
}
