package property

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"go.yaml.in/yaml/v3"

	"huskurage/input"

	"huskurage/helpline"
	"huskurage/templates"
)

// Options change how a property file is checked.
type Options struct {
	// Covers reports whether the embedded fonts can draw r. When it is
	// non-nil, every text that may end up on paper must consist of runes
	// for which it returns true; an ordinary space is always allowed.
	Covers func(r rune) bool
	// Defaults, when non-nil, are merged under every property loaded
	// with these options; see Defaults for the rules. Load the defaults
	// with the same Covers as the properties: inherited values are not
	// checked again.
	Defaults *Defaults
	// Texts are the languages a property may ask for; nil means the
	// embedded ones (see templates.Set).
	Texts *templates.Set
}

// Sanity limits. The layout checks later whether text fits on the page.
const (
	MaxFileSize   = 1 << 20     // bytes in a property file
	MaxLogoSize   = 5 << 20     // bytes in a logo file
	MaxLogoPixels = 4096 * 4096 // width × height of a logo
	MaxQRURL      = 2000        // bytes in qr.url
)

// Length limits for text fields, in characters.
const (
	maxName       = 80
	maxAddress    = 100
	maxPostalCode = 12
	maxNote       = 200
	maxHours      = 60
	maxCaption    = 80
	maxEntrance   = 20
	maxEmail      = 100
	maxWebsite    = 100
	maxLogoPath   = 1000
	maxErrors     = 50
)

// Field names valid at each level of the file, in the order the starter
// file shows them.
var (
	topKeys      = []string{"version", "id", "language", "languages", "landlord", "property", "contacts", "steps", "support_lines", "qr", "theme"}
	landlordKeys = []string{"name", "phone", "email", "website", "logo"}
	buildingKeys = []string{"name", "address", "postal_code", "city", "entrances", "apartments"}
	contactKeys  = []string{"name", "phone", "hours", "note", "remove"}
	qrKeys       = []string{"url", "caption"}
	themeKeys    = []string{"color"}
)

// Load reads and checks the property file at path. Logo paths in the file
// are relative to the file's folder. When anything is wrong, the error is
// an ErrorList holding every problem found, and the property is nil.
func Load(path string, opts Options) (*Property, error) {
	src, e := readLimited(path)
	if e != nil {
		return nil, ErrorList{e}
	}
	return Parse(src, path, filepath.Dir(path), opts)
}

// readLimited reads a property file after checking that it is a regular
// file of at most MaxFileSize bytes: a named pipe, a device such as
// /dev/zero or a folder is refused before it is read (see package input).
func readLimited(path string) ([]byte, *Error) {
	src, err := input.Read(path, MaxFileSize)
	if err == nil {
		return src, nil
	}
	at := Position{File: path, Line: 1, Col: 1}
	fail := func(problem, hint string) ([]byte, *Error) {
		return nil, &Error{Pos: at, Problem: problem, Hint: hint}
	}
	var e *input.Error
	if !errors.As(err, &e) {
		return fail("cannot read the file: "+pathErrText(err), "")
	}
	switch e.Problem {
	case input.NotFound:
		return fail("file not found", "check the path; `huskurage init` writes a starter file")
	case input.Folder:
		return fail("is a folder, not a property file", "name a .yaml file")
	case input.Special:
		return fail("is "+e.What+", not a property file", "name a .yaml file")
	case input.TooLarge:
		if e.Size < 0 {
			return fail("file is larger than 1 MiB, the most a property file may be", "is this the right file?")
		}
		return fail(fmt.Sprintf("file is %s; a property file may be at most 1 MiB", sizeText(e.Size)),
			"is this the right file?")
	}
	return fail("cannot read the file: "+e.Err.Error(), "")
}

// pathErrText drops the path from an *fs.PathError, since the error's
// position already names the file.
func pathErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// sizeText gives a file size in MiB, rounded up so that a file just over
// a limit never reads as equal to it.
func sizeText(n int64) string {
	tenths := (n*10 + 1<<20 - 1) >> 20
	return fmt.Sprintf("%d.%d MiB", tenths/10, tenths%10)
}

// Parse checks a property file held in memory. file names it in errors and
// is the Source of the result; the default id is taken from its base name.
// dir is the folder that relative logo paths start from ("" for the
// current folder); absolute logo paths and paths with .. are allowed, since
// a landlord may keep one logo for many buildings. When anything is
// wrong, the error is an ErrorList holding every problem found, and the
// property is nil.
func Parse(src []byte, file string, dir string, opts Options) (*Property, error) {
	l := newLoader(file, dir, opts, propertyFile)
	l.parse(src)
	if errs := l.result(); errs != nil {
		return nil, errs
	}
	l.p.Warnings.Sort()
	return l.p, nil
}

// fileKind says what a loader reads: a property or a defaults file.
type fileKind int

const (
	propertyFile fileKind = iota
	defaultsFile
)

// loader holds the state of checking one document.
type loader struct {
	file string
	dir  string
	opts Options
	kind fileKind
	// defaults are merged under the property; nil when there are none
	// and always nil when reading a defaults file.
	defaults *Defaults
	// offset is how many lines of the file come before the text being
	// parsed: a document in a stream is parsed on its own.
	offset int
	// start is where the document starts: line 1, or its "---" line in
	// a stream. Problems with the document as a whole are reported here.
	start Position
	// inStream is set for a document read by ParseStream, and needID
	// when it is one of several there, so that it needs an id of its own.
	inStream, needID bool
	// muted is set when problems are only to be counted.
	muted bool
	// missingID is set when such a document has no id; it is reported
	// once the address is known, to suggest one.
	missingID bool
	// given holds the field paths the document gives a value for (not
	// null), so that defaults fill in only the others.
	given map[string]bool
	p     *Property
	errs  ErrorList
	// dropped counts problems found after keepErrors were kept, so that
	// a huge broken file costs little.
	dropped int
	// place, when set, turns a node's line and column into a position:
	// for a tree that another reader made (see ParseNode).
	place func(line, col int) Position
}

func newLoader(file, dir string, opts Options, kind fileKind) *loader {
	l := &loader{
		file:  file,
		dir:   dir,
		opts:  opts,
		kind:  kind,
		start: Position{File: file, Line: 1, Col: 1},
		given: make(map[string]bool),
		p:     &Property{Source: file, pos: make(map[string]Position), notes: make(map[string]string)},
	}
	if kind == propertyFile {
		l.defaults = opts.Defaults
	}
	return l
}

// result returns the problems found, sorted and capped at maxErrors, or
// nil.
func (l *loader) result() ErrorList {
	if len(l.errs) == 0 {
		return nil
	}
	l.errs.Sort()
	if total := len(l.errs) + l.dropped; total > maxErrors {
		next := l.errs[maxErrors]
		l.errs = append(l.errs[:maxErrors:maxErrors], &Error{Pos: next.Pos,
			Problem: fmt.Sprintf("and %d more problems", total-maxErrors),
			Hint:    "fix these first"})
	}
	return l.errs
}

// keepErrors is how many problems a loader keeps before it only counts
// them; at most maxErrors of them are reported.
const keepErrors = 1000

func (l *loader) full() bool { return l.muted || len(l.errs) >= keepErrors }

// failed reports whether any problem was found.
func (l *loader) failed() bool { return len(l.errs) > 0 || l.dropped > 0 }

// at is the position of a line and column of the text being parsed.
func (l *loader) at(line, col int) Position {
	if l.place != nil {
		return l.place(line, col)
	}
	return Position{File: l.file, Line: line + l.offset, Col: col}
}

func (l *loader) posOf(n *yaml.Node) Position {
	line, col := n.Line, n.Column
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return l.at(line, col)
}

func (l *loader) add(pos Position, field, problem, hint string) {
	if l.full() {
		l.dropped++
		return
	}
	l.errs.Add(pos, field, problem, hint)
}

func (l *loader) addAt(n *yaml.Node, field, problem, hint string) {
	l.add(l.posOf(n), field, problem, hint)
}

// warn records something that prints but that a person should look at;
// see Property.Warnings.
func (l *loader) warn(pos Position, field, problem, hint string) {
	l.p.Warnings.Add(pos, field, problem, hint)
}

// parse checks a file that holds one document.
func (l *loader) parse(src []byte) {
	root := l.decode(src)
	if root == nil {
		if len(l.errs) == 0 {
			l.add(l.start, "", "file is empty", "start from `huskurage init`")
		}
		return
	}
	l.check(root)
}

// decode checks the bytes of src and parses its one YAML document. It
// returns the document's root, or nil when src holds nothing but
// comments or null, or when it reported a problem.
func (l *loader) decode(src []byte) *yaml.Node {
	if !l.checkBytes(src) || !l.checkSpaces(src) {
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if err == io.EOF {
		return nil
	}
	if err != nil {
		l.syntaxError(src, err)
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		l.syntaxError(src, err)
	case l.inStream:
		// A document in a stream: only "..." can have ended it.
		l.addAt(&next, "", "found a second document after the end marker (...)",
			"start each property with a line of three dashes: ---")
	default:
		l.addAt(&next, "", "a property file holds one property; found a second document",
			"put each property in its own file")
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil
		}
		root = root.Content[0]
	}
	if isNull(root) {
		return nil
	}
	return root
}

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
	} else if l.p.Language != "" && l.kind == propertyFile {
		l.p.Languages = []string{l.p.Language}
	}
	if l.kind == propertyFile && !l.failed() {
		l.placeTexts()
	}
}

// texts reads an optional text that a property may give per language:
// a plain string, which is in the property's first language (kept under
// "" until placeTexts knows that language), or a mapping of language
// codes to texts, {sv: …, ar: …}.
func (l *loader) texts(m *mapping, name string, max int) Texts {
	v := m.get(name)
	if v == nil {
		return nil
	}
	field := join(m.path, name)
	if v.Kind != yaml.MappingNode {
		if s, _ := l.str(v, field, max, true); s != "" {
			return Texts{"": s}
		}
		return nil
	}
	out := Texts{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		code := strings.TrimSpace(k.Value)
		f := join(field, clip(code))
		switch {
		case k.Kind != yaml.ScalarNode || !contains(l.opts.Texts.Codes(), code):
			hint := "write one text, or one line per language such as sv: … and ar: …"
			if guess := closest(strings.ToLower(code), l.opts.Texts.Codes()); guess != "" {
				hint = fmt.Sprintf("did you mean %q?", guess)
			}
			l.addAt(k, f, fmt.Sprintf("%q is not a language code (known: %s)", clip(code), strings.Join(l.opts.Texts.Codes(), ", ")), hint)
			continue
		case out[code] != "":
			l.addAt(k, f, fmt.Sprintf("%q appears twice", code), "keep one")
			continue
		}
		l.p.pos[f] = l.posOf(val)
		if isNull(val) {
			continue
		}
		if s, ok := l.str(val, f, max, true); ok && s != "" {
			out[code] = s
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// placeTexts puts the plain-string texts of a property under its first
// language, once that is known, and warns when a language the property
// is printed in will carry a text the property gave only in another.
func (l *loader) placeTexts() {
	p := l.p
	place := func(t Texts) Texts {
		s, ok := t[""]
		if !ok {
			return t
		}
		// A new map: t may be shared with the defaults.
		return Texts{p.Language: s}
	}
	p.QR.Caption = place(p.QR.Caption)
	for i := range p.Contacts {
		c := &p.Contacts[i]
		c.Hours, c.Note = place(c.Hours), place(c.Note)
	}
	if len(p.Languages) < 2 {
		return
	}
	for _, lang := range p.Languages {
		name := l.languageName(lang)
		if t := p.QR.Caption; len(t) > 0 && t.In(lang) == "" {
			l.warn(p.Pos("qr.caption"), "qr.caption", fmt.Sprintf("has no text in %s; the %s documents print our own caption", name, name),
				fmt.Sprintf("add %s: with the caption in %s under caption:", lang, name))
		}
		for i, c := range p.Contacts {
			for _, f := range []struct {
				name string
				t    Texts
			}{{"hours", c.Hours}, {"note", c.Note}} {
				if len(f.t) == 0 || f.t.In(lang) != "" {
					continue
				}
				_, in := f.t.For(lang, p.Language)
				field := index("contacts", i) + "." + f.name
				l.warn(p.Pos(field), field, fmt.Sprintf("is given only in %s; the %s documents print it in %s", l.languageName(in), name, l.languageName(in)),
					fmt.Sprintf("add %s: with the text in %s under %s:", lang, name, f.name))
			}
		}
	}
}

// languageName is a language's English name, for messages.
func (l *loader) languageName(code string) string {
	if l, err := l.opts.Texts.Load(code); err == nil && l.EnglishName != "" {
		return l.EnglishName
	}
	return code
}

// steps reads the order of the policy's three steps.
func (l *loader) steps(m *mapping) []string {
	v := m.get("steps")
	if v == nil {
		if l.kind == defaultsFile {
			return nil
		}
		l.p.notes["steps"] = "default: the municipality's order"
		return append([]string(nil), PolicySteps...)
	}
	hint := "write steps: [police, others, knock] (the municipality's order, the default) or steps: [knock, others, police] (the older national order)"
	if v.Kind != yaml.SequenceNode {
		l.addAt(v, "steps", "must be a list of the three steps, found "+describe(v), hint)
		return nil
	}
	var out []string
	bad := false
	for i, item := range v.Content {
		f := index("steps", i)
		l.p.pos[f] = l.posOf(item)
		s, ok := l.str(item, f, 0, false)
		s = strings.ToLower(s)
		switch {
		case !ok:
			bad = true
		case !contains(PolicySteps, s):
			h := hint
			if guess := closest(s, PolicySteps); guess != "" {
				h = fmt.Sprintf("did you mean %q?", guess)
			}
			l.addAt(item, f, fmt.Sprintf("unknown step %q (the steps are police, others and knock)", clip(s)), h)
			bad = true
		case contains(out, s):
			l.addAt(item, f, fmt.Sprintf("%q is listed twice", s), "list each step once")
			bad = true
		default:
			out = append(out, s)
		}
	}
	if !bad && len(out) != len(PolicySteps) {
		var missing []string
		for _, s := range PolicySteps {
			if !contains(out, s) {
				missing = append(missing, s)
			}
		}
		l.addAt(v, "steps", fmt.Sprintf("must list all three steps; %s is missing", strings.Join(missing, " and ")),
			"the policy's steps may be put in another order, never left out: "+hint)
	}
	if bad {
		return nil
	}
	return out
}

// languages reads "languages: [sv, so]": the property is printed in each.
func (l *loader) languages(m *mapping) []string {
	v := m.get("languages")
	if v == nil {
		return nil
	}
	l.given["languages"] = true
	if m.get("language") != nil {
		l.addAt(v, "languages", "give either language: or languages:, not both",
			"write all the languages in languages: [sv, so], the first is the main one")
		return nil
	}
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		l.addAt(v, "languages", "must be a list of language codes, found "+describe(v),
			"write e.g. languages: [sv, so]")
		return nil
	}
	var out []string
	seen := map[string]bool{}
	items := l.limitList(v, "languages", len(l.opts.Texts.Codes()), "languages",
		fmt.Sprintf("there are %d languages, and each may be listed once", len(l.opts.Texts.Codes())))
	for i, item := range items {
		f := index("languages", i)
		s, ok := l.str(item, f, 0, false)
		if !ok {
			continue
		}
		if !contains(l.opts.Texts.Codes(), s) {
			l.addAt(item, f, fmt.Sprintf("unknown language %q (known: %s)", clip(s), strings.Join(l.opts.Texts.Codes(), ", ")), "")
			continue
		}
		if seen[s] {
			l.addAt(item, f, fmt.Sprintf("%q is listed twice", s), "list each language once")
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// checkBytes reports the first byte sequence that is not UTF-8 and the
// first control character, with their line and column (counted in
// characters, as the YAML parser counts them).
func (l *loader) checkBytes(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		l.add(l.at(1, 1), "", "the file is in UTF-16", "save it as UTF-8")
		return false
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			l.add(l.at(line, col), "", fmt.Sprintf("the file is not valid UTF-8 (byte 0x%02X)", src[i]),
				"save it as UTF-8; it may have been saved as Latin-1 or Windows-1252")
			return false
		case r == '\n':
			line, col = line+1, 1
		case r == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			line, col = line+1, 1
		case r == '\t':
			col++
		case r == '\uFEFF' && i == 0:
			// A byte order mark at the start is harmless.
		case unicode.IsControl(r):
			l.add(l.at(line, col), "", fmt.Sprintf("control character %U is not allowed", r),
				"remove it; it may have come along when text was copied from another program")
			return false
		case r == '\u2028' || r == '\u2029':
			l.add(l.at(line, col), "", fmt.Sprintf("line separator %U is not allowed", r),
				"use an ordinary line break")
			return false
		default:
			col++
		}
		i += size
	}
	return true
}

// refuseExtras reports anchors, aliases, merge keys and explicit tags
// anywhere in the tree. A property file needs none of them, and refusing
// them also rules out alias bombs.
func (l *loader) refuseExtras(n *yaml.Node, path string) {
	if n.Anchor != "" {
		l.addAt(n, path, fmt.Sprintf("anchors (&%s) are not allowed in a property file", clip(n.Anchor)),
			"write each value out in full")
	}
	if n.Kind == yaml.AliasNode {
		l.addAt(n, path, fmt.Sprintf("aliases (*%s) are not allowed in a property file", clip(n.Value)),
			"write the value out in full")
		return
	}
	if n.Style&yaml.TaggedStyle != 0 && !(n.Kind == yaml.ScalarNode && n.Tag == "!!str") && !isMergeKey(n) {
		l.addAt(n, path, fmt.Sprintf("tags such as %s are not allowed in a property file", clip(n.Tag)),
			`remove it; put text in quotes if it must not be read as a number`)
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			sub := path
			if isMergeKey(k) {
				l.addAt(k, path, "merge keys (<<) are not allowed in a property file",
					"write the fields out in full")
			} else if k.Kind == yaml.ScalarNode {
				sub = join(path, clip(k.Value))
			}
			l.refuseExtras(k, sub)
			l.refuseExtras(v, sub)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			l.refuseExtras(c, fmt.Sprintf("%s[%d]", path, i))
		}
	case yaml.DocumentNode:
		for _, c := range n.Content {
			l.refuseExtras(c, path)
		}
	}
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
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (name: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return strconv.Quote(clip(n.Value))
	case yaml.AliasNode:
		return "an alias"
	}
	return "something else"
}

// entry is one field of a mapping: its key and its value.
type entry struct{ key, val *yaml.Node }

// mapping is a checked YAML mapping: its fields by name, where to report
// a missing field, and the field path it stands for.
type mapping struct {
	path    string
	missing Position
	fields  map[string]entry
}

// mapping collects the fields of n, reporting unknown and repeated names.
func (l *loader) mapping(n *yaml.Node, path string, missing Position, known []string) *mapping {
	m := &mapping{path: path, missing: missing, fields: make(map[string]entry)}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode || isMergeKey(k) {
			continue // refused by refuseExtras
		}
		if k.Kind != yaml.ScalarNode {
			l.addAt(k, path, "a field name must be a plain word, found "+describe(k),
				"write name: value")
			continue
		}
		name := k.Value
		if name == "" || isNull(k) {
			l.addAt(k, path, "a value without a field name", "write name: value")
			continue
		}
		field := join(path, name)
		if !contains(known, name) {
			if l.full() {
				l.dropped++ // skip working out a hint nobody will see
				continue
			}
			l.addAt(k, join(path, clip(name)), fmt.Sprintf("unknown field %q", clip(name)), unknownHint(name, path, known))
			continue
		}
		if first, dup := m.fields[name]; dup {
			hint := "keep one"
			if strings.HasSuffix(path, "]") {
				// A list item whose "- " was left out runs on into the
				// item before it.
				hint = `keep one; if it starts a new item of the list, begin its first line with "- "`
			}
			l.addAt(k, field, fmt.Sprintf("field %q appears twice (first on line %d)", name, l.posOf(first.key).Line), hint)
			continue
		}
		m.fields[name] = entry{k, v}
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
	e, ok := m.fields[name]
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
	e, ok := m.fields[name]
	field := join(m.path, name)
	optional := l.kind == defaultsFile && !strings.HasPrefix(field, "contacts[") || l.defaults.gives(field)
	switch {
	case !ok && optional:
	case !ok:
		l.add(m.missing, field, fmt.Sprintf("missing required field %q", name), "add e.g. "+example+l.notInDefaults())
	case e.val.Kind == yaml.AliasNode:
	case isNull(e.val) && optional:
	case isNull(e.val):
		l.addAt(e.key, field, "is empty", "write e.g. "+example+l.notInDefaults())
	default:
		return e.val
	}
	return nil
}

// notInDefaults completes the hint for a missing required field when
// there are defaults, which do not give it either.
func (l *loader) notInDefaults() string {
	if l.defaults == nil {
		return ""
	}
	return "; the defaults in " + l.defaults.Values.Source + " do not give it either"
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
		e, ok := m.fields[name]
		if required && l.defaults.gives(field) && !(ok && e.val.Kind == yaml.AliasNode) {
			// The defaults give part of the section: its required
			// fields are checked against them.
			missing := m.missing
			if ok {
				missing = l.posOf(e.key)
			}
			return &mapping{path: field, missing: missing, fields: make(map[string]entry)}
		}
		return nil
	}
	if v.Kind != yaml.MappingNode {
		l.addAt(v, field, "must be a mapping of fields indented under "+name+":, found "+describe(v),
			"see `huskurage init` for an example")
		return nil
	}
	return l.mapping(v, field, l.posOf(m.fields[name].key), known)
}

// str checks a scalar that holds text and returns it trimmed. drawn says
// whether the text may be printed, so that the fonts must cover it. max is
// in characters; 0 means no limit. ok is false when a problem was reported.
func (l *loader) str(n *yaml.Node, field string, max int, drawn bool) (s string, ok bool) {
	if n.Kind != yaml.ScalarNode {
		hint := "write a single value"
		if n.Kind == yaml.MappingNode {
			hint = "check the indentation"
		}
		l.addAt(n, field, "must be text, found "+describe(n), hint)
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	s = strings.TrimSpace(n.Value)
	if !utf8.ValidString(s) {
		l.addAt(n, field, "is not valid UTF-8", "retype the text")
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
			l.addAt(n, field, "must be on one line", "write it on one line; a long text can be folded with >")
			return "", false
		case unicode.IsControl(r):
			l.addAt(n, field, fmt.Sprintf("contains the control character %U", r), "replace it with a space or remove it")
			return "", false
		case r == utf8.RuneError:
			l.addAt(n, field, "contains the replacement character U+FFFD (�), a sign that the text was damaged when it was copied or converted",
				"retype the text")
			return "", false
		}
	}
	if count := utf8.RuneCountInString(s); max > 0 && count > max {
		l.addAt(n, field, fmt.Sprintf("is %d characters long; at most %d are allowed", count, max), "shorten it")
		return "", false
	}
	if drawn && l.opts.Covers != nil {
		for _, r := range s {
			if r != ' ' && !l.opts.Covers(r) {
				l.addAt(n, field, fmt.Sprintf("character %s cannot be drawn by the embedded fonts", runeText(r)),
					"remove it or write it in Latin letters")
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
		l.addAt(v, field, "is empty", "write e.g. "+example)
	}
	return s
}

// top checks the top-level mapping and everything under it.
func (l *loader) top(root *yaml.Node) {
	if root.Kind != yaml.MappingNode {
		l.addAt(root, "", "a property file must be a mapping of fields (landlord:, property:, qr: …), found "+describe(root),
			"start from `huskurage init`")
		return
	}
	m := l.mapping(root, "", l.start, topKeys)
	p := l.p

	if v := m.get("version"); v != nil {
		l.version(v)
	}
	p.ID = l.id(m)
	p.Language = l.language(m)
	p.Languages = l.languages(m)

	if lm := l.sub(m, "landlord", true, `"landlord:" with "name: Bostads AB Exempel" indented under it`, landlordKeys); lm != nil {
		p.Landlord.Name = l.requiredText(lm, "name", maxName, "name: Bostads AB Exempel")
		p.Landlord.Phone = l.phone(lm, "phone", false)
		p.Landlord.Email = l.email(lm)
		p.Landlord.Website = l.url(lm, "website", false, maxWebsite)
		p.Landlord.Logo = l.logo(lm)
	}

	if bm := l.sub(m, "property", true, `"property:" with address:, postal_code: and city: indented under it`, buildingKeys); bm != nil {
		p.Building.Name = l.text(bm, "name", maxName)
		p.Building.Address = l.requiredText(bm, "address", maxAddress, "address: Storgatan 7")
		p.Building.PostalCode = l.postalCode(bm)
		p.Building.City = l.requiredText(bm, "city", maxName, "city: Nödinge")
		if e, ok := bm.fields["entrances"]; ok && l.kind == defaultsFile {
			l.addAt(e.key, "property.entrances", "entrances are never inherited",
				"list the entrances in each property file")
		} else {
			p.Building.Entrances = l.entrances(bm)
		}
		if e, ok := bm.fields["apartments"]; ok && l.kind == defaultsFile {
			l.addAt(e.key, "property.apartments", "the number of apartments is never inherited",
				"give it in each property file")
		} else if v := bm.get("apartments"); v != nil {
			p.Building.Apartments = l.apartments(v)
		} else if l.kind == propertyFile {
			// It prints, but a print order cannot say how many leaflets
			// the building needs.
			l.warn(bm.missing, "property.apartments",
				"not given: the print order's cover says the number of leaflets is unknown",
				"add the number of apartments under property:, e.g. apartments: 24")
		}
	}

	p.Contacts = l.mergeContacts(l.contacts(m))
	p.Steps = l.steps(m)
	p.SupportLines = l.supportLines(m)

	if qm := l.sub(m, "qr", true, `"qr:" with "url: https://example.org/huskurage" indented under it`, qrKeys); qm != nil {
		p.QR.URL = l.url(qm, "url", true, MaxQRURL)
		p.QR.Caption = l.texts(qm, "caption", maxCaption)
	}

	if tm := l.sub(m, "theme", false, "", themeKeys); tm != nil {
		p.Theme = l.theme(tm)
	}

	if l.missingID {
		example := "hus-7"
		if p.Building.Address != "" {
			example = safeVersion(p.Building.Address)
		}
		l.add(l.start, "id", "missing id; each property in a file with several needs its own",
			"add e.g. id: "+example)
	}
}

// MaxApartments is the most apartments a property may give.
const MaxApartments = 100000

// apartments reads the number of apartments: the leaflets to print.
func (l *loader) apartments(v *yaml.Node) int {
	const field = "property.apartments"
	l.p.pos[field] = l.posOf(v)
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if v.Kind != yaml.ScalarNode || err != nil {
		l.addAt(v, field, "must be a whole number, found "+describe(v), "write e.g. apartments: 24")
		return 0
	}
	if n < 1 || n > MaxApartments {
		l.addAt(v, field, fmt.Sprintf("%d is not a number of apartments", n),
			fmt.Sprintf("give a number from 1 to %d", MaxApartments))
		return 0
	}
	return n
}

func (l *loader) version(v *yaml.Node) {
	if v.Kind != yaml.ScalarNode {
		l.addAt(v, "version", "must be a whole number, found "+describe(v), "write version: 1")
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if err != nil {
		l.addAt(v, "version", "must be a whole number, found "+describe(v), "write version: 1")
		return
	}
	if n != FormatVersion {
		l.addAt(v, "version", fmt.Sprintf("version %d is not supported", n),
			fmt.Sprintf("this huskurage reads version %d files", FormatVersion))
	}
}

// id reads the id or derives it from the file name. It never rewrites an
// id; an unsafe one is an error with a safe suggestion.
func (l *loader) id(m *mapping) string {
	if l.kind == defaultsFile {
		if e, ok := m.fields["id"]; ok {
			l.addAt(e.key, "id", "a defaults file has no id", "each property has its own; remove this line")
		}
		return ""
	}
	if v := m.get("id"); v != nil {
		s, ok := l.str(v, "id", 0, false)
		if !ok {
			return ""
		}
		if s == "" {
			l.addAt(v, "id", "is empty", "write e.g. id: "+safeVersion(l.fileStem()))
			return ""
		}
		if !SafeID(s) {
			l.addAt(v, "id", fmt.Sprintf("%q is not a safe id", clip(s)),
				"use 1–64 of a-z, 0-9 and '-', not starting or ending with '-', e.g. id: "+safeVersion(s))
			return ""
		}
		return s
	}
	if _, ok := m.fields["id"]; ok {
		// "id:" with nothing after it.
		l.addAt(m.fields["id"].key, "id", "is empty", "write e.g. id: "+safeVersion(l.fileStem()))
		return ""
	}
	if l.needID {
		l.missingID = true
		return ""
	}
	stem := l.fileStem()
	if stem == "" {
		l.add(l.start, "id", "missing id, and there is no file name to take it from", "add e.g. id: hus-7")
		return ""
	}
	id := strings.ToLower(stem)
	if !SafeID(id) {
		l.add(l.start, "id", fmt.Sprintf("the file name %q does not make a safe id", clip(filepath.Base(l.file))),
			"add id: "+safeVersion(stem))
		return ""
	}
	l.p.notes["id"] = "from the file name"
	return id
}

// fileStem is the file's base name without a .yaml or .yml extension.
func (l *loader) fileStem() string {
	if l.file == "" {
		return ""
	}
	base := filepath.Base(l.file)
	ext := filepath.Ext(base)
	if e := strings.ToLower(ext); e == ".yaml" || e == ".yml" {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "." || base == string(filepath.Separator) {
		return ""
	}
	return base
}

// SafeID reports whether id is 1–64 characters of a-z, 0-9 and '-', not
// starting or ending with '-'. Ids name output files.
func SafeID(id string) bool {
	if len(id) < 1 || len(id) > 64 || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

var foldLetters = strings.NewReplacer(
	"å", "a", "ä", "a", "à", "a", "á", "a", "â", "a", "æ", "ae",
	"ö", "o", "ø", "o", "ó", "o", "ò", "o", "ô", "o",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"ü", "u", "ú", "u", "ù", "u", "í", "i", "ì", "i", "ï", "i", "ß", "ss",
)

// safeVersion suggests a safe id for s.
func safeVersion(s string) string {
	s = foldLetters.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 64 {
				break
			}
		} else {
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "property"
	}
	return out
}

func (l *loader) language(m *mapping) string {
	v := m.get("language")
	if v == nil {
		return l.defaultLanguage()
	}
	s, ok := l.str(v, "language", 0, false)
	if !ok {
		return ""
	}
	if s == "" {
		return l.defaultLanguage()
	}
	if contains(l.opts.Texts.Codes(), s) {
		return s
	}
	hint := ""
	if lower := strings.ToLower(s); contains(l.opts.Texts.Codes(), lower) {
		hint = "write it in lower case: language: " + lower
	}
	l.addAt(v, "language", fmt.Sprintf("unknown language %q (known: %s)", clip(s), strings.Join(l.opts.Texts.Codes(), ", ")), hint)
	return ""
}

// defaultLanguage is the language of a property that names none: "sv",
// or "" in a defaults file, which gives only what it says.
func (l *loader) defaultLanguage() string {
	if l.kind == defaultsFile {
		return ""
	}
	l.p.notes["language"] = "default"
	return "sv"
}

func (l *loader) phone(m *mapping, name string, required bool) string {
	v, field, s := l.value(m, name, required, "phone: 0303-70 30 00")
	if s == "" {
		return ""
	}
	if problem, hint := checkPhone(s); problem != "" {
		l.addAt(v, field, problem, hint)
		return ""
	}
	return normalPhone(s)
}

// value reads a one-line text that may be required: it returns the node,
// the field's path and the text, "" when it is absent, empty or wrong
// (reported, with example as the hint for a required one).
func (l *loader) value(m *mapping, name string, required bool, example string) (*yaml.Node, string, string) {
	var v *yaml.Node
	if required {
		v = l.requireField(m, name, example)
	} else {
		v = m.get(name)
	}
	if v == nil {
		return nil, "", ""
	}
	field := join(m.path, name)
	s, ok := l.str(v, field, 0, true)
	if !ok {
		return v, field, ""
	}
	if s == "" && required {
		l.addAt(v, field, "is empty", "write e.g. "+example)
	}
	return v, field, s
}

func (l *loader) email(m *mapping) string {
	v := m.get("email")
	if v == nil {
		return ""
	}
	field := join(m.path, "email")
	s, ok := l.str(v, field, maxEmail, true)
	if !ok || s == "" {
		return ""
	}
	if problem := checkEmail(s); problem != "" {
		l.addAt(v, field, problem, "write e.g. email: info@example.org")
		return ""
	}
	return s
}

// checkEmail returns what is wrong with an e-mail address, or "".
func checkEmail(s string) string {
	if strings.ContainsFunc(s, unicode.IsSpace) {
		return "an e-mail address cannot contain spaces"
	}
	local, domain, ok := strings.Cut(s, "@")
	switch {
	case !ok:
		return "is not an e-mail address: it has no @"
	case strings.Contains(domain, "@"):
		return "is not an e-mail address: it has more than one @"
	case local == "":
		return "is not an e-mail address: nothing before the @"
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.Contains(domain, ".."):
		return fmt.Sprintf("is not an e-mail address: %q is not a domain", clip(domain))
	}
	return ""
}

// url reads a field that holds an https address, kept exactly as written.
// max is in bytes.
func (l *loader) url(m *mapping, name string, required bool, max int) string {
	v, field, s := l.value(m, name, required, name+": https://example.org/huskurage")
	if s == "" {
		return ""
	}
	if len(s) > max {
		l.addAt(v, field, fmt.Sprintf("is %d bytes long; at most %d are allowed", len(s), max), "use a shorter link")
		return ""
	}
	why := "pages reached over http can be tampered with"
	if name == "url" {
		why = "a QR code that opens an insecure page can be tampered with"
	}
	if problem, hint := checkURL(s, why); problem != "" {
		l.addAt(v, field, problem, hint)
		return ""
	}
	return s
}

func (l *loader) postalCode(m *mapping) string {
	const example = "postal_code: 449 30"
	s := l.requiredText(m, "postal_code", maxPostalCode, example)
	if s == "" {
		return ""
	}
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r), r == ' ', r == '-':
		default:
			l.addAt(m.fields["postal_code"].val, "property.postal_code",
				fmt.Sprintf("character %s is not allowed in a postal code", runeText(r)), "write e.g. "+example)
			return ""
		}
	}
	if digits == 0 {
		l.addAt(m.fields["postal_code"].val, "property.postal_code", "a postal code has digits", "write e.g. "+example)
		return ""
	}
	// A code of digits alone is Swedish (one with letters may be
	// another country's): five digits, so that a digit lost in typing,
	// or a spreadsheet cell cut short, is found before printing.
	if digits != 5 && strings.Trim(s, "0123456789 ") == "" {
		l.addAt(m.fields["postal_code"].val, "property.postal_code", fmt.Sprintf("%q is not a Swedish postal code", s),
			"five digits, e.g. 449 30")
		return ""
	}
	return s
}

func (l *loader) entrances(m *mapping) []string {
	v := m.get("entrances")
	if v == nil {
		return nil
	}
	field := join(m.path, "entrances")
	if v.Kind != yaml.SequenceNode {
		l.addAt(v, field, "must be a list, found "+describe(v), "write e.g. entrances: [7A, 7B]")
		return nil
	}
	var out []string
	first := make(map[string]int) // lower-cased entrance -> line
	items := l.limitList(v, field, MaxEntrances, "entrances",
		"a property file is one building or block; describe a larger estate as several properties")
	for i, item := range items {
		f := index(field, i)
		l.p.pos[f] = l.posOf(item)
		if item.Kind == yaml.AliasNode {
			continue
		}
		s, ok := l.str(item, f, maxEntrance, true)
		if !ok {
			continue
		}
		if s == "" {
			l.addAt(item, f, "is empty", "remove the empty entry")
			continue
		}
		key := strings.ToLower(s)
		if line, dup := first[key]; dup {
			l.addAt(item, f, fmt.Sprintf("entrance %q is listed twice (first on line %d)", s, line), "remove one")
			continue
		}
		first[key] = l.posOf(item).Line
		out = append(out, s)
	}
	return out
}

// contactItem is one contact as the file lists it.
type contactItem struct {
	Contact
	index  int  // its place in the file's list
	remove bool // remove: true, which drops the inherited contact Name
	bad    bool // remove: is neither true nor false
}

// contacts reads the contacts as the file lists them; mergeContacts puts
// them together with inherited ones.
func (l *loader) contacts(m *mapping) []contactItem {
	v := m.get("contacts")
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		l.addAt(v, "contacts", "must be a list of contacts, found "+describe(v),
			"start each contact with \"- name:\", see `huskurage init`")
		return nil
	}
	var out []contactItem
	first := make(map[string]int) // contactKey -> line, in a defaults file
	items := l.limitList(v, "contacts", MaxContacts, "contacts",
		"more do not fit on a poster; keep the ones tenants need most")
	for i, item := range items {
		f := index("contacts", i)
		l.p.pos[f] = l.posOf(item)
		if item.Kind == yaml.AliasNode {
			continue
		}
		if item.Kind != yaml.MappingNode {
			l.addAt(item, f, "a contact must be a mapping with name: and phone:, found "+describe(item),
				"write e.g. - name: Socialtjänsten, then phone: on the next line, indented")
			continue
		}
		cm := l.mapping(item, f, l.posOf(item), contactKeys)
		c := contactItem{index: i}
		c.remove, c.bad = l.remove(cm)
		c.Name = l.requiredText(cm, "name", maxName, "name: Socialtjänsten")
		if c.remove {
			for _, name := range []string{"phone", "hours", "note"} {
				if e, ok := cm.fields[name]; ok {
					l.addAt(e.key, join(f, name), "a contact with remove: true only names the inherited contact to leave out",
						"delete this line, or delete remove: true to replace the inherited contact instead")
				}
			}
		} else {
			// After a bad remove: it is not known whether a phone is needed.
			c.Phone = l.phone(cm, "phone", !c.bad)
			c.Hours = l.texts(cm, "hours", maxHours)
			c.Note = l.texts(cm, "note", maxNote)
		}
		if l.kind == defaultsFile && c.Name != "" {
			// Properties replace and remove inherited contacts by name,
			// so a name must say which one.
			key := contactKey(c.Name)
			if line, dup := first[key]; dup {
				l.addAt(cm.fields["name"].val, join(f, "name"),
					fmt.Sprintf("contact %q is listed twice (first on line %d)", c.Name, line),
					"a property replaces or removes an inherited contact by its name; keep one")
			} else {
				first[key] = l.posOf(cm.fields["name"].val).Line
			}
		}
		out = append(out, c)
	}
	return out
}

// remove reads a contact's remove: field; bad is set when it is neither
// true nor false.
func (l *loader) remove(cm *mapping) (remove, bad bool) {
	v := cm.get("remove")
	if v == nil {
		return false, false
	}
	field := join(cm.path, "remove")
	var value string
	if v.Kind == yaml.ScalarNode {
		value = strings.ToLower(strings.TrimSpace(v.Value))
	}
	switch {
	case value == "false":
		return false, false
	case value != "true":
		l.addAt(v, field, "must be true or false, found "+describe(v),
			"write remove: true to leave out the inherited contact of this name")
		return false, true
	case l.kind == defaultsFile:
		l.addAt(v, field, "a defaults file has no inherited contacts to remove", "delete the contact instead")
	}
	return true, false
}

func (l *loader) supportLines(m *mapping) []string {
	v := m.get("support_lines")
	if v == nil {
		if l.kind == defaultsFile {
			return nil
		}
		l.p.notes["support_lines"] = "default"
		return append([]string(nil), helpline.Default...)
	}
	if v.Kind != yaml.SequenceNode {
		l.addAt(v, "support_lines", "must be a list, found "+describe(v),
			"write e.g. support_lines: [kvinnofridslinjen, bris], or [] for none")
		return nil
	}
	out := []string{}
	first := make(map[string]int)
	for i, item := range v.Content {
		f := index("support_lines", i)
		l.p.pos[f] = l.posOf(item)
		if item.Kind == yaml.AliasNode {
			continue
		}
		s, ok := l.str(item, f, 0, false)
		if !ok {
			continue
		}
		if s == "" {
			l.addAt(item, f, "is empty", "remove the empty entry")
			continue
		}
		if _, known := helpline.Lookup(s); !known {
			hint := ""
			if guess := closest(strings.ToLower(s), helpline.IDs()); guess != "" {
				hint = fmt.Sprintf("did you mean %q?", guess)
			}
			l.addAt(item, f, helpline.UnknownError(clip(s)).Error(), hint)
			continue
		}
		if line, dup := first[s]; dup {
			l.addAt(item, f, fmt.Sprintf("%q is listed twice (first on line %d)", s, line), "remove one")
			continue
		}
		first[s] = l.posOf(item).Line
		out = append(out, s)
	}
	return out
}

func (l *loader) theme(m *mapping) Theme {
	e, ok := m.fields["color"]
	if !ok {
		return Theme{}
	}
	if isNull(e.val) {
		// color: #1F4E79 without quotes is a comment in YAML.
		for _, c := range []string{e.key.LineComment, e.val.LineComment} {
			if looksLikeColor(c) {
				l.addAt(e.key, "theme.color", "the colour was read as a comment, because # starts a comment in YAML",
					fmt.Sprintf("put it in quotes: color: %q", strings.Fields(c)[0]))
				return Theme{}
			}
		}
		return Theme{}
	}
	if e.val.Kind == yaml.AliasNode {
		return Theme{}
	}
	s, ok := l.str(e.val, "theme.color", 0, false)
	if !ok || s == "" {
		return Theme{}
	}
	rgb, ok := parseColor(s)
	if !ok {
		l.addAt(e.val, "theme.color", fmt.Sprintf("%q is not a colour written as #RRGGBB", clip(s)),
			`write e.g. color: "#1F4E79", in quotes`)
		return Theme{}
	}
	if ratio := ContrastWithWhite(rgb); ratio < 4.5 {
		shown := float64(int(ratio*100)) / 100 // never round up to 4.5
		l.addAt(e.val, "theme.color", fmt.Sprintf("white text on %s has a contrast of %.2f:1; at least 4.5:1 is needed", s, shown),
			"choose a darker colour")
		return Theme{}
	}
	return Theme{Color: s, RGB: rgb}
}

func looksLikeColor(comment string) bool {
	f := strings.Fields(comment)
	if len(f) == 0 {
		return false
	}
	_, ok := parseColor(f[0])
	return ok
}

// parseColor parses "#RRGGBB" in either case.
func parseColor(s string) ([3]uint8, bool) {
	var rgb [3]uint8
	if len(s) != 7 || s[0] != '#' {
		return rgb, false
	}
	for i := range rgb {
		v, err := strconv.ParseUint(s[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return rgb, false
		}
		rgb[i] = uint8(v)
	}
	return rgb, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
