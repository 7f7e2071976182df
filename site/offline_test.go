package site

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"shguide/site/internal/fixture"
	"shguide/site/model"
)

// TestOfflineList checks offline.json, the list the service worker saves,
// against the rendered files, and sw.js against the list.
func TestOfflineList(t *testing.T) {
	files := renderFixture(t, "/repo/")
	var list offlineList
	if err := json.Unmarshal(files[offlineListPath], &list); err != nil {
		t.Fatal(err)
	}
	listed := map[string]offlineFile{}
	for _, f := range list.Files {
		if _, dup := listed[f.URL]; dup {
			t.Errorf("%s listed twice", f.URL)
		}
		listed[f.URL] = f
	}
	bytesNeeded := 0
	for name, data := range files {
		u := "/repo/" + fileURL(name)
		f, ok := listed[u]
		if notOffline[name] {
			if ok {
				t.Errorf("%s is listed", name)
			}
			continue
		}
		if !ok {
			t.Errorf("%s (%s) is not listed", name, u)
			continue
		}
		if f.Size != len(data) {
			t.Errorf("%s: size %d, the file has %d bytes", u, f.Size, len(data))
		}
		hashed := strings.HasPrefix(name, "assets/") && reHashedAsset.MatchString(name)
		if hashed == (f.Hash != "") {
			t.Errorf("%s: hash %q (the name carries one: %v)", u, f.Hash, hashed)
		}
		if f.Unless == "" {
			bytesNeeded += f.Size
		}
		delete(listed, u)
	}
	for u := range listed {
		t.Errorf("%s is listed but not written", u)
	}
	if list.Bytes != bytesNeeded {
		t.Errorf("bytes %d, the files needed have %d", list.Bytes, bytesNeeded)
	}
	for _, f := range list.Files {
		want := strings.Contains(f.URL, "/search-index.") && strings.HasSuffix(f.URL, ".bin")
		if (f.Unless == "DecompressionStream") != want {
			t.Errorf("%s: unless %q", f.URL, f.Unless)
		}
	}

	// The shell: the offline page and every stylesheet, script and image
	// it loads.
	var shell []string
	for _, f := range list.Files {
		if f.Shell {
			shell = append(shell, f.URL)
		}
	}
	offline := string(files["offline/index.html"])
	for _, mm := range regexp.MustCompile(`(?:src|href)="(/repo/assets/[^"]+)"`).FindAllStringSubmatch(offline, -1) {
		if !slices.Contains(shell, mm[1]) {
			t.Errorf("the offline page loads %s, which is not in the shell %v", mm[1], shell)
		}
	}
	// search.js runs only with the modules it imports.
	if !slices.ContainsFunc(shell, func(u string) bool {
		return regexp.MustCompile(`^/repo/assets/js/engine\.[0-9a-f]{10}\.js$`).MatchString(u)
	}) {
		t.Errorf("the shell lacks engine.js, which search.js imports: %v", shell)
	}
	if !slices.Contains(shell, "/repo/offline/") || len(shell) < 4 {
		t.Errorf("shell %v", shell)
	}

	// sw.js carries the list's version.
	sw := string(files[swPath])
	if !strings.HasPrefix(sw, "'use strict';\nconst VERSION = \""+list.Version+"\";\n") || !strings.Contains(sw, "addEventListener('fetch'") {
		t.Errorf("sw.js does not start with the version %s: %.80q", list.Version, sw)
	}

	// The offline-save control states the size and count, on the home and
	// about pages.
	for _, page := range []string{"index.html", "about/index.html"} {
		h := string(files[page])
		if strings.Contains(h, offlineBytesMark) || strings.Contains(h, offlineFilesMark) {
			t.Errorf("%s: a placeholder is left", page)
		}
		mm := regexp.MustCompile(`約 (\d+\.\d) MB</strong>（(\d+) ファイル）`).FindStringSubmatch(h)
		if mm == nil {
			t.Errorf("%s: the size is not stated", page)
			continue
		}
		mb, _ := strconv.ParseFloat(mm[1], 64)
		if d := mb - float64(list.Bytes)/1e6; d > 0.051 || d < -0.051 {
			t.Errorf("%s states %s MB, the list has %d bytes", page, mm[1], list.Bytes)
		}
		if n, _ := strconv.Atoi(mm[2]); n != len(list.Files)-1 {
			t.Errorf("%s states %d files, the list has %d needed", page, n, len(list.Files)-1)
		}
		for _, id := range []string{`id="offline-save"`, `id="offline-remove"`, "オフラインで使えるように保存", "オフライン保存を削除", "/repo/assets/js/offline."} {
			if !strings.Contains(h, id) {
				t.Errorf("%s lacks %s", page, id)
			}
		}
	}
}

// TestOfflineVersion: the version is deterministic and changes with any
// change of the site.
func TestOfflineVersion(t *testing.T) {
	version := func(content fstest.MapFS) string {
		t.Helper()
		m, err := model.Load(content)
		if err != nil {
			t.Fatal(err)
		}
		if err := model.Validate(m); err != nil {
			t.Fatal(err)
		}
		files, _, err := Render(m, Options{Base: "/"})
		if err != nil {
			t.Fatal(err)
		}
		var list offlineList
		if err := json.Unmarshal(files[offlineListPath], &list); err != nil {
			t.Fatal(err)
		}
		return list.Version
	}
	a, b := version(fixture.Content()), version(fixture.Content())
	if a != b || len(a) != 12 {
		t.Fatalf("versions %q and %q of one content", a, b)
	}
	changed := fixture.Content()
	f := changed["chapters/01.md"]
	changed["chapters/01.md"] = &fstest.MapFile{Data: append(bytes.TrimRight(f.Data, "\n"), "\n\n追加の段落。\n"...)}
	if c := version(changed); c == a {
		t.Error("a changed chapter leaves the version as it was")
	}
}

func TestMegabytes(t *testing.T) {
	for n, want := range map[int]string{0: "0.0 MB", 49_999: "0.0 MB", 50_000: "0.1 MB", 5_949_783: "5.9 MB", 12_345_678: "12.3 MB"} {
		if got := megabytes(n); got != want {
			t.Errorf("megabytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestWasmExecAsShipped: Go's wasm_exec.js keeps its licence header under
// its hashed name (it is not minified).
func TestWasmExecAsShipped(t *testing.T) {
	exec := []byte("// Copyright 2018 The Go Authors. All rights reserved.\n\"use strict\";\n(() => {\n  const x = 1;\n})();\n")
	m, err := model.Load(fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	if err := model.Validate(m); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	wasm, execFile := dir+"/m.wasm", dir+"/wasm_exec.js"
	if err := os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(execFile, exec, 0o644); err != nil {
		t.Fatal(err)
	}
	files, _, err := Render(m, Options{Base: "/", WasmFile: wasm, WasmExecFile: execFile})
	if err != nil {
		t.Fatal(err)
	}
	if got := files[assetFile(t, files, "js/wasm_exec.js")]; !bytes.Equal(got, exec) {
		t.Errorf("wasm_exec.js was changed:\n%s", got)
	}
}
