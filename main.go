// Command shguide builds, serves and checks the unofficial web rendering of
// the CCDS Smart Home Security Guideline (製品分野別セキュリティガイドライン
// スマートホーム編 Ver.1.0, © CCDS), and scores vectors with its risk method.
//
//	shguide build [--base /repo/] [--url https://user.github.io] [--out build] [--wasm file]
//	shguide serve [--addr localhost:8080] [--base /] [--out build] [--wasm file]
//	shguide check [--content content]
//	shguide score [--json] [VECTOR ...]
//
// Each command explains itself with --help. The exit status is 0 on
// success, 1 when the command failed (the reason is on standard error) and
// 2 for a usage error.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `shguide: the CCDS Smart Home Security Guideline as a static site, and its risk method.

Usage:
  shguide build [--base /repo/] [--out build] [--wasm file]   validate content/ and write the site
  shguide serve [--addr localhost:8080] [--base /]            build, then serve the site locally
  shguide check                                              validate content/ only
  shguide score [--json] [VECTOR ...]                        score vectors (arguments or stdin)

Run "shguide <command> --help" for a command's flags and examples.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "score":
		return runScore(args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "shguide: unknown command %q\n\n%s", args[0], usage)
	return 2
}
