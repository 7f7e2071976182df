package e2e

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"shguide/site"
)

// toolsWasmBudget is the most the engine with the browser tools may weigh
// gzip-compressed; only the worksheet and checklist pages load it.
const toolsWasmBudget = 890_000

// TestToolsWasmSize holds the tools' module to its budget and logs both
// modules' sizes.
func TestToolsWasmSize(t *testing.T) {
	siteURL(t)
	for _, name := range []string{site.WasmAsset, site.ToolsWasmAsset} {
		raw, err := os.ReadFile(filepath.Join(siteDir, name))
		if err != nil {
			t.Fatal(err)
		}
		var gz bytes.Buffer
		w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		w.Write(raw)
		w.Close()
		t.Logf("%s: %d bytes, %d gzip -9", name, len(raw), gz.Len())
		if name == site.ToolsWasmAsset && gz.Len() > toolsWasmBudget {
			t.Errorf("%s: %d bytes gzip-compressed, over the budget of %d", name, gz.Len(), toolsWasmBudget)
		}
	}
}
