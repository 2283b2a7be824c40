package property

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The table says everything about every field: a label and help for a
// form in both languages, a place in the starter file, the hints a
// required field needs, the message for a field a defaults file may not
// give, the note for a default; and no Swedish misname points two ways.
func TestFieldTable(t *testing.T) {
	t.Parallel()
	contacts := fieldsByPath["contacts"]
	for _, f := range allFields {
		if f.Label.SV == "" || f.Label.EN == "" || f.Help.SV == "" || f.Help.EN == "" {
			t.Errorf("%s: no form label or help in both languages: %+v %+v", f.Path, f.Label, f.Help)
		}
		switch {
		case f.parent == contacts:
			// Documented in the comment on contacts:, which names them.
			for _, b := range contacts.starter[:1] {
				if !strings.Contains(b.sv, f.name) || !strings.Contains(b.en, f.name) {
					t.Errorf("%s: the starter's comment on contacts does not name it", f.Path)
				}
			}
		case len(f.starter) == 0:
			t.Errorf("%s: not in the starter file", f.Path)
		}
		for _, b := range f.starter {
			if b.sv == "" || b.en == "" || b.sv == b.en || b.yaml == "" {
				t.Errorf("%s: a starter block without a comment in each language, or its lines: %+v", f.Path, b)
			}
		}
		if f.Required && f.Example == "" {
			t.Errorf("%s: required, with no example for the hint", f.Path)
		}
		if (f.Merge == MergeNever) != (!f.NotInDefaults.Problem.IsZero()) {
			t.Errorf("%s: merge %v, and the message for a defaults file %q", f.Path, f.Merge, f.NotInDefaults.Problem)
		}
		if (f.Default != nil) && f.DefaultNote == "" {
			t.Errorf("%s: a default without a note for Summary", f.Path)
		}
		if f.value == nil && f.item == nil && f.Kind != KindSection && f.Kind != KindVersion && f.Kind != KindRemove {
			t.Errorf("%s: holds no value", f.Path)
		}
		if f.Excludes != "" && fieldsByPath[f.Excludes] == nil {
			t.Errorf("%s: excludes %q, which is no field", f.Path, f.Excludes)
		}
	}
	for guess, name := range swedishKeys {
		for _, f := range allFields {
			if f.name == guess {
				t.Errorf("misname %q is the name of %s", guess, f.Path)
			}
			for _, m := range f.Misnames {
				if m == guess && f.name != name {
					t.Errorf("misname %q stands for %s and for %s", guess, name, f.name)
				}
			}
		}
	}
}

// samples are a good value of each kind of one-line text field.
var samples = map[Kind]string{
	KindText: "Provvärde 12", KindPhone: "031-12 34 56", KindEmail: "prov@prov.se",
	KindURL: "https://prov.se/sida", KindPostalCode: "123 45",
}

// with returns the smallest valid property (or an empty defaults file)
// with the field at path set to value.
func with(t *testing.T, defaults bool, path, value string) string {
	t.Helper()
	doc := map[string]map[string]string{}
	if !defaults {
		doc["landlord"] = map[string]string{"name": "Bostads AB Prov"}
		doc["property"] = map[string]string{"address": "Provgatan 1", "postal_code": "449 30", "city": "Nödinge"}
		doc["qr"] = map[string]string{"url": "https://prov.se/huskurage"}
	}
	section, name, ok := strings.Cut(path, ".")
	if !ok {
		t.Fatalf("%s: not in a section", path)
	}
	if doc[section] == nil {
		doc[section] = map[string]string{}
	}
	doc[section][name] = value
	out, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// Every text field of the table is read into its place in the property,
// shown by Summary, inherited from a defaults file with a note saying
// from where, and required when the table says so: a field added to the
// table needs no code of its own for any of this.
func TestEveryFieldLoads(t *testing.T) {
	t.Parallel()
	tried := 0
	for _, f := range allFields {
		sample, ok := samples[f.Kind]
		if !ok || f.value == nil {
			continue
		}
		tried++
		t.Run(f.Path, func(t *testing.T) {
			t.Parallel()
			p, list := parseString(t, with(t, false, f.Path, sample), Options{})
			if list != nil {
				t.Fatal(list)
			}
			if got := *f.value(p).(*string); got != sample {
				t.Errorf("read %q, want %q", got, sample)
			}
			if want := f.name + ": " + sample + "\n"; !strings.Contains(p.Summary(), want) {
				t.Errorf("Summary has no %q:\n%s", want, p.Summary())
			}

			// From a defaults file, into a property that leaves it out.
			d, err := ParseDefaults([]byte(with(t, true, f.Path, sample)), "def.yaml", "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			src := strings.Replace(with(t, false, f.Path, "x"), "    "+f.name+": x\n", "", 1)
			p, list = parseString(t, src, Options{Defaults: d})
			if list != nil {
				t.Fatal(list)
			}
			if got := *f.value(p).(*string); got != sample {
				t.Errorf("inherited %q, want %q", got, sample)
			}
			if want := f.name + ": " + sample + " # from def.yaml:2\n"; !strings.Contains(p.Summary(), want) {
				t.Errorf("Summary has no %q:\n%s", want, p.Summary())
			}

			// Left out without defaults.
			_, list = parseString(t, src, Options{})
			switch {
			case f.Required && (len(list) != 1 || list[0].Field != f.Path && list[0].Field != f.parent.Path ||
				!strings.HasPrefix(list[0].Problem, "missing required field") && list[0].Problem != "is empty"):
				t.Errorf("left out: got %v, want it missing", list)
			case !f.Required && list != nil:
				t.Errorf("left out: %v", list)
			}
		})
	}
	if tried < 9 {
		t.Errorf("tried %d fields", tried)
	}
}
