package property

import (
	"fmt"
	"strings"
	"testing"
)

// A property that does not say how many apartments it has prints, but
// the print order cannot say how many leaflets it needs: a warning
// points at its property: section and says what to add.
func TestApartmentsUnknownWarns(t *testing.T) {
	t.Parallel()
	p, errs := parseString(t, base, Options{})
	if errs != nil {
		t.Fatal(errs)
	}
	if len(p.Warnings) != 1 {
		t.Fatalf("want one warning, got %v", p.Warnings)
	}
	w := p.Warnings[0].Warning()
	for _, want := range []string{"hus.yaml:3:1: warning: property.apartments: ", "unknown", "apartments: 24"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q lacks %q", w, want)
		}
	}

	p, errs = parseString(t, edit(cityLine, cityLine+"\n  apartments: 24"), Options{})
	if errs != nil {
		t.Fatal(errs)
	}
	if len(p.Warnings) != 0 {
		t.Errorf("apartments given, yet: %v", p.Warnings)
	}
}

// Each property of a stream is warned about at its own place; a
// defaults file, which never gives apartments, is not.
func TestApartmentsUnknownWarnsInStream(t *testing.T) {
	t.Parallel()
	src := "id: a\n" + base + "---\nid: b\n" + edit(cityLine, cityLine+"\n  apartments: 3") + "---\nid: c\n" + base
	props, err := ParseStream([]byte(src), "s.yaml", t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range props {
		for _, w := range p.Warnings {
			got = append(got, fmt.Sprintf("%s %s:%d:%d", p.ID, w.Pos.File, w.Pos.Line, w.Pos.Col))
		}
	}
	if strings.Join(got, "; ") != "a s.yaml:4:1; c s.yaml:25:1" {
		t.Errorf("warnings at %q", got)
	}
	d, err := ParseDefaults([]byte("language: en\n"), "d.yaml", t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Values.Warnings) != 0 {
		t.Errorf("defaults file warned: %v", d.Values.Warnings)
	}
}
