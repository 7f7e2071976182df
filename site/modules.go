package site

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// importSpec matches the specifier of a static import (or re-export) of a
// relative module in a statement at the start of a line:
// `import { x } from "./engine.js"`, `export * from './y.js'`,
// `import "./z.js"`. Comments and strings that merely mention one do not
// start a line with import or export.
var importSpec = regexp.MustCompile(`(?m)^(\s*(?:import|export)\b[^;'"]*?\bfrom\s*|\s*import\s*)(["'])(\./[A-Za-z0-9_-]+\.js)(["'])`)

// versionImports rewrites the relative imports of the JavaScript modules
// among assets ("./engine.js") to the content-hashed name the pages use for
// the same file ("./engine.0123456789.js", hashedName), so that a module is
// fetched once (and matches its <link rel="modulepreload">) and a new
// deploy never mixes old and new modules. Imported modules are rewritten
// first, since their hash changes with their imports. It returns what each
// module imports (asset names): what needs a module needs those too.
func versionImports(assets map[string][]byte) (map[string][]string, error) {
	done := map[string]string{} // asset name → its hashed file name
	imports := map[string][]string{}
	var visit func(name string, stack []string) error
	visit = func(name string, stack []string) error {
		if _, ok := done[name]; ok {
			return nil
		}
		for _, n := range stack {
			if n == name {
				return fmt.Errorf("assets/%s: import cycle through %s", name, strings.Join(stack, " → "))
			}
		}
		data := assets[name]
		var err error
		out := importSpec.ReplaceAllFunc(data, func(m []byte) []byte {
			sub := importSpec.FindSubmatch(m)
			dep := path.Join(path.Dir(name), string(sub[3]))
			if _, ok := assets[dep]; !ok {
				err = fmt.Errorf("assets/%s imports %s, which does not exist", name, sub[3])
				return m
			}
			if e := visit(dep, append(stack, name)); e != nil {
				err = e
				return m
			}
			imports[name] = append(imports[name], dep)
			return []byte(string(sub[1]) + string(sub[2]) + "./" + path.Base(done[dep]) + string(sub[4]))
		})
		if err != nil {
			return err
		}
		assets[name] = out
		done[name] = hashedName(name, out)
		return nil
	}
	for name := range assets {
		if strings.HasSuffix(name, ".js") {
			if err := visit(name, nil); err != nil {
				return nil, err
			}
		}
	}
	return imports, nil
}
