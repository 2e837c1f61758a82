package citynets_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// globalSlog are the log/slog functions that read or replace the
// process-wide default logger. Loggers are passed in, never global
// (DESIGN.md), so no code outside tests may call them: a library that logs
// through the default ignores the --quiet and --log-format its caller
// chose, and a command that sets the default changes every library's
// output behind its back.
var globalSlog = map[string]bool{
	"SetDefault": true, "Default": true,
	"Debug": true, "Info": true, "Warn": true, "Error": true, "Log": true, "LogAttrs": true,
	"DebugContext": true, "InfoContext": true, "WarnContext": true, "ErrorContext": true,
}

// globalLogging returns "name:line: slog.F" for every use of a globalSlog
// function in one file's source.
func globalLogging(fset *token.FileSet, name string, src any) ([]string, error) {
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	local := ""
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "log/slog" {
			local = "slog"
			if imp.Name != nil {
				local = imp.Name.Name
			}
		}
	}
	if local == "" || local == "_" {
		return nil, nil
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == local && globalSlog[sel.Sel.Name] {
			found = append(found, fmt.Sprintf("%s:%d: slog.%s", name, fset.Position(sel.Pos()).Line, sel.Sel.Name))
		}
		return true
	})
	return found, nil
}

func TestGlobalLoggingCheck(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"injected logger", "package p\nimport \"log/slog\"\nfunc f(l *slog.Logger) { l.Info(\"x\"); _ = slog.New(slog.DiscardHandler) }", 0},
		{"package-level Info", "package p\nimport \"log/slog\"\nfunc f() { slog.Info(\"x\") }", 1},
		{"SetDefault and Default", "package p\nimport \"log/slog\"\nfunc f() { slog.SetDefault(slog.Default()) }", 2},
		{"renamed import", "package p\nimport lg \"log/slog\"\nfunc f() { lg.Warn(\"x\"); lg.ErrorContext(nil, \"y\") }", 2},
		{"function value", "package p\nimport \"log/slog\"\nvar logf = slog.Debug", 1},
		{"no slog import", "package p\ntype slogT struct{}\nfunc (slogT) Info() {}\nvar slog slogT\nfunc f() { slog.Info() }", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := globalLogging(token.NewFileSet(), "x.go", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Errorf("found %q, want %d", got, tt.want)
			}
		})
	}
}

// TestNoGlobalLogger checks every non-test Go file of the module (this
// test runs in the module root) for the default-logger functions.
func TestNoGlobalLogger(t *testing.T) {
	fset := token.NewFileSet()
	var found []string
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != "." && (n == "testdata" || n == "vendor" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		files++
		f, err := globalLogging(fset, path, nil)
		found = append(found, f...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("checked only %d files: is the test running in the module root?", files)
	}
	sort.Strings(found)
	for _, f := range found {
		t.Errorf("%s: pass a *slog.Logger instead of using the default logger", f)
	}
}
