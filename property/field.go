package property

import (
	"fmt"
	"strings"
)

// Field is one field of a property file with everything about it, written
// once in the table in fields.go: what it holds, its limits, whether it is
// required, its default, how a defaults file combines with it, its
// comment in the starter file, its spreadsheet column and its label and
// help in a form. The loader, Summary, the starter file, the merging of
// defaults and the spreadsheet's columns are made from the table.
type Field struct {
	// Path is the field's place in the file: "landlord.phone"; a
	// contact's fields are "contacts[].phone". Errors name a field by
	// this path, with the list's index: "contacts[1].phone".
	Path string
	Kind Kind
	// Required fields must be given, by the property or its defaults.
	// A contact's required fields are required in each contact.
	Required bool
	// Max is the most characters of a text, bytes of a link, items of a
	// list or the largest number; 0 for none. ItemMax is the most
	// characters of each item of a list.
	Max, ItemMax int
	// Example is the line that hints suggest: "phone: 0303-70 30 00".
	Example string
	// Why is the reason for the field's rule, given in hints: why a link
	// must be https, why a list has its limit.
	Why string
	// Default is the value a property that leaves the field out gets (a
	// string or a []string), nil for none; DefaultNote says so in
	// Summary ("default").
	Default     any
	DefaultNote string
	// Merge says how a value in a defaults file combines with the
	// property's own.
	Merge Merge
	// Excludes names the other field of a pair that a file gives one of
	// (language and languages). A property that gives either inherits
	// neither.
	Excludes string
	// NotInDefaults is the problem a defaults file gets for a field it
	// may not give (Merge is MergeNever).
	NotInDefaults Message
	// IfMissing is the warning a property that leaves the field out
	// gets: it prints, but a person should look at it.
	IfMissing Message
	// Noun names what the field holds, in hints ("phone number").
	Noun string
	// Builtin is set for a text that the documents have a text of their
	// own for (the QR caption): a language the property gives no text in
	// prints ours.
	Builtin bool
	// Key is set for the field that names a list's item (a contact's
	// name): a property replaces or removes an inherited item by it.
	Key bool
	// Misnames are names a person may write for the field by mistake,
	// in Swedish mostly, for "did you mean".
	Misnames []string
	// Column is the field's spreadsheet column; nil for none.
	Column *Column
	// Label and Help are the field's label and help text in a form.
	Label, Help Words

	// starter is the field's part of the starter file (see starter.go).
	starter []block
	// tight leaves out the blank line the starter puts before a
	// top-level field.
	tight bool
	// value returns a pointer to the field's value in a property, item
	// in a contact; nil for a field that holds no value of its own
	// (version, a section, remove).
	value func(p *Property) any
	item  func(c *Contact) any
	// fields are a section's fields, or those of each item of a list.
	fields []*Field

	// Set up from the above by setupFields.
	name   string   // the last part of Path: "phone"
	keys   []string // the names of fields, in order
	parent *Field
}

// Kind says what a field holds: how it is read and checked, how Summary
// shows it and what a spreadsheet cell for it holds.
type Kind int

const (
	KindSection      Kind = iota // a mapping of fields: landlord:
	KindText                     // one line of printed text
	KindTexts                    // printed text, one line, given per language or as one text
	KindPhone                    // a phone number, printed as written
	KindEmail                    // an e-mail address
	KindURL                      // an https address
	KindPostalCode               // a postal code
	KindID                       // the property's id
	KindVersion                  // the file format's version
	KindLanguage                 // a language code
	KindLanguages                // a list of language codes
	KindTextList                 // a list of short texts (entrances)
	KindCount                    // a whole number from 1 to Max
	KindContacts                 // a list of contacts
	KindRemove                   // remove: true or false, in a contact
	KindSteps                    // the policy's three steps, in order
	KindSupportLines             // support line ids from package helpline
	KindLogo                     // the path to a PNG or JPEG file
	KindColor                    // a colour written #RRGGBB
)

// Merge says how a value in a defaults file combines with a property's.
type Merge int

const (
	// MergeNone: the field is no value of the property (version).
	MergeNone Merge = iota
	// MergeSingle: the property's own value wins, otherwise the
	// defaults' is used. A field written with no value counts as not
	// given; an empty text ("") counts as given.
	MergeSingle
	// MergeFields: a section, whose fields are merged one by one.
	MergeFields
	// MergeList: the property's list, even [], replaces the defaults'.
	MergeList
	// MergeByName: the defaults' items come first, then the property's;
	// a property's item with the Key of an inherited one replaces it in
	// its place, and one with remove: true leaves it out.
	MergeByName
	// MergeNever: never inherited; a defaults file may not give it.
	MergeNever
)

// Message is a problem and its hint, as in an Error.
type Message struct{ Problem, Hint Text }

// Words is a text in Swedish and in English.
type Words struct{ SV, EN string }

// In returns the text in lang: "sv" or "en".
func (w Words) In(lang string) string {
	if lang == "en" {
		return w.EN
	}
	return w.SV
}

// Column is how a spreadsheet gives a field, one property a row. A
// contact's columns are numbered: Header "namn" is read as "Kontakt 1
// namn", "Kontakt 2 namn" …, and "name" as "Contact 1 name".
type Column struct {
	Header  Words    // the header `init --spreadsheet` writes (SV), and the English one, read as well
	Aliases []string // other headers read as this column
	Format  Words    // what to write, for the workbook's explanation sheet and the README
	Example string   // the workbook's example value
}

// block is part of the starter file: a comment in each language and the
// lines of YAML after it (see starter.go for the marks they may hold).
type block struct{ sv, en, yaml string }

// topField is the top level of a property file: the fields of the table.
var topField = &Field{Kind: KindSection, fields: fieldTable}

// allFields are every field, depth first, in the order of the table.
var allFields = setupFields(topField, "", nil)

// fieldsByPath finds a field by its Path.
var fieldsByPath = func() map[string]*Field {
	out := make(map[string]*Field, len(allFields))
	for _, f := range allFields {
		out[f.Path] = f
	}
	return out
}()

// contactKeyField is the field that names a contact, contactRemoveField
// the one that leaves out an inherited contact.
var contactKeyField, contactRemoveField = func() (key, remove *Field) {
	for _, f := range fieldsByPath["contacts"].fields {
		switch {
		case f.Key:
			key = f
		case f.Kind == KindRemove:
			remove = f
		}
	}
	return key, remove
}()

// setupFields fills in what the table leaves to be worked out for the
// fields under f, and appends them to all, depth first. It checks what
// the compiler cannot: that each field's path is its place in the table,
// and that its value has the type its kind reads.
func setupFields(f *Field, prefix string, all []*Field) []*Field {
	for _, c := range f.fields {
		c.parent = f
		c.name = c.Path[strings.LastIndexAny(c.Path, ".]")+1:]
		if want := prefix + c.name; c.Path != want {
			panic(fmt.Sprintf("property: field %s stands where %s does", c.Path, want))
		}
		if c.value != nil {
			checkValueType(c, c.value(&Property{}))
		}
		if c.item != nil {
			checkValueType(c, c.item(&Contact{}))
		}
		f.keys = append(f.keys, c.name)
		all = append(all, c)
		sub := c.Path + "."
		if c.Kind == KindContacts {
			sub = c.Path + "[]."
		}
		all = setupFields(c, sub, all)
	}
	return all
}

// checkValueType panics when a field's value is not what its kind reads.
func checkValueType(f *Field, v any) {
	ok := false
	switch v.(type) {
	case *string:
		ok = f.Kind == KindText || f.Kind == KindPhone || f.Kind == KindEmail || f.Kind == KindURL ||
			f.Kind == KindPostalCode || f.Kind == KindID || f.Kind == KindLanguage
	case *Texts:
		ok = f.Kind == KindTexts
	case *[]string:
		ok = f.Kind == KindLanguages || f.Kind == KindTextList || f.Kind == KindSteps || f.Kind == KindSupportLines
	case *int:
		ok = f.Kind == KindCount
	case *[]Contact:
		ok = f.Kind == KindContacts
	case **Image:
		ok = f.Kind == KindLogo
	case *Theme:
		ok = f.Kind == KindColor
	}
	if !ok {
		panic(fmt.Sprintf("property: field %s holds %T, which its kind does not read", f.Path, v))
	}
}

// Fields returns every field of a property file, depth first in the order
// of the file: a section before its fields, contacts before a contact's
// fields. The result is a copy.
func Fields() []Field {
	out := make([]Field, len(allFields))
	for i, f := range allFields {
		out[i] = *f
		out[i].Misnames = append([]string(nil), f.Misnames...)
		if f.Column != nil {
			c := *f.Column
			c.Aliases = append([]string(nil), c.Aliases...)
			out[i].Column = &c
		}
	}
	return out
}

// InList reports whether the field is a field of each item of a list
// (a contact's).
func (f *Field) InList() bool { return strings.Contains(f.Path, "[]") }

// set reports whether a value holds anything: a text that is not empty, a
// list given (even empty), a logo, a colour.
func set(v any) bool {
	switch v := v.(type) {
	case *string:
		return *v != ""
	case *Texts:
		return len(*v) > 0
	case *[]string:
		return *v != nil
	case **Image:
		return *v != nil
	case *Theme:
		return v.Color != ""
	case *int:
		return *v != 0
	}
	return false
}

// copyValue copies the value src points at into dst; a list is copied,
// so that the two never share items.
func copyValue(dst, src any) {
	switch d := dst.(type) {
	case *string:
		*d = *src.(*string)
	case *Texts:
		*d = *src.(*Texts)
	case *[]string:
		*d = append([]string{}, *src.(*[]string)...)
	case **Image:
		*d = *src.(**Image)
	case *Theme:
		*d = *src.(*Theme)
	case *int:
		*d = *src.(*int)
	default:
		panic(fmt.Sprintf("property: cannot copy a %T", dst))
	}
}
