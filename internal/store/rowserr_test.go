package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryRowLoopChecksErr reads the source of the whole module: after
// every `for rows.Next()` loop, the statements that follow it in the same
// block (up to a new assignment to rows) must call rows.Err(). A loop ended
// by a broken connection otherwise looks like a shorter result — a plan
// rendered with domains silently missing.
func TestEveryRowLoopChecksErr(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	var loops, missing int
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var list []ast.Stmt
			switch b := n.(type) {
			case *ast.BlockStmt:
				list = b.List
			case *ast.CaseClause:
				list = b.Body
			case *ast.CommClause:
				list = b.Body
			default:
				return true
			}
			for i, st := range list {
				v := nextLoopVar(st)
				if v == "" {
					continue
				}
				loops++
				if !errCheckedAfter(list[i+1:], v) {
					missing++
					t.Errorf("%s: loop over %s.Next() is not followed by %s.Err()", fset.Position(st.Pos()), v, v)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if loops < 40 {
		t.Fatalf("found %d row loops; the walk missed the source", loops)
	}
	t.Logf("%d row loops, %d without Err", loops, missing)
}

// nextLoopVar returns x when st is `for x.Next() { … }` with x a plain
// identifier whose Next takes no arguments.
func nextLoopVar(st ast.Stmt) string {
	f, ok := st.(*ast.ForStmt)
	if !ok || f.Init != nil || f.Post != nil {
		return ""
	}
	call, ok := f.Cond.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return ""
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Next" {
		return ""
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok || id.Name == "pb" { // testing.PB.Next in benchmarks
		return ""
	}
	return id.Name
}

// errCheckedAfter reports whether the statements call v.Err() before v is
// assigned again.
func errCheckedAfter(stmts []ast.Stmt, v string) bool {
	for _, st := range stmts {
		if as, ok := st.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == v && !callsErr(as, v) {
					return false
				}
			}
		}
		if callsErr(st, v) {
			return true
		}
	}
	return false
}

func callsErr(n ast.Node, v string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Err" {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
