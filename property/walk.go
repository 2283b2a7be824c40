package property

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// check checks a decoded document and, for a property, merges the
// defaults under it.
func (l *loader) check(root *yaml.Node) {
	l.p.start = l.start
	l.refuseExtras(root, "")
	l.refuseStarterValues(root)
	l.top(root)
	if l.kind == propertyFile && root.Kind == yaml.MappingNode {
		l.inherit()
	}
	// The languages to print: the list when one is given (its first is
	// the property's language), else the one language.
	if len(l.p.Languages) > 0 {
		l.p.Language = l.p.Languages[0]
		// It comes from where the list came from; the default's note
		// does not apply.
		if note, ok := l.p.notes["languages"]; ok {
			l.p.notes["language"] = note
		} else {
			delete(l.p.notes, "language")
		}
	} else if l.p.Language != "" && l.kind == propertyFile {
		l.p.Languages = []string{l.p.Language}
	}
	if l.kind == propertyFile && !l.failed() {
		l.placeTexts()
	}
}

// refuseExtras reports anchors, aliases, merge keys and explicit tags
// anywhere in the tree under n, whose path is path. A property file needs
// none of them, and refusing them also rules out alias bombs.
func (l *loader) refuseExtras(n *yaml.Node, path string) {
	w := extrasWalk{l: l, base: path}
	w.walk(n)
}

// extrasWalk walks a tree for refuseExtras, keeping the path as the
// steps to it (pathSteps): a node's path is made only when it is
// reported, not for every node of every property of a batch.
type extrasWalk struct {
	l     *loader
	base  string
	steps []pathStep
}

func (w *extrasWalk) report(n *yaml.Node, problem, hint Text) {
	w.l.addAt(n, pathOfSteps(w.base, w.steps), problem, hint)
}

func (w *extrasWalk) walk(n *yaml.Node) {
	if n.Anchor != "" {
		w.report(n, Textf("anchors (&%s) are not allowed in a property file", clip(n.Anchor)),
			Textf("write each value out in full"))
	}
	if n.Kind == yaml.AliasNode {
		w.report(n, Textf("aliases (*%s) are not allowed in a property file", clip(n.Value)),
			Textf("write the value out in full"))
		return
	}
	if n.Style&yaml.TaggedStyle != 0 && !(n.Kind == yaml.ScalarNode && n.Tag == "!!str") && !isMergeKey(n) {
		w.report(n, Textf("tags such as %s are not allowed in a property file", clip(n.Tag)),
			Textf(`remove it; put text in quotes if it must not be read as a number`))
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			stepped := false
			if isMergeKey(k) {
				w.report(k, Textf("merge keys (<<) are not allowed in a property file"),
					Textf("write the fields out in full"))
			} else if k.Kind == yaml.ScalarNode {
				w.steps, stepped = append(w.steps, pathStep{key: k.Value, index: -1}), true
			}
			w.walk(k)
			w.walk(v)
			if stepped {
				w.steps = w.steps[:len(w.steps)-1]
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			w.steps = append(w.steps, pathStep{index: i})
			w.walk(c)
			w.steps = w.steps[:len(w.steps)-1]
		}
	case yaml.DocumentNode:
		for _, c := range n.Content {
			w.walk(c)
		}
	}
}

// pathStep is a step of a field path: a field's name, or (index not
// -1) an item of a list.
type pathStep struct {
	key   string
	index int
}

// pathOfSteps is the path that the steps lead to from base, as errors
// name it: "contacts[1].phone", with long names clipped.
func pathOfSteps(base string, steps []pathStep) string {
	path := base
	for _, s := range steps {
		if s.index < 0 {
			path = join(path, clip(s.key))
		} else {
			path = index(path, s.index)
		}
	}
	return path
}

func isMergeKey(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!merge"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// clip shortens text quoted in a message.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

// describe names what a node holds, for "must be X, found Y" messages.
func describe(n *yaml.Node) Text {
	switch n.Kind {
	case yaml.MappingNode:
		return Textf("a mapping (name: value lines)")
	case yaml.SequenceNode:
		return Textf("a list")
	case yaml.ScalarNode:
		if isNull(n) {
			return Textf("nothing")
		}
		return Textf("%q", clip(n.Value))
	case yaml.AliasNode:
		return Textf("an alias")
	}
	return Textf("something else")
}

// entry is one field of a mapping: its key and its value.
type entry struct{ key, val *yaml.Node }

// mapping is a checked YAML mapping: its fields by name, where to report
// a missing field, and the field path it stands for.
type mapping struct {
	path    string
	missing Position
	fields  entries
}

// entries are a mapping's fields with their names. It holds only known
// fields, each once: a dozen at most, found faster in a list than in a
// map, which a batch made for every mapping of every property.
type entries []namedEntry

type namedEntry struct {
	name string
	entry
}

// lookup returns the field called name, if there is one.
func (es entries) lookup(name string) (entry, bool) {
	for _, e := range es {
		if e.name == name {
			return e.entry, true
		}
	}
	return entry{}, false
}

// of returns the field called name, or an empty entry.
func (es entries) of(name string) entry {
	e, _ := es.lookup(name)
	return e
}

// mapping collects the fields of n, reporting unknown and repeated names.
func (l *loader) mapping(n *yaml.Node, path string, missing Position, known []string) *mapping {
	m := &mapping{path: path, missing: missing, fields: make(entries, 0, min(len(n.Content)/2, len(known)))}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode || isMergeKey(k) {
			continue // refused by refuseExtras
		}
		if k.Kind != yaml.ScalarNode {
			l.addAt(k, path, Textf("a field name must be a plain word, found %s", describe(k)),
				Textf("write name: value"))
			continue
		}
		name := k.Value
		if name == "" || isNull(k) {
			l.addAt(k, path, Textf("a value without a field name"), Textf("write name: value"))
			continue
		}
		field := join(path, name)
		if !contains(known, name) {
			if l.full() {
				l.dropped++ // skip working out a hint nobody will see
				continue
			}
			l.addAt(k, join(path, clip(name)), Textf("unknown field %q", clip(name)), unknownHint(name, path, known))
			continue
		}
		if first, dup := m.fields.lookup(name); dup {
			hint := Textf("keep one")
			if strings.HasSuffix(path, "]") {
				// A list item whose "- " was left out runs on into the
				// item before it.
				hint = Textf(`keep one; if it starts a new item of the list, begin its first line with "- "`)
			}
			l.addAt(k, field, Textf("field %q appears twice (first on line %d)", name, l.posOf(first.key).Line), hint)
			continue
		}
		m.fields = append(m.fields, namedEntry{name, entry{k, v}})
		l.p.pos[field] = l.posOf(v)
		if v.Kind != yaml.AliasNode && !isNull(v) {
			l.given[field] = true
		}
	}
	return m
}

// get returns the value of a field, or nil when the field is absent, is
// null or is an alias (refused elsewhere).
func (m *mapping) get(name string) *yaml.Node {
	e, ok := m.fields.lookup(name)
	if !ok || e.val.Kind == yaml.AliasNode || isNull(e.val) {
		return nil
	}
	return e.val
}

// requireField returns the value of a required field, or nil after
// reporting that it is absent or empty (nil, unreported, for an alias,
// which refuseExtras has reported).
//
// A field that the defaults give may be left out, and in a defaults file
// only a contact's fields are required.
func (l *loader) requireField(m *mapping, name, example string) *yaml.Node {
	e, ok := m.fields.lookup(name)
	field := join(m.path, name)
	optional := l.kind == defaultsFile && !strings.HasPrefix(field, "contacts[") || l.defaults.gives(field)
	switch {
	case !ok && optional:
	case !ok:
		l.add(m.missing, field, Textf("missing required field %q", name), l.exampleHint(true, example))
	case e.val.Kind == yaml.AliasNode:
	case isNull(e.val) && optional:
	case isNull(e.val):
		l.addAt(e.key, field, Textf("is empty"), l.exampleHint(false, example))
	default:
		return e.val
	}
	return nil
}

// notInDefaults completes the hint for a missing required field when
// there are defaults, which do not give it either.
// exampleHint is the hint for a required field that is missing (add) or
// empty: an example, and that the defaults do not give it either.
func (l *loader) exampleHint(add bool, example string) Text {
	switch {
	case l.defaults == nil && add:
		return Textf("add e.g. %s", phraseArg(example))
	case l.defaults == nil:
		return Textf("write e.g. %s", phraseArg(example))
	case add:
		return Textf("add e.g. %s; the defaults in %s do not give it either", phraseArg(example), l.defaults.Values.Source)
	}
	return Textf("write e.g. %s; the defaults in %s do not give it either", phraseArg(example), l.defaults.Values.Source)
}

// sub returns the mapping held by a field, or nil when it is absent or
// not a mapping (which is reported).
func (l *loader) sub(m *mapping, name string, required bool, example string, known []string) *mapping {
	var v *yaml.Node
	if required {
		v = l.requireField(m, name, example)
	} else {
		v = m.get(name)
	}
	field := join(m.path, name)
	if v == nil {
		e, ok := m.fields.lookup(name)
		if required && l.defaults.gives(field) && !(ok && e.val.Kind == yaml.AliasNode) {
			// The defaults give part of the section: its required
			// fields are checked against them.
			missing := m.missing
			if ok {
				missing = l.posOf(e.key)
			}
			return &mapping{path: field, missing: missing}
		}
		return nil
	}
	if v.Kind != yaml.MappingNode {
		l.addAt(v, field, Textf("must be a mapping of fields indented under %s:, found %s", name, describe(v)),
			Textf("see `huskurage init` for an example"))
		return nil
	}
	return l.mapping(v, field, l.posOf(m.fields.of(name).key), known)
}

// str checks a scalar that holds text and returns it trimmed. drawn says
// whether the text may be printed, so that the fonts must cover it. max is
// in characters; 0 means no limit. ok is false when a problem was reported.
func (l *loader) str(n *yaml.Node, field string, max int, drawn bool) (s string, ok bool) {
	if n.Kind != yaml.ScalarNode {
		hint := Textf("write a single value")
		if n.Kind == yaml.MappingNode {
			hint = Textf("check the indentation")
		}
		l.addAt(n, field, Textf("must be text, found %s", describe(n)), hint)
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	s = strings.TrimSpace(n.Value)
	if !utf8.ValidString(s) {
		l.addAt(n, field, Textf("is not valid UTF-8"), Textf("retype the text"))
		return "", false
	}
	// One form for every text: "ä" typed as a and a combining mark (as
	// macOS and copied PDFs give it) is the same letter as "ä", so names
	// compare equal; soft hyphens, invisible line-break hints from word
	// processors, are dropped, since a fixed layout breaks its own lines.
	s = strings.ReplaceAll(norm.NFC.String(s), "\u00ad", "")
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			l.addAt(n, field, Textf("must be on one line"), Textf("write it on one line; a long text can be folded with >"))
			return "", false
		case unicode.IsControl(r):
			l.addAt(n, field, Textf("contains the control character %U", r), Textf("replace it with a space or remove it"))
			return "", false
		case r == utf8.RuneError:
			l.addAt(n, field, Textf("contains the replacement character U+FFFD (�), a sign that the text was damaged when it was copied or converted"),
				Textf("retype the text"))
			return "", false
		}
	}
	if count := utf8.RuneCountInString(s); max > 0 && count > max {
		l.addAt(n, field, Textf("is %d characters long; at most %d are allowed", count, max), Textf("shorten it"))
		return "", false
	}
	if drawn && l.opts.Covers != nil {
		for _, r := range s {
			if r != ' ' && !l.opts.Covers(r) {
				l.addAt(n, field, Textf("character %s cannot be drawn by the embedded fonts", runeText(r)),
					Textf("remove it or write it in Latin letters"))
				return "", false
			}
		}
	}
	return s, true
}

// runeText names a character as U+0E01 'ก', leaving out the glyph when it
// is invisible.
func runeText(r rune) string {
	if unicode.IsGraphic(r) && !unicode.IsSpace(r) {
		return fmt.Sprintf("%U '%c'", r, r)
	}
	return fmt.Sprintf("%U", r)
}

// text reads an optional text field.
func (l *loader) text(m *mapping, name string, max int) string {
	v := m.get(name)
	if v == nil {
		return ""
	}
	s, _ := l.str(v, join(m.path, name), max, true)
	return s
}

// requiredText reads a text field that must be present and non-empty.
func (l *loader) requiredText(m *mapping, name string, max int, example string) string {
	v := l.requireField(m, name, example)
	if v == nil {
		return ""
	}
	field := join(m.path, name)
	s, ok := l.str(v, field, max, true)
	if ok && s == "" {
		l.addAt(v, field, Textf("is empty"), Textf("write e.g. %s", phraseArg(example)))
	}
	return s
}

// top checks the top-level mapping and everything under it, field by
// field in the order of the table.
func (l *loader) top(root *yaml.Node) {
	if root.Kind != yaml.MappingNode {
		l.addAt(root, "", Textf("a property file must be a mapping of fields (landlord:, property:, qr: …), found %s", describe(root)),
			Textf("start from `huskurage init`"))
		return
	}
	l.walk(l.mapping(root, "", l.start, topField.keys), topField.fields)

	if l.missingID {
		example := "hus-7"
		if p := l.p; p.Building.Address != "" {
			example = safeVersion(p.Building.Address)
		}
		l.add(l.start, "id", Textf("missing id; each property in a file with several needs its own"),
			Textf("add e.g. id: %s", example))
	}
}

// walk reads the fields of a section of the property, in the order of
// the table. A defaults file may not give a field that is never
// inherited.
func (l *loader) walk(m *mapping, fields []*Field) {
	for _, f := range fields {
		if f.Merge == MergeNever && l.kind == defaultsFile {
			if e, ok := m.fields.lookup(f.name); ok {
				l.addAt(e.key, f.Path, f.NotInDefaults.Problem, f.NotInDefaults.Hint)
			}
			continue
		}
		var dst any
		if f.value != nil {
			dst = f.value(l.p)
		}
		l.read(m, f, dst, f.Required)
	}
}

// pathOf is the path of field f in the mapping m, as errors name it:
// f.Path, or with the item's index in a list ("contacts[1].phone").
func pathOf(m *mapping, f *Field) string {
	if m.path == f.parent.Path {
		return f.Path
	}
	return join(m.path, f.name)
}

// read reads field f of the mapping m into dst, a pointer to its value,
// with the validator of its kind. required may differ from f.Required
// in a contact (see contacts).
func (l *loader) read(m *mapping, f *Field, dst any, required bool) {
	switch f.Kind {
	case KindSection:
		if sm := l.sub(m, f.name, required, f.Example, f.keys); sm != nil {
			l.walk(sm, f.fields)
		}
	case KindVersion:
		if v := m.get(f.name); v != nil {
			l.version(v)
		}
	case KindID:
		*dst.(*string) = l.id(m, f)
	case KindLanguage:
		*dst.(*string) = l.language(m, f)
	case KindLanguages:
		*dst.(*[]string) = l.languages(m, f)
	case KindText:
		if required {
			*dst.(*string) = l.requiredText(m, f.name, f.Max, f.Example)
		} else {
			*dst.(*string) = l.text(m, f.name, f.Max)
		}
	case KindTexts:
		*dst.(*Texts) = l.texts(m, f.name, f.Max)
	case KindPhone:
		*dst.(*string) = l.phone(m, f, required)
	case KindEmail:
		*dst.(*string) = l.email(m, f)
	case KindURL:
		*dst.(*string) = l.url(m, f, required)
	case KindPostalCode:
		*dst.(*string) = l.postalCode(m, f)
	case KindLogo:
		*dst.(**Image) = l.logo(m, f)
	case KindTextList:
		*dst.(*[]string) = l.entrances(m, f)
	case KindCount:
		if v := m.get(f.name); v != nil {
			*dst.(*int) = l.count(v, f)
		} else if l.kind == propertyFile && !f.IfMissing.Problem.IsZero() {
			l.warn(m.missing, f.Path, f.IfMissing.Problem, f.IfMissing.Hint)
		}
	case KindContacts:
		*dst.(*[]Contact) = l.mergeContacts(l.contacts(m, f))
	case KindSteps:
		*dst.(*[]string) = l.steps(m, f)
	case KindSupportLines:
		*dst.(*[]string) = l.supportLines(m, f)
	case KindColor:
		*dst.(*Theme) = l.theme(m, f)
	default:
		panic("property: no reader for field " + f.Path)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
