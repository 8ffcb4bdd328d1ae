package input_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// TestNoUnboundedReads keeps the rule of package input: cite's code reads
// a user's files only through it, so that a FIFO cannot block and
// /dev/zero cannot exhaust memory. A call of os.ReadFile, os.Open or
// os.OpenFile outside the packages allowed to make one fails this test;
// read with e.readInput or e.reader in internal/cli, or input.ReadFile
// elsewhere.
func TestNoUnboundedReads(t *testing.T) {
	root := testkit.ModuleRoot(t)
	allowed := map[string]bool{ // directories whose code may open files itself
		"internal/input":      true, // the reader
		"internal/atomicfile": true, // opens a directory to sync it
		"internal/lockedfile": true, // opens its lock file
		"internal/testkit":    true, // golden files of tests
	}
	forbidden := map[string]bool{"ReadFile": true, "Open": true, "OpenFile": true}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || allowed[rel]) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "os" && forbidden[sel.Sel.Name] {
				t.Errorf("%s: os.%s reads a file without the checks of package input; use e.readInput or e.reader (internal/cli) or input.ReadFile",
					fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
