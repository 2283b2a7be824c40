package property

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSyntaxCorpus loads each file of testdata/syntax, a property file
// with one typical hand-editing mistake, and checks that the error points
// at the line with the mistake and gives the hint that fits it. The line
// is not written down here: it is the line where the file differs from
// good.yaml, the file they were all made from.
func TestSyntaxCorpus(t *testing.T) {
	good := readLines(t, "good.yaml")
	tests := []struct {
		file string
		col  int    // 0: not checked
		want string // in the problem and hint
	}{
		{"tab-indent.yaml", 1, "the line is indented with a tab, which YAML does not allow (indent with spaces, not tabs)"},
		{"tab-list-item.yaml", 1, "the line is indented with a tab, which YAML does not allow (indent with spaces, not tabs)"},
		{"dedent-field.yaml", 1, "the field city: is indented too little (start it with 2 spaces, like postal_code: on line 15)"},
		{"dedent-field-one-space.yaml", 1, "the field city: is indented too little (start it with 2 spaces"},
		{"dedent-list-item.yaml", 1, `the list item "- name: Hyresvärdens kundtjänst" is indented too little (start it with 2 spaces, like "- name: Socialtjänsten, kontaktcenter" on line 22)`},
		{"dedent-first-list-item.yaml", 1, `the list item "- name: Socialtjänsten, kontaktcenter" is indented too little (start it with 2 spaces`},
		{"dedent-entrance.yaml", 1, `the list item "- 7B" is indented too little (start it with 4 spaces, like "- 7A" on line 18)`},
		{"dedent-support-line.yaml", 1, `the list item "- bris" is indented too little (start it with 2 spaces`},
		{"dedent-contact-field.yaml", 1, "the field phone: is indented too little (start it with 4 spaces, like name: on line 22)"},
		{"overindent-field.yaml", 1, "the field email: is indented too much (start it with 2 spaces, like phone: on line 9)"},
		{"overindent-contact-field.yaml", 1, "the field phone: is indented too much (start it with 4 spaces, like name: on line 22)"},
		{"overindent-list-item.yaml", 1, `is indented too much (start it with 2 spaces, like "- name: Socialtjänsten, kontaktcenter" on line 22)`},
		{"no-space-after-colon.yaml", 7, "no space after the colon in city:Nödinge (write city: Nödinge, with a space after the colon)"},
		{"no-space-after-colon-link.yaml", 6, "(write url: https://example.se/huskurage, with a space after the colon)"},
		{"no-colon.yaml", 7, `"city Nödinge" has no colon after the field name (write city: Nödinge)`},
		{"no-colon-section.yaml", 3, `"qr" has no colon after the field name (write qr:)`},
		{"unclosed-double-quote.yaml", 1, `the double quote (") opened on this line is never closed`},
		{"unclosed-single-quote.yaml", 1, `the single quote (') opened on this line is never closed`},
		{"missing-dash-entrance.yaml", 5, `"7B" is not marked as an item of the list (start it with "- "`},
		{"missing-dash-support-line.yaml", 3, `"bris" is not marked as an item of the list (start it with "- "`},
		{"colon-in-text.yaml", 9, `contains ": ", which YAML reads as another field (put it in double quotes: name: "Obs: Kvarteret Linden")`},
		{"nbsp-indent.yaml", 1, "a non-breaking space (U+00A0) where YAML needs an ordinary space (retype the spaces"},
		{"nbsp-after-colon.yaml", 8, "a non-breaking space (U+00A0) where YAML needs an ordinary space"},
		{"nbsp-after-dash.yaml", 4, "a non-breaking space (U+00A0) where YAML needs an ordinary space"},
		{"crlf-dedent-field.yaml", 1, "the field city: is indented too little (start it with 2 spaces, like postal_code: on line 15)"},
	}
	seen := map[string]bool{"good.yaml": true, "crlf-good.yaml": true}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			lines := readLines(t, tt.file)
			if len(lines) != len(good) {
				t.Fatalf("%d lines; good.yaml has %d: one line should differ", len(lines), len(good))
			}
			line := 0
			for i := 1; i < len(lines); i++ { // line 1 says what the mistake is
				if lines[i] != good[i] {
					if line != 0 {
						t.Fatalf("differs from good.yaml on lines %d and %d", line, i+1)
					}
					line = i + 1
				}
			}
			src, err := os.ReadFile(filepath.Join("testdata", "syntax", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(src, tt.file, "", Options{})
			var list ErrorList
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one error, got %v", err)
			}
			e := list[0]
			if e.Pos.Line != line || tt.col != 0 && e.Pos.Col != tt.col {
				t.Errorf("reported at %d:%d, want %d:%d: %v", e.Pos.Line, e.Pos.Col, line, tt.col, e)
			}
			if !strings.Contains(e.Error(), tt.want) {
				t.Errorf("got  %v\nwant %s", e, tt.want)
			}
		})
	}
	// Windows line ends just work.
	for _, f := range []string{"good.yaml", "crlf-good.yaml"} {
		src, err := os.ReadFile(filepath.Join("testdata", "syntax", f))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(src, f, "", Options{}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "syntax", "*.yaml"))
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s is not in the table", f)
		}
	}
}

// readLines reads a file of testdata/syntax as lines, whatever its line
// ends.
func readLines(t *testing.T, name string) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "syntax", name))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range splitLines(src) {
		out = append(out, l.text)
	}
	return out
}

// A mistake in a later document of a stream is reported at its line in
// the file.
func TestSyntaxDiagnosisInStream(t *testing.T) {
	t.Parallel()
	src := stream(doc("a", "", ""), doc("b", "  postal_code:", "postal_code:"))
	_, list := parseStreamString(t, src, Options{})
	want := "hus.yaml:16:1: YAML syntax error: the field postal_code: is indented too little (start it with 2 spaces, like address: on line 15)"
	if len(list) != 1 || list[0].Error() != want {
		t.Errorf("got %v\nwant %s", list, want)
	}
}

func TestOddSpaces(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		line string
		col  int
	}{
		{"\u00a0 city: x", 1},
		{"  \u2009city: x", 3},
		{"  city:\u202fx", 8},
		{"  -\u00a0bris", 4},
		{"  - name:\u00a0x", 10},
		{"  name: Bostads\u00a0AB", 0}, // inside text: fine
		{"  note: \"a:\u00a0b\"", 0},
		{"  # a\u00a0comment", 0},
		{"  url: https://x.se/a:\u00a0b", 0},
		{"  city: x", 0},
	} {
		if col, _ := oddSpace(tt.line); col != tt.col {
			t.Errorf("oddSpace(%q) = %d, want %d", tt.line, col, tt.col)
		}
	}
}

// A huge file with a syntax error at its end is reported quickly: the
// search for the mistake stops at its budget.
func BenchmarkSyntaxErrorInLargeFile(b *testing.B) {
	src := []byte(strings.Repeat("  - 7A\n", 140000))
	src = append([]byte("landlord:\n  name: x\nproperty:\n  entrances:\n"), src...)
	src = append(src, "city: x\n  y: z\n"...)
	for b.Loop() {
		_, _ = Parse(src, "hus.yaml", "", Options{})
	}
}

// BenchmarkSyntaxDiagnosis measures a typical hand-edited file with a
// dedented field: the cost of finding the line, on top of the parse.
func BenchmarkSyntaxDiagnosis(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "syntax", "dedent-list-item.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_, _ = Parse(src, "hus.yaml", "", Options{})
	}
}

// BenchmarkParseGood is the same file without the mistake, for
// comparison.
func BenchmarkParseGood(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "syntax", "good.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_, _ = Parse(src, "hus.yaml", "", Options{})
	}
}
