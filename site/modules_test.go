package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

func TestVersionImports(t *testing.T) {
	hash := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:5]) }
	// ./x.js → ./x.<hash>.js, as hashedName names the file
	assets := map[string][]byte{
		"js/a.js":   []byte("import { b } from './b.js';\nexport * from \"./c.js\";\n// import { x } from './nothere.js' in a comment\nconst s = \"from './c.js'\";\n"),
		"js/b.js":   []byte("import './c.js';\nexport const b = 1;\n"),
		"js/c.js":   []byte("export const c = 2;\n"),
		"css/x.css": []byte("@import './y.css';"),
	}
	c := assets["js/c.js"]
	imports, err := versionImports(assets)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(imports), "map[js/a.js:[js/b.js js/c.js] js/b.js:[js/c.js]]"; got != want {
		t.Errorf("imports = %s, want %s", got, want)
	}
	b := "import './c." + hash(c) + ".js';\nexport const b = 1;\n"
	if got := string(assets["js/b.js"]); got != b {
		t.Errorf("b.js = %q, want %q", got, b)
	}
	a := string(assets["js/a.js"])
	for _, want := range []string{"from './b." + hash([]byte(b)) + ".js'", `from "./c.` + hash(c) + `.js"`, "'./nothere.js' in a comment", `"from './c.js'"`} {
		if !strings.Contains(a, want) {
			t.Errorf("a.js lacks %s:\n%s", want, a)
		}
	}
	if string(assets["css/x.css"]) != "@import './y.css';" {
		t.Error("a stylesheet was rewritten")
	}

	for name, files := range map[string]map[string][]byte{
		"missing": {"js/a.js": []byte("import { b } from './b.js';")},
		"cycle":   {"js/a.js": []byte("import './b.js';"), "js/b.js": []byte("import './a.js';")},
	} {
		if _, err := versionImports(files); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
