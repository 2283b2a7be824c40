package property

import (
	"go.yaml.in/yaml/v3"
)

// Limits on the lists of a property, set by what a real building needs.
// A trial property with 10,000 entrances took 101 s and 564 MB and wrote
// 10,001 PDFs: a typing or export mistake should be refused at once,
// with the limit, instead of printing a stack of posters.
const (
	// MaxEntrances is the most entrances (one poster each) a property
	// may list. A property file is one building or block managed
	// together; even a 200-metre slab block with a stairwell every 15
	// metres has about 13 of them. 50 leaves room for a whole block of
	// several such buildings; an estate larger than that is better
	// described as several properties (one file can hold many, see
	// LoadStream).
	MaxEntrances = 50
	// MaxContacts is the most local contacts a property may have, its
	// own and inherited together. The poster lists the emergency
	// numbers, the support lines and then these; a dozen is already
	// more than fits on an A3 poster, and the layout says which
	// contact no longer fits, so the limit only stops a runaway list
	// before it is laid out.
	MaxContacts = 12
)

// Languages are limited to the number we have (Options.Texts): each may
// be listed once, so a longer list is a mistake, reported once instead
// of item by item.

// limitList returns the items of the list v, at most max of them. A
// longer list is reported at its first item too many, with the limit;
// why says what the limit is for. field is the list's path.
func (l *loader) limitList(v *yaml.Node, field string, max int, what string, why Text) []*yaml.Node {
	if len(v.Content) <= max {
		return v.Content
	}
	l.addAt(v.Content[max], index(field, max),
		Textf("lists %d %s; at most %d are allowed", len(v.Content), what, max), why)
	return v.Content[:max]
}
