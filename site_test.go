package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fixture is a small valid content tree (the site packages' test content).
const fixture = "site/internal/fixture/content"

// runCmd runs the command as main does and returns its status and output.
func runCmd(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = run(args, strings.NewReader(""), &out, &errOut)
	return status, out.String(), errOut.String()
}

// brokenContent copies the fixture and breaks one line of threats.yaml.
func brokenContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "threats.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte("who: 攻撃者"), []byte("who: 悪者"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		status     int
		out, err   string
		notOut     string
		notErrText string
	}{
		{args: nil, status: 2, err: "Usage:"},
		{args: []string{"help"}, status: 0, out: "Run \"shguide <command> --help\""},
		{args: []string{"--help"}, status: 0, out: "shguide serve"},
		{args: []string{"bild"}, status: 2, err: `unknown command "bild"`},
		{args: []string{"build", "--help"}, status: 0, out: "shguide build --base /shguide/ --url https://user.github.io"},
		{args: []string{"serve", "-h"}, status: 0, out: "shguide serve --addr localhost:9000 --base /shguide/"},
		{args: []string{"check", "-help"}, status: 0, out: "Example:\n  shguide check --content content"},
		{args: []string{"check", "--nope"}, status: 2, err: "flag provided but not defined: -nope\nUsage: shguide check"},
		{args: []string{"build", "extra"}, status: 2, err: `shguide build: unexpected arguments ["extra"]`},
		{args: []string{"serve", "--addr"}, status: 2, err: "flag needs an argument: -addr"},
	} {
		status, out, errOut := runCmd(t, tc.args...)
		if status != tc.status || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.err) {
			t.Errorf("%q: status %d, stdout %q, stderr %q; want %d, stdout with %q, stderr with %q",
				tc.args, status, out, errOut, tc.status, tc.out, tc.err)
		}
		if tc.status == 0 && errOut != "" {
			t.Errorf("%q: stderr %q", tc.args, errOut)
		}
	}
}

func TestCheckCommand(t *testing.T) {
	status, out, errOut := runCmd(t, "check", "--content", fixture)
	if status != 0 || out != fixture+": 3 requirements, 1 threats, 1 lifecycles, 4 chapters: ok\n" || errOut != "" {
		t.Errorf("check: %d %q %q", status, out, errOut)
	}
	dir := brokenContent(t)
	status, out, errOut = runCmd(t, "check", "--content", dir)
	want := regexp.MustCompile(`^` + regexp.QuoteMeta(filepath.ToSlash(dir)) + `/threats\.yaml:\d+: who "悪者": not in 表3-7\nshguide check: 1 problem\(s\) in `)
	if status != 1 || out != "" || !want.MatchString(errOut) {
		t.Errorf("broken content: %d %q %q", status, out, errOut)
	}
	status, _, errOut = runCmd(t, "check", "--content", filepath.Join(t.TempDir(), "none"))
	if status != 1 || !strings.Contains(errOut, "guideline.yaml: cannot read") {
		t.Errorf("missing content: %d %q", status, errOut)
	}
}

func TestBuildCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	status, stdout, errOut := runCmd(t, "build", "--content", fixture, "--out", out, "--wasm", "none", "--base", "/repo/", "--url", "https://example.org/")
	if status != 0 || errOut != "" || !regexp.MustCompile(`^built .*site: \d+ pages, \d+ files, [\d.]+ KiB in \S+\n$`).MatchString(stdout) {
		t.Fatalf("build: %d %q %q", status, stdout, errOut)
	}
	robots, err := os.ReadFile(filepath.Join(out, "robots.txt"))
	if err != nil || !strings.Contains(string(robots), "Sitemap: https://example.org/repo/sitemap.xml") {
		t.Errorf("robots.txt: %q %v", robots, err)
	}
	if _, err := os.Stat(filepath.Join(out, "assets", "shguide.wasm")); !os.IsNotExist(err) {
		t.Errorf("--wasm none published a module: %v", err)
	}

	// A broken content file fails the build and leaves the site as it was.
	before, _ := os.ReadFile(filepath.Join(out, "index.html"))
	status, stdout, errOut = runCmd(t, "build", "--content", brokenContent(t), "--out", out, "--wasm", "none")
	if status != 1 || stdout != "" || !strings.Contains(errOut, `/threats.yaml:`) || !strings.Contains(errOut, "shguide build: 1 problem(s) in") {
		t.Errorf("broken content: %d %q %q", status, stdout, errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(out, "index.html")); !bytes.Equal(before, after) || len(after) == 0 {
		t.Error("a failed build changed the previous site")
	}

	status, _, errOut = runCmd(t, "build", "--content", fixture, "--out", out, "--wasm", "none", "--base", "repo")
	if status != 1 || !strings.Contains(errOut, `base "repo": want a path that starts and ends with /`) {
		t.Errorf("bad base: %d %q", status, errOut)
	}
	status, _, errOut = runCmd(t, "build", "--content", fixture, "--out", out, "--wasm", filepath.Join(t.TempDir(), "missing.wasm"))
	if status != 1 || !strings.Contains(errOut, "missing.wasm") {
		t.Errorf("missing module: %d %q", status, errOut)
	}
}

// A prebuilt module is published with the wasm_exec.js of the Go on PATH.
func TestBuildCommandWasmFile(t *testing.T) {
	wasm := filepath.Join(t.TempDir(), "m.wasm")
	if err := os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	if status, _, errOut := runCmd(t, "build", "--content", fixture, "--out", out, "--wasm", wasm); status != 0 {
		t.Fatalf("build: %d %s", status, errOut)
	}
	// Assets carry their content hash in their names.
	for _, f := range []string{"assets/shguide.*.wasm", "assets/js/wasm_exec.*.js"} {
		if m, _ := filepath.Glob(filepath.Join(out, f)); len(m) != 1 {
			t.Errorf("%s: %d files", f, len(m))
		}
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !regexp.MustCompile(`data-wasm="/assets/shguide\.[0-9a-f]{10}\.wasm"`).Match(home) {
		t.Error("the pages do not name the module")
	}
}

// lineWriter passes the first line written to it on a channel.
type lineWriter struct {
	buf   bytes.Buffer
	lines chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf.Write(p)
	if i := bytes.IndexByte(w.buf.Bytes(), '\n'); i >= 0 && w.lines != nil {
		w.lines <- w.buf.String()[:i]
		w.lines = nil
	}
	return len(p), nil
}

// serve starts "shguide serve" on a free port of localhost and returns the
// site's URL and a function that interrupts the server, as Ctrl-C does,
// and returns its status and standard error.
func serve(t *testing.T, args ...string) (string, func() (int, string)) {
	t.Helper()
	stdout := &lineWriter{lines: make(chan string, 1)}
	var stderr bytes.Buffer
	status := make(chan int, 1)
	lines := stdout.lines
	go func() {
		status <- run(append([]string{"serve", "--content", fixture, "--wasm", "none", "--addr", "localhost:0", "--out", filepath.Join(t.TempDir(), "site")}, args...),
			strings.NewReader(""), stdout, &stderr)
	}()
	var line string
	select {
	case line = <-lines:
	case s := <-status:
		t.Fatalf("serve stopped with %d: %s", s, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("serve did not start")
	}
	m := regexp.MustCompile(`^built \d+ pages in \S+; serving (http://127\.0\.0\.1:\d+/\S*) \(Ctrl-C to stop\)$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve said %q", line)
	}
	stop := func() (int, string) {
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		select {
		case s := <-status:
			return s, stderr.String()
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop on an interrupt")
			return 0, ""
		}
	}
	return m[1], stop
}

func TestServeCommand(t *testing.T) {
	url, stop := serve(t, "--base", "/repo/")
	resp, err := http.Get(url + "requirements/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("<h1>")) {
		t.Errorf("requirements/: %d %.80q", resp.StatusCode, body)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if status, errOut := stop(); status != 0 || errOut != "" {
		t.Errorf("interrupted: status %d, stderr %q", status, errOut)
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the server still answers after the interrupt")
	}
}

// A client that stalls in its request or idles after one is dropped.
func TestServeTimeouts(t *testing.T) {
	saved := serverTimeouts
	defer func() { serverTimeouts = saved }()
	serverTimeouts.readHeader, serverTimeouts.read, serverTimeouts.idle = 300*time.Millisecond, 300*time.Millisecond, 300*time.Millisecond
	url, stop := serve(t)
	defer stop()
	host := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")

	closedWithin := func(c net.Conn, d time.Duration) bool {
		c.SetReadDeadline(time.Now().Add(d))
		_, err := io.ReadAll(c)
		return err == nil // EOF: the server closed the connection
	}
	slow, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	io.WriteString(slow, "GET / HTTP/1.1\r\nHost: x\r\n") // and never the blank line
	if !closedWithin(slow, 5*time.Second) {
		t.Error("a request whose header never ends keeps its connection")
	}

	idle, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	io.WriteString(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(idle)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	idle.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Errorf("an idle keep-alive connection stays open: %v", err)
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:80": true, "[::1]:80": true, "0.0.0.0:80": false, "192.168.1.2:80": false} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := loopback(a); got != want {
			t.Errorf("loopback(%s) = %v", addr, got)
		}
	}
}

func TestSizeString(t *testing.T) {
	for n, want := range map[int64]string{12: "12 B", 2048: "2.0 KiB", 3 << 20: "3.0 MiB"} {
		if got := sizeString(n); got != want {
			t.Errorf("sizeString(%d) = %q, want %q", n, got, want)
		}
	}
}
