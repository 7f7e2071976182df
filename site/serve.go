package site

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

func init() {
	// Types Go's built-in table may lack on minimal systems.
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".webmanifest", "application/manifest+json")
	mime.AddExtensionType(".js", "text/javascript; charset=utf-8")
	mime.AddExtensionType(".json", "application/json")
	mime.AddExtensionType(".svg", "image/svg+xml")
}

// Handler serves a built site from dir under the URL path base the way
// GitHub Pages does: index.html for directories, a redirect for a directory
// without its trailing slash, 404.html with status 404 for anything missing,
// MIME types by extension (application/wasm for the module) and gzip for
// text, JSON and WebAssembly when the client accepts it. Every response
// forbids MIME sniffing and framing by other pages. It is used by
// "shguide serve" and by the browser tests.
func Handler(dir, base string) http.Handler {
	if base == "" {
		base = "/"
	}
	notFound := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if b, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
			w.Write(b)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if base != "/" && p+"/" == base {
			http.Redirect(w, r, base, http.StatusMovedPermanently)
			return
		}
		if !strings.HasPrefix(p, base) {
			notFound(w)
			return
		}
		rel := strings.TrimPrefix(p, base)
		if rel != "" && path.Clean("/" + rel)[1:] != strings.TrimSuffix(rel, "/") {
			notFound(w)
			return
		}
		name := filepath.Join(dir, filepath.FromSlash(rel))
		fi, err := os.Stat(name)
		if err == nil && fi.IsDir() {
			if !strings.HasSuffix(p, "/") {
				http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
				return
			}
			name = filepath.Join(name, "index.html")
			fi, err = os.Stat(name)
		}
		if err != nil || fi.IsDir() {
			notFound(w)
			return
		}
		ct := mime.TypeByExtension(filepath.Ext(name))
		if ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		serveFile(w, r, name, fi, ct)
	})
}
