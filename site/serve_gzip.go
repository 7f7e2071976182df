package site

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// compressible lists the media types the local server compresses, as
// GitHub Pages does: text, JSON, SVG, JavaScript and WebAssembly. Already
// compressed files (the .gz search index, images) are sent as they are.
func compressible(ctype string) bool {
	ct, _, _ := strings.Cut(ctype, ";")
	switch ct {
	case "application/wasm", "application/json", "application/manifest+json", "application/xml",
		"image/svg+xml", "text/javascript", "application/javascript":
		return true
	}
	return strings.HasPrefix(ct, "text/")
}

// acceptsGzip reports whether the request accepts gzip (q=0 refuses it).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(part, ";")
		if enc = strings.TrimSpace(enc); !strings.EqualFold(enc, "gzip") && enc != "*" {
			continue
		}
		if v, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if q, err := strconv.ParseFloat(v, 64); err == nil && q == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// gzipCache keeps the compressed form of each file served, keyed by path,
// size and modification time, so that a file (the 2.5 MB WebAssembly
// module) is compressed once rather than on every request.
var gzipCache sync.Map // gzipKey → []byte

type gzipKey struct {
	name string
	size int64
	mod  time.Time
}

// serveFile serves a file of the site, gzip-compressed when the client
// accepts it and the type is worth compressing; conditional and range
// requests work on the bytes sent.
//
// The ETag names the file's size and modification time to the nanosecond:
// Last-Modified alone counts whole seconds, so a browser revalidating a
// page rebuilt within the same second was told 304 and kept the old one.
func serveFile(w http.ResponseWriter, r *http.Request, name string, fi os.FileInfo, ctype string) {
	etag := `"` + strconv.FormatInt(fi.Size(), 36) + "-" + strconv.FormatInt(fi.ModTime().UnixNano(), 36)
	if !compressible(ctype) {
		w.Header().Set("ETag", etag+`"`)
		http.ServeFile(w, r, name)
		return
	}
	w.Header().Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r) {
		w.Header().Set("ETag", etag+`"`)
		http.ServeFile(w, r, name)
		return
	}
	w.Header().Set("ETag", etag+`-gzip"`)
	key := gzipKey{name, fi.Size(), fi.ModTime()}
	z, ok := gzipCache.Load(key)
	if !ok {
		data, err := os.ReadFile(name)
		if err != nil {
			http.Error(w, "cannot read "+fi.Name(), http.StatusInternalServerError)
			return
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		zw.Write(data)
		zw.Close()
		z, _ = gzipCache.LoadOrStore(key, b.Bytes())
	}
	w.Header().Set("Content-Encoding", "gzip")
	http.ServeContent(w, r, name, fi.ModTime(), bytes.NewReader(z.([]byte)))
}
