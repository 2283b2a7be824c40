package property

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"huskurage/helpline"
)

// base is the smallest valid property file. Tests change it with edit,
// so the line numbers below stay easy to follow:
//
//	1 landlord:
//	2   name: Bostads AB Exempel
//	3 property:
//	4   address: Storgatan 7
//	5   postal_code: 449 30
//	6   city: Nödinge
//	7 qr:
//	8   url: https://example.org/huskurage
const base = `landlord:
  name: Bostads AB Exempel
property:
  address: Storgatan 7
  postal_code: 449 30
  city: Nödinge
qr:
  url: https://example.org/huskurage
`

// edit replaces the first old in base with new; it panics when old is
// missing so that a broken test cannot pass by accident.
func edit(old, new string) string {
	if !strings.Contains(base, old) {
		panic("edit: " + old + " not in base")
	}
	return strings.Replace(base, old, new, 1)
}

const (
	nameLine = "  name: Bostads AB Exempel"
	cityLine = "  city: Nödinge"
	urlLine  = "  url: https://example.org/huskurage"
)

// withLandlord adds lines after the landlord's name (line 2), so the first
// added line is line 3.
func withLandlord(lines string) string {
	return edit(nameLine, nameLine+"\n"+lines)
}

// parseString parses src as hus.yaml in a fresh folder.
func parseString(t *testing.T, src string, opts Options) (*Property, ErrorList) {
	t.Helper()
	p, err := Parse([]byte(src), "hus.yaml", t.TempDir(), opts)
	return p, checkResult(t, p, err)
}

// checkResult checks that exactly one of p and err is set and returns the
// error list.
func checkResult(t *testing.T, p *Property, err error) ErrorList {
	t.Helper()
	if (p == nil) == (err == nil) {
		t.Fatalf("got property %v and error %v; want exactly one", p != nil, err)
	}
	if err == nil {
		return nil
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error is not a non-empty ErrorList: %#v", err)
	}
	return list
}

// badCase is a file with problems and one of the errors it must give.
type badCase struct {
	name   string
	src    string
	prefix string // "file:line:col: field: problem" start of one error
	part   string // must appear in that same error
	count  int    // how many errors in all
}

func runBad(t *testing.T, tests []badCase, opts Options) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, list := parseString(t, tt.src, opts)
			if list == nil {
				t.Fatalf("loaded without errors; want %q", tt.prefix)
			}
			found := false
			for _, e := range list {
				if msg := e.Error(); strings.HasPrefix(msg, tt.prefix) && strings.Contains(msg, tt.part) {
					found = true
				}
				if e.Pos.File != "hus.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 {
					t.Errorf("bad position in %q", e.Error())
				}
			}
			if !found {
				t.Errorf("no error starts with %q and contains %q; got:\n%v", tt.prefix, tt.part, list)
			}
			if tt.count != 0 && len(list) != tt.count {
				t.Errorf("got %d errors, want %d:\n%v", len(list), tt.count, list)
			}
		})
	}
}

func TestParseFileProblems(t *testing.T) {
	runBad(t, []badCase{
		{"empty", "", "hus.yaml:1:1: file is empty", "(start from `huskurage init`)", 1},
		{"only comments", "# nothing\n\n   # here\n", "hus.yaml:1:1: file is empty", "", 1},
		{"only a document marker", "---\n", "hus.yaml:1:1: file is empty", "", 1},
		{"only null", "~\n", "hus.yaml:1:1: file is empty", "", 1},
		{"second document", base + "---\nlandlord: {name: B}\n",
			"hus.yaml:9:1: a property file holds one property; found a second document (put each property in its own file)", "", 1},
		{"empty second document", base + "---\n", "hus.yaml:9:1: a property file holds one property", "", 1},
		{"syntax error in second document", base + "---\nlandlord: [\n", "hus.yaml:11:1: YAML syntax error: did not find expected node content", "", 1},
		{"invalid UTF-8", "landlord:\n  name: Bostads \xE5b\n",
			"hus.yaml:2:17: the file is not valid UTF-8 (byte 0xE5)", "save it as UTF-8", 1},
		{"invalid UTF-8 after a multibyte letter", "property:\n  city: Nö\xFF\n",
			"hus.yaml:2:11: the file is not valid UTF-8 (byte 0xFF)", "", 1},
		{"control character", "landlord:\n  name: Bo\x01\n",
			"hus.yaml:2:11: control character U+0001 is not allowed", "", 1},
		{"NUL after CRLF lines", "landlord:\r\n  name: x\r\n\x00", "hus.yaml:3:1: control character U+0000", "", 1},
		{"DEL", "qr:\n  url: x\x7F\n", "hus.yaml:2:9: control character U+007F", "", 1},
		{"C1 control", "qr:\n  url: x\u0085\n", "hus.yaml:2:9: control character U+0085", "", 1},
		{"line separator", "landlord:\n  name: a\u2028b\n", "hus.yaml:2:10: line separator U+2028 is not allowed", "", 1},
		{"UTF-16", "\xFF\xFEl\x00a\x00", "hus.yaml:1:1: the file is in UTF-16 (save it as UTF-8)", "", 1},
		{"unquoted colon", edit(nameLine, "  name: Bostads: AB"),
			`hus.yaml:2:9: YAML syntax error: the text after name: contains ": ", which YAML reads as another field`, `(put it in double quotes: name: "Bostads: AB")`, 1},
		{"tab indentation", "landlord:\n\tname: x\n",
			"hus.yaml:2:1: YAML syntax error: the line is indented with a tab, which YAML does not allow (indent with spaces, not tabs)", "", 1},
		{"unclosed quote", "landlord:\n  name: \"Bostads\n",
			`hus.yaml:2:1: YAML syntax error: the double quote (") opened on this line is never closed (end the text with " as well, or remove the quote)`, "", 1},
		{"unclosed bracket", "property:\n  entrances: [7A, 7B\nqr:\n",
			"hus.yaml:2:1: YAML syntax error: did not find expected ',' or ']'", "every [ or { is closed", 1},
		{"unclosed bracket at the end", base + "support_lines: [bris\n",
			"hus.yaml:9:1: YAML syntax error: did not find expected ',' or ']'", "", 1},
		{"over-indented", "landlord:\n  name: x\n   phone: 1\n",
			"hus.yaml:3:1: YAML syntax error: the field phone: is indented too much (start it with 2 spaces, like name: on line 2)", "", 1},
		{"under-indented", "landlord:\n  name: x\n phone: 1\n",
			"hus.yaml:3:1: YAML syntax error: the field phone: is indented too little (start it with 2 spaces, like name: on line 2)", "", 1},
		{"tab in block text", base + "x: |\n  \ta\n",
			"hus.yaml:10:3: YAML syntax error: the line is indented with a tab, which YAML does not allow (indent with spaces, not tabs)", "", 1},
		{"list at the top", "- a\n- b\n",
			"hus.yaml:1:1: a property file must be a mapping of fields (landlord:, property:, qr: …), found a list", "", 1},
		{"text at the top", "hello\n", "hus.yaml:1:1: a property file must be a mapping of fields", `found "hello"`, 1},
	}, Options{})
}

func TestParseRefusesAnchorsAliasesTags(t *testing.T) {
	anchored := edit(nameLine, "  name: &n Bostads AB Exempel")
	runBad(t, []badCase{
		{"anchor", anchored,
			"hus.yaml:2:9: landlord.name: anchors (&n) are not allowed in a property file", "(write each value out in full)", 1},
		{"alias", strings.Replace(anchored, cityLine, "  city: *n", 1),
			"hus.yaml:6:9: property.city: aliases (*n) are not allowed in a property file", "(write the value out in full)", 2},
		{"alias without anchor", edit(cityLine, "  city: *nowhere"),
			"hus.yaml:6:9: aliases (*nowhere) are not allowed in a property file", "", 1},
		{"merge key", base + "theme:\n  <<: {color: \"#000000\"}\n",
			"hus.yaml:10:3: theme: merge keys (<<) are not allowed in a property file", "(write the fields out in full)", 1},
		{"merge key bomb", "{{},<<}", "hus.yaml:1:5: merge keys (<<) are not allowed", "", 5},
		{"mapping as a key", "{{},<<}", "hus.yaml:1:2: a field name must be a plain word, found a mapping", "", 5},
		{"tag", edit(nameLine, "  name: !!binary QmFy"),
			"hus.yaml:2:9: landlord.name: tags such as !!binary are not allowed in a property file", "", 1},
		{"local tag", edit(cityLine, "  city: !ort Nödinge"),
			"hus.yaml:6:9: property.city: tags such as !ort are not allowed", "", 1},
		{"alias bomb", "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n",
			"hus.yaml:1:4: a: anchors (&a) are not allowed", "", 0},
	}, Options{})
}

func TestParseFieldNames(t *testing.T) {
	runBad(t, []badCase{
		{"misspelt", edit("  address: Storgatan 7", "  adress: Storgatan 7"),
			`hus.yaml:4:3: property.adress: unknown field "adress" (did you mean "address"?)`, "", 2},
		{"misspelt long name", base + "suportlinez: []\n",
			`hus.yaml:9:1: suportlinez: unknown field "suportlinez" (did you mean "support_lines"?)`, "", 1},
		{"wrong case", edit(cityLine, "  City: Nödinge"),
			`hus.yaml:6:3: property.City: unknown field "City" (did you mean "city"?)`, "", 2},
		{"Swedish name", edit(cityLine, "  ort: Nödinge"),
			`hus.yaml:6:3: property.ort: unknown field "ort" (did you mean "city"?)`, "", 2},
		{"no suggestion", base + "zzz: 1\n",
			`hus.yaml:9:1: zzz: unknown field "zzz" (valid fields here: version, id, language, languages, landlord, property, contacts, steps, support_lines, qr, theme)`, "", 1},
		{"no suggestion nested", base + "theme:\n  zzz: 1\n",
			`hus.yaml:10:3: theme.zzz: unknown field "zzz" (valid fields here: color)`, "", 1},
		{"wrong level", base + "city: Ale\n",
			`hus.yaml:9:1: city: unknown field "city" ("city" belongs under property:; check the indentation)`, "", 1},
		{"wrong level, several homes", base + "name: X\n",
			`hus.yaml:9:1: name: unknown field "name" ("name" belongs under landlord:, property: or each contact in contacts:`, "", 1},
		{"misspelt at the wrong level", base + "adress: x\n",
			`hus.yaml:9:1: adress: unknown field "adress" (did you mean "address", under property:?)`, "", 1},
		{"duplicate", base + "landlord:\n  name: X\n",
			`hus.yaml:9:1: landlord: field "landlord" appears twice (first on line 1) (keep one)`, "", 1},
		{"duplicate nested", edit(cityLine, cityLine+"\n  city: Ale"),
			`hus.yaml:7:3: property.city: field "city" appears twice (first on line 6) (keep one)`, "", 1},
		{"duplicate in a contact", base + "contacts:\n  - name: A\n    phone: 112\n    name: B\n",
			`hus.yaml:12:5: contacts[0].name: field "name" appears twice (first on line 10)`, `if it starts a new item of the list, begin its first line with "- "`, 1},
		{"list as a field name", base + "? [a]\n: 1\n",
			"hus.yaml:9:3: a field name must be a plain word, found a list", "", 1},
	}, Options{})
}

func TestParseTypes(t *testing.T) {
	runBad(t, []badCase{
		{"list for text", edit(nameLine, "  name: [a, b]"),
			"hus.yaml:2:9: landlord.name: must be text, found a list (write a single value)", "", 1},
		{"mapping for text", edit(nameLine, "  name:\n    first: x"),
			"hus.yaml:3:5: landlord.name: must be text, found a mapping (name: value lines) (check the indentation)", "", 1},
		{"list for a section", edit("landlord:\n"+nameLine, "landlord:\n  - name: x"),
			"hus.yaml:2:3: landlord: must be a mapping of fields indented under landlord:, found a list", "", 1},
		{"text for a section", edit("landlord:\n"+nameLine, "landlord: Bostads AB"),
			`hus.yaml:1:11: landlord: must be a mapping of fields indented under landlord:, found "Bostads AB"`, "", 1},
		{"mapping for contacts", base + "contacts:\n  name: x\n",
			"hus.yaml:10:3: contacts: must be a list of contacts, found a mapping", "", 1},
		{"text as a contact", base + "contacts:\n  - Socialtjänsten\n",
			`hus.yaml:10:5: contacts[0]: a contact must be a mapping with name: and phone:, found "Socialtjänsten"`, "", 1},
		{"text for entrances", edit(cityLine, cityLine+"\n  entrances: 7A"),
			`hus.yaml:7:14: property.entrances: must be a list, found "7A" (write e.g. entrances: [7A, 7B])`, "", 1},
		{"mapping as an entrance", edit(cityLine, cityLine+"\n  entrances: [{a: b}]"),
			"hus.yaml:7:15: property.entrances[0]: must be text, found a mapping", "", 1},
		{"text for support lines", base + "support_lines: bris\n",
			`hus.yaml:9:16: support_lines: must be a list, found "bris"`, "or [] for none", 1},
		{"version as text", base + "version: one\n",
			`hus.yaml:9:10: version: must be a whole number, found "one" (write version: 1)`, "", 1},
		{"version 2", base + "version: 2\n",
			"hus.yaml:9:10: version: version 2 is not supported (this huskurage reads version 1 files)", "", 1},
		{"version list", base + "version: [1]\n",
			"hus.yaml:9:10: version: must be a whole number, found a list", "", 1},
	}, Options{})
}

func TestParseMissingAndEmpty(t *testing.T) {
	runBad(t, []badCase{
		{"no landlord", strings.TrimPrefix(base, "landlord:\n"+nameLine+"\n"),
			`hus.yaml:1:1: landlord: missing required field "landlord" (add e.g. "landlord:" with "name: Bostads AB Exempel" indented under it)`, "", 1},
		{"no property", edit("property:\n  address: Storgatan 7\n  postal_code: 449 30\n"+cityLine+"\n", ""),
			`hus.yaml:1:1: property: missing required field "property"`, "", 1},
		{"no qr", edit("qr:\n"+urlLine+"\n", ""), `hus.yaml:1:1: qr: missing required field "qr"`, "", 1},
		{"landlord with nothing", edit("landlord:\n"+nameLine, "landlord:"),
			`hus.yaml:1:1: landlord: is empty (write e.g. "landlord:" with`, "", 1},
		{"no city", edit(cityLine+"\n", ""),
			`hus.yaml:3:1: property.city: missing required field "city" (add e.g. city: Nödinge)`, "", 1},
		{"no postal code", edit("  postal_code: 449 30\n", ""),
			`hus.yaml:3:1: property.postal_code: missing required field "postal_code" (add e.g. postal_code: 449 30)`, "", 1},
		{"no address", edit("  address: Storgatan 7\n", ""),
			`hus.yaml:3:1: property.address: missing required field "address"`, "", 1},
		{"city with nothing", edit(cityLine, "  city:"), "hus.yaml:6:3: property.city: is empty (write e.g. city: Nödinge)", "", 1},
		{"city null", edit(cityLine, "  city: ~"), "hus.yaml:6:3: property.city: is empty", "", 1},
		{"city empty text", edit(cityLine, `  city: ""`), "hus.yaml:6:9: property.city: is empty", "", 1},
		{"city blank", edit(cityLine, `  city: "   "`), "hus.yaml:6:9: property.city: is empty", "", 1},
		{"no url", edit(urlLine, "  caption: Läs mer"),
			`hus.yaml:7:1: qr.url: missing required field "url" (add e.g. url: https://example.org/huskurage)`, "", 1},
		{"no landlord name", edit(nameLine, "  phone: 112"),
			`hus.yaml:1:1: landlord.name: missing required field "name" (add e.g. name: Bostads AB Exempel)`, "", 1},
		{"contact without phone", base + "contacts:\n  - name: Soc\n",
			`hus.yaml:10:5: contacts[0].phone: missing required field "phone" (add e.g. phone: 0303-70 30 00)`, "", 1},
		{"contact without name", base + "contacts:\n  - phone: 112\n",
			`hus.yaml:10:5: contacts[0].name: missing required field "name"`, "", 1},
		{"second contact without name", base + "contacts:\n  - name: A\n    phone: 112\n  - phone: 114 14\n",
			`hus.yaml:12:5: contacts[1].name: missing required field "name"`, "", 1},
	}, Options{})
}

func TestParseValues(t *testing.T) {
	long := func(n int) string { return strings.Repeat("Å", n) }
	runBad(t, []badCase{
		// id
		{"unsafe id", base + "id: Hus 7\n",
			`hus.yaml:9:5: id: "Hus 7" is not a safe id (use 1–64 of a-z, 0-9 and '-', not starting or ending with '-', e.g. id: hus-7)`, "", 1},
		{"id starting with hyphen", base + "id: -hus\n", `hus.yaml:9:5: id: "-hus" is not a safe id`, "e.g. id: hus)", 1},
		{"id ending with hyphen", base + "id: hus-\n", `hus.yaml:9:5: id: "hus-" is not a safe id`, "", 1},
		{"id too long", base + "id: " + strings.Repeat("a", 65) + "\n", "hus.yaml:9:5: id: ", "is not a safe id", 1},
		{"id with a Swedish letter", base + "id: våning-2\n", `hus.yaml:9:5: id: "våning-2" is not a safe id`, "e.g. id: vaning-2)", 1},
		{"id with nothing", base + "id:\n", "hus.yaml:9:1: id: is empty (write e.g. id: hus)", "", 1},
		{"id empty text", base + "id: \"\"\n", "hus.yaml:9:5: id: is empty (write e.g. id: hus)", "", 1},
		// language
		{"unknown language", base + "language: de\n", `hus.yaml:9:11: language: unknown language "de" (known: `, "sv, sv-x-ll", 1},
		{"language in capitals", base + "language: SV\n", `hus.yaml:9:11: language: unknown language "SV"`, "(write it in lower case: language: sv)", 1},
		// phone numbers
		{"phone with text", withLandlord("  phone: 0303-70 30 00 (växel)"),
			"hus.yaml:3:10: landlord.phone: brackets may only hold the digits of the area code, not (växel) (write only the number, e.g. (0303) 70 30 00, and put words in a contact's note)", "", 1},
		{"phone as hex number", withLandlord("  phone: 0x1F"),
			"hus.yaml:3:10: landlord.phone: the letter 'x' is not allowed in a phone number", "", 1},
		{"phone as float", withLandlord("  phone: 1e5"),
			"hus.yaml:3:10: landlord.phone: the letter 'e' is not allowed in a phone number", "", 1},
		{"phone too short", withLandlord("  phone: 12"), "hus.yaml:3:10: landlord.phone: has 2 digits; a phone number has at least 3", "", 1},
		{"phone too long", withLandlord("  phone: 1234567890123456"),
			"hus.yaml:3:10: landlord.phone: has 16 digits; a phone number has at most 15", "", 1},
		{"phone with two spaces", withLandlord("  phone: 0303  70 30 00"),
			"hus.yaml:3:10: landlord.phone: has two spaces or hyphens in a row", "", 1},
		{"phone with plus inside", withLandlord("  phone: 0303+703000"),
			"hus.yaml:3:10: landlord.phone: '+' is only allowed at the start of a phone number", "", 1},
		{"phone ending in hyphen", withLandlord("  phone: 0303-"), "hus.yaml:3:10: landlord.phone: must end with a digit", "", 1},
		{"phone starting with hyphen", withLandlord(`  phone: "-0303"`), "hus.yaml:3:10: landlord.phone: must start with a digit, '+' or '('", "", 1},
		{"contact phone with words", base + "contacts:\n  - name: Polisen\n    phone: 112 eller 114 14\n",
			"hus.yaml:11:12: contacts[0].phone: the letter 'e' is not allowed in a phone number", "", 1},
		{"contact phone empty", base + "contacts:\n  - name: Polisen\n    phone: \"\"\n",
			"hus.yaml:11:12: contacts[0].phone: is empty", "", 1},
		// e-mail
		{"email without @", withLandlord("  email: info"),
			"hus.yaml:3:10: landlord.email: is not an e-mail address: it has no @ (write e.g. email: info@example.org)", "", 1},
		{"email with two @", withLandlord("  email: a@b@example.org"), "hus.yaml:3:10: landlord.email: is not an e-mail address: it has more than one @", "", 1},
		{"email without local part", withLandlord("  email: \"@example.org\""), "hus.yaml:3:10: landlord.email: is not an e-mail address: nothing before the @", "", 1},
		{"email without dot", withLandlord("  email: info@example"), `hus.yaml:3:10: landlord.email: is not an e-mail address: "example" is not a domain`, "", 1},
		{"email with space", withLandlord("  email: info @example.org"), "hus.yaml:3:10: landlord.email: an e-mail address cannot contain spaces", "", 1},
		// URLs
		{"http QR", edit(urlLine, "  url: http://example.org/huskurage"),
			"hus.yaml:8:8: qr.url: must start with https:// (a QR code that opens an insecure page can be tampered with)", "", 1},
		{"no scheme", edit(urlLine, "  url: www.example.org"),
			"hus.yaml:8:8: qr.url: must start with https:// (write e.g. https://www.example.org)", "", 1},
		{"ftp", edit(urlLine, "  url: ftp://example.org/"), "hus.yaml:8:8: qr.url: must start with https://", "", 1},
		{"opaque", edit(urlLine, "  url: https:example.org"), "hus.yaml:8:8: qr.url: must start with https://", "", 1},
		{"user info", edit(urlLine, "  url: https://user:pw@example.org/"),
			"hus.yaml:8:8: qr.url: a web address here cannot contain a user name or password", "", 1},
		{"host without dot", edit(urlLine, "  url: https://intranet/huskurage"), `hus.yaml:8:8: qr.url: host "intranet" has no dot`, "", 1},
		{"bad host", edit(urlLine, "  url: https://-x-.org/"), `hus.yaml:8:8: qr.url: host "-x-.org" is not a valid host name`, "", 1},
		{"no host", edit(urlLine, "  url: https:///huskurage"), "hus.yaml:8:8: qr.url: the web address has no host name", "", 1},
		{"space in url", edit(urlLine, "  url: https://example.org/hus kurage"),
			"hus.yaml:8:8: qr.url: a web address cannot contain spaces (write %20 for a space, or remove it)", "", 1},
		{"invisible character in url", edit(urlLine, "  url: https://example.org/\u200Bx"),
			"hus.yaml:8:8: qr.url: a web address cannot contain the invisible character U+200B", "", 1},
		{"bad escape", edit(urlLine, "  url: https://example.org/%zz"), "hus.yaml:8:8: qr.url: is not a valid web address: invalid URL escape", "", 1},
		{"url too long", edit(urlLine, "  url: https://example.org/"+strings.Repeat("x", 1981)),
			"hus.yaml:8:8: qr.url: is 2001 bytes long; at most 2000 are allowed (use a shorter link)", "", 1},
		{"http website", withLandlord("  website: http://example.org"),
			"hus.yaml:3:12: landlord.website: must start with https:// (pages reached over http can be tampered with)", "", 1},
		// colours
		{"light colour", base + "theme:\n  color: \"#FFCC00\"\n",
			"hus.yaml:10:10: theme.color: white text on #FFCC00 has a contrast of 1.51:1; at least 4.5:1 is needed (choose a darker colour)", "", 1},
		{"just too light", base + "theme:\n  color: \"#777777\"\n",
			"hus.yaml:10:10: theme.color: white text on #777777 has a contrast of 4.47:1", "", 1},
		{"colour read as a comment", base + "theme:\n  color: #1F4E79\n",
			`hus.yaml:10:3: theme.color: the colour was read as a comment, because # starts a comment in YAML (put it in quotes: color: "#1F4E79")`, "", 1},
		{"colour without #", base + "theme:\n  color: 1F4E79\n",
			`hus.yaml:10:10: theme.color: "1F4E79" is not a colour written as #RRGGBB`, "", 1},
		{"short colour", base + "theme:\n  color: \"#FFF\"\n", `hus.yaml:10:10: theme.color: "#FFF" is not a colour written as #RRGGBB`, "", 1},
		{"colour not hex", base + "theme:\n  color: \"#GG0000\"\n", `hus.yaml:10:10: theme.color: "#GG0000" is not a colour`, "", 1},
		{"colour with sign", base + "theme:\n  color: \"#+10000\"\n", `hus.yaml:10:10: theme.color: "#+10000" is not a colour`, "", 1},
		// postal codes
		{"postal code with slash", edit("  postal_code: 449 30", "  postal_code: 449/30"),
			"hus.yaml:5:16: property.postal_code: character U+002F '/' is not allowed in a postal code", "", 1},
		{"postal code without digits", edit("  postal_code: 449 30", "  postal_code: abc"),
			"hus.yaml:5:16: property.postal_code: a postal code has digits", "", 1},
		{"postal code too long", edit("  postal_code: 449 30", "  postal_code: 1234567890123"),
			"hus.yaml:5:16: property.postal_code: is 13 characters long; at most 12 are allowed", "", 1},
		{"postal code of four digits", edit("  postal_code: 449 30", "  postal_code: 4493"),
			`hus.yaml:5:16: property.postal_code: "4493" is not a Swedish postal code (five digits, e.g. 449 30)`, "", 1},
		{"postal code of six digits", edit("  postal_code: 449 30", "  postal_code: 449 301"),
			`hus.yaml:5:16: property.postal_code: "449 301" is not a Swedish postal code (five digits, e.g. 449 30)`, "", 1},
		// entrances
		{"same entrance twice", edit(cityLine, cityLine+"\n  entrances: [7A, 7a]"),
			`hus.yaml:7:19: property.entrances[1]: entrance "7a" is listed twice (first on line 7) (remove one)`, "", 1},
		{"entrance too long", edit(cityLine, cityLine+"\n  entrances: ["+long(21)+"]"),
			"hus.yaml:7:15: property.entrances[0]: is 21 characters long; at most 20 are allowed", "", 1},
		{"empty entrance", edit(cityLine, cityLine+"\n  entrances: [7A, \"\"]"),
			"hus.yaml:7:19: property.entrances[1]: is empty (remove the empty entry)", "", 1},
		// support lines
		{"unknown support line", base + "support_lines: [briss]\n",
			`hus.yaml:9:17: support_lines[0]: unknown support line "briss" (known: `, `(did you mean "bris"?)`, 1},
		{"support line twice", base + "support_lines: [bris, bris]\n",
			`hus.yaml:9:23: support_lines[1]: "bris" is listed twice (first on line 9) (remove one)`, "", 1},
		{"empty support line", base + "support_lines: [bris, \"\"]\n",
			"hus.yaml:9:23: support_lines[1]: is empty (remove the empty entry)", "", 1},
		// text
		{"name too long", edit(nameLine, "  name: "+long(81)),
			"hus.yaml:2:9: landlord.name: is 81 characters long; at most 80 are allowed (shorten it)", "", 1},
		{"address too long", edit("  address: Storgatan 7", "  address: "+long(101)),
			"hus.yaml:4:12: property.address: is 101 characters long; at most 100 are allowed", "", 1},
		{"city too long", edit(cityLine, "  city: "+long(81)), "hus.yaml:6:9: property.city: is 81 characters long; at most 80", "", 1},
		{"building name too long", edit(cityLine, cityLine+"\n  name: "+long(81)),
			"hus.yaml:7:9: property.name: is 81 characters long; at most 80", "", 1},
		{"note too long", base + "contacts:\n  - name: A\n    phone: 112\n    note: " + long(201) + "\n",
			"hus.yaml:12:11: contacts[0].note: is 201 characters long; at most 200 are allowed", "", 1},
		{"hours too long", base + "contacts:\n  - name: A\n    phone: 112\n    hours: " + long(61) + "\n",
			"hus.yaml:12:12: contacts[0].hours: is 61 characters long; at most 60 are allowed", "", 1},
		{"caption too long", base + "  caption: " + long(81) + "\n",
			"hus.yaml:9:12: qr.caption: is 81 characters long; at most 80 are allowed", "", 1},
		{"two lines", edit(nameLine, "  name: |\n    Bostads\n    AB"),
			"hus.yaml:2:9: landlord.name: must be on one line", "", 1},
		{"tab in text", edit(nameLine, `  name: "Bostads\tAB"`),
			"hus.yaml:2:9: landlord.name: contains the control character U+0009", "", 1},
		{"escaped control character", edit(nameLine, `  name: "Bostads\x01AB"`),
			"hus.yaml:2:9: landlord.name: contains the control character U+0001", "", 1},
		{"replacement character", edit(nameLine, "  name: Bostads \uFFFD"),
			"hus.yaml:2:9: landlord.name: contains the replacement character U+FFFD", "", 1},
	}, Options{})
}

func TestParseCovers(t *testing.T) {
	// A font that has Latin letters up to U+024F but no '#' and no space.
	covers := func(r rune) bool { return r < 0x250 && r != '#' && r != ' ' }
	// The base file has spaces, and '#' only in a field that is not drawn.
	if _, list := parseString(t, base+"theme:\n  color: \"#1F4E79\"\n", Options{Covers: covers}); list != nil {
		t.Fatalf("spaces and an undrawn '#' were refused:\n%v", list)
	}

	const thai = "ก"
	full := `id: hus-7
landlord:
  name: {landlord.name}
  phone: {landlord.phone}
  email: {landlord.email}
  website: {landlord.website}
property:
  name: {property.name}
  address: {property.address}
  postal_code: {property.postal_code}
  city: {property.city}
  entrances: [{property.entrances[0]}]
contacts:
  - name: {contacts[0].name}
    phone: {contacts[0].phone}
    hours: {contacts[0].hours}
    note: {contacts[0].note}
qr:
  url: {qr.url}
  caption: {qr.caption}
`
	good := map[string]string{
		"landlord.name": "Bostads AB", "landlord.phone": "0303-70 30 00", "landlord.email": "info@example.org",
		"landlord.website": "https://example.org", "property.name": "Linden", "property.address": "Storgatan 7",
		"property.postal_code": "449 30", "property.city": "Nödinge", "property.entrances[0]": "7A",
		"contacts[0].name": "Soc", "contacts[0].phone": "112", "contacts[0].hours": "dygnet runt",
		"contacts[0].note": "Ring", "qr.url": "https://example.org/x", "qr.caption": "Läs mer",
	}
	fill := func(bad string) string {
		src := full
		for field, value := range good {
			if field == bad {
				value += thai
			}
			src = strings.Replace(src, "{"+field+"}", value, 1)
		}
		return src
	}
	if _, list := parseString(t, fill(""), Options{Covers: covers}); list != nil {
		t.Fatalf("good file refused:\n%v", list)
	}
	for field := range good {
		_, list := parseString(t, fill(field), Options{Covers: covers})
		want := field + ": character U+0E01 'ก' cannot be drawn by the embedded fonts (remove it or write it in Latin letters)"
		if len(list) != 1 || !strings.HasSuffix(list[0].Error(), want) {
			t.Errorf("%s: got\n%v\nwant one error ending %q", field, list, want)
		}
		pos := list[0].Pos
		if line := strings.Split(fill(field), "\n")[pos.Line-1]; !strings.Contains(line, thai) {
			t.Errorf("%s: error at line %d, which has no %s: %q", field, pos.Line, thai, line)
		}
	}
	// Without Covers anything printable goes.
	if _, list := parseString(t, fill("property.city"), Options{}); list != nil {
		t.Errorf("without Covers: %v", list)
	}
}

func TestParseTooManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(base)
	for i := 0; i < 60; i++ {
		b.WriteString("unknown" + strings.Repeat("x", i) + ": 1\n")
	}
	_, list := parseString(t, b.String(), Options{})
	if len(list) != maxErrors+1 {
		t.Fatalf("got %d errors, want %d", len(list), maxErrors+1)
	}
	if got, want := list[maxErrors].Error(), "hus.yaml:59:1: and 10 more problems (fix these first)"; got != want {
		t.Errorf("last error = %q, want %q", got, want)
	}
}

func TestParseAllErrorsAtOnce(t *testing.T) {
	p, err := Load(filepath.Join("testdata", "several-problems.yaml"), Options{})
	list := checkResult(t, p, err)
	f := filepath.Join("testdata", "several-problems.yaml")
	want := []string{
		f + `:1:1: qr: missing required field "qr" (add e.g. "qr:" with "url: https://example.org/huskurage" indented under it)`,
		f + ":3:10: landlord.phone: brackets may only hold the digits of the area code, not (växel) (write only the number, e.g. (0303) 70 30 00, and put words in a contact's note)",
		f + ":9:10: theme.color: white text on #FFCC00 has a contrast of 1.51:1; at least 4.5:1 is needed (choose a darker colour)",
	}
	if got := list.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

func TestLoadGood(t *testing.T) {
	path := filepath.Join("testdata", "good.yaml")
	p, err := Load(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := Property{
		Source:   path,
		ID:       "storgatan-7",
		Language: "en", Languages: []string{"en"},
		Landlord: Landlord{
			Name:    "Bostads AB Exempel",
			Phone:   "0303703000",
			Email:   "info@example.org",
			Website: "https://example.org",
		},
		Building: Building{
			Name:       "Kvarteret Linden",
			Address:    "Storgatan 7",
			PostalCode: "44930",
			City:       "Nödinge",
			Entrances:  []string{"7A", "7B"},
		},
		Contacts: []Contact{
			{Name: "Socialtjänsten, kontaktcenter", Phone: "0303-70 30 00", Hours: Texts{"en": "mån–fre 8–17"},
				Note: Texts{"en": "Fråga efter en handläggare på socialtjänsten."}},
			{Name: "Fastighetsjouren", Phone: "+46 303 00 00 00"},
		},
		Steps:        PolicySteps,
		SupportLines: []string{"bris", "kvinnofridslinjen"},
		QR:           QR{URL: "https://example.org/huskurage?src=poster#top", Caption: Texts{"en": "Läs mer"}},
		Theme:        Theme{Color: "#1f4e79", RGB: [3]uint8{0x1f, 0x4e, 0x79}},
	}
	got := *p
	got.pos, got.start, got.notes = nil, Position{}, nil
	// The one thing the file leaves out, warned about (apartments_test.go).
	if len(got.Warnings) != 1 || got.Warnings[0].Field != "property.apartments" {
		t.Errorf("warnings: %v", got.Warnings)
	}
	got.Warnings = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}

	for field, want := range map[string]Position{
		"version":               {File: path, Line: 3, Col: 10},
		"landlord":              {File: path, Line: 7, Col: 3},
		"landlord.name":         {File: path, Line: 7, Col: 9},
		"landlord.phone":        {File: path, Line: 8, Col: 10},
		"property.entrances[1]": {File: path, Line: 16, Col: 19},
		"contacts[0]":           {File: path, Line: 18, Col: 5},
		"contacts[1].phone":     {File: path, Line: 23, Col: 12},
		"support_lines[1]":      {File: path, Line: 24, Col: 23},
		"qr.url":                {File: path, Line: 26, Col: 8},
		"theme.color":           {File: path, Line: 29, Col: 10},
		"contacts[0].nothing":   {File: path, Line: 18, Col: 5},  // nearest present parent
		"landlord.logo":         {File: path, Line: 7, Col: 3},   // absent: its section
		"nothing":               {File: path, Line: 1, Col: 1},   // absent at the top
		"contacts[7].phone":     {File: path, Line: 18, Col: 3},  // absent item: the list
		"property.entrances":    {File: path, Line: 16, Col: 14}, // the list itself
	} {
		if got := p.Pos(field); got != want {
			t.Errorf("Pos(%q) = %v, want %v", field, got, want)
		}
	}
}

func TestParseGoodVariants(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, p *Property)
	}{
		{"defaults", base, func(t *testing.T, p *Property) {
			if p.ID != "hus" || p.Language != "sv" || p.Theme != (Theme{}) || p.Landlord.Logo != nil ||
				p.Contacts != nil || p.Building.Entrances != nil {
				t.Errorf("defaults: %+v", p)
			}
			if !reflect.DeepEqual(p.SupportLines, helpline.Default) {
				t.Errorf("support lines = %v, want %v", p.SupportLines, helpline.Default)
			}
			p.SupportLines[0] = "changed"
			if helpline.Default[0] == "changed" {
				t.Error("SupportLines shares its array with helpline.Default")
			}
		}},
		{"no support lines", base + "support_lines: []\n", func(t *testing.T, p *Property) {
			if p.SupportLines == nil || len(p.SupportLines) != 0 {
				t.Errorf("support lines = %#v, want empty and not nil", p.SupportLines)
			}
		}},
		{"null support lines", base + "support_lines:\n", func(t *testing.T, p *Property) {
			if !reflect.DeepEqual(p.SupportLines, helpline.Default) {
				t.Errorf("support lines = %v", p.SupportLines)
			}
		}},
		{"numbers stay as written", withLandlord("  phone: 0303703000") + "contacts:\n  - name: 2024\n    phone: 112\n",
			func(t *testing.T, p *Property) {
				if p.Landlord.Phone != "0303703000" || p.Contacts[0].Name != "2024" || p.Contacts[0].Phone != "112" {
					t.Errorf("got %q %q %q", p.Landlord.Phone, p.Contacts[0].Name, p.Contacts[0].Phone)
				}
			}},
		{"postal code as a number", edit("  postal_code: 449 30", "  postal_code: 04930"), func(t *testing.T, p *Property) {
			if p.Building.PostalCode != "04930" {
				t.Errorf("postal code = %q", p.Building.PostalCode)
			}
		}},
		{"tagged text", withLandlord("  phone: !!str 0303-70 30 00"), func(t *testing.T, p *Property) {
			if p.Landlord.Phone != "0303-70 30 00" {
				t.Errorf("phone = %q", p.Landlord.Phone)
			}
		}},
		{"international phone", withLandlord("  phone: +46 303-70 30 00"), func(t *testing.T, p *Property) {
			if p.Landlord.Phone != "+46 303-70 30 00" {
				t.Errorf("phone = %q", p.Landlord.Phone)
			}
		}},
		{"words YAML reads as booleans", edit(nameLine, "  name: yes"), func(t *testing.T, p *Property) {
			if p.Landlord.Name != "yes" {
				t.Errorf("name = %q", p.Landlord.Name)
			}
		}},
		{"trimmed", edit(nameLine, `  name: "  Bostads AB  "`), func(t *testing.T, p *Property) {
			if p.Landlord.Name != "Bostads AB" {
				t.Errorf("name = %q", p.Landlord.Name)
			}
		}},
		{"folded note", base + "contacts:\n  - name: A\n    phone: 112\n    note: >\n      line one\n      line two\n",
			func(t *testing.T, p *Property) {
				if p.Contacts[0].Note.In("sv") != "line one line two" {
					t.Errorf("note = %q", p.Contacts[0].Note)
				}
			}},
		{"byte order mark and CRLF", "\uFEFF" + strings.ReplaceAll(base, "\n", "\r\n"), func(t *testing.T, p *Property) {
			if p.Building.City != "Nödinge" || p.Pos("property.city") != (Position{File: "hus.yaml", Line: 6, Col: 9}) {
				t.Errorf("city %q at %v", p.Building.City, p.Pos("property.city"))
			}
		}},
		{"document markers", "---\n" + base + "...\n", func(t *testing.T, p *Property) {}},
		{"quoted keys", strings.Replace(base, "  city:", `  "city":`, 1), func(t *testing.T, p *Property) {}},
		{"version 1", base + "version: 1\n", func(t *testing.T, p *Property) {}},
		{"url of 2000 bytes", edit(urlLine, "  url: https://example.org/"+strings.Repeat("x", 1980)), func(t *testing.T, p *Property) {
			if len(p.QR.URL) != 2000 {
				t.Errorf("url has %d bytes", len(p.QR.URL))
			}
		}},
		{"url kept as written", edit(urlLine, "  url: HTTPS://Example.ORG/Hus?a=1&b=%C3%A5#x"), func(t *testing.T, p *Property) {
			if p.QR.URL != "HTTPS://Example.ORG/Hus?a=1&b=%C3%A5#x" {
				t.Errorf("url = %q", p.QR.URL)
			}
		}},
		{"international domain in punycode", edit(urlLine, "  url: https://xn--bostder-8wa.example.se/"), func(t *testing.T, p *Property) {}},
		{"dark enough", base + "theme:\n  color: \"#767676\"\n", func(t *testing.T, p *Property) {
			if p.Theme.RGB != [3]uint8{0x76, 0x76, 0x76} {
				t.Errorf("rgb = %v", p.Theme.RGB)
			}
		}},
		{"no colour", base + "theme:\n  color:\n", func(t *testing.T, p *Property) {
			if p.Theme != (Theme{}) {
				t.Errorf("theme = %+v", p.Theme)
			}
		}},
		{"flow style", "{landlord: {name: B}, property: {address: A, postal_code: 449 30, city: C}, qr: {url: \"https://example.org\"}}",
			func(t *testing.T, p *Property) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, list := parseString(t, tt.src, Options{})
			if list != nil {
				t.Fatalf("unexpected errors:\n%v", list)
			}
			tt.check(t, p)
		})
	}
}

func TestDefaultID(t *testing.T) {
	tests := []struct {
		file, id, err string
	}{
		{"hus.yaml", "hus", ""},
		{filepath.Join("a", "b", "Storgatan-7.YAML"), "storgatan-7", ""},
		{"hus7.yml", "hus7", ""},
		{"hus-7", "hus-7", ""},
		{"Storgatan 7.yaml", "", `Storgatan 7.yaml:1:1: id: the file name "Storgatan 7.yaml" does not make a safe id (add id: storgatan-7)`},
		{"Våning_2.yaml", "", `(add id: vaning-2)`},
		{"notes.txt", "", `(add id: notes-txt)`},
		{"", "", "1:1: id: missing id, and there is no file name to take it from (add e.g. id: hus-7)"},
	}
	for _, tt := range tests {
		p, err := Parse([]byte(base), tt.file, "", Options{})
		list := checkResult(t, p, err)
		if tt.err == "" {
			if list != nil || p.ID != tt.id {
				t.Errorf("%q: id %q, errors %v; want id %q", tt.file, p.ID, list, tt.id)
			}
			continue
		}
		if len(list) != 1 || !strings.Contains(list[0].Error(), tt.err) {
			t.Errorf("%q: got %v, want %q", tt.file, list, tt.err)
		}
	}
	// An id in the file wins over the file name.
	p, err := Parse([]byte(base+"id: linden\n"), "Storgatan 7.yaml", "", Options{})
	if err != nil || p.ID != "linden" {
		t.Errorf("explicit id: %v, %v", p, err)
	}
}

func TestSafeID(t *testing.T) {
	for id, want := range map[string]bool{
		"a": true, "hus-7": true, "7": true, strings.Repeat("a", 64): true,
		"": false, "-a": false, "a-": false, "A": false, "a_b": false, "a b": false, "å": false,
		strings.Repeat("a", 65): false, "a.b": false,
	} {
		if got := SafeID(id); got != want {
			t.Errorf("SafeID(%q) = %v", id, got)
		}
	}
}

func TestContrastWithWhite(t *testing.T) {
	tests := []struct {
		rgb      [3]uint8
		min, max float64
	}{
		{[3]uint8{0, 0, 0}, 20.99, 21.01},
		{[3]uint8{255, 255, 255}, 0.99, 1.01},
		{[3]uint8{0x76, 0x76, 0x76}, 4.5, 4.56}, // the lightest grey that passes
		{[3]uint8{0x77, 0x77, 0x77}, 4.4, 4.5},
		{[3]uint8{0xFF, 0x00, 0x00}, 3.99, 4.0},
	}
	for _, tt := range tests {
		if got := ContrastWithWhite(tt.rgb); got < tt.min || got >= tt.max {
			t.Errorf("ContrastWithWhite(%v) = %.4f, want in [%.2f, %.2f)", tt.rgb, got, tt.min, tt.max)
		}
	}
}

func TestLoadFileProblems(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(base+"#"+strings.Repeat("x", MaxFileSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, want string
	}{
		{filepath.Join(dir, "missing.yaml"), filepath.Join(dir, "missing.yaml") + ":1:1: file not found (check the path; `huskurage init` writes a starter file)"},
		{dir, dir + ":1:1: is a folder, not a property file (name a .yaml file)"},
		{big, big + ":1:1: file is 1.1 MiB; a property file may be at most 1 MiB (is this the right file?)"},
	}
	for _, tt := range tests {
		p, err := Load(tt.path, Options{})
		list := checkResult(t, p, err)
		if len(list) != 1 || list[0].Error() != tt.want {
			t.Errorf("got %v\nwant %s", list, tt.want)
		}
	}
}

func TestParseHugeBrokenFile(t *testing.T) {
	src := strings.Repeat("x: 1\n", 100000)
	_, list := parseString(t, src, Options{})
	if len(list) != maxErrors+1 {
		t.Fatalf("got %d errors", len(list))
	}
	// 100000 unknown fields and three missing sections.
	if got, want := list[maxErrors].Problem, "and 99953 more problems"; got != want {
		t.Errorf("last problem = %q, want %q", got, want)
	}
}

func TestApartments(t *testing.T) {
	base := "landlord:\n  name: B\nproperty:\n  address: A 1\n  postal_code: \"449 30\"\n  city: C\n  apartments: %s\nqr:\n  url: https://example.org/x\n"
	p, err := Parse([]byte(fmt.Sprintf(base, "24")), "hus.yaml", ".", Options{})
	if err != nil || p.Building.Apartments != 24 {
		t.Fatalf("apartments: 24 gave %v, %v", p, err)
	}
	for value, want := range map[string]string{
		"-3":     `hus.yaml:7:15: property.apartments: -3 is not a number of apartments`,
		"many":   `hus.yaml:7:15: property.apartments: must be a whole number`,
		"[1, 2]": `hus.yaml:7:15: property.apartments: must be a whole number`,
	} {
		_, err := Parse([]byte(fmt.Sprintf(base, value)), "hus.yaml", ".", Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("apartments: %s gave %v, want %q", value, err, want)
		}
	}
}

// Decomposed letters are composed and soft hyphens dropped, so a contact
// name copied from a PDF compares equal to one typed by hand and no
// hyphen is printed where the word processor hid one.
func TestTextNormalised(t *testing.T) {
	src := "landlord:\n  name: \"Socialtja\u0308nsten\"\nproperty:\n  address: \"Stor\u00adgatan 7\"\n  postal_code: \"449 30\"\n  city: C\nqr:\n  url: https://example.org/x\n"
	p, err := Parse([]byte(src), "hus.yaml", ".", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Landlord.Name != "Socialtjänsten" || p.Building.Address != "Storgatan 7" {
		t.Errorf("name %q, address %q", p.Landlord.Name, p.Building.Address)
	}
}

// A link with letters outside ASCII is refused with its ASCII form: a QR
// code carries no character set, and phones guess differently.
func TestNonASCIILink(t *testing.T) {
	src := "landlord:\n  name: B\nproperty:\n  address: A 1\n  postal_code: \"449 30\"\n  city: C\nqr:\n  url: https://bostäder.example.se/sök?q=ö\n"
	_, err := Parse([]byte(src), "hus.yaml", ".", Options{})
	want := "hus.yaml:8:8: qr.url: the web address has the character U+00E4 'ä'"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "https://xn--bostder-8wa.example.se/s%C3%B6k?q=%C3%B6") {
		t.Errorf("err = %v", err)
	}
}
