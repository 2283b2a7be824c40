package property

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"huskurage/helpline"
)

// ale is a defaults file, read as ale.yaml:
//
//	 1 language: en
//	 2 landlord:
//	 3   name: Ale kommun
//	 4   phone: 0303-70 30 00
//	 5   email: info@ale.se
//	 6 property:
//	 7   city: Nödinge
//	 8 contacts:
//	 9   - name: Socialtjänsten
//	10     phone: 0303-70 30 00
//	11     hours: vardagar 8–16
//	12   - name: Polisen
//	13     phone: 114 14
//	14 support_lines: [kvinnofridslinjen, bris]
//	15 qr:
//	16   url: https://ale.se/huskurage
//	17   caption: Läs mer
//	18 theme:
//	19   color: "#1d4e63"
const ale = `language: en
landlord:
  name: Ale kommun
  phone: 0303-70 30 00
  email: info@ale.se
property:
  city: Nödinge
contacts:
  - name: Socialtjänsten
    phone: 0303-70 30 00
    hours: vardagar 8–16
  - name: Polisen
    phone: 114 14
support_lines: [kvinnofridslinjen, bris]
qr:
  url: https://ale.se/huskurage
  caption: Läs mer
theme:
  color: "#1d4e63"
`

// house is the least a property needs with ale's defaults:
//
//	1 property:
//	2   address: Storgatan 7
//	3   postal_code: 449 30
const house = `property:
  address: Storgatan 7
  postal_code: 449 30
`

// parseDefaults parses src as ale.yaml and fails the test on errors.
func parseDefaults(t *testing.T, src string) *Defaults {
	t.Helper()
	d, err := ParseDefaults([]byte(src), "ale.yaml", t.TempDir(), Options{})
	if err != nil {
		t.Fatalf("defaults refused:\n%v", err)
	}
	return d
}

func at(file string, line, col int) Position { return Position{File: file, Line: line, Col: col} }

func TestDefaultsMerge(t *testing.T) {
	type want map[string]Position
	tests := []struct {
		name     string
		defaults string // "" for none
		src      string
		check    func(t *testing.T, p *Property)
		pos      want     // Pos of fields of the merged property
		errs     []string // the start of each error, in order
	}{
		{"everything left out is inherited", ale, house,
			func(t *testing.T, p *Property) {
				if p.ID != "hus" || p.Language != "en" || p.Landlord.Name != "Ale kommun" || p.Landlord.Phone != "0303-70 30 00" ||
					p.Landlord.Email != "info@ale.se" || p.Building.City != "Nödinge" || p.Building.Address != "Storgatan 7" ||
					p.QR.URL != "https://ale.se/huskurage" || !reflect.DeepEqual(p.QR.Caption, Texts{"en": "Läs mer"}) || p.Theme.Color != "#1d4e63" ||
					p.Theme.RGB != [3]uint8{0x1d, 0x4e, 0x63} {
					t.Errorf("merged: %+v", p)
				}
				if !reflect.DeepEqual(p.SupportLines, []string{"kvinnofridslinjen", "bris"}) {
					t.Errorf("support lines %v", p.SupportLines)
				}
				wantContacts := []Contact{
					{Name: "Socialtjänsten", Phone: "0303-70 30 00", Hours: Texts{"en": "vardagar 8–16"}},
					{Name: "Polisen", Phone: "114 14"},
				}
				if !reflect.DeepEqual(p.Contacts, wantContacts) {
					t.Errorf("contacts %+v", p.Contacts)
				}
			},
			want{
				"language": at("ale.yaml", 1, 11), "landlord": at("ale.yaml", 3, 3), "landlord.name": at("ale.yaml", 3, 9),
				"landlord.phone": at("ale.yaml", 4, 10), "landlord.logo": at("ale.yaml", 3, 3),
				"property.city": at("ale.yaml", 7, 9), "property.address": at("hus.yaml", 2, 12), "property": at("hus.yaml", 2, 3),
				"contacts": at("ale.yaml", 9, 3), "contacts[0].hours": at("ale.yaml", 11, 12), "contacts[1]": at("ale.yaml", 12, 5),
				"contacts[1].phone": at("ale.yaml", 13, 12), "support_lines": at("ale.yaml", 14, 16),
				"support_lines[1]": at("ale.yaml", 14, 36), "qr.url": at("ale.yaml", 16, 8), "qr.caption": at("ale.yaml", 17, 12),
				"theme.color": at("ale.yaml", 19, 10), "id": at("hus.yaml", 1, 1),
			}, nil},
		{"the property's own values win", ale,
			base + "language: sv\nsupport_lines: [terrafem]\ntheme:\n  color: \"#000000\"\n",
			func(t *testing.T, p *Property) {
				if p.Language != "sv" || p.Landlord.Name != "Bostads AB Exempel" || p.Landlord.Phone != "0303-70 30 00" ||
					p.QR.URL != "https://example.org/huskurage" || !reflect.DeepEqual(p.QR.Caption, Texts{"sv": "Läs mer"}) || p.Theme.Color != "#000000" {
					t.Errorf("merged: %+v", p)
				}
				if !reflect.DeepEqual(p.SupportLines, []string{"terrafem"}) {
					t.Errorf("support lines %v", p.SupportLines)
				}
			},
			want{
				"language": at("hus.yaml", 9, 11), "landlord.name": at("hus.yaml", 2, 9), "landlord": at("hus.yaml", 2, 3),
				"landlord.phone": at("ale.yaml", 4, 10), "qr.url": at("hus.yaml", 8, 8), "qr.caption": at("ale.yaml", 17, 12),
				"support_lines[0]": at("hus.yaml", 10, 17), "support_lines[1]": at("hus.yaml", 10, 16),
				"theme.color": at("hus.yaml", 12, 10),
			}, nil},
		{"empty text leaves out an inherited value", ale,
			house + "landlord:\n  email: \"\"\nqr:\n  caption: \"\"\ntheme:\n  color: \"\"\n",
			func(t *testing.T, p *Property) {
				if p.Landlord.Email != "" || p.QR.Caption != nil || p.Theme != (Theme{}) || p.Landlord.Phone == "" {
					t.Errorf("merged: %+v", p)
				}
			},
			want{"landlord.email": at("hus.yaml", 5, 10), "landlord.phone": at("ale.yaml", 4, 10)}, nil},
		{"a field with no value is inherited", ale,
			house + "language:\nlandlord:\n  phone:\n  name: ~\nsupport_lines:\ntheme:\n",
			func(t *testing.T, p *Property) {
				if p.Language != "en" || p.Landlord.Phone != "0303-70 30 00" || p.Landlord.Name != "Ale kommun" ||
					len(p.SupportLines) != 2 || p.Theme.Color != "#1d4e63" {
					t.Errorf("merged: %+v", p)
				}
			},
			want{"landlord.phone": at("ale.yaml", 4, 10), "support_lines": at("ale.yaml", 14, 16), "landlord": at("hus.yaml", 6, 3)}, nil},
		{"support_lines: [] replaces the defaults' list", ale, house + "support_lines: []\n",
			func(t *testing.T, p *Property) {
				if p.SupportLines == nil || len(p.SupportLines) != 0 {
					t.Errorf("support lines %#v", p.SupportLines)
				}
			},
			want{"support_lines": at("hus.yaml", 4, 16), "support_lines[0]": at("hus.yaml", 4, 16)}, nil},
		{"the built-in support lines when neither gives them", "landlord:\n  name: X\n", base,
			func(t *testing.T, p *Property) {
				if !reflect.DeepEqual(p.SupportLines, helpline.Default) {
					t.Errorf("support lines %v", p.SupportLines)
				}
			},
			want{"support_lines": at("hus.yaml", 1, 1)}, nil},
		{"entrances are the property's own", ale, house + "  entrances: [7A]\n",
			func(t *testing.T, p *Property) {
				if !reflect.DeepEqual(p.Building.Entrances, []string{"7A"}) {
					t.Errorf("entrances %v", p.Building.Entrances)
				}
			},
			want{"property.entrances[0]": at("hus.yaml", 4, 15)}, nil},
		{"required fields that neither gives", "landlord:\n  phone: 112\n", "property:\n  address: A\n", nil, nil,
			[]string{
				`hus.yaml:1:1: landlord.name: missing required field "name" (add e.g. name: Bostads AB Exempel; the defaults in ale.yaml do not give it either)`,
				`hus.yaml:1:1: property.postal_code: missing required field "postal_code" (add e.g. postal_code: 449 30; the defaults in ale.yaml do not give it either)`,
				`hus.yaml:1:1: property.city: missing required field "city"`,
				`hus.yaml:1:1: qr: missing required field "qr"`,
			}},
		{"a required field with no value that neither gives", "landlord:\n  name: X\n", edit(cityLine, "  city:"), nil, nil,
			[]string{"hus.yaml:6:3: property.city: is empty (write e.g. city: Nödinge; the defaults in ale.yaml do not give it either)"}},
		{"a required field may not be empty text", ale, edit(nameLine, `  name: ""`), nil, nil,
			[]string{"hus.yaml:2:9: landlord.name: is empty"}},
		{"an inherited section does not hide the property's errors", ale, house + "landlord:\n  phone: 12\n", nil, nil,
			[]string{"hus.yaml:5:10: landlord.phone: has 2 digits"}},
		// contacts
		{"own contacts come after the inherited ones", ale,
			house + "contacts:\n  - name: Fastighetsjouren\n    phone: 020-12 34 56\n",
			func(t *testing.T, p *Property) {
				if got := contactNames(p); got != "Socialtjänsten, Polisen, Fastighetsjouren" {
					t.Errorf("contacts %s", got)
				}
			},
			want{"contacts": at("hus.yaml", 5, 3), "contacts[0].name": at("ale.yaml", 9, 11), "contacts[2]": at("hus.yaml", 5, 5),
				"contacts[2].phone": at("hus.yaml", 6, 12), "contacts[3]": at("hus.yaml", 5, 3)}, nil},
		{"contacts: [] keeps the inherited ones", ale, house + "contacts: []\n",
			func(t *testing.T, p *Property) {
				if got := contactNames(p); got != "Socialtjänsten, Polisen" {
					t.Errorf("contacts %s", got)
				}
			},
			want{"contacts[1].name": at("ale.yaml", 12, 11)}, nil},
		{"a contact of the same name replaces the inherited one in place", ale,
			house + "contacts:\n  - name: Fastighetsjouren\n    phone: 112\n  - name: \" SOCIALTJÄNSTEN \"\n    phone: 0303-33 00 00\n",
			func(t *testing.T, p *Property) {
				want := []Contact{{Name: "SOCIALTJÄNSTEN", Phone: "0303-33 00 00"}, {Name: "Polisen", Phone: "114 14"},
					{Name: "Fastighetsjouren", Phone: "112"}}
				if !reflect.DeepEqual(p.Contacts, want) {
					t.Errorf("contacts %+v", p.Contacts)
				}
			},
			want{"contacts[0]": at("hus.yaml", 7, 5), "contacts[0].phone": at("hus.yaml", 8, 12), "contacts[0].hours": at("hus.yaml", 7, 5),
				"contacts[1].phone": at("ale.yaml", 13, 12), "contacts[2].name": at("hus.yaml", 5, 11)}, nil},
		{"remove: true leaves out an inherited contact", ale,
			house + "contacts:\n  - name: Socialtjänsten\n    remove: true\n  - name: Fastighetsjouren\n    phone: 112\n    remove: false\n",
			func(t *testing.T, p *Property) {
				if got := contactNames(p); got != "Polisen, Fastighetsjouren" {
					t.Errorf("contacts %s", got)
				}
			},
			want{"contacts[0].name": at("ale.yaml", 12, 11), "contacts[1].name": at("hus.yaml", 7, 11),
				"contacts[1].remove": at("hus.yaml", 9, 13), "contacts[2]": at("hus.yaml", 5, 3)}, nil},
		{"removing every inherited contact", ale,
			house + "contacts:\n  - name: polisen\n    remove: TRUE\n  - name: socialtjänsten\n    remove: true\n",
			func(t *testing.T, p *Property) {
				if len(p.Contacts) != 0 {
					t.Errorf("contacts %+v", p.Contacts)
				}
			}, nil, nil},
		{"removing a contact that is not inherited", ale,
			house + "contacts:\n  - name: Brandkåren\n    remove: true\n", nil, nil,
			[]string{`hus.yaml:5:5: contacts[0]: no inherited contact named "Brandkåren" (the defaults have: Socialtjänsten, Polisen)`}},
		{"removing when the defaults have no contacts", "landlord:\n  name: X\n",
			base + "contacts:\n  - name: Brandkåren\n    remove: true\n", nil, nil,
			[]string{`hus.yaml:10:5: contacts[0]: no inherited contact named "Brandkåren" (the defaults in ale.yaml have no contacts)`}},
		{"removing without defaults", "",
			base + "contacts:\n  - name: Brandkåren\n    remove: true\n", nil, nil,
			[]string{`hus.yaml:10:5: contacts[0]: no inherited contact named "Brandkåren" (this file is loaded without defaults`}},
		{"a removal with a phone", ale,
			house + "contacts:\n  - name: Polisen\n    remove: true\n    phone: 112\n", nil, nil,
			[]string{"hus.yaml:7:5: contacts[0].phone: a contact with remove: true only names the inherited contact to leave out"}},
		{"removing twice", ale,
			house + "contacts:\n  - name: Polisen\n    remove: true\n  - name: polisen\n    remove: true\n", nil, nil,
			[]string{`hus.yaml:7:5: contacts[1]: the inherited contact "Polisen" is already removed on line 5 (keep one)`}},
		{"replacing twice", ale,
			house + "contacts:\n  - name: Polisen\n    phone: 112\n  - name: Polisen\n    phone: 113\n", nil, nil,
			[]string{`hus.yaml:7:5: contacts[1]: the inherited contact "Polisen" is already replaced on line 5 (keep one)`}},
		{"replacing and removing", ale,
			house + "contacts:\n  - name: Polisen\n    phone: 112\n  - name: Polisen\n    remove: true\n", nil, nil,
			[]string{`hus.yaml:7:5: contacts[1]: the inherited contact "Polisen" is already replaced on line 5`}},
		{"remove is not a yes or no", ale,
			house + "contacts:\n  - name: Polisen\n    remove: ja\n", nil, nil,
			[]string{`hus.yaml:6:13: contacts[0].remove: must be true or false, found "ja" (write remove: true to leave out the inherited contact of this name)`}},
		{"a removal without a name", ale,
			house + "contacts:\n  - remove: true\n", nil, nil,
			[]string{`hus.yaml:5:5: contacts[0].name: missing required field "name"`}},
		{"a replacement needs its phone", ale,
			house + "contacts:\n  - name: Polisen\n    hours: dygnet runt\n", nil, nil,
			[]string{`hus.yaml:5:5: contacts[0].phone: missing required field "phone"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts Options
			if tt.defaults != "" {
				opts.Defaults = parseDefaults(t, tt.defaults)
			}
			p, list := parseString(t, tt.src, opts)
			if len(list) != len(tt.errs) {
				t.Fatalf("got %d errors, want %d:\n%v", len(list), len(tt.errs), list)
			}
			for i, e := range list {
				if !strings.HasPrefix(e.Error(), tt.errs[i]) {
					t.Errorf("error %d is\n%s\nwant it to start with\n%s", i, e.Error(), tt.errs[i])
				}
			}
			if p == nil {
				return
			}
			if tt.check != nil {
				tt.check(t, p)
			}
			for field, want := range tt.pos {
				if got := p.Pos(field); got != want {
					t.Errorf("Pos(%q) = %v, want %v", field, got, want)
				}
			}
		})
	}
}

func contactNames(p *Property) string {
	var names []string
	for _, c := range p.Contacts {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

func TestParseDefaults(t *testing.T) {
	d := parseDefaults(t, ale)
	v := d.Values
	if v.Source != "ale.yaml" || v.ID != "" || v.Language != "en" || v.Landlord.Name != "Ale kommun" || len(v.Contacts) != 2 ||
		!reflect.DeepEqual(v.SupportLines, []string{"kvinnofridslinjen", "bris"}) {
		t.Errorf("values %+v", v)
	}
	if got := v.Pos("contacts[1].phone"); got != at("ale.yaml", 13, 12) {
		t.Errorf("Pos = %v", got)
	}

	// Every field is optional, and what is left out stays empty.
	for _, src := range []string{"landlord:\n  name: X\n", "theme:\n  color: \"#1d4e63\"\n", "landlord:\nqr:\n", "version: 1\n"} {
		v := parseDefaults(t, src).Values
		if v.Language != "" || v.SupportLines != nil || v.Contacts != nil || v.ID != "" {
			t.Errorf("%q: values %+v", src, v)
		}
	}
	if v := parseDefaults(t, "support_lines: []\n").Values; v.SupportLines == nil || len(v.SupportLines) != 0 {
		t.Errorf("support_lines: [] gives %#v", v.SupportLines)
	}
}

func TestParseDefaultsProblems(t *testing.T) {
	tests := []struct {
		name, src string
		errs      []string
	}{
		{"empty", "# nothing\n", []string{"ale.yaml:1:1: file is empty"}},
		{"an id", "id: ale\nlandlord:\n  name: X\n",
			[]string{"ale.yaml:1:1: id: a defaults file has no id (each property has its own; remove this line)"}},
		{"entrances", "property:\n  city: Nödinge\n  entrances: [A]\n",
			[]string{"ale.yaml:3:3: property.entrances: entrances are never inherited (list the entrances in each property file)"}},
		{"remove", "contacts:\n  - name: Polisen\n    remove: true\n",
			[]string{"ale.yaml:3:13: contacts[0].remove: a defaults file has no inherited contacts to remove (delete the contact instead)"}},
		{"a contact without a phone", "contacts:\n  - name: Polisen\n",
			[]string{`ale.yaml:2:5: contacts[0].phone: missing required field "phone" (add e.g. phone: 0303-70 30 00)`}},
		{"two contacts of the same name", "contacts:\n  - name: Polisen\n    phone: 112\n  - name: polisen \n    phone: 113\n",
			[]string{`ale.yaml:4:11: contacts[1].name: contact "polisen" is listed twice (first on line 2)`}},
		{"a bad phone", "landlord:\n  phone: 12\n", []string{"ale.yaml:2:10: landlord.phone: has 2 digits"}},
		{"a light colour", "theme:\n  color: \"#FFCC00\"\n", []string{"ale.yaml:2:10: theme.color: white text on #FFCC00"}},
		{"an unknown field", "landlord:\n  telefon: 112\n",
			[]string{`ale.yaml:2:3: landlord.telefon: unknown field "telefon" (did you mean "phone"?)`}},
		{"a second document", "landlord:\n  name: X\n---\nqr: {}\n",
			[]string{"ale.yaml:3:1: a property file holds one property; found a second document"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDefaults([]byte(tt.src), "ale.yaml", "", Options{})
			if d != nil || err == nil {
				t.Fatalf("got defaults %v and error %v; want only an error", d, err)
			}
			list := err.(ErrorList)
			if len(list) != len(tt.errs) {
				t.Fatalf("got %d errors, want %d:\n%v", len(list), len(tt.errs), list)
			}
			for i, e := range list {
				if !strings.HasPrefix(e.Error(), tt.errs[i]) {
					t.Errorf("error %d is\n%s\nwant it to start with\n%s", i, e.Error(), tt.errs[i])
				}
			}
		})
	}
}

func TestLoadDefaultsLogoAndFolders(t *testing.T) {
	root := t.TempDir()
	kommun := filepath.Join(root, "kommun")
	husen := filepath.Join(root, "husen")
	for _, dir := range []string{kommun, husen} {
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path string, data []byte) {
		t.Helper()
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(kommun, "logo.png"), encodePNG(t, testImage(4, 2)))
	write(filepath.Join(husen, "own.png"), encodePNG(t, testImage(3, 3)))
	defaultsPath := filepath.Join(kommun, "ale.yaml")
	write(defaultsPath, []byte(strings.Replace(ale, "  email: info@ale.se\n", "  email: info@ale.se\n  logo: logo.png\n", 1)))
	d, err := LoadDefaults(defaultsPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Values.Landlord.Logo == nil || d.Values.Landlord.Logo.Path != filepath.Join(kommun, "logo.png") {
		t.Fatalf("defaults logo %+v", d.Values.Landlord.Logo)
	}

	inherits := filepath.Join(husen, "hus-1.yaml")
	write(inherits, []byte(house))
	p, err := Load(inherits, Options{Defaults: d})
	if err != nil {
		t.Fatal(err)
	}
	if p.Landlord.Logo == nil || p.Landlord.Logo.Width != 4 || p.Pos("landlord.logo") != at(defaultsPath, 6, 9) {
		t.Errorf("inherited logo %+v at %v", p.Landlord.Logo, p.Pos("landlord.logo"))
	}

	own := filepath.Join(husen, "hus-2.yaml")
	write(own, []byte(house+"landlord:\n  logo: own.png\n"))
	p, err = Load(own, Options{Defaults: d})
	if err != nil {
		t.Fatal(err)
	}
	if p.Landlord.Logo == nil || p.Landlord.Logo.Path != filepath.Join(husen, "own.png") || p.Pos("landlord.logo") != at(own, 5, 9) {
		t.Errorf("own logo %+v at %v", p.Landlord.Logo, p.Pos("landlord.logo"))
	}

	// A logo path in the defaults is not relative to the property.
	write(filepath.Join(kommun, "bad.yaml"), []byte("landlord:\n  logo: own.png\n"))
	_, err = LoadDefaults(filepath.Join(kommun, "bad.yaml"), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(kommun, "bad.yaml")+":2:9: landlord.logo: logo file "+filepath.Join(kommun, "own.png")+" not found") {
		t.Errorf("got %v", err)
	}

	missing := filepath.Join(kommun, "missing.yaml")
	if _, err := LoadDefaults(missing, Options{}); err == nil || !strings.HasPrefix(err.Error(), missing+":1:1: file not found") {
		t.Errorf("missing defaults: %v", err)
	}
}

func TestParseStreamWithDefaults(t *testing.T) {
	d := parseDefaults(t, ale)
	//  1 id: a              9 ---
	//  2 property:         10 id: b
	//  3   address: ...    11 property:
	//  4   postal_code:    12   address: Storgatan 9
	//  5 ---               13   postal_code: 449 31
	//  6 id: c             14 contacts:
	//  7 property:         15   - name: Polisen
	//  8   address: ...    16     remove: true
	src := "id: a\n" + house + "---\nid: c\nproperty:\n  address: Storgatan 8\n---\n" +
		"id: b\nproperty:\n  address: Storgatan 9\n  postal_code: 449 31\ncontacts:\n  - name: Polisen\n    remove: true\n"
	props, list := parseStreamString(t, src, Options{Defaults: d})
	if got := ids(props); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("good properties %v", got)
	}
	if len(list) != 1 || !strings.HasPrefix(list[0].Error(), `hus.yaml:7:1: property.postal_code: missing required field "postal_code" (add e.g. postal_code: 449 30; the defaults in ale.yaml do not give it either)`) {
		t.Errorf("errors:\n%v", list)
	}
	b := props[1]
	if b.Landlord.Name != "Ale kommun" || contactNames(b) != "Socialtjänsten" || b.Pos("property.address") != at("hus.yaml", 12, 12) ||
		b.Pos("landlord.name") != at("ale.yaml", 3, 9) || b.Pos("contacts[0].phone") != at("ale.yaml", 10, 12) {
		t.Errorf("b: %+v, address at %v", b, b.Pos("property.address"))
	}
	// The properties do not share lists they might change.
	props[0].SupportLines[0] = "changed"
	if d.Values.SupportLines[0] == "changed" || props[1].SupportLines[0] == "changed" {
		t.Error("support lines are shared")
	}
}
