package property

import (
	"bytes"
	"path/filepath"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ID is the id of one property of a file, found without checking the
// rest of it (see ScanIDs).
type ID struct {
	ID string
	// Pos is where the id is given; for an id taken from the file name,
	// where the property's document starts.
	Pos Position
}

// ScanIDs returns the ids that LoadStream gives the properties in src,
// read from the file path, by the loader's own rules: each document read
// on its own (a broken one hides no later id), its top-level id when it
// gives one, else for a file of one property the id its file name gives.
// An id the loader refuses (not a safe id, or missing in a file of
// several properties) is left out: the loader reports it. ScanIDs checks
// nothing else, so it is much cheaper than loading: it lets a batch find
// two properties of one id before it writes anything.
func ScanIDs(src []byte, path string) []ID {
	type document struct {
		l    *loader
		root *yaml.Node
	}
	var docs []document
	for _, pc := range splitDocuments(src) {
		l := newLoader(path, filepath.Dir(path), Options{}, propertyFile)
		l.inStream = true
		l.offset = pc.line - 1
		l.start = Position{File: path, Line: pc.doc, Col: 1}
		var root *yaml.Node
		if pc.blank {
			l.checkBytes(pc.src)
		} else {
			root = l.decode(pc.src)
		}
		if root == nil && len(l.errs) == 0 {
			continue // nothing but comments, as LoadStream skips it
		}
		docs = append(docs, document{l, root})
	}
	var out []ID
	for _, d := range docs {
		if d.root == nil || d.root.Kind != yaml.MappingNode {
			continue
		}
		l := d.l
		l.needID = len(docs) > 1
		m := l.mapping(d.root, "", l.start, topField.keys)
		if id := l.id(m, fieldsByPath["id"]); id != "" {
			out = append(out, ID{ID: id, Pos: l.p.Pos("id")})
		}
	}
	return out
}

// IsFile reports whether a file found in a folder is a property file:
// its name ends in an extension the loader takes off to make an id
// (.yaml or .yml, in any case).
func IsFile(path string) bool {
	base := filepath.Base(path)
	return (&loader{file: path}).fileStem() != base
}

// QuickIDs finds the id of a file of one property written the plain way
// (a top-level line "id: hus-7", every other top-level line a simple
// key) by reading lines, without parsing the YAML: a tenth of ScanIDs's
// cost, for a batch's pre-scan of thousands of files. ok is false for
// anything else, and then ScanIDs must be asked. Where ok, ScanIDs gives
// the same id at the same place, or none when the file is broken YAML
// further down, which only loading finds: so an id QuickIDs gives that
// clashes with another must be asked of ScanIDs before it is reported.
func QuickIDs(src []byte, path string) (ids []ID, ok bool) {
	if !utf8.Valid(src) {
		return nil, false
	}
	var (
		id      string
		at      Position
		topKeys int
	)
	for n, rest := 1, src; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if bytes.ContainsAny(line, "\t\r\ufeff") {
			return nil, false
		}
		if len(line) == 0 || line[0] == ' ' || line[0] == '#' {
			continue // a blank line, a comment, or inside a top-level value
		}
		key, value, found := bytes.Cut(line, []byte(":"))
		if !found || !simpleKey(key) || len(value) > 0 && value[0] != ' ' {
			return nil, false // "---", flow style, quoted keys, anchors: ScanIDs
		}
		topKeys++
		if string(key) != "id" {
			continue
		}
		v := bytes.TrimLeft(value, " ")
		if id != "" || !plainID(string(v)) {
			return nil, false
		}
		id = string(v)
		at = Position{File: path, Line: n, Col: len(line) - len(v) + 1}
	}
	if id == "" || topKeys < 2 {
		return nil, false
	}
	return []ID{{ID: id, Pos: at}}, true
}

// simpleKey reports whether key is a plain lower-case field name.
func simpleKey(key []byte) bool {
	if len(key) == 0 {
		return false
	}
	for _, c := range key {
		if !(c >= 'a' && c <= 'z' || c == '_') {
			return false
		}
	}
	return true
}

// plainID reports whether v is a safe id that YAML reads as the same
// text: a plain scalar starting with a letter (never a number) that is
// not one of YAML's words for true, false or null.
func plainID(v string) bool {
	if !SafeID(v) || v[0] < 'a' || v[0] > 'z' {
		return false
	}
	switch v {
	case "true", "false", "null":
		return false
	}
	return true
}
