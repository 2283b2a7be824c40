package property

import (
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestSummary(t *testing.T) {
	d := parseDefaults(t, ale)
	src := "id: storgatan-7\n" + house + "  entrances: [7A, \"B, C\"]\n" +
		"contacts:\n  - name: Polisen\n    phone: 112\n  - name: Fastighetsjouren\n    phone: \"0303703000\"\n    note: \"Ring: alltid\"\n"
	p, list := parseString(t, src, Options{Defaults: d})
	if list != nil {
		t.Fatal(list)
	}
	want := `id: storgatan-7
language: en # from ale.yaml:1
landlord:
  name: Ale kommun # from ale.yaml:3
  phone: 0303-70 30 00 # from ale.yaml:4
  email: info@ale.se # from ale.yaml:5
property:
  address: Storgatan 7
  postal_code: 449 30
  city: Nödinge # from ale.yaml:7
  entrances: [7A, 'B, C']
contacts:
  - name: Socialtjänsten # from ale.yaml:9
    phone: 0303-70 30 00 # from ale.yaml:10
    hours: vardagar 8–16 # from ale.yaml:11
  - name: Polisen
    phone: "112"
  - name: Fastighetsjouren
    phone: "0303703000"
    note: 'Ring: alltid'
steps: [police, others, knock] # default: the municipality's order
support_lines: [kvinnofridslinjen, bris] # from ale.yaml:14
qr:
  url: https://ale.se/huskurage # from ale.yaml:16
  caption: Läs mer # from ale.yaml:17
theme:
  color: '#1d4e63' # from ale.yaml:19
`
	got := p.Summary()
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if again := p.Summary(); again != got {
		t.Error("Summary differs between calls")
	}

	// Built-in defaults and an id from the file name say so.
	p, _ = parseString(t, base+"support_lines: []\n", Options{})
	want = `id: hus # from the file name
language: sv # default
landlord:
  name: Bostads AB Exempel
property:
  address: Storgatan 7
  postal_code: 449 30
  city: Nödinge
steps: [police, others, knock] # default: the municipality's order
support_lines: []
qr:
  url: https://example.org/huskurage
`
	if got := p.Summary(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := (&Property{}).Summary(); got != "support_lines: []\n" {
		t.Errorf("empty property: %q", got)
	}
}

// A summary is a property file that loads as the property it shows.
func TestSummaryLoadsAgain(t *testing.T) {
	d := parseDefaults(t, ale)
	merged, list := parseString(t, house+"contacts:\n  - name: Polisen\n    remove: true\n  - name: \"Jour: natt\"\n    phone: \"+46 1\"\n",
		Options{Defaults: d})
	if list != nil {
		t.Fatal(list)
	}
	good, err := Load(filepath.Join("testdata", "good.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*Property{merged, good} {
		again, err := Parse([]byte(p.Summary()), "again.yaml", "", Options{})
		if err != nil {
			t.Fatalf("summary does not load:\n%v\n%s", err, p.Summary())
		}
		a, b := *p, *again
		for _, q := range []*Property{&a, &b} {
			q.Source, q.pos, q.start, q.notes = "", nil, Position{}, nil
			// The same warnings, at places in another file.
			q.Warnings = append(ErrorList(nil), q.Warnings...)
			for i, w := range q.Warnings {
				w := *w
				w.Pos = Position{}
				q.Warnings[i] = &w
			}
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("loaded again as\n%+v\nwant\n%+v", b, a)
		}
	}
}

// A property printed in several languages shows them all, where they
// came from, and loads again with them; a property that names its one
// language in a list does not say that language is the default. The
// number of apartments is a number.
func TestSummaryLanguages(t *testing.T) {
	t.Parallel()
	d := parseDefaults(t, "languages: [en, ar]\n")
	for _, tc := range []struct {
		name, src string
		opts      Options
		want      []string // lines of the summary
	}{
		{"own list", base + "languages: [so, sv]\n", Options{}, []string{"languages: [so, sv]\n"}},
		{"own list of one", base + "languages: [so]\n", Options{}, []string{"language: so\n"}},
		{"inherited list", house, Options{Defaults: d}, []string{"languages: [en, ar] # from ale.yaml:1\n"}},
		{"apartments", edit("  city: Nödinge\n", "  city: Nödinge\n  apartments: 24\n"), Options{}, []string{"  apartments: 24\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src
			if tc.opts.Defaults != nil {
				src += "landlord:\n  name: Brf Ek\nqr:\n  url: https://ek.se/huskurage\n  caption: Läs\n"
				src = strings.Replace(src, "  postal_code: 449 30\n", "  postal_code: 449 30\n  city: Nödinge\n", 1)
			}
			p, list := parseString(t, src, tc.opts)
			if list != nil {
				t.Fatal(list)
			}
			got := p.Summary()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			if strings.Contains(got, "language: ") && strings.Contains(got, "languages: ") {
				t.Errorf("the languages shown twice:\n%s", got)
			}
			if tc.name != "apartments" && regexp.MustCompile(`(?m)^languages?: .*# default$`).MatchString(got) {
				t.Errorf("the languages given called the default:\n%s", got)
			}
			again, err := Parse([]byte(got), "again.yaml", "", Options{})
			if err != nil {
				t.Fatalf("does not load again: %v\n%s", err, got)
			}
			if !reflect.DeepEqual(again.Languages, p.Languages) || again.Building.Apartments != p.Building.Apartments {
				t.Errorf("loads again in %v with %d apartments, not in %v with %d", again.Languages, again.Building.Apartments,
					p.Languages, p.Building.Apartments)
			}
		})
	}
}
