package property

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Defaults are the values of a defaults file: what a municipality or a
// landlord with many buildings writes once for all its property files.
// Pass them in Options.Defaults and every property loaded with those
// options is merged with them. A defaults file has the format of a
// property file, with these differences: every field is optional, except
// that a contact needs its name and phone as anywhere; it has no id; it
// lists no entrances; no two of its contacts have the same name; and
// remove: is not used in it.
//
// How a property and the defaults are merged:
//
//   - A field written with no value (phone: or phone: ~) counts as not
//     given.
//   - Single values (language, everything under landlord:, property: and
//     qr:, and theme.color): the property's own value wins, otherwise the
//     defaults' value is used. An empty text ("") counts as given, so
//     email: "" leaves out an inherited e-mail address; a required field
//     still may not be empty.
//   - A required field (landlord.name, property.address,
//     property.postal_code, property.city, qr.url) may be left out of the
//     property when the defaults give it; it is an error only when
//     neither gives it.
//   - id and property.entrances are never inherited. In a file of several
//     properties each one needs its own id; a single property may still
//     take its id from the file name.
//   - support_lines: when the property gives the field, even as [], its
//     list replaces the defaults' list; otherwise the defaults' list is
//     used; when neither gives it, the built-in default.
//   - contacts: the defaults' contacts come first, in their order, then
//     the property's own. A property contact with the same name as an
//     inherited one (ignoring case and spaces at either end) replaces it
//     in its place, with all of its fields. A property contact written as
//     "- name: X" and "remove: true", with no other fields, leaves out
//     the inherited contact named X. Removing a name that is not
//     inherited is an error, and so is remove: true without defaults.
//     remove: false is an ordinary contact.
//     Replacing or removing the same inherited contact twice is an error.
//     contacts: [] keeps every inherited contact.
//   - landlord.logo: a path in the defaults file is relative to the
//     defaults file's folder, a path in the property file to the property
//     file's folder.
//   - Positions: Pos of an inherited value points into the defaults file,
//     so that a problem found later (text that does not fit on the page)
//     is reported where the value was written. Problems in the defaults
//     file itself are reported by LoadDefaults, against that file.
//   - The merged property must pass the same checks as a property read
//     without defaults. Every value is checked in the file it is written
//     in, with the options that file was loaded with: load the defaults
//     with the same Options.Covers as the properties.
//
// Get Defaults from LoadDefaults or ParseDefaults; a Defaults built in
// code is not complete.
type Defaults struct {
	// Values holds what the file gives; the rest is empty. Values.ID and
	// Values.Building.Entrances are always empty, Values.Language is ""
	// unless given, and Values.SupportLines is nil unless given (empty,
	// not nil, for support_lines: []). Values.Source is the defaults
	// file and Values.Pos finds fields in it.
	Values Property

	// from holds the Summary note of each field: "from ale.yaml:12".
	from map[string]string
	// given holds the text fields with a value, and their sections.
	given map[string]bool
}

// LoadDefaults reads and checks the defaults file at path. A logo path in
// it is relative to its folder. When anything is wrong, the error is an
// ErrorList holding every problem found, and the defaults are nil.
// opts.Defaults is not used.
func LoadDefaults(path string, opts Options) (*Defaults, error) {
	src, e := readLimited(path)
	if e != nil {
		return nil, ErrorList{e}
	}
	return ParseDefaults(src, path, filepath.Dir(path), opts)
}

// ParseDefaults checks a defaults file held in memory; file and dir are
// as for Parse.
func ParseDefaults(src []byte, file, dir string, opts Options) (*Defaults, error) {
	l := newLoader(file, dir, opts, defaultsFile)
	l.parse(src)
	if errs := l.result(); errs != nil {
		return nil, errs
	}
	d := &Defaults{Values: *l.p, from: make(map[string]string, len(l.p.pos)), given: make(map[string]bool)}
	for field, pos := range l.p.pos {
		d.from[field] = fromNote(pos)
	}
	for _, f := range allFields {
		if f.Merge == MergeSingle && f.value != nil && set(f.value(&d.Values)) {
			d.given[f.Path] = true
			d.given[parent(f.Path)] = true
		}
	}
	return d, nil
}

// sectionFields are the top-level fields whose position a property
// takes from the defaults when it does not write them itself: those that
// hold fields or a list of things that a property adds to.
var sectionFields = func() []string {
	var out []string
	for _, f := range topField.fields {
		if f.Merge == MergeFields || f.Merge == MergeList || f.Merge == MergeByName {
			out = append(out, f.Path)
		}
	}
	return out
}()

// contactFields are the suffixes of a contact's field paths.
var contactFields = func() []string {
	out := []string{""}
	for _, f := range fieldsByPath["contacts"].fields {
		out = append(out, "."+f.name)
	}
	return out
}()

// gives reports whether the defaults give a value for a text field or
// for any field of a section ("landlord"). d may be nil.
func (d *Defaults) gives(field string) bool {
	return d != nil && d.given[field]
}

// inherit fills in what the property does not give from the defaults,
// after the property's own fields were read. Contacts are merged by
// mergeContacts.
func (l *loader) inherit() {
	d := l.defaults
	if d == nil || l.failed() {
		return // a property with problems is not returned
	}
	p, dv := l.p, &d.Values
	take := func(field string) {
		if pos, ok := dv.pos[field]; ok {
			p.pos[field] = pos
			p.notes[field] = d.from[field]
		}
	}
	for _, f := range allFields {
		if f.Merge != MergeSingle && f.Merge != MergeList || f.value == nil {
			continue
		}
		from := f.value(dv)
		if !set(from) || l.given[f.Path] || f.Excludes != "" && l.given[f.Excludes] {
			continue
		}
		copyValue(f.value(p), from)
		take(f.Path)
		if f.Merge == MergeList {
			// The items' positions too: a problem found later with
			// one of them is reported where it was written.
			for i := range *from.(*[]string) {
				at := index(f.Path, i)
				p.pos[at] = dv.pos[at]
			}
		}
	}
	for _, s := range sectionFields {
		if _, ok := p.pos[s]; !ok {
			if pos, ok := dv.pos[s]; ok {
				p.pos[s] = pos
			}
		}
	}
}

// fromNote says in Summary where an inherited value was written.
func fromNote(pos Position) string {
	file := strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7F {
			return '?'
		}
		return r
	}, pos.File)
	return fmt.Sprintf("from %s:%d", file, pos.Line)
}

// contactKey is what two contact names must share to be the same
// contact: the name in lower case, without spaces at either end.
func contactKey(name string) string {
	return strings.ToLower(strings.TrimSpace(name))
}

// mergeContacts puts the inherited contacts and the file's own together
// (see Defaults) and moves their positions to their places in the merged
// list.
func (l *loader) mergeContacts(items []contactItem) []Contact {
	var inherited []Contact
	if l.defaults != nil {
		inherited = l.defaults.Values.Contacts
	}
	byKey := make(map[string]int, len(inherited))
	for k, c := range inherited {
		byKey[contactKey(c.Name)] = k
	}
	type claim struct {
		line   int
		remove bool
	}
	claims := make(map[int]claim) // inherited index -> who replaced or removed it
	replaced := make(map[int]contactItem)
	var added []contactItem
	for _, it := range items {
		// Where the item is: for a problem, or for who claimed an
		// inherited contact. Made only then.
		where := func() (string, Position) {
			f := index("contacts", it.index)
			return f, l.p.Pos(f)
		}
		k, found := 0, false
		if len(byKey) > 0 {
			k, found = byKey[contactKey(it.Name)]
		}
		switch {
		case it.Name == "" || it.bad:
			// Reported already; nothing to match.
		case found:
			f, at := where()
			if c, dup := claims[k]; dup {
				problem := Textf("the inherited contact %q is already replaced on line %d", inherited[k].Name, c.line)
				if c.remove {
					problem = Textf("the inherited contact %q is already removed on line %d", inherited[k].Name, c.line)
				}
				l.add(at, f, problem, Textf("keep one"))
				continue
			}
			claims[k] = claim{at.Line, it.remove}
			if !it.remove {
				replaced[k] = it
			}
			continue
		case it.remove:
			if l.kind == propertyFile { // in a defaults file remove: itself is the error
				f, at := where()
				l.add(at, f, Textf("no inherited contact named %q", clip(it.Name)), l.inheritedNames())
			}
			continue
		}
		if !it.remove {
			added = append(added, it)
		}
	}

	if l.failed() {
		return nil // a property with problems is not returned
	}
	if len(inherited) == 0 && inPlace(items, added) {
		// Nothing inherited, every contact kept where the file has it:
		// each position would move to where it is (most properties of a
		// batch, which made a map and a string for each field for it).
		var out []Contact // nil for none, as below
		for _, it := range added {
			out = append(out, it.Contact)
		}
		return out
	}
	own := make(map[string]Position)
	for _, it := range items {
		for _, sub := range contactFields {
			key := index("contacts", it.index) + sub
			if pos, ok := l.p.pos[key]; ok {
				own[key] = pos
				delete(l.p.pos, key)
			}
		}
	}
	var out []Contact
	put := func(c Contact, src map[string]Position, from string, notes map[string]string) {
		to := index("contacts", len(out))
		for _, sub := range contactFields {
			if pos, ok := src[from+sub]; ok {
				l.p.pos[to+sub] = pos
				if note := notes[from+sub]; note != "" && sub != "" {
					l.p.notes[to+sub] = note
				}
			}
		}
		out = append(out, c)
	}
	for k, c := range inherited {
		if cl, ok := claims[k]; ok {
			if !cl.remove {
				it := replaced[k]
				put(it.Contact, own, index("contacts", it.index), nil)
			}
			continue
		}
		put(c, l.defaults.Values.pos, index("contacts", k), l.defaults.from)
	}
	for _, it := range added {
		put(it.Contact, own, index("contacts", it.index), nil)
	}
	if len(out) > MaxContacts {
		// Each list is within the limit, so some are inherited.
		at := l.start
		if pos, ok := l.p.pos["contacts"]; ok && pos.File == l.file {
			at = pos
		}
		l.add(at, "contacts", Textf("with the %d contacts inherited from %s, the property has %d; at most %d are allowed",
			len(inherited), l.defaults.Values.Source, len(out), MaxContacts),
			Textf("leave out inherited ones with remove: true, or some of your own"))
	}
	return out
}

// inPlace reports whether added is all of items, each at the place the
// file gives it.
func inPlace(items, added []contactItem) bool {
	if len(added) != len(items) {
		return false
	}
	for i, it := range added {
		if it.index != i {
			return false
		}
	}
	return true
}

// inheritedNames is the hint for a removal that matches no inherited
// contact.
func (l *loader) inheritedNames() Text {
	if l.defaults == nil {
		return Textf("this file is loaded without defaults, so there is nothing to remove; delete the entry")
	}
	var names []string
	for _, c := range l.defaults.Values.Contacts {
		names = append(names, clip(c.Name))
	}
	if len(names) == 0 {
		return Textf("the defaults in %s have no contacts", l.defaults.Values.Source)
	}
	return Textf("the defaults have: %s", strings.Join(names, ", "))
}
