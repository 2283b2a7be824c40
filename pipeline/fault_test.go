package pipeline

import (
	"errors"
	"strings"
	"testing"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/property"
)

// TestFaultIsNotPlacedInTheFile checks that a failure of huskurage itself
// (a renderer error, a language it was asked for but has no texts for) is
// never reported as a problem at line 1, column 1 of the user's file, as it
// was: the landlord would look for a mistake that is not there.
func TestFaultIsNotPlacedInTheFile(t *testing.T) {
	t.Parallel()
	_, p := loadExample(t, "../examples/ale-storgatan.yaml")

	var err error = fieldError(p, "A4", kind.Poster, errors.New("renderer broke"))
	var pe *property.Error
	if errors.As(err, &pe) {
		t.Errorf("a renderer error came back as a problem in the file: %v", err)
	}
	for _, want := range []string{"renderer broke", "A4 poster", p.ID, "please report"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("fault %q does not say %q", err, want)
		}
	}

	// A problem with a field stays a problem in the file, at the field.
	err = fieldError(p, "A4", kind.Poster, &layout.FieldError{Field: "landlord.name", Problem: "does not fit"})
	if !errors.As(err, &pe) || pe.Pos != p.Pos("landlord.name") {
		t.Errorf("a field's problem came back as %#v; want it at landlord.name", err)
	}

	b, _ := loadExample(t, "../examples/ale-storgatan.yaml")
	_, err = b.Build(t.Context(), p, Options{Lang: "zz"})
	var list property.ErrorList
	if err == nil || errors.As(err, &list) || errors.As(err, &pe) {
		t.Errorf("Build in a language with no texts gave %v; want a fault, not a problem in the file", err)
	}
}

// A page that cannot hold a property's text is a problem the web form
// says in Swedish too: the layout's message and the document it was
// found on, with the English as check prints it.
func TestLayoutProblemInSwedish(t *testing.T) {
	t.Parallel()
	var src strings.Builder
	src.WriteString("id: tat\nlanguage: sv\nlandlord:\n  name: Fastighets AB Linden\nproperty:\n  address: Lindvägen 3\n" +
		"  postal_code: \"416 55\"\n  city: Göteborg\nqr:\n  url: https://example.org/linden\ncontacts:\n")
	for i := range 12 {
		src.WriteString("  - name: Kontaktperson nummer " + string(rune('A'+i)) + " i huset\n    phone: 031-390 06 01\n" +
			"    note: Ring gärna om du undrar över något som händer i huset, dag som natt; vi svarar alltid och hjälper till.\n")
	}
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := property.Parse([]byte(src.String()), "tat.yaml", ".", property.Options{Covers: b.Covers})
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Build(t.Context(), p, Options{Lang: "sv", Kinds: []*kind.Kind{kind.Poster}})
	var list property.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("twelve long contacts on an A4 poster: %v, want a problem in the file", err)
	}
	e := list[0]
	if !strings.Contains(e.Problem, "too much text") || !strings.HasSuffix(e.Problem, "on the A4 poster") {
		t.Errorf("English: %q", e.Problem)
	}
	problem, hint := e.In("sv")
	if !strings.HasPrefix(problem, "för mycket text") || !strings.HasSuffix(problem, "på A4-affischen") ||
		!strings.HasPrefix(hint, "korta de längsta texterna") {
		t.Errorf("Swedish: %q (%q)", problem, hint)
	}
}
