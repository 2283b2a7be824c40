package helpline

import (
	"regexp"
	"sort"
	"testing"
	"time"
)

func TestDirectory(t *testing.T) {
	ids := IDs()
	if !sort.StringsAreSorted(ids) || len(ids) < 3 {
		t.Errorf("IDs() = %v", ids)
	}
	number := regexp.MustCompile(`^[0-9][0-9 -]*[0-9]$`)
	for _, id := range ids {
		l, ok := Lookup(id)
		if !ok || l.ID != id || l.Name == "" || l.Source == "" {
			t.Errorf("Lookup(%q) = %+v, %v", id, l, ok)
		}
		if !number.MatchString(l.Number) {
			t.Errorf("%s: number %q", id, l.Number)
		}
		if _, err := time.Parse("2006-01-02", l.Checked); err != nil {
			t.Errorf("%s: checked %q is not a date", id, l.Checked)
		}
	}
	for _, id := range Default {
		if _, ok := Lookup(id); !ok {
			t.Errorf("default %q is not in the directory", id)
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup(nope) found something")
	}
}

// The numbers are facts checked against the services' own pages; a change
// here must be a deliberate one.
func TestKnownNumbers(t *testing.T) {
	for id, want := range map[string]string{
		"kvinnofridslinjen": "020-50 50 50",
		"bris":              "116 111",
		"terrafem":          "020-52 10 10",
	} {
		if l, _ := Lookup(id); l.Number != want {
			t.Errorf("%s: %q, want %q", id, l.Number, want)
		}
	}
}
