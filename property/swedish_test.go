package property

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// message is one call of Textf found in the source: its format and
// where it is.
type sourceMessage struct {
	format string
	args   int // the arguments after the format; -1 when spread with ...
	at     string
}

// sourceMessages reads the non-test Go files of the packages in dirs and
// returns every call of Textf (or property.Textf) in them. It reports,
// as test errors, what would let a message escape the catalog: a format
// that is not a string literal, a Text made as a struct literal, an
// Error whose Problem is set by hand inside package property, and
// ErrorList.Add (English alone) outside package pipeline, whose batch
// problems are the command line's.
func sourceMessages(t *testing.T, dirs ...string) []sourceMessage {
	t.Helper()
	var out []sourceMessage
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		inProperty := dir == "."
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Add" && len(n.Args) == 4 && dir != "../pipeline" {
						t.Errorf("%s: ErrorList.Add with English text alone; use AddText with Textf", fset.Position(n.Pos()))
					}
					if !isTextf(n.Fun) {
						return true
					}
					at := fset.Position(n.Pos()).String()
					lit, ok := n.Args[0].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Errorf("%s: Textf's format is not a string literal, so the test cannot see that it has a Swedish entry", at)
						return true
					}
					format, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatalf("%s: %v", at, err)
					}
					args := len(n.Args) - 1
					if n.Ellipsis.IsValid() {
						args = -1
					}
					out = append(out, sourceMessage{format, args, at})
				case *ast.CompositeLit:
					at := fset.Position(n.Pos()).String()
					// Text and Error are made by hand only where they are
					// defined: by Textf and NewError.
					file := filepath.Base(fset.Position(n.Pos()).Filename)
					if isType(n.Type, "Text") && len(n.Elts) > 0 && !(inProperty && file == "text.go") {
						t.Errorf("%s: a Text made as a struct literal; use Textf", at)
					}
					if inProperty && isType(n.Type, "Error") && file != "errors.go" {
						for _, e := range n.Elts {
							if kv, ok := e.(*ast.KeyValueExpr); ok && (isIdent(kv.Key, "Problem") || isIdent(kv.Key, "Hint")) {
								t.Errorf("%s: an Error with English text alone; use NewError with Textf", at)
							}
						}
					}
				}
				return true
			})
		}
	}
	return out
}

func isTextf(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "Textf"
	case *ast.SelectorExpr:
		return isIdent(e.X, "property") && e.Sel.Name == "Textf"
	}
	return false
}

func isType(e ast.Expr, name string) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == name
	case *ast.SelectorExpr:
		return isIdent(e.X, "property") && e.Sel.Name == name
	}
	return false
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// messageDirs are the packages whose messages are in the Swedish
// catalog: the loader, the spreadsheet reader, the pipeline and the
// layout, whose problems are property.Errors too.
var messageDirs = []string{".", "../sheet", "../pipeline", "../layout"}

// TestEveryMessageHasSwedish reads the source: every format given to
// Textf has a Swedish entry whose placeholders take the same arguments
// with the same verbs, and every field-table word that a message quotes
// (a field's Noun and Why, a section's example) has one too. A new
// English message without Swedish fails here.
func TestEveryMessageHasSwedish(t *testing.T) {
	t.Parallel()
	msgs := sourceMessages(t, messageDirs...)
	if len(msgs) < 150 {
		t.Fatalf("found only %d calls of Textf; is the source read?", len(msgs))
	}
	used := map[string]bool{}
	for _, m := range msgs {
		used[m.format] = true
		if m.args >= 0 {
			if want := argsUsed(m.format); m.args != want {
				t.Errorf("%s: %q takes %d arguments and is given %d", m.at, m.format, want, m.args)
			}
		}
		e := svEntries[m.format]
		if e == nil {
			t.Errorf("%s: no Swedish for %q", m.at, m.format)
			continue
		}
		checkPlaceholders(t, m.at, e)
	}
	for _, f := range allFields {
		words := []string{f.Noun, f.Why}
		if f.Kind == KindSection {
			words = append(words, f.Example)
		}
		for _, w := range words {
			if w == "" {
				continue
			}
			used[w] = true
			e := svEntries[w]
			if e == nil {
				t.Errorf("field %s: no Swedish for %q", f.Path, w)
				continue
			}
			if strings.Contains(e.sv, "%") {
				t.Errorf("field %s: the Swedish for %q has a placeholder: %q", f.Path, w, e.sv)
			}
		}
	}
	for _, e := range swedish {
		if !used[e.en] {
			t.Errorf("the Swedish entry for %q is used by no message; remove it", e.en)
		}
	}
}

// argsUsed is the number of arguments a format takes.
func argsUsed(format string) int {
	n := 0
	for _, v := range verbs(format) {
		n = max(n, v.arg)
	}
	return n
}

// checkPlaceholders compares the placeholders of an entry's Swedish with
// its English: each argument is used, with the same verb, and no other.
func checkPlaceholders(t *testing.T, at string, e *translation) {
	t.Helper()
	want := placeholders(e.en)
	for _, sv := range []string{e.sv, e.one} {
		if sv == "" {
			continue
		}
		if got := placeholders(sv); !slices.Equal(got, want) {
			t.Errorf("%s: %q: the Swedish %q takes %v, the English %v", at, e.en, sv, got, want)
		}
		if strings.Contains(sv, "  ") || sv != strings.TrimSpace(sv) {
			t.Errorf("%s: the Swedish %q has stray spaces", at, sv)
		}
	}
}

// placeholders lists "argument:verb" for each distinct use, sorted.
func placeholders(format string) []string {
	var out []string
	for _, v := range verbs(format) {
		s := fmt.Sprintf("%d:%c", v.arg, v.verb)
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// TestSwedishCatalogFormats says every Swedish entry through the printer
// with an argument of the right kind for each verb: no "%!" may come out.
func TestSwedishCatalogFormats(t *testing.T) {
	t.Parallel()
	p := message.NewPrinter(language.Swedish, message.Catalog(swedishCatalog))
	for _, e := range swedish {
		var args []any
		for i := 1; i <= argsUsed(e.en); i++ {
			var a any = "x"
			for _, v := range verbs(e.en) {
				if v.arg != i {
					continue
				}
				switch v.verb {
				case 'd':
					a = 2
				case 'c', 'U':
					a = 'x'
				case 'f', 'g':
					a = 2.5
				}
			}
			args = append(args, a)
		}
		got := p.Sprintf(e.en, args...)
		if strings.Contains(got, "%!") || got == fmt.Sprintf(e.en, args...) && e.sv != e.en {
			t.Errorf("%q said in Swedish: %q", e.en, got)
		}
		if e.one != "" {
			args[countArg(e.en)-1] = 1
			if got := p.Sprintf(e.en, args...); strings.Contains(got, "%!") || !strings.Contains(got, "1") {
				t.Errorf("%q said in Swedish for one: %q", e.en, got)
			}
		}
	}
}

func TestVerbs(t *testing.T) {
	t.Parallel()
	got := placeholders("a %q b %[1]s %d %% %.2f:1 %[2]d %-5s %U")
	if fmt.Sprint(got) != "[1:q 1:s 2:d 3:f 3:s 4:U]" {
		t.Errorf("placeholders = %v", got)
	}
}
