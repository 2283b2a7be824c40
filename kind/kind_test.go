package kind

import (
	"regexp"
	"slices"
	"testing"

	"huskurage/property"
	"huskurage/templates"
)

// Every kind says everything the program asks of a kind: a name fit for
// a flag and a file name, sizes, a default size among them, a layout, a
// copy count, and its words on the cover in each cover language. A kind
// added with a field left out fails here, not in a print shop.
func TestRegistryIsComplete(t *testing.T) {
	t.Parallel()
	if len(All) == 0 {
		t.Fatal("no kinds")
	}
	safe := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	sv, err := templates.Load("sv")
	if err != nil {
		t.Fatal(err)
	}
	easy, err := templates.Load("sv-x-ll")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, k := range All {
		if !safe.MatchString(k.Name) {
			t.Errorf("%q: a name must suit a flag and a file name (a-z, 0-9, -)", k.Name)
		}
		if seen[k.Name] {
			t.Errorf("%q: two kinds of one name", k.Name)
		}
		seen[k.Name] = true
		if Named(k.Name) != k {
			t.Errorf("Named(%q) does not find it", k.Name)
		}
		if len(k.Sizes) == 0 || k.Layout == nil || k.Copies == nil {
			t.Errorf("%s: sizes, layout and copies are required", k.Name)
		}
		for _, langs := range [][]*templates.Language{{sv}, {easy}, {sv, easy}} {
			if size := k.Size("", langs); !slices.Contains(k.Sizes, size) {
				t.Errorf("%s: default size %q is not one of %v", k.Name, size, k.Sizes)
			}
		}
		if k.Size("A6", []*templates.Language{sv}) != "A6" {
			t.Errorf("%s: a size asked for is not kept", k.Name)
		}
		if k.Pair != nil && (!slices.Contains(k.Sizes, k.PairSize) || k.PairHelp == "" || k.PairWhy == "") {
			t.Errorf("%s: a kind in two languages needs a size among its own, a help text and a reason", k.Name)
		}
		if k.Cover.Share <= 0 {
			t.Errorf("%s: no share of the cover's width", k.Name)
		}
		for _, lang := range []string{"sv", "en"} {
			w, ok := k.Cover.Words[lang]
			if !ok || w.One == "" || w.Many == "" || w.Heading == "" {
				t.Errorf("%s: the cover's words in %s are missing", k.Name, lang)
			}
		}
	}
	if Named("brochure") != nil {
		t.Error("Named finds a kind that is not registered")
	}
}

// The poster is made for each entrance and printed once for each; the
// leaflet is made once and printed for each apartment, 0 when the
// property does not say how many it has.
func TestCopies(t *testing.T) {
	t.Parallel()
	p := &property.Property{Building: property.Building{Entrances: []string{"7A", "7B"}, Apartments: 48}}
	if !Poster.PerEntrance || Leaflet.PerEntrance {
		t.Error("the poster is per entrance, the leaflet is not")
	}
	if got := Poster.Copies(p); got != 1 {
		t.Errorf("poster copies %d, want 1", got)
	}
	if got := Leaflet.Copies(p); got != 48 {
		t.Errorf("leaflet copies %d, want 48", got)
	}
	p.Building.Apartments = 0
	if got := Leaflet.Copies(p); got != 0 {
		t.Errorf("leaflet copies of a property that does not say %d, want 0 (unknown)", got)
	}
}

// The cover is in Swedish, or English for "en"; any other language gets
// the Swedish words, as the cover itself.
func TestCoverWordsIn(t *testing.T) {
	t.Parallel()
	for lang, want := range map[string]string{"sv": "Foldrar", "en": "Leaflets", "EN": "Leaflets", "fi": "Foldrar", "": "Foldrar"} {
		if got := Leaflet.Cover.In(lang).Heading; got != want {
			t.Errorf("In(%q) = %q, want %q", lang, got, want)
		}
	}
}
