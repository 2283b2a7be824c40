package property

import (
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"huskurage/helpline"
)

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
			hint := Textf("write one text, or one line per language such as sv: … and ar: …")
			if guess := closest(strings.ToLower(code), l.opts.Texts.Codes()); guess != "" {
				hint = Textf("did you mean %q?", guess)
			}
			l.addAt(k, f, Textf("%q is not a language code (known: %s)", clip(code), strings.Join(l.opts.Texts.Codes(), ", ")), hint)
			continue
		case out[code] != "":
			l.addAt(k, f, Textf("%q appears twice", code), Textf("keep one"))
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
	place := func(t *Texts) {
		s, ok := (*t)[""]
		if !ok {
			return
		}
		// A new map: t may be shared with the defaults.
		*t = Texts{p.Language: s}
	}
	for _, f := range textsFields {
		if f.value != nil {
			place(f.value(p).(*Texts))
			continue
		}
		for i := range p.Contacts {
			place(f.item(&p.Contacts[i]).(*Texts))
		}
	}
	if len(p.Languages) < 2 {
		return
	}
	for _, lang := range p.Languages {
		name := l.languageName(lang)
		for _, f := range textsFields {
			if f.value != nil {
				l.warnLanguage(f, f.Path, *f.value(p).(*Texts), lang, name)
				continue
			}
			for i := range p.Contacts {
				field := index("contacts", i) + "." + f.name
				l.warnLanguage(f, field, *f.item(&p.Contacts[i]).(*Texts), lang, name)
			}
		}
	}
}

// warnLanguage warns when the documents in lang (named name) will carry
// the text t of field f in another language, or our own text instead.
func (l *loader) warnLanguage(f *Field, field string, t Texts, lang string, name languageArg) {
	if len(t) == 0 || t.In(lang) != "" {
		return
	}
	p := l.p
	if f.Builtin {
		l.warn(p.Pos(field), field, Textf("has no text in %s; the %s documents print our own %s", name, name, phraseArg(f.Noun)),
			Textf("add %s: with the %s in %s under %s:", lang, phraseArg(f.Noun), name, f.name))
		return
	}
	_, in := t.For(lang, p.Language)
	l.warn(p.Pos(field), field, Textf("is given only in %s; the %s documents print it in %s", l.languageName(in), name, l.languageName(in)),
		Textf("add %s: with the text in %s under %s:", lang, name, f.name))
}

// textsFields are the fields that hold text per language, in the order
// of the table.
var textsFields = func() []*Field {
	var out []*Field
	for _, f := range allFields {
		if f.Kind == KindTexts {
			out = append(out, f)
		}
	}
	return out
}()

// languageName is a language's name, for messages: English, and
// Swedish when the message is said in Swedish.
func (l *loader) languageName(code string) languageArg {
	if l, err := l.opts.Texts.Load(code); err == nil && l.EnglishName != "" {
		return languageArg{code: code, english: l.EnglishName}
	}
	return languageArg{code: code, english: code}
}

// steps reads the order of the policy's three steps.
func (l *loader) steps(m *mapping, field *Field) []string {
	v := m.get(field.name)
	if v == nil {
		return l.defaultList(field)
	}
	hint := Textf("write steps: [police, others, knock] (the municipality's order, the default) or steps: [knock, others, police] (the older national order)")
	if v.Kind != yaml.SequenceNode {
		l.addAt(v, field.Path, Textf("must be a list of the three steps, found %s", describe(v)), hint)
		return nil
	}
	var out []string
	bad := false
	for i, item := range v.Content {
		f := index(field.Path, i)
		l.p.pos[f] = l.posOf(item)
		s, ok := l.str(item, f, 0, false)
		s = strings.ToLower(s)
		switch {
		case !ok:
			bad = true
		case !contains(PolicySteps, s):
			h := hint
			if guess := closest(s, PolicySteps); guess != "" {
				h = Textf("did you mean %q?", guess)
			}
			l.addAt(item, f, Textf("unknown step %q (the steps are police, others and knock)", clip(s)), h)
			bad = true
		case contains(out, s):
			l.addAt(item, f, Textf("%q is listed twice", s), Textf("list each step once"))
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
		// One message for each number missing, so that each can be said
		// in Swedish as a whole.
		var problem Text
		switch len(missing) {
		case 1:
			problem = Textf("must list all three steps; %s is missing", missing[0])
		case 2:
			problem = Textf("must list all three steps; %s and %s is missing", missing[0], missing[1])
		default:
			problem = Textf("must list all three steps; %s and %s and %s is missing", missing[0], missing[1], missing[2])
		}
		l.addAt(v, field.Path, problem, Textf("the policy's steps may be put in another order, never left out: %s", hint))
	}
	if bad {
		return nil
	}
	return out
}

// languages reads "languages: [sv, so]": the property is printed in each.
func (l *loader) languages(m *mapping, field *Field) []string {
	v := m.get(field.name)
	if v == nil {
		return nil
	}
	l.given[field.Path] = true
	if m.get(field.Excludes) != nil {
		l.addAt(v, field.Path, Textf("give either language: or languages:, not both"),
			Textf("write all the languages in languages: [sv, so], the first is the main one"))
		return nil
	}
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		l.addAt(v, field.Path, Textf("must be a list of language codes, found %s", describe(v)),
			Textf("write e.g. languages: [sv, so]"))
		return nil
	}
	var out []string
	seen := map[string]bool{}
	items := l.limitList(v, field.Path, len(l.opts.Texts.Codes()), field.name,
		Textf("there are %d languages, and each may be listed once", len(l.opts.Texts.Codes())))
	for i, item := range items {
		f := index(field.Path, i)
		s, ok := l.str(item, f, 0, false)
		if !ok {
			continue
		}
		if !contains(l.opts.Texts.Codes(), s) {
			l.addAt(item, f, Textf("unknown language %q (known: %s)", clip(s), strings.Join(l.opts.Texts.Codes(), ", ")), Text{})
			continue
		}
		if seen[s] {
			l.addAt(item, f, Textf("%q is listed twice", s), Textf("list each language once"))
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// MaxApartments is the most apartments a property may give.
const MaxApartments = 100000

// count reads a whole number from 1 to f.Max: the number of apartments,
// the leaflets to print.
func (l *loader) count(v *yaml.Node, f *Field) int {
	field := f.Path
	l.p.pos[field] = l.posOf(v)
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if v.Kind != yaml.ScalarNode || err != nil {
		l.addAt(v, field, Textf("must be a whole number, found %s", describe(v)), Textf("write e.g. %s", phraseArg(f.Example)))
		return 0
	}
	if n < 1 || n > f.Max {
		l.addAt(v, field, Textf("%d is not a number of %s", n, f.name),
			Textf("give a number from 1 to %d", f.Max))
		return 0
	}
	return n
}

func (l *loader) version(v *yaml.Node) {
	if v.Kind != yaml.ScalarNode {
		l.addAt(v, "version", Textf("must be a whole number, found %s", describe(v)), Textf("write version: 1"))
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if err != nil {
		l.addAt(v, "version", Textf("must be a whole number, found %s", describe(v)), Textf("write version: 1"))
		return
	}
	if n != FormatVersion {
		l.addAt(v, "version", Textf("version %d is not supported", n),
			Textf("this huskurage reads version %d files", FormatVersion))
	}
}

// id reads the id or derives it from the file name. It never rewrites an
// id; an unsafe one is an error with a safe suggestion.
func (l *loader) id(m *mapping, f *Field) string {
	if v := m.get(f.name); v != nil {
		s, ok := l.str(v, "id", 0, false)
		if !ok {
			return ""
		}
		if s == "" {
			l.addAt(v, "id", Textf("is empty"), Textf("write e.g. id: %s", safeVersion(l.fileStem())))
			return ""
		}
		if !SafeID(s) {
			l.addAt(v, "id", Textf("%q is not a safe id", clip(s)),
				Textf("use 1–64 of a-z, 0-9 and '-', not starting or ending with '-', e.g. id: %s", safeVersion(s)))
			return ""
		}
		return s
	}
	if _, ok := m.fields.lookup("id"); ok {
		// "id:" with nothing after it.
		l.addAt(m.fields.of("id").key, "id", Textf("is empty"), Textf("write e.g. id: %s", safeVersion(l.fileStem())))
		return ""
	}
	if l.needID {
		l.missingID = true
		return ""
	}
	stem := l.fileStem()
	if stem == "" {
		l.add(l.start, "id", Textf("missing id, and there is no file name to take it from"), Textf("add e.g. id: hus-7"))
		return ""
	}
	id := strings.ToLower(stem)
	if !SafeID(id) {
		l.add(l.start, "id", Textf("the file name %q does not make a safe id", clip(filepath.Base(l.file))),
			Textf("add id: %s", safeVersion(stem)))
		return ""
	}
	l.p.notes["id"] = f.DefaultNote
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

func (l *loader) language(m *mapping, f *Field) string {
	v := m.get(f.name)
	if v == nil {
		return l.defaultLanguage(f)
	}
	s, ok := l.str(v, "language", 0, false)
	if !ok {
		return ""
	}
	if s == "" {
		return l.defaultLanguage(f)
	}
	if contains(l.opts.Texts.Codes(), s) {
		return s
	}
	var hint Text
	if lower := strings.ToLower(s); contains(l.opts.Texts.Codes(), lower) {
		hint = Textf("write it in lower case: language: %s", lower)
	}
	l.addAt(v, "language", Textf("unknown language %q (known: %s)", clip(s), strings.Join(l.opts.Texts.Codes(), ", ")), hint)
	return ""
}

// defaultLanguage is the language of a property that names none: "sv",
// or "" in a defaults file, which gives only what it says.
func (l *loader) defaultLanguage(f *Field) string {
	if l.kind == defaultsFile {
		return ""
	}
	l.p.notes[f.Path] = f.DefaultNote
	return f.Default.(string)
}

// defaultList is the value of a list that a property leaves out: a copy
// of its default, or nil in a defaults file, which gives only what it
// says.
func (l *loader) defaultList(f *Field) []string {
	if l.kind == defaultsFile {
		return nil
	}
	l.p.notes[f.Path] = f.DefaultNote
	return append([]string(nil), f.Default.([]string)...)
}

func (l *loader) phone(m *mapping, f *Field, required bool) string {
	v, field, s := l.value(m, f.name, required, f.Example)
	if s == "" {
		return ""
	}
	if problem, hint := checkPhone(s); !problem.IsZero() {
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
		l.addAt(v, field, Textf("is empty"), Textf("write e.g. %s", phraseArg(example)))
	}
	return v, field, s
}

func (l *loader) email(m *mapping, f *Field) string {
	v := m.get(f.name)
	if v == nil {
		return ""
	}
	field := pathOf(m, f)
	s, ok := l.str(v, field, f.Max, true)
	if !ok || s == "" {
		return ""
	}
	if problem := checkEmail(s); !problem.IsZero() {
		l.addAt(v, field, problem, Textf("write e.g. %s", phraseArg(f.Example)))
		return ""
	}
	return s
}

// checkEmail returns what is wrong with an e-mail address, or "".
func checkEmail(s string) Text {
	if strings.ContainsFunc(s, unicode.IsSpace) {
		return Textf("an e-mail address cannot contain spaces")
	}
	local, domain, ok := strings.Cut(s, "@")
	switch {
	case !ok:
		return Textf("is not an e-mail address: it has no @")
	case strings.Contains(domain, "@"):
		return Textf("is not an e-mail address: it has more than one @")
	case local == "":
		return Textf("is not an e-mail address: nothing before the @")
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.Contains(domain, ".."):
		return Textf("is not an e-mail address: %q is not a domain", clip(domain))
	}
	return Text{}
}

// url reads a field that holds an https address, kept exactly as written.
// f.Max is in bytes.
func (l *loader) url(m *mapping, f *Field, required bool) string {
	v, field, s := l.value(m, f.name, required, f.Example)
	if s == "" {
		return ""
	}
	if len(s) > f.Max {
		l.addAt(v, field, Textf("is %d bytes long; at most %d are allowed", len(s), f.Max), Textf("use a shorter link"))
		return ""
	}
	if problem, hint := checkURL(s, phraseArg(f.Why)); !problem.IsZero() {
		l.addAt(v, field, problem, hint)
		return ""
	}
	return s
}

func (l *loader) postalCode(m *mapping, f *Field) string {
	example := f.Example
	s := l.requiredText(m, f.name, f.Max, example)
	if s == "" {
		return ""
	}
	field, v := pathOf(m, f), m.fields.of(f.name).val
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r), r == ' ', r == '-':
		default:
			l.addAt(v, field,
				Textf("character %s is not allowed in a postal code", runeText(r)), Textf("write e.g. %s", example))
			return ""
		}
	}
	if digits == 0 {
		l.addAt(v, field, Textf("a postal code has digits"), Textf("write e.g. %s", example))
		return ""
	}
	// A code of digits alone is Swedish (one with letters may be
	// another country's): five digits, so that a digit lost in typing,
	// or a spreadsheet cell cut short, is found before printing.
	if digits != 5 && strings.Trim(s, "0123456789 ") == "" {
		l.addAt(v, field, Textf("%q is not a Swedish postal code", s),
			Textf("five digits, e.g. 449 30"))
		return ""
	}
	return s
}

func (l *loader) entrances(m *mapping, f *Field) []string {
	v := m.get(f.name)
	if v == nil {
		return nil
	}
	field := pathOf(m, f)
	if v.Kind != yaml.SequenceNode {
		l.addAt(v, field, Textf("must be a list, found %s", describe(v)), Textf("write e.g. %s", f.Example))
		return nil
	}
	var out []string
	first := make(map[string]int) // lower-cased entrance -> line
	items, itemMax := l.limitList(v, field, f.Max, f.name, Textf("%s", phraseArg(f.Why))), f.ItemMax
	for i, item := range items {
		f := index(field, i)
		l.p.pos[f] = l.posOf(item)
		if item.Kind == yaml.AliasNode {
			continue
		}
		s, ok := l.str(item, f, itemMax, true)
		if !ok {
			continue
		}
		if s == "" {
			l.addAt(item, f, Textf("is empty"), Textf("remove the empty entry"))
			continue
		}
		key := strings.ToLower(s)
		if line, dup := first[key]; dup {
			l.addAt(item, f, Textf("entrance %q is listed twice (first on line %d)", s, line), Textf("remove one"))
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
// them together with inherited ones. Each contact's fields are read in
// the order of the table, remove: first, since it says which of the
// others may be given.
func (l *loader) contacts(m *mapping, f *Field) []contactItem {
	v := m.get(f.name)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		l.addAt(v, f.Path, Textf("must be a list of contacts, found %s", describe(v)),
			Textf("start each contact with \"- name:\", see `huskurage init`"))
		return nil
	}
	var out []contactItem
	first := make(map[string]int) // contactKey -> line, in a defaults file
	items := l.limitList(v, f.Path, f.Max, f.name, Textf("%s", phraseArg(f.Why)))
	for i, item := range items {
		at := index(f.Path, i)
		l.p.pos[at] = l.posOf(item)
		if item.Kind == yaml.AliasNode {
			continue
		}
		if item.Kind != yaml.MappingNode {
			l.addAt(item, at, Textf("a contact must be a mapping with name: and phone:, found %s", describe(item)),
				Textf("write e.g. - name: Socialtjänsten, then phone: on the next line, indented"))
			continue
		}
		cm := l.mapping(item, at, l.posOf(item), f.keys)
		c := contactItem{index: i}
		c.remove, c.bad = l.remove(cm)
		for _, sf := range f.fields {
			switch {
			case sf.Kind == KindRemove:
			case sf.Key:
				l.read(cm, sf, sf.item(&c.Contact), sf.Required)
			case c.remove:
				if e, ok := cm.fields.lookup(sf.name); ok {
					l.addAt(e.key, join(at, sf.name), Textf("a contact with remove: true only names the inherited contact to leave out"),
						Textf("delete this line, or delete remove: true to replace the inherited contact instead"))
				}
			default:
				// After a bad remove: it is not known whether a phone
				// is needed.
				l.read(cm, sf, sf.item(&c.Contact), sf.Required && !c.bad)
			}
		}
		if l.kind == defaultsFile && c.Name != "" {
			// Properties replace and remove inherited contacts by name,
			// so a name must say which one.
			key := contactKey(c.Name)
			name := cm.fields.of(contactKeyField.name).val
			if line, dup := first[key]; dup {
				l.addAt(name, join(at, contactKeyField.name),
					Textf("contact %q is listed twice (first on line %d)", c.Name, line),
					Textf("a property replaces or removes an inherited contact by its name; keep one"))
			} else {
				first[key] = l.posOf(name).Line
			}
		}
		out = append(out, c)
	}
	return out
}

// remove reads a contact's remove: field; bad is set when it is neither
// true nor false.
func (l *loader) remove(cm *mapping) (remove, bad bool) {
	v := cm.get(contactRemoveField.name)
	if v == nil {
		return false, false
	}
	field := join(cm.path, contactRemoveField.name)
	var value string
	if v.Kind == yaml.ScalarNode {
		value = strings.ToLower(strings.TrimSpace(v.Value))
	}
	switch {
	case value == "false":
		return false, false
	case value != "true":
		l.addAt(v, field, Textf("must be true or false, found %s", describe(v)),
			Textf("write remove: true to leave out the inherited contact of this name"))
		return false, true
	case l.kind == defaultsFile:
		l.addAt(v, field, Textf("a defaults file has no inherited contacts to remove"), Textf("delete the contact instead"))
	}
	return true, false
}

func (l *loader) supportLines(m *mapping, field *Field) []string {
	v := m.get(field.name)
	if v == nil {
		return l.defaultList(field)
	}
	if v.Kind != yaml.SequenceNode {
		l.addAt(v, field.Path, Textf("must be a list, found %s", describe(v)),
			Textf("write e.g. %s, or [] for none", field.Example))
		return nil
	}
	out := []string{}
	first := make(map[string]int)
	for i, item := range v.Content {
		f := index(field.Path, i)
		l.p.pos[f] = l.posOf(item)
		if item.Kind == yaml.AliasNode {
			continue
		}
		s, ok := l.str(item, f, 0, false)
		if !ok {
			continue
		}
		if s == "" {
			l.addAt(item, f, Textf("is empty"), Textf("remove the empty entry"))
			continue
		}
		if _, known := helpline.Lookup(s); !known {
			var hint Text
			if guess := closest(strings.ToLower(s), helpline.IDs()); guess != "" {
				hint = Textf("did you mean %q?", guess)
			}
			// The words of helpline.UnknownError, said here so that they
			// can be said in Swedish too.
			l.addAt(item, f, Textf("unknown support line %q (known: %s)", clip(s), strings.Join(helpline.IDs(), ", ")), hint)
			continue
		}
		if line, dup := first[s]; dup {
			l.addAt(item, f, Textf("%q is listed twice (first on line %d)", s, line), Textf("remove one"))
			continue
		}
		first[s] = l.posOf(item).Line
		out = append(out, s)
	}
	return out
}

func (l *loader) theme(m *mapping, f *Field) Theme {
	field := pathOf(m, f)
	e, ok := m.fields.lookup(f.name)
	if !ok {
		return Theme{}
	}
	if isNull(e.val) {
		// color: #1F4E79 without quotes is a comment in YAML.
		for _, c := range []string{e.key.LineComment, e.val.LineComment} {
			if looksLikeColor(c) {
				l.addAt(e.key, field, Textf("the colour was read as a comment, because # starts a comment in YAML"),
					Textf("put it in quotes: %s: %q", f.name, strings.Fields(c)[0]))
				return Theme{}
			}
		}
		return Theme{}
	}
	if e.val.Kind == yaml.AliasNode {
		return Theme{}
	}
	s, ok := l.str(e.val, field, 0, false)
	if !ok || s == "" {
		return Theme{}
	}
	rgb, ok := parseColor(s)
	if !ok {
		l.addAt(e.val, field, Textf("%q is not a colour written as #RRGGBB", clip(s)),
			Textf("write e.g. %s, in quotes", f.Example))
		return Theme{}
	}
	if ratio := ContrastWithWhite(rgb); ratio < 4.5 {
		shown := float64(int(ratio*100)) / 100 // never round up to 4.5
		l.addAt(e.val, field, Textf("white text on %s has a contrast of %.2f:1; at least 4.5:1 is needed", s, shown),
			Textf("choose a darker colour"))
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
