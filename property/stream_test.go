package property

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// doc is base with an id line in front: 9 lines. In a stream joined by
// stream, document i (from 0) starts with its --- line at line 10*i and
// has its id on line 10*i+1, landlord.name on 10*i+3, property.city on
// 10*i+7 and qr.url on 10*i+9.
func doc(id, old, new string) string {
	src := "id: " + id + "\n" + base
	if old != "" {
		if !strings.Contains(src, old) {
			panic("doc: " + old + " not in base")
		}
		src = strings.Replace(src, old, new, 1)
	}
	return src
}

// stream joins documents with --- lines.
func stream(docs ...string) string {
	return strings.Join(docs, "---\n")
}

// parseStreamString parses src as hus.yaml and checks the promises that
// every result keeps.
func parseStreamString(t *testing.T, src string, opts Options) ([]*Property, ErrorList) {
	t.Helper()
	props, err := ParseStream([]byte(src), "hus.yaml", t.TempDir(), opts)
	return props, checkStreamResult(t, props, err)
}

// checkStreamResult checks that no property is nil, that the error is nil
// or a non-empty ErrorList, and that something came back.
func checkStreamResult(t *testing.T, props []*Property, err error) ErrorList {
	t.Helper()
	for i, p := range props {
		if p == nil {
			t.Fatalf("property %d is nil", i)
		}
	}
	if err == nil {
		if len(props) == 0 {
			t.Fatal("no properties and no error")
		}
		return nil
	}
	list, ok := err.(ErrorList)
	if !ok || len(list) == 0 {
		t.Fatalf("error is not a non-empty ErrorList: %#v", err)
	}
	return list
}

func ids(props []*Property) []string {
	out := []string{}
	for _, p := range props {
		out = append(out, p.ID)
	}
	return out
}

func TestParseStream(t *testing.T) {
	tests := []struct {
		name string
		src  string
		ids  []string // the good properties, in order
		errs []string // the start of each error, in order
	}{
		{"one document takes its id from the file name", base, []string{"hus"}, nil},
		{"one document with a trailing marker", base + "---\n", []string{"hus"}, nil},
		{"one document after comments and a marker", "# Storgatan\n\n---\n" + base, []string{"hus"}, nil},
		{"three good", stream(doc("a", "", ""), doc("b", "", ""), doc("c", "", "")), []string{"a", "b", "c"}, nil},
		{"leading and trailing markers", "---\n" + stream(doc("a", "", ""), doc("b", "", "")) + "---\n# end\n---\n",
			[]string{"a", "b"}, nil},
		{"end markers", doc("a", "", "") + "...\n---\n" + doc("b", "", "") + "...\n", []string{"a", "b"}, nil},
		{"a bad document between good ones",
			stream(doc("a", "", ""), doc("b", urlLine, "  url: http://example.org/huskurage"), doc("c", "", "")),
			[]string{"a", "c"},
			[]string{"hus.yaml:19:8: qr.url: must start with https://"}},
		{"problems in several documents, in file order",
			stream(doc("a", cityLine, `  city: ""`), doc("b", "", ""), doc("c", nameLine, "  namn: X")),
			[]string{"b"},
			[]string{
				"hus.yaml:7:9: property.city: is empty",
				`hus.yaml:22:1: landlord.name: missing required field "name"`,
				`hus.yaml:23:3: landlord.namn: unknown field "namn" (did you mean "name"?)`,
			}},
		{"every document needs an id",
			stream(base, doc("b", "", ""), base),
			[]string{"b"},
			[]string{
				"hus.yaml:1:1: id: missing id; each property in a file with several needs its own (add e.g. id: storgatan-7)",
				"hus.yaml:19:1: id: missing id; each property in a file with several needs its own",
			}},
		{"missing id of a document after comments", "# two houses\n" + base + "---\n# the second\n" + doc("b", "", ""),
			[]string{"b"},
			[]string{"hus.yaml:1:1: id: missing id"}},
		{"the same id twice",
			stream(doc("a", "", ""), doc("b", "", ""), doc("a", "", "")),
			[]string{"a", "b"},
			[]string{`hus.yaml:21:5: id: id "a" appears twice (first on line 1) (give each property its own id)`}},
		{"missing section in a later document",
			stream(doc("a", "", ""), doc("b", "qr:\n"+urlLine+"\n", "")),
			[]string{"a"},
			[]string{`hus.yaml:10:1: qr: missing required field "qr"`}},
		{"syntax error stops only its document",
			stream(doc("a", "", ""), doc("b", nameLine, `  name: "Bostads`), doc("c", "", "")),
			[]string{"a", "c"},
			[]string{`hus.yaml:13:1: YAML syntax error: the double quote (") opened on this line is never closed`}},
		{"syntax error line in a later document",
			stream(doc("a", "", ""), doc("b", nameLine, "  name: Bostads: AB")),
			[]string{"a"},
			[]string{`hus.yaml:13:9: YAML syntax error: the text after name: contains ": "`}},
		{"tab indentation in a later document",
			stream(doc("a", "", ""), doc("b", nameLine, "\tname: X")),
			[]string{"a"},
			[]string{"hus.yaml:13:1: YAML syntax error: the line is indented with a tab, which YAML does not allow (indent with spaces, not tabs)"}},
		{"invalid UTF-8 in a later document",
			stream(doc("a", "", ""), doc("b", "Nödinge", "N\xF6dinge"), doc("c", "", "")),
			[]string{"a", "c"},
			[]string{"hus.yaml:17:10: the file is not valid UTF-8 (byte 0xF6)"}},
		{"control character in a later document",
			stream(doc("a", "", ""), doc("b", "Nödinge", "Nö\x01dinge")),
			[]string{"a"},
			[]string{"hus.yaml:17:11: control character U+0001 is not allowed"}},
		{"alias in a later document",
			stream(doc("a", "", ""), doc("b", "  city: Nödinge", "  city: *x")),
			[]string{"a"},
			[]string{"hus.yaml:17:9: aliases (*x) are not allowed in a property file"}},
		{"duplicate field names a line of the file",
			stream(doc("a", "", ""), doc("b", cityLine, cityLine+"\n  city: Ale")),
			[]string{"a"},
			[]string{`hus.yaml:18:3: property.city: field "city" appears twice (first on line 17) (keep one)`}},
		{"duplicate entrance names a line of the file",
			stream(doc("a", "", ""), doc("b", cityLine, cityLine+"\n  entrances: [7A, 7a]")),
			[]string{"a"},
			[]string{`hus.yaml:18:19: property.entrances[1]: entrance "7a" is listed twice (first on line 18)`}},
		{"content after an end marker",
			stream(doc("a", "", "")+"...\nid: x\n", doc("b", "", "")),
			[]string{"b"},
			[]string{"hus.yaml:11:1: YAML syntax error: did not find expected <document start>"}},
		{"not a marker: four dashes",
			doc("a", "", "") + "----\n" + doc("b", "", ""),
			nil,
			[]string{"hus.yaml:10:1: YAML syntax error"}},
		{"a marker with the document on its line",
			doc("a", "", "") + "--- {id: b, landlord: {name: B}, property: {address: A, postal_code: 44930, city: C}, qr: {url: \"https://example.org\"}}\n",
			[]string{"a", "b"}, nil},
		{"a directive before a later document",
			doc("a", "", "") + "...\n%YAML 1.1\n---\n" + doc("b", "", ""),
			[]string{"a", "b"}, nil},
		{"CRLF", strings.ReplaceAll(stream(doc("a", "", ""), doc("b", cityLine, `  city: ""`)), "\n", "\r\n"),
			[]string{"a"},
			[]string{"hus.yaml:17:9: property.city: is empty"}},
		{"CR", strings.ReplaceAll(stream(doc("a", "", ""), doc("b", cityLine, `  city: ""`)), "\n", "\r"),
			[]string{"a"},
			[]string{"hus.yaml:17:9: property.city: is empty"}},
		{"byte order mark", "\uFEFF" + stream(doc("a", "", ""), doc("b", cityLine, `  city: ""`)),
			[]string{"a"},
			[]string{"hus.yaml:17:9: property.city: is empty"}},
		{"empty", "", nil, []string{"hus.yaml:1:1: file is empty (start from `huskurage init`)"}},
		{"only markers and comments", "---\n# a\n---\n\n---\n", nil, []string{"hus.yaml:1:1: file is empty"}},
		{"only null documents", "~\n---\n~\n", nil, []string{"hus.yaml:1:1: file is empty"}},
		{"UTF-16", "\xFF\xFEl\x00", nil, []string{"hus.yaml:1:1: the file is in UTF-16 (save it as UTF-8)"}},
		{"invalid UTF-8 in a comment", doc("a", "", "") + "---\n# N\xF6dinge\n", []string{"a"},
			[]string{"hus.yaml:11:4: the file is not valid UTF-8 (byte 0xF6)"}},
		{"a directive with no document", doc("a", "", "") + "...\n%YAML 1.1\n", []string{},
			[]string{"hus.yaml:12:1: YAML syntax error"}},
		{"a list", "- a\n", nil, []string{"hus.yaml:1:1: a property file must be a mapping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			props, list := parseStreamString(t, tt.src, Options{})
			if got := ids(props); !reflect.DeepEqual(got, append([]string{}, tt.ids...)) {
				t.Errorf("good properties %v, want %v", got, tt.ids)
			}
			if len(list) != len(tt.errs) {
				t.Fatalf("got %d errors, want %d:\n%v", len(list), len(tt.errs), list)
			}
			for i, e := range list {
				if !strings.HasPrefix(e.Error(), tt.errs[i]) {
					t.Errorf("error %d is\n%s\nwant it to start with\n%s", i, e.Error(), tt.errs[i])
				}
			}
		})
	}
}

func TestParseStreamPositions(t *testing.T) {
	src := stream(doc("a", "", ""), doc("b", "", ""), "# the third\n"+doc("c", "", ""))
	props, list := parseStreamString(t, src, Options{})
	if list != nil || len(props) != 3 {
		t.Fatalf("got %d properties, errors %v", len(props), list)
	}
	for field, want := range map[string]Position{
		"":              {File: "hus.yaml", Line: 20, Col: 1}, // the document's --- line
		"id":            {File: "hus.yaml", Line: 22, Col: 5},
		"landlord.name": {File: "hus.yaml", Line: 24, Col: 9},
		"qr.url":        {File: "hus.yaml", Line: 30, Col: 8},
		"landlord.logo": {File: "hus.yaml", Line: 24, Col: 3}, // absent: its section
		"theme.color":   {File: "hus.yaml", Line: 20, Col: 1}, // absent at the top: the start
	} {
		if got := props[2].Pos(field); got != want {
			t.Errorf("Pos(%q) = %v, want %v", field, got, want)
		}
	}
	if got := props[0].Pos(""); got != (Position{File: "hus.yaml", Line: 1, Col: 1}) {
		t.Errorf("first document starts at %v", got)
	}
	for _, p := range props {
		if p.Source != "hus.yaml" || p.Building.City != "Nödinge" {
			t.Errorf("property %s: source %q, city %q", p.ID, p.Source, p.Building.City)
		}
	}
}

// A file with one document gives the same result from Parse and
// ParseStream.
func TestParseStreamAgreesWithParse(t *testing.T) {
	for _, src := range []string{
		base, base + "id: linden\n", edit(cityLine, "  city: \"\""), "", "# x\n", "landlord: [\n",
		"\uFEFF" + base, "x: \xFF\n", base + "...\n",
	} {
		p, err := Parse([]byte(src), "hus.yaml", "", Options{})
		props, serr := ParseStream([]byte(src), "hus.yaml", "", Options{})
		if err != nil {
			if serr == nil || err.Error() != serr.Error() || len(props) != 0 {
				t.Errorf("%q: Parse gives\n%v\nParseStream gives %d properties and\n%v", src, err, len(props), serr)
			}
			continue
		}
		if serr != nil || len(props) != 1 || !reflect.DeepEqual(p, props[0]) {
			t.Errorf("%q: Parse gives %+v\nParseStream gives %v, %v", src, p, props, serr)
		}
	}
}

func TestParseStreamManyBadDocuments(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 400; i++ {
		b.WriteString("---\nx: 1\n") // five problems each
	}
	b.WriteString("---\n" + doc("good", "", ""))
	props, list := parseStreamString(t, b.String(), Options{})
	if got := ids(props); !reflect.DeepEqual(got, []string{"good"}) {
		t.Errorf("good properties %v", got)
	}
	if len(list) > keepErrors+maxErrors+1 {
		t.Errorf("%d errors", len(list))
	}
	last := list[len(list)-1]
	if !strings.HasPrefix(last.Error(), "hus.yaml:401:1: and problems in 200 more properties") {
		t.Errorf("last error %q", last.Error())
	}
}

func TestLoadStream(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ale.yaml")
	if err := os.WriteFile(path, []byte(stream(doc("a", "", ""), doc("b", cityLine, `  city: ""`))), 0o644); err != nil {
		t.Fatal(err)
	}
	props, err := LoadStream(path, Options{})
	list := checkStreamResult(t, props, err)
	if got := ids(props); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("good properties %v", got)
	}
	if len(list) != 1 || !strings.HasPrefix(list[0].Error(), path+":17:9: property.city: is empty") {
		t.Errorf("errors %v", list)
	}
	if props[0].Source != path {
		t.Errorf("source %q", props[0].Source)
	}

	missing := filepath.Join(dir, "missing.yaml")
	props, err = LoadStream(missing, Options{})
	list = checkStreamResult(t, props, err)
	if len(props) != 0 || len(list) != 1 || !strings.HasPrefix(list[0].Error(), missing+":1:1: file not found") {
		t.Errorf("missing file: %v, %v", props, list)
	}
}

func TestSplitDocuments(t *testing.T) {
	tests := []struct {
		src   string
		lines []int // first line of each piece
		docs  []int // document start of each piece
	}{
		{"", []int{1}, []int{1}},
		{"a: 1\n", []int{1}, []int{1}},
		{"# c\n---\na: 1\n", []int{1}, []int{1}},
		{"a: 1\n---\nb: 2\n", []int{1, 2}, []int{1, 2}},
		{"a: 1\n---\n---\n", []int{1, 2, 3}, []int{1, 2, 3}},
		{"a: 1\n...\n%YAML 1.1\n# c\n---\nb: 2\n", []int{1, 3}, []int{1, 5}},
		{"a: 1\n# c\n---\nb: 2\n", []int{1, 3}, []int{1, 3}},
		{"a: |\n  --- not a marker\n---x\n--- # a marker\n", []int{1, 4}, []int{1, 4}},
		{"a: 1\r\n---\r\nb: 2\r---\tc\n", []int{1, 2, 4}, []int{1, 2, 4}},
	}
	for _, tt := range tests {
		pieces := splitDocuments([]byte(tt.src))
		var lines, docs []int
		var joined string
		for _, pc := range pieces {
			lines = append(lines, pc.line)
			docs = append(docs, pc.doc)
			joined += string(pc.src)
		}
		if !reflect.DeepEqual(lines, tt.lines) || !reflect.DeepEqual(docs, tt.docs) || joined != tt.src {
			t.Errorf("%q: lines %v docs %v (joined %q); want lines %v docs %v", tt.src, lines, docs, joined, tt.lines, tt.docs)
		}
	}
}
