package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

//go:embed assets
var assetFS embed.FS

// addAssets copies site/assets/ to <out>/assets/ and adds the generated
// code highlighting stylesheet and the WebAssembly files, each under a
// content-hashed name.
func (s *Site) addAssets() error {
	s.assets = map[string]string{}
	add := s.addAsset
	embedded := map[string][]byte{}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		embedded[strings.TrimPrefix(p, "assets/")] = data
		return nil
	})
	if err != nil {
		return err
	}
	if s.imports, err = versionImports(embedded); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(embedded)) {
		add(name, embedded[name])
	}
	css, err := chromaCSS()
	if err != nil {
		return err
	}
	add(chromaStyle, css)
	if s.Opt.ToolsWasmFile != "" {
		data, err := os.ReadFile(s.Opt.ToolsWasmFile)
		if err != nil {
			return err
		}
		add(ToolsWasmAsset, data)
	}
	if s.Opt.WasmFile != "" {
		data, err := os.ReadFile(s.Opt.WasmFile)
		if err != nil {
			return err
		}
		add(WasmAsset, data)
		if s.Opt.WasmExecFile != "" {
			data, err := os.ReadFile(s.Opt.WasmExecFile)
			if err != nil {
				return err
			}
			add("js/wasm_exec.js", data)
		}
	}
	return nil
}

// addAsset adds a file below assets/ under its content-hashed name
// (css/site.css → assets/css/site.0123456789.css): a deploy that changes
// the file changes its URL, so an asset can be cached for good (by the HTTP
// cache and the service worker, sw.go) and a page never mixes an old and a
// new version of one.
func (s *Site) addAsset(name string, data []byte) {
	file := "assets/" + hashedName(name, data)
	s.assets[name] = file
	s.AddFile(file, data)
}

// hashedName inserts the first 40 bits of the SHA-256 of data, in hex,
// before the extensions of the file name ("search-index.bin.gz" →
// "search-index.0123456789.bin.gz").
func hashedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:5])
	dir, file := path.Split(name)
	if i := strings.IndexByte(file, '.'); i > 0 {
		return dir + file[:i] + "." + h + file[i:]
	}
	return dir + file + "." + h
}

// reHashedAsset matches the hash hashedName inserts into a file name.
var reHashedAsset = regexp.MustCompile(`\.[0-9a-f]{10}(\.|$)`)

// assetURL is the base-prefixed URL of an asset.
func (s *Site) assetURL(name string) string {
	f, ok := s.assets[name]
	if !ok {
		s.fail("asset %q does not exist", name)
		return s.Base + "assets/" + name
	}
	return s.Base + f
}

// AssetFile is the output path of an asset ("assets/css/site.0123456789.css"),
// "" when there is no such asset.
func (s *Site) AssetFile(name string) string { return s.assets[name] }

// HasAsset reports whether an asset exists (the .wasm is optional).
func (s *Site) HasAsset(name string) bool { _, ok := s.assets[name]; return ok }

// AssetSize is the size in bytes of an asset (before minification), 0 when
// it does not exist.
func (s *Site) AssetSize(name string) int { return len(s.files[s.assets[name]]) }

// chromaStyle is the code highlighting stylesheet: pages that call
// highlight list it in Page.Styles.
const chromaStyle = "css/chroma.css"

var chromaFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-"))

// chromaCSS is the light style, with the dark one for the dark theme: the
// reader's choice (<html data-theme="dark">) or, without one, the system's.
func chromaCSS() ([]byte, error) {
	var light, dark bytes.Buffer
	if err := chromaFormatter.WriteCSS(&light, styles.Get("github")); err != nil {
		return nil, err
	}
	if err := chromaFormatter.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return nil, err
	}
	light.WriteString("@media (prefers-color-scheme: dark){")
	light.WriteString(scopeCSS(dark.String(), `:root:not([data-theme="light"])`))
	light.WriteString("}")
	light.WriteString(scopeCSS(dark.String(), `:root[data-theme="dark"]`))
	return light.Bytes(), nil
}

// scopeCSS prefixes every selector of chroma's style sheet (one rule per
// line, "/* Name */ selector, selector { … }") with scope.
func scopeCSS(css, scope string) string {
	var b strings.Builder
	for _, line := range strings.Split(css, "\n") {
		sel, decls, ok := strings.Cut(line, "{")
		if !ok {
			continue
		}
		if _, after, ok := strings.Cut(sel, "*/"); ok {
			sel = after
		}
		parts := strings.Split(sel, ",")
		for i, p := range parts {
			parts[i] = scope + " " + strings.TrimSpace(p)
		}
		b.WriteString(strings.Join(parts, ", ") + " {" + decls + "\n")
	}
	return b.String()
}

// highlight renders code with chroma's CSS classes.
func (s *Site) highlight(lang, code string) template.HTML {
	it, err := tokenise(lang, code)
	if err != nil {
		s.fail("highlight %s: %v", lang, err)
		return ""
	}
	var b bytes.Buffer
	if err := chromaFormatter.Format(&b, styles.Get("github"), it); err != nil {
		s.fail("highlight %s: %v", lang, err)
	}
	return template.HTML(b.String())
}

// tokenise splits code into chroma's tokens, coalesced.
func tokenise(lang, code string) (chroma.Iterator, error) {
	if lang == "json" {
		if tokens, ok := jsonTokens(code); ok {
			return chroma.Literator(tokens...), nil
		}
	}
	l := lexers.Get(lang)
	if l == nil {
		l = lexers.Fallback
	}
	return chroma.Coalesce(l).Tokenise(nil, code)
}
