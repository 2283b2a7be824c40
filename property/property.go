package property

import (
	"sort"
	"strconv"
	"strings"
)

// FormatVersion is the version of the property file format that this
// package reads. A file may say `version: 1`; any other value is an error.
const FormatVersion = 1

// Property is one building (one YAML file) after loading and validation.
// Every string is trimmed; optional fields that were absent are empty.
type Property struct {
	// Source is the path the property was loaded from, as given.
	Source string
	// ID is the safe file-name stem: [a-z0-9-], 1–64 characters.
	// Default: the file's base name without extension, lowercased.
	ID string
	// Language is the document language code; default "sv".
	Language string
	// Languages are every language the documents are printed in, the
	// first being Language. YAML key "languages"; default [Language].
	Languages []string

	Landlord Landlord
	Building Building // YAML key "property"
	Contacts []Contact
	// Steps are the policy's three steps in the order to print them:
	// "police", "others", "knock". YAML key "steps"; default PolicySteps.
	Steps []string
	// SupportLines are ids from package helpline, in the order to print.
	// YAML key "support_lines"; default: helpline.Default.
	SupportLines []string
	QR           QR
	Theme        Theme

	// Warnings are things that print but that a person should look at
	// before printing (an unknown apartment count, text given in one
	// language only). They read like errors; check prints them and build
	// and batch go on. Sorted by position.
	Warnings ErrorList

	// pos maps a field path such as "landlord.name" or "contacts[1].phone"
	// to where its value stands: in the property's file, or in the
	// defaults file for an inherited value.
	pos map[string]Position
	// start is where the property's document starts; zero for a
	// Property built in code.
	start Position
	// notes says where values the file does not give came from, for
	// Summary: "from ale.yaml:12", "default", "from the file name".
	notes map[string]string
}

// Landlord is the landlord or housing cooperative that adopted Huskurage.
type Landlord struct {
	Name    string // required
	Phone   string
	Email   string
	Website string // https only
	Logo    *Image // nil when the file names no logo
}

// Image is a logo read and checked at load time.
type Image struct {
	Path   string // resolved path on disk
	Format string // "PNG" or "JPEG"
	Width  int    // pixels
	Height int    // pixels
	Data   []byte // the file's bytes
}

// Building is the address the documents are for.
type Building struct {
	Name       string // optional, e.g. "Kvarteret Linden"
	Address    string // required
	PostalCode string // required, YAML key "postal_code"
	City       string // required
	// Entrances such as ["7A", "7B"]: one poster per entrance.
	Entrances []string
	// Apartments is the number of apartments, the leaflets to print; 0
	// when the file does not say.
	Apartments int
}

// Contact is a local number shown after the emergency numbers.
type Contact struct {
	Name  string // required; printed as written in every language
	Phone string // required
	Hours Texts  // optional, e.g. "mån–fre 8–17"
	Note  Texts  // optional
}

// QR is the link printed as a QR code.
type QR struct {
	URL     string // required, https only
	Caption Texts  // optional
}

// Texts is a text a property gives in one or more languages, by language
// code. In the file it is a plain string, which is in the property's
// first language, or a mapping such as {sv: …, ar: …}. Empty when not
// given.
type Texts map[string]string

// In returns the text in lang, or "".
func (t Texts) In(lang string) string { return t[lang] }

// Langs returns the languages the text is given in, sorted.
func (t Texts) Langs() []string {
	out := make([]string, 0, len(t))
	for l := range t {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// For returns the text to print on a document in lang, and the language
// it is in: the text in lang when given, else the text in first (the
// property's language), else in the first language given in code order.
// It returns "", "" for a text not given.
func (t Texts) For(lang, first string) (text, in string) {
	if s, ok := t[lang]; ok {
		return s, lang
	}
	if s, ok := t[first]; ok {
		return s, first
	}
	if langs := t.Langs(); len(langs) > 0 {
		return t[langs[0]], langs[0]
	}
	return "", ""
}

// PolicySteps are the three steps in the municipality's order (Ale
// kommun): call the police first, get help from others, knock on the
// door. The older national wording lists them the other way round.
var PolicySteps = []string{"police", "others", "knock"}

// Theme is the landlord's accent colour.
type Theme struct {
	// Color is "#RRGGBB" as written, or "" for the default.
	Color string
	// RGB is Color parsed; valid only when Color != "".
	RGB [3]uint8
}

// Position is a place in a source file; Line and Col start at 1.
type Position struct {
	File string
	Line int
	Col  int
	// Cell, when not empty, is how a person finds the place in a file
	// that is not a text of lines, and is written instead of Line:Col:
	// "Fastigheter!C14" in a workbook, "14:3 (Postnummer)" in a CSV file.
	// Line and Col are then the cell's row and column, for sorting.
	Cell string
}

// String formats the position as "file:line:col", or "file:cell" for a
// spreadsheet cell.
func (p Position) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteByte(':')
	}
	if p.Cell != "" {
		b.WriteString(p.Cell)
	} else {
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Col))
	}
	return b.String()
}

// Pos returns where the value of field stands. field is a path as used
// in errors: "landlord.name", "contacts[0].phone", "property.entrances[1]";
// indexes count the merged lists (Contacts[0] is "contacts[0]"). A value
// inherited from a defaults file stands in that file. For an unknown or
// absent field Pos returns the position of the nearest enclosing field
// that is present, or else where the property's document starts: line 1
// col 1, or its "---" line in a file of several properties. Pos("") is
// that start.
func (p *Property) Pos(field string) Position {
	for f := field; f != ""; f = parent(f) {
		if pos, ok := p.pos[f]; ok {
			return pos
		}
	}
	if p.start.Line > 0 {
		return p.start
	}
	return Position{File: p.Source, Line: 1, Col: 1}
}

// Has reports whether the property's own file (or its defaults file)
// gives field, so that an error can point at it.
func (p *Property) Has(field string) bool {
	_, ok := p.pos[field]
	return ok
}

// parent strips the last element of a field path: "a.b[2]" -> "a.b",
// "a.b" -> "a", "a" -> "".
func parent(f string) string {
	for i := len(f) - 1; i >= 0; i-- {
		switch f[i] {
		case '.':
			return f[:i]
		case '[':
			return f[:i]
		}
	}
	return ""
}
