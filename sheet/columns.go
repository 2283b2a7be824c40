package sheet

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"huskurage/property"
)

// kind says how a column's cells are read.
type kind int

const (
	text      kind = iota // one line of text; line breaks in a cell become spaces
	code                  // a postal code or a phone number: as written
	number                // a whole number
	entrances             // 7A, 7B or 7A–7C
	langs                 // sv, ar
	list                  // a list of words: kvinnofridslinjen, bris
	texts                 // a text that may be given per language: "QR-text (ar)"
	yesNo                 // ja or nej, yes or no
)

// Column is a column the reader knows: the field of a property file it
// fills, its headers and what a clerk writes in it. Contact columns are
// numbered: Field "contacts.name" is "Kontakt 1 namn", "Kontakt 2 namn" …
type Column struct {
	Field    string   // the property file's field: "property.postal_code"
	Swedish  string   // the header `init --spreadsheet` writes
	English  string   // the English header, read as well
	Aliases  []string // other headers read as this column
	Required bool     // each row needs it, unless --defaults gives it
	Format   string   // what to write, in Swedish, for the explanation sheet
	FormatEN string   // the same in English, for the README
	Example  string
	kind     kind
}

// Columns are the known columns, in the order `init --spreadsheet`
// writes them: one for each field of property.Fields that has a Column.
// Contact columns stand for every number from 1 to property.MaxContacts.
var Columns = makeColumns()

// columnOrder is the order `init --spreadsheet` writes the columns in:
// the address first, as a clerk finds a property. The column of a field
// not listed here comes after these, in the order of the field table;
// the contact columns come last.
var columnOrder = []string{
	"id", "property.address", "property.postal_code", "property.city", "property.name",
	"property.entrances", "property.apartments", "landlord.name", "landlord.phone",
	"landlord.email", "landlord.website", "landlord.logo", "languages", "qr.url",
	"qr.caption", "steps", "support_lines", "theme.color",
}

// contactPrefix is how a contact's column header starts, before its
// number: "Kontakt 1 namn", "Contact 1 name".
var contactPrefix = property.Words{SV: "Kontakt", EN: "Contact"}

// makeColumns makes the columns from the field table.
func makeColumns() []Column {
	var plain, contacts []Column
	for _, f := range property.Fields() {
		if f.Column == nil {
			continue
		}
		c := Column{
			Field:    strings.Replace(f.Path, "[]", "", 1),
			Swedish:  f.Column.Header.SV,
			English:  f.Column.Header.EN,
			Aliases:  f.Column.Aliases,
			Required: f.Required,
			Format:   f.Column.Format.SV,
			FormatEN: f.Column.Format.EN,
			Example:  f.Column.Example,
			kind:     kindOf(f.Kind),
		}
		if f.InList() {
			// Numbered; a contact's own fields are required only in a
			// contact the row gives. Other headers for the part are
			// read by contactHeader.
			c.Swedish = contactPrefix.SV + " 1 " + c.Swedish
			c.English = contactPrefix.EN + " 1 " + c.English
			c.Aliases, c.Required = nil, false
			contacts = append(contacts, c)
			continue
		}
		plain = append(plain, c)
	}
	rank := func(c Column) int {
		for i, f := range columnOrder {
			if f == c.Field {
				return i
			}
		}
		return len(columnOrder)
	}
	sort.SliceStable(plain, func(i, j int) bool { return rank(plain[i]) < rank(plain[j]) })
	return append(plain, contacts...)
}

// kindOf is how a column's cells are read for a field of kind k.
func kindOf(k property.Kind) kind {
	switch k {
	case property.KindPhone, property.KindPostalCode:
		return code
	case property.KindCount:
		return number
	case property.KindTextList:
		return entrances
	case property.KindLanguages:
		return langs
	case property.KindSteps, property.KindSupportLines:
		return list
	case property.KindTexts:
		return texts
	case property.KindRemove:
		return yesNo
	}
	return text
}

// column is what one header of a sheet stands for.
type column struct {
	*Column
	contact int    // 1… for a contact column, else 0
	lang    string // the language of a per-language column: "QR-text (ar)"
	header  string // as written in the sheet
}

// field is the column's field path for messages and the tree:
// "contacts[0].name" for contact 1.
func (c column) fieldName() string {
	if c.contact > 0 {
		return "contacts." + strings.TrimPrefix(c.Field, "contacts.")
	}
	return c.Field
}

// normal folds a header for matching: lower case, without spaces, '-',
// '_' and '.', so that "QR-länk", "qr länk" and "QR_LÄNK" match.
func normal(h string) string {
	h = strings.ToLower(norm.NFC.String(h))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\t', '-', '–', '_', '.':
			return -1
		}
		return r
	}, h)
}

var (
	byHeader = map[string]*Column{}
	// contactPart maps a normalised contact part of a header to the
	// contact's field: "telefon" and "tel" to "phone".
	contactPart = makeContactParts()
	// contactHeader matches a normalised contact header: "kontakt1namn".
	contactHeader = regexp.MustCompile(`^(?:` + regexp.QuoteMeta(normal(contactPrefix.SV)) + `|` +
		regexp.QuoteMeta(normal(contactPrefix.EN)) + `)(\d+)(` + alternatives(slices.Sorted(maps.Keys(contactPart))) + `)$`)
	// langSuffix is a per-language header's language: "qrtext(ar)".
	langSuffix = regexp.MustCompile(`^(.*)\(([a-z]{2,3}(?:x[a-z]+)?)\)$`)
)

// alternatives is a regular expression that matches any of words.
func alternatives(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(quoted, "|")
}

// makeContactParts reads the parts of the contact headers from the field
// table: each contact field's headers and aliases.
func makeContactParts() map[string]string {
	out := map[string]string{}
	for _, f := range property.Fields() {
		if f.Column == nil || !f.InList() {
			continue
		}
		part := f.Path[strings.LastIndex(f.Path, ".")+1:]
		for _, h := range append([]string{f.Column.Header.SV, f.Column.Header.EN}, f.Column.Aliases...) {
			out[normal(h)] = part
		}
	}
	return out
}

func init() {
	for i := range Columns {
		c := &Columns[i]
		if strings.HasPrefix(c.Field, "contacts.") {
			continue
		}
		for _, h := range append([]string{c.Swedish, c.English}, c.Aliases...) {
			byHeader[normal(h)] = c
		}
	}
}

// contactColumn returns the column of a contact field ("name").
func contactColumn(part string) *Column {
	for i := range Columns {
		if Columns[i].Field == "contacts."+part {
			return &Columns[i]
		}
	}
	panic("no contact column " + part)
}

// lookup finds the column a normalised header names, or nil.
func lookup(h string) (column, bool) {
	lang := ""
	if m := langSuffix.FindStringSubmatch(h); m != nil {
		h, lang = m[1], m[2]
		if lang == "svxll" {
			lang = "sv-x-ll"
		}
	}
	var c column
	if col, ok := byHeader[h]; ok {
		c = column{Column: col}
	} else if m := contactHeader.FindStringSubmatch(h); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil || n < 1 || n > property.MaxContacts {
			return column{}, false
		}
		c = column{Column: contactColumn(contactPart[m[2]]), contact: n}
	} else {
		return column{}, false
	}
	if lang != "" {
		if c.kind != texts {
			return column{}, false
		}
		c.lang = lang
	}
	return c, true
}

// knownHeaders are the headers to suggest for a typo.
func knownHeaders() []string {
	var out []string
	for _, c := range Columns {
		out = append(out, c.Swedish, c.English)
		out = append(out, c.Aliases...)
	}
	for _, c := range Columns {
		if strings.HasPrefix(c.Field, "contacts.") {
			for n := 2; n <= 3; n++ {
				out = append(out, strings.Replace(c.Swedish, "1", strconv.Itoa(n), 1), strings.Replace(c.English, "1", strconv.Itoa(n), 1))
			}
		}
	}
	return out
}

// suggest returns the known header that h is most likely a typo of, as
// written in the workbook `init` makes, or "".
func suggest(h string) string {
	norms := map[string]string{}
	var cands []string
	for _, k := range knownHeaders() {
		n := normal(k)
		if _, ok := norms[n]; !ok {
			norms[n] = k
			cands = append(cands, n)
		}
	}
	sort.Strings(cands)
	if best := property.Closest(normal(h), cands); best != "" {
		return norms[best]
	}
	return ""
}

// columnLetters names a column as Excel does: 1 → A, 27 → AA.
func columnLetters(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// headerHint lists a few headers to choose from, for an unknown one.
func headerHint(h string) property.Text {
	if s := suggest(h); s != "" {
		return property.Textf("did you mean %q?", s)
	}
	return property.Textf("see the columns in the README, or map your own headers with --columns")
}
