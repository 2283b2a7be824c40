package property

import "go.yaml.in/yaml/v3"

// NodeSource says where a property given as a YAML node tree comes from:
// a reader of another format (a spreadsheet row) builds the tree that a
// property file would give, with each node's Line and Column saying
// where its value stands, and Place turns those into positions.
type NodeSource struct {
	// File names the input in errors and is the property's Source.
	File string
	// Dir is the folder that relative logo paths start from.
	Dir string
	// Start is where the property starts (its row): problems with the
	// property as a whole, such as a missing required field, are
	// reported there.
	Start Position
	// Place returns the position of a node's Line and Column; nil
	// means line and column in File.
	Place func(line, col int) Position
	// IDNote, when not empty, says in Summary where the id came from
	// ("made from the address"), for an id the reader made up.
	IDNote string
}

// ParseNode checks a property given as a YAML node tree, as Parse checks
// a property file, with the same messages: every field is checked
// exactly as in a file, and defaults in opts are merged under it. root
// is the mapping a file's document holds. When anything is wrong, the
// error is an ErrorList holding every problem found, and the property is
// nil.
func ParseNode(root *yaml.Node, src NodeSource, opts Options) (*Property, error) {
	l := newLoader(src.File, src.Dir, opts, propertyFile)
	l.place = src.Place
	if src.Start != (Position{}) {
		l.start = src.Start
	}
	if root == nil || isNull(root) {
		l.add(l.start, "", Textf("is empty"), Text{})
	} else {
		l.check(root)
	}
	if errs := l.result(); errs != nil {
		return nil, errs
	}
	if src.IDNote != "" && l.p.ID != "" {
		l.p.notes["id"] = src.IDNote
	}
	l.p.Warnings.Sort()
	return l.p, nil
}

// Closest returns the candidate that s is most likely a typo of, or "":
// the "did you mean" of the loader's messages, for other readers of
// property data (spreadsheet headers).
func Closest(s string, candidates []string) string { return closest(s, candidates) }
