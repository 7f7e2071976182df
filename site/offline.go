package site

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
)

func init() { registerArea(offlineArea{}) }

// offlineArea is the offline side of the site: the service worker (sw.js,
// from serviceworker/sw.js), the list of files it saves (offline.json),
// the page it shows for a page that was never saved while offline, and
// the 「オフラインで使えるように保存」 control of the home and about pages
// (partial "offline-save", script js/offline.js).
//
// The worker lives at <base>sw.js, unhashed, so that its scope is the
// whole site and the browser finds a new version at the same URL; the
// build writes the site's version into it, so a deploy that changes any
// file changes sw.js. Assets have content-hashed names and are served
// cache-first; pages and data are network-first with the saved copy as
// the fallback.
type offlineArea struct{}

func (offlineArea) name() string { return "offline" }

const (
	swPath          = "sw.js"
	offlineListPath = "offline.json"
	offlinePagePath = "offline/"
	offlineScript   = "js/offline.js"
)

//go:embed serviceworker/sw.js
var swSource []byte

func (offlineArea) build(s *Site) error {
	s.AddPage(&Page{
		Path: offlinePagePath, Title: "オフラインのため表示できません", Template: "offline", NoIndex: true,
		Description: "オフラインで、このページは保存されていないため表示できません。",
	})
	return nil
}

// The offline-save control states the size of what it saves, which is
// known only once every page is rendered: the template writes these
// placeholders and addOffline replaces them.
const (
	offlineBytesMark = "__SHGUIDE_OFFLINE_BYTES__"
	offlineFilesMark = "__SHGUIDE_OFFLINE_FILES__"
)

// offlineFile is an entry of offline.json.
type offlineFile struct {
	URL  string `json:"url"`
	Size int    `json:"size"`
	// Hash is the content hash of a file whose URL does not carry one
	// (pages, data), so that an update copies an unchanged file from the
	// previous version's cache instead of downloading it again.
	Hash string `json:"hash,omitempty"`
	// Shell files are saved when the worker installs: the offline page
	// and what it loads.
	Shell bool `json:"shell,omitempty"`
	// Unless names a global of the worker; where it exists the file is
	// not needed (the uncompressed search index serves browsers without
	// DecompressionStream).
	Unless string `json:"unless,omitempty"`
}

// offlineList is offline.json.
type offlineList struct {
	Version string        `json:"version"`
	Bytes   int           `json:"bytes"` // what a browser with DecompressionStream saves
	Files   []offlineFile `json:"files"`
}

// notOffline are files the worker never saves: crawler and host files,
// the 404 page (a missing page offline gets the offline page) and the
// worker's own files.
var notOffline = map[string]bool{
	".nojekyll": true, "robots.txt": true, "sitemap.xml": true, "404.html": true,
	swPath: true, offlineListPath: true,
}

// addOffline completes the rendered files (pages included) with
// offline.json and sw.js, and fills in the size the offline-save control
// states.
func (s *Site) addOffline(files map[string][]byte) error {
	list := offlineList{}
	var count int
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if notOffline[name] {
			continue
		}
		data := files[name]
		f := offlineFile{URL: s.url(fileURL(name)), Size: len(data)}
		if !strings.HasPrefix(name, "assets/") || !reHashedAsset.MatchString(path.Base(name)) {
			sum := sha256.Sum256(data)
			f.Hash = hex.EncodeToString(sum[:5])
		}
		if name == s.AssetFile(searchIndexAsset) {
			f.Unless = "DecompressionStream"
		} else {
			list.Bytes += f.Size
			count++
		}
		list.Files = append(list.Files, f)
	}
	// The page shown offline for a page never saved, and what it loads,
	// modules with their imports.
	shell := map[string]bool{s.url(offlinePagePath): true}
	page, ok := files[outputName(offlinePagePath)]
	if !ok {
		return fmt.Errorf("%s: not rendered", offlinePagePath)
	}
	byURL := map[string]string{} // asset URL → asset name
	for name, file := range s.assets {
		byURL[s.Base+file] = name
	}
	var need func(name string)
	need = func(name string) { // an asset with the modules it imports
		u := s.assetURL(name)
		if shell[u] {
			return
		}
		shell[u] = true
		for _, dep := range s.imports[name] {
			need(dep)
		}
	}
	for _, r := range scanHTML(page).links {
		if r.tag != "link" && r.tag != "script" && r.tag != "img" {
			continue
		}
		if name, ok := byURL[r.url]; ok {
			need(name)
		} else if strings.HasPrefix(r.url, s.Base+"assets/") {
			shell[r.url] = true
		}
	}
	for i := range list.Files {
		list.Files[i].Shell = shell[list.Files[i].URL]
	}

	// The size the control states, on the pages that have it. Filling it
	// in changes those pages by a few bytes, which the stated size (in
	// tenths of a megabyte) does not show; offline.json lists the final
	// sizes.
	size, n := []byte(megabytes(list.Bytes)), []byte(strconv.Itoa(count))
	for i, f := range list.Files {
		name := outputFile(s.Base, f.URL)
		if b := files[name]; bytes.Contains(b, []byte(offlineBytesMark)) {
			b = bytes.ReplaceAll(b, []byte(offlineBytesMark), size)
			b = bytes.ReplaceAll(b, []byte(offlineFilesMark), n)
			files[name] = b
			list.Bytes += len(b) - f.Size
			list.Files[i].Size = len(b)
			sum := sha256.Sum256(b)
			list.Files[i].Hash = hex.EncodeToString(sum[:5])
		}
	}

	// The version names the whole list: any file that changes changes it,
	// and with it sw.js.
	sum := sha256.Sum256(marshalJSON(list.Files, false))
	list.Version = hex.EncodeToString(sum[:6])
	files[offlineListPath] = marshalJSON(list, false)
	sw := append([]byte("'use strict';\nconst VERSION = "+strconv.Quote(list.Version)+";\n"), swSource...)
	if !s.Opt.NoMinify {
		min, err := minifier.Bytes("application/javascript", sw)
		if err != nil {
			return fmt.Errorf("minify %s: %v", swPath, err)
		}
		sw = min
	}
	files[swPath] = sw
	return nil
}

// fileURL is the URL path below the base of an output file: a page's
// directory for its index.html.
func fileURL(name string) string {
	if name == "index.html" {
		return ""
	}
	if d, ok := strings.CutSuffix(name, "/index.html"); ok {
		return d + "/"
	}
	return name
}

// outputFile is the output file of a base-prefixed URL path (the inverse
// of s.url(fileURL(name))).
func outputFile(base, u string) string {
	return outputName(strings.TrimPrefix(u, base))
}

// megabytes formats a size for readers: "5.4 MB" (10^6 bytes, one decimal).
func megabytes(n int) string {
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
}

// offlineSize and offlineFiles are the template functions of the
// offline-save control.
func offlineSize() string  { return offlineBytesMark }
func offlineFiles() string { return offlineFilesMark }
