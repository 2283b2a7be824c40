package property

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

// badInputs are the property files of the CLI's script tests and of
// this package's testdata, each with the files beside it (a logo).
func badInputs(t *testing.T) map[string]fstest.MapFS {
	t.Helper()
	out := map[string]fstest.MapFS{}
	scripts, err := filepath.Glob("../cmd/huskurage/testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, name := range scripts {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files := fstest.MapFS{}
		for _, f := range a.Files {
			files[f.Name] = &fstest.MapFile{Data: f.Data}
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".yaml") {
				out[filepath.Base(name)+"/"+f.Name] = files
			}
		}
	}
	err = filepath.WalkDir("testdata", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		data, err := os.ReadFile(path)
		out[path] = fstest.MapFS{filepath.Base(path): &fstest.MapFile{Data: data}}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBadInputsInSwedish checks every problem and warning the loader
// gives for the bad inputs of the tests: each is said in Swedish, all
// of it found in the catalog.
func TestBadInputsInSwedish(t *testing.T) {
	t.Parallel()
	covers := func(r rune) bool { return r < 0x3000 } // no CJK, as bad-no-glyph expects
	seen := 0
	for name, files := range badInputs(t) {
		file := name[strings.LastIndexByte(name, '/')+1:]
		if i := strings.IndexByte(name, '/'); i >= 0 && strings.HasSuffix(name[:i], ".txtar") {
			file = name[i+1:]
		}
		src, err := files.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{Covers: covers, Files: files}
		var list ErrorList
		props, err := ParseStream(src, file, "", opts)
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range props {
			list = append(list, p.Warnings...)
		}
		for _, e := range list {
			seen++
			problem, hint, ok := e.in("sv")
			if !ok || problem == e.Problem || e.Hint != "" && hint == e.Hint {
				t.Errorf("%s: %s\n  in Swedish: %s (%s)", name, e, problem, hint)
			}
			if testing.Verbose() {
				t.Logf("%s: %s\n  sv: %s (%s)", name, e, problem, hint)
			}
		}
	}
	if seen < 40 {
		t.Errorf("only %d problems in the bad inputs; are they read?", seen)
	}
}

// TestSwedishMessages gives a few files with one mistake each, as a
// landlord makes them, and the problem as the Swedish form shows it.
func TestSwedishMessages(t *testing.T) {
	t.Parallel()
	const good = `landlord:
  name: Bostads AB Exempel
  phone: 0303-70 30 00
property:
  address: Storgatan 7
  postal_code: 449 30
  city: Nödinge
  apartments: 24
qr:
  url: https://example.org/huskurage
`
	tests := []struct {
		name, old, new string
		want           string // "field: problem (hint)" in Swedish
	}{
		{"postal code", "449 30", "4493",
			`property.postal_code: "4493" är inget svenskt postnummer (fem siffror, t.ex. 449 30)`},
		{"letter O in a phone number", "0303-70 30 00", "0303-7O 30 00",
			`landlord.phone: bokstaven 'O' är inte tillåten i ett telefonnummer (skriv siffran 0, inte bokstaven O)`},
		{"one digit", "0303-70 30 00", "7",
			`landlord.phone: har 1 siffra; ett telefonnummer har minst 3 (använd bara siffror, mellanslag, '-', parentes runt riktnumret och ett inledande '+', t.ex. 0303-70 30 00)`},
		{"two digits", "0303-70 30 00", "07",
			`landlord.phone: har 2 siffror; ett telefonnummer har minst 3 (använd bara siffror, mellanslag, '-', parentes runt riktnumret och ett inledande '+', t.ex. 0303-70 30 00)`},
		{"Swedish field name", "  phone:", "  telefon:",
			`landlord.telefon: okänt fält "telefon" (menade du "phone"?)`},
		{"field in the wrong section", "  city: Nödinge", "  city: Nödinge\n  url: https://example.org",
			`property.url: okänt fält "url" ("url" hör hemma under qr:; kontrollera indraget)`},
		{"missing city", "  city: Nödinge\n", "",
			`property.city: det obligatoriska fältet "city" saknas (lägg till t.ex. city: Nödinge)`},
		{"http link", "https://example.org/huskurage", "http://example.org/huskurage",
			`qr.url: ska börja med https:// (en QR-kod som öppnar en osäker sida kan manipuleras)`},
		{"a list where text belongs", "  name: Bostads AB Exempel", "  name: [a, b]",
			`landlord.name: ska vara text, men här står en lista (skriv ett enda värde)`},
		{"indentation", "  city: Nödinge", " city: Nödinge",
			`YAML-syntaxfel: fältet city: har för litet indrag (börja raden med 2 mellanslag, som postal_code: på rad 6)`},
		{"no steps", "qr:\n", "steps: []\nqr:\n",
			`steps: ska ta med alla tre stegen; police, others och knock saknas (policyns steg får stå i en annan ordning men aldrig utelämnas: skriv steps: [police, others, knock] (kommunens ordning, standard) eller steps: [knock, others, police] (den äldre nationella ordningen))`},
		{"a caption in one language of two", "qr:\n", "languages: [sv, ar]\nqr:\n  caption: Läs mer\n",
			`qr.caption: har ingen text på arabiska; dokumenten på arabiska får vår egen text (bildtext) (lägg till ar: med texten (bildtext) på arabiska under caption:)`},
		{"a contact's hours in one language of two", "qr:\n", "languages: [sv, fa]\ncontacts:\n  - name: Socialtjänsten\n    phone: 0303-70 30 00\n    hours: {sv: vardagar 8–16}\nqr:\n",
			`contacts[0].hours: finns bara på svenska; dokumenten på persiska visar den på svenska (lägg till fa: med texten på persiska under hours:)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := strings.Replace(good, tt.old, tt.new, 1)
			if src == good {
				t.Fatalf("%q is not in the file", tt.old)
			}
			p, err := Parse([]byte(src), "hus.yaml", "", Options{})
			var list ErrorList
			if err != nil && !errors.As(err, &list) {
				t.Fatal(err)
			}
			if p != nil {
				list = p.Warnings
			}
			var got []string
			for _, e := range list {
				problem, hint := e.In("sv")
				s := e.Field + ": " + problem + " (" + hint + ")"
				if e.Field == "" {
					s = problem + " (" + hint + ")"
				}
				got = append(got, s)
				if en, _ := e.In("en"); en != e.Problem {
					t.Errorf("In(en) = %q, want Problem %q", en, e.Problem)
				}
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// TestSwedishNumbers: counts and line numbers are written as in English,
// without a thousands separator, and a fraction with a decimal comma.
func TestSwedishNumbers(t *testing.T) {
	t.Parallel()
	e := NewError(Position{}, "", Textf("the logo is %d×%d pixels; at most 16.7 million pixels (4096×4096) are allowed", 5000, 12000),
		Textf("white text on %s has a contrast of %.2f:1; at least 4.5:1 is needed", "#FFCC00", 1.63))
	problem, hint := e.In("sv")
	if want := "logotypen är 5000×12000 pixlar; högst 16,7 miljoner pixlar (4096×4096) är tillåtet"; problem != want {
		t.Errorf("got %q, want %q", problem, want)
	}
	if want := "vit text på #FFCC00 har kontrasten 1,63:1; minst 4,5:1 behövs"; hint != want {
		t.Errorf("got %q, want %q", hint, want)
	}
}
