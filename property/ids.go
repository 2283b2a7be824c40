package property

import (
	"path/filepath"

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
