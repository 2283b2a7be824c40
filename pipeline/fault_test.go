package pipeline

import (
	"errors"
	"strings"
	"testing"

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

	var err error = fieldError(p, "A4 poster", errors.New("renderer broke"))
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
	err = fieldError(p, "A4 poster", &layout.FieldError{Field: "landlord.name", Problem: "does not fit"})
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
