package catalog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// catalogUse is one place in the bot's source that looks a sentence up.
type catalogUse struct {
	pos  token.Position
	key  string // the literal key; prefix when dynamic is set
	args int    // the format arguments passed; -1 when unknown (args...)

	dynamic bool // "prefix"+x: some key must start with key
}

// catalogUses parses the non-test files of the engine and of every package
// beside it under bot/ and lists each catalogue lookup with a literal key:
// catalog.Say(lang, "k", …), catalog.Inline(lang, "k", …),
// catalog.Message("k", …), t.reply("k", …), t.private("k", …) and the
// refusals of the commands table.
func catalogUses(t *testing.T) []catalogUse {
	t.Helper()
	fset := token.NewFileSet()
	engine, err := filepath.Glob("../*.go")
	if err != nil {
		t.Fatal(err)
	}
	rooms, err := filepath.Glob("../*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, name := range append(engine, rooms...) {
		if filepath.Base(filepath.Dir(name)) != "catalog" {
			files = append(files, name)
		}
	}
	var uses []catalogUse
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			uses = append(uses, usesIn(fset, n)...)
			return true
		})
	}
	return uses
}

func usesIn(fset *token.FileSet, n ast.Node) []catalogUse {
	switch n := n.(type) {
	case *ast.CallExpr:
		keyAt := -1
		if fn, ok := n.Fun.(*ast.SelectorExpr); ok {
			keyAt = keyArg(fn)
		}
		if keyAt < 0 || len(n.Args) <= keyAt {
			return nil
		}
		key, ok := stringLit(n.Args[keyAt])
		if !ok {
			if bin, isAdd := n.Args[keyAt].(*ast.BinaryExpr); isAdd && bin.Op == token.ADD {
				if prefix, ok := stringLit(bin.X); ok {
					return []catalogUse{{pos: fset.Position(n.Pos()), key: prefix, args: -1, dynamic: true}}
				}
			}
			return nil // a key passed through (reply → Say): checked at its caller
		}
		args := len(n.Args) - keyAt - 1
		if n.Ellipsis.IsValid() {
			args = -1
		}
		return []catalogUse{{pos: fset.Position(n.Pos()), key: key, args: args}}
	case *ast.CompositeLit:
		return refusalUses(fset, n)
	}
	return nil
}

// keyArg is the position of the key among a call's arguments, or -1 when the
// call is no catalogue lookup.
func keyArg(fn *ast.SelectorExpr) int {
	if pkg, ok := fn.X.(*ast.Ident); ok && pkg.Name == "catalog" {
		switch fn.Sel.Name {
		case "Say", "Inline":
			return 1
		case "Message":
			return 0
		}
	}
	if fn.Sel.Name == "reply" || fn.Sel.Name == "private" {
		return 0
	}
	return -1
}

// refusalUses are the refusal keys of a map[string]handler literal.
func refusalUses(fset *token.FileSet, n *ast.CompositeLit) []catalogUse {
	mt, ok := n.Type.(*ast.MapType)
	if !ok {
		return nil
	}
	if v, ok := mt.Value.(*ast.Ident); !ok || v.Name != "handler" {
		return nil
	}
	var uses []catalogUse
	for _, el := range n.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		h, ok := kv.Value.(*ast.CompositeLit)
		if !ok || len(h.Elts) < 2 {
			continue
		}
		if key, ok := stringLit(h.Elts[1]); ok && key != "" {
			uses = append(uses, catalogUse{pos: fset.Position(h.Pos()), key: key, args: 0})
		}
	}
	return uses
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func TestCatalog_EveryKeyUsedExistsWithItsArguments(t *testing.T) {
	uses := catalogUses(t)
	if len(uses) < 50 {
		t.Fatalf("found only %d catalog lookups: the parser missed the call sites", len(uses))
	}
	for _, u := range uses {
		if u.dynamic {
			if !slices.ContainsFunc(keysOf(sentences), func(k string) bool { return strings.HasPrefix(k, u.key) }) {
				t.Errorf("%s: no message key starts with %q", u.pos, u.key)
			}
			continue
		}
		text, ok := sentences[u.key]
		if !ok {
			t.Errorf("%s: message %q is not in the catalog", u.pos, u.key)
			continue
		}
		if want := formatArgs(text.EN).n; u.args >= 0 && u.args != want {
			t.Errorf("%s: message %q takes %d arguments, given %d", u.pos, u.key, want, u.args)
		}
	}
}

func TestCatalog_BothLanguagesTakeTheSameArguments(t *testing.T) {
	for key, text := range sentences {
		if strings.TrimSpace(text.JA) == "" || strings.TrimSpace(text.EN) == "" {
			t.Errorf("message %q lacks a language: JA %q, EN %q", key, text.JA, text.EN)
			continue
		}
		ja, en := formatArgs(text.JA), formatArgs(text.EN)
		if ja.bad != "" || en.bad != "" {
			t.Errorf("message %q: bad format: %s%s", key, ja.bad, en.bad)
			continue
		}
		if ja.n != en.n || !slices.Equal(ja.verbs, en.verbs) {
			t.Errorf("message %q: JA takes verbs %q, EN takes %q", key, ja.verbs, en.verbs)
		}
		if ja.n == 0 && (strings.Contains(text.JA, "%") || strings.Contains(text.EN, "%")) {
			t.Errorf("message %q has no arguments, so Say prints its %% signs as typed", key)
		}
	}
}

func TestFormatArgs(t *testing.T) {
	for _, tc := range []struct {
		format string
		verbs  []byte
		bad    bool
	}{
		{"no verbs", nil, false},
		{"%d of %d (%d%%)", []byte("ddd"), false},
		{"%[2]s then %[1]d and %[2]s", []byte("ds"), false},
		{"%.1f per day, %s", []byte("fs"), false},
		{"%[3]s only", nil, true}, // arguments 1 and 2 unused
		{"%d and %s", []byte("ds"), false},
		{"%[1]d and %[1]s", nil, true}, // one argument, two verbs
		{"trailing %", nil, true},
	} {
		got := formatArgs(tc.format)
		if (got.bad != "") != tc.bad || (!tc.bad && !slices.Equal(got.verbs, tc.verbs)) {
			t.Errorf("formatArgs(%q) = %+v, want verbs %q bad %v", tc.format, got, tc.verbs, tc.bad)
		}
	}
}

// fmtArgs is what a format string consumes: n arguments, the verb of each.
type fmtArgs struct {
	n     int
	verbs []byte // verbs[i] is the verb of argument i+1
	bad   string // why the format is unusable, if it is
}

// formatArgs reads a fmt format's verbs, with explicit argument indexes
// (%[2]s). Every argument must be used, each with one kind of verb.
func formatArgs(format string) fmtArgs {
	var a fmtArgs
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0.123456789", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			n, err := strconv.Atoi(format[i+1 : i+max(end, 1)])
			if end < 0 || err != nil || n < 1 {
				a.bad = "bad argument index"
				return a
			}
			next, i = n-1, i+end+1
			for i < len(format) && strings.IndexByte(".0123456789", format[i]) >= 0 {
				i++
			}
		}
		if i >= len(format) {
			a.bad = "format ends in %"
			return a
		}
		if format[i] == '%' {
			continue
		}
		for len(a.verbs) <= next {
			a.verbs = append(a.verbs, 0)
		}
		if v := a.verbs[next]; v != 0 && v != format[i] {
			a.bad = "argument " + strconv.Itoa(next+1) + " has two verbs"
			return a
		}
		a.verbs[next] = format[i]
		next++
	}
	if slices.Contains(a.verbs, 0) {
		a.bad = "an argument is not used"
	}
	a.n = len(a.verbs)
	return a
}

func keysOf[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
