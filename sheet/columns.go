package sheet

import (
	"fmt"
	"regexp"
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
// writes them. Contact columns stand for every number from 1 to
// property.MaxContacts.
var Columns = []Column{
	{Field: "id", Swedish: "Id", English: "Id", kind: text,
		Format: "valfri: a–z, 0–9 och -; annars görs den av adressen", FormatEN: "optional: a-z, 0-9 and -; made from the address when empty", Example: "gota-alvs-vag-27"},
	{Field: "property.address", Swedish: "Adress", English: "Address", Aliases: []string{"gatuadress", "street address"}, Required: true, kind: text,
		Format: "gatuadress och nummer", FormatEN: "street and number", Example: "Göta älvs väg 27"},
	{Field: "property.postal_code", Swedish: "Postnummer", English: "Postal code", Aliases: []string{"postnr", "zip", "zip code", "postcode"}, Required: true, kind: code,
		Format: "fem siffror, 44930 eller 449 30", FormatEN: "five digits, 44930 or 449 30", Example: "449 30"},
	{Field: "property.city", Swedish: "Ort", English: "City", Aliases: []string{"postort", "stad", "town"}, Required: true, kind: text,
		Format: "postort", FormatEN: "postal town", Example: "Nödinge"},
	{Field: "property.name", Swedish: "Fastighetsnamn", English: "Name", Aliases: []string{"fastighet", "property name", "namn"}, kind: text,
		Format: "valfritt, t.ex. kvarterets namn", FormatEN: "optional, e.g. the block's name", Example: "Kvarteret Linden"},
	{Field: "property.entrances", Swedish: "Uppgångar", English: "Entrances", Aliases: []string{"uppgång", "trappuppgångar", "entrance"}, kind: entrances,
		Format: "valfritt: en affisch per uppgång; 7A, 7B eller 7A–7C", FormatEN: "optional: one poster each; 7A, 7B or 7A–7C", Example: "27A–27C"},
	{Field: "property.apartments", Swedish: "Antal lägenheter", English: "Apartments", Aliases: []string{"lägenheter", "antal lgh", "lgh", "number of apartments"}, kind: number,
		Format: "heltal: antal foldrar att trycka", FormatEN: "whole number: leaflets to print", Example: "36"},
	{Field: "landlord.name", Swedish: "Hyresvärd", English: "Landlord", Aliases: []string{"fastighetsägare", "landlord name", "ägare", "owner"}, Required: true, kind: text,
		Format: "hyresvärd eller bostadsrättsförening", FormatEN: "landlord or housing cooperative", Example: "Alebyggen"},
	{Field: "landlord.phone", Swedish: "Telefon hyresvärd", English: "Landlord phone", Aliases: []string{"telefon", "phone", "tel"}, kind: code,
		Format: "valfritt; som text, med inledande 0", FormatEN: "optional; as text, with its leading 0", Example: "070-174 06 05"},
	{Field: "landlord.email", Swedish: "E-post", English: "Email", Aliases: []string{"e-mail", "mail", "epostadress"}, kind: text,
		Format: "valfritt", FormatEN: "optional", Example: "info@example.se"},
	{Field: "landlord.website", Swedish: "Webbplats", English: "Website", Aliases: []string{"hemsida", "webb", "web"}, kind: text,
		Format: "valfritt; https://…", FormatEN: "optional; https://…", Example: "https://example.se"},
	{Field: "landlord.logo", Swedish: "Logotyp", English: "Logo", kind: text,
		Format: "valfritt: PNG- eller JPEG-fil, sökväg från kalkylarkets mapp", FormatEN: "optional: a PNG or JPEG file, path from the spreadsheet's folder", Example: "logo.png"},
	{Field: "languages", Swedish: "Språk", English: "Languages", Aliases: []string{"language"}, kind: langs,
		Format: "valfritt: språkkoder, det första är huvudspråket (sv, ar)", FormatEN: "optional: language codes, the first is the main one (sv, ar)", Example: "sv, ar"},
	{Field: "qr.url", Swedish: "QR-länk", English: "QR URL", Aliases: []string{"qr link", "länk", "qr"}, Required: true, kind: text,
		Format: "https://… som QR-koden öppnar", FormatEN: "the https://… link the QR code opens", Example: "https://example.se/huskurage"},
	{Field: "qr.caption", Swedish: "QR-text", English: "QR caption", Aliases: []string{"qr text"}, kind: texts,
		Format: "valfritt; \"QR-text (ar)\" ger texten på ett annat språk", FormatEN: "optional; \"QR caption (ar)\" gives it in another language", Example: "Läs mer om Huskurage"},
	{Field: "steps", Swedish: "Steg", English: "Steps", kind: list,
		Format: "valfritt: ordningen polis, andra, knacka (police, others, knock)", FormatEN: "optional: the order of police, others, knock", Example: "polis, andra, knacka"},
	{Field: "support_lines", Swedish: "Stödlinjer", English: "Support lines", kind: list,
		Format: "valfritt: kvinnofridslinjen, bris, terrafem …", FormatEN: "optional: kvinnofridslinjen, bris, terrafem …", Example: "kvinnofridslinjen, bris"},
	{Field: "theme.color", Swedish: "Färg", English: "Color", Aliases: []string{"colour", "färgtema"}, kind: text,
		Format: "valfritt: #RRGGBB, mörk nog för vit text", FormatEN: "optional: #RRGGBB, dark enough for white text", Example: "#1d4e63"},
	{Field: "contacts.name", Swedish: "Kontakt 1 namn", English: "Contact 1 name", kind: text,
		Format: "valfritt: lokal kontakt, t.ex. socialtjänsten", FormatEN: "optional: a local contact, e.g. social services", Example: "Socialtjänsten, kontaktcenter"},
	{Field: "contacts.phone", Swedish: "Kontakt 1 telefon", English: "Contact 1 phone", kind: code,
		Format: "kontaktens telefon, som text", FormatEN: "the contact's phone, as text", Example: "070-174 06 06"},
	{Field: "contacts.hours", Swedish: "Kontakt 1 tider", English: "Contact 1 hours", kind: texts,
		Format: "valfritt: öppettider", FormatEN: "optional: opening hours", Example: "vardagar 8–16"},
	{Field: "contacts.note", Swedish: "Kontakt 1 not", English: "Contact 1 note", kind: texts,
		Format: "valfritt; \"Kontakt 1 not (ar)\" på ett annat språk", FormatEN: "optional; \"Contact 1 note (ar)\" in another language", Example: "Be att få tala med en handläggare."},
	{Field: "contacts.remove", Swedish: "Kontakt 1 ta bort", English: "Contact 1 remove", kind: yesNo,
		Format: "valfritt: ja tar bort kontakten med detta namn som --defaults ger (skriv då bara namnet)", FormatEN: "optional: yes leaves out the contact of this name that --defaults gives (then write only the name)", Example: "ja"},
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
	// contactHeader matches a normalised contact header: "kontakt1namn".
	contactHeader = regexp.MustCompile(`^(?:kontakt|contact)(\d+)(namn|name|telefon|phone|tel|tider|hours|not|note|anteckning|tabort|remove)$`)
	contactPart   = map[string]string{"namn": "name", "name": "name", "telefon": "phone", "phone": "phone", "tel": "phone",
		"tider": "hours", "hours": "hours", "not": "note", "note": "note", "anteckning": "note", "tabort": "remove", "remove": "remove"}
	// langSuffix is a per-language header's language: "qrtext(ar)".
	langSuffix = regexp.MustCompile(`^(.*)\(([a-z]{2,3}(?:x[a-z]+)?)\)$`)
)

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
func headerHint(h string) string {
	if s := suggest(h); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return "see the columns in the README, or map your own headers with --columns"
}
