package property

import (
	"reflect"
	"strings"
	"testing"
)

func TestSteps(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
		err       string // the start of the one error, when there is one
	}{
		{"default is the municipality's order", base, []string{"police", "others", "knock"}, ""},
		{"the national order", base + "steps: [knock, others, police]\n", []string{"knock", "others", "police"}, ""},
		{"upper case", base + "steps: [Police, OTHERS, knock]\n", []string{"police", "others", "knock"}, ""},
		{"one left out", base + "steps: [knock, police]\n", nil,
			"hus.yaml:9:8: steps: must list all three steps; others is missing (the policy's steps may be put in another order, never left out"},
		{"misspelt", base + "steps: [polis, others, knock]\n", nil, `hus.yaml:9:9: steps[0]: unknown step "polis" (the steps are police, others and knock) (did you mean "police"?)`},
		{"twice", base + "steps: [police, police, others, knock]\n", nil, `hus.yaml:9:17: steps[1]: "police" is listed twice`},
		{"not a list", base + "steps: police\n", nil, "hus.yaml:9:8: steps: must be a list of the three steps"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := parseString(t, tc.src, Options{})
			if tc.err != "" {
				if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tc.err) {
					t.Fatalf("got %v, want one error starting %q", errs, tc.err)
				}
				return
			}
			if errs != nil || !reflect.DeepEqual(p.Steps, tc.want) {
				t.Fatalf("steps %v, errors %v; want %v", p.Steps, errs, tc.want)
			}
		})
	}
}

func TestStepsInherited(t *testing.T) {
	d, err := ParseDefaults([]byte("steps: [knock, others, police]\n"), "ale.yaml", "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, errs := parseString(t, base, Options{Defaults: d})
	if errs != nil || !reflect.DeepEqual(p.Steps, []string{"knock", "others", "police"}) || p.Pos("steps").File != "ale.yaml" {
		t.Fatalf("steps %v at %v, errors %v", p.Steps, p.Pos("steps"), errs)
	}
	p, errs = parseString(t, base+"steps: [police, others, knock]\n", Options{Defaults: d})
	if errs != nil || p.Steps[0] != "police" {
		t.Fatalf("the property's own order wins: %v %v", p.Steps, errs)
	}
}

func TestTextsPerLanguage(t *testing.T) {
	src := strings.Replace(base, "qr:\n  url: https://example.org/huskurage\n", `qr:
  url: https://example.org/huskurage
  caption:
    sv: Läs mer
    ar: اقرأ المزيد
`, 1) + `languages: [sv, ar, so]
contacts:
  - name: Socialtjänsten
    phone: 0303-70 30 00
    hours: vardagar 8–16
    note:
      sv: Fråga efter en handläggare.
      so: Weydii handläggare.
`
	p, errs := parseString(t, src, Options{})
	if errs != nil {
		t.Fatal(errs)
	}
	if want := (Texts{"sv": "Läs mer", "ar": "اقرأ المزيد"}); !reflect.DeepEqual(p.QR.Caption, want) {
		t.Errorf("caption %v", p.QR.Caption)
	}
	c := p.Contacts[0]
	if !reflect.DeepEqual(c.Hours, Texts{"sv": "vardagar 8–16"}) || !reflect.DeepEqual(c.Note, Texts{"sv": "Fråga efter en handläggare.", "so": "Weydii handläggare."}) {
		t.Errorf("contact %+v", c)
	}
	if s, in := c.Note.For("ar", p.Language); s != "Fråga efter en handläggare." || in != "sv" {
		t.Errorf("the Arabic page gets %q in %q, want the Swedish note", s, in)
	}
	if s, in := c.Note.For("so", p.Language); in != "so" || s != "Weydii handläggare." {
		t.Errorf("the Somali page gets %q in %q", s, in)
	}
	// Each language that will carry text given only in another is named,
	// with the field.
	var got []string
	for _, w := range textWarnings(p) {
		got = append(got, w.Warning())
	}
	want := []string{
		"hus.yaml:10:5: warning: qr.caption: has no text in Somali; the Somali documents print our own caption (add so: with the caption in Somali under caption:)",
		"hus.yaml:16:12: warning: contacts[0].hours: is given only in Swedish; the Arabic documents print it in Swedish (add ar: with the text in Arabic under hours:)",
		"hus.yaml:16:12: warning: contacts[0].hours: is given only in Swedish; the Somali documents print it in Swedish (add so: with the text in Somali under hours:)",
		"hus.yaml:18:7: warning: contacts[0].note: is given only in Swedish; the Arabic documents print it in Swedish (add ar: with the text in Arabic under note:)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTextsPlainStringIsFirstLanguage(t *testing.T) {
	p, errs := parseString(t, base+"language: en\n", Options{})
	if errs != nil {
		t.Fatal(errs)
	}
	p, errs = parseString(t, strings.Replace(base, "  url: https://example.org/huskurage\n", "  url: https://example.org/huskurage\n  caption: Read more\n", 1)+"languages: [en, sv]\n", Options{})
	if errs != nil || !reflect.DeepEqual(p.QR.Caption, Texts{"en": "Read more"}) {
		t.Fatalf("caption %v, errors %v", p.QR.Caption, errs)
	}
	if w := textWarnings(p); len(w) != 1 || !strings.Contains(w[0].Error(), "qr.caption: has no text in Swedish") {
		t.Errorf("warnings %v", w)
	}
}

func TestTextsErrors(t *testing.T) {
	for _, tc := range []struct{ name, caption, err string }{
		{"unknown language", "    xx: Läs\n", `hus.yaml:10:5: qr.caption.xx: "xx" is not a language code (known:`},
		{"misspelt language", "    svv: Läs\n", `(did you mean "sv"?)`},
		{"too long", "    sv: " + strings.Repeat("a", 81) + "\n", "hus.yaml:10:9: qr.caption.sv: is 81 characters long; at most 80 are allowed"},
		{"a list", "    sv: [a, b]\n", "hus.yaml:10:9: qr.caption.sv: must be text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := base + "  caption:\n" + tc.caption
			_, errs := parseString(t, src, Options{})
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.err) {
				t.Fatalf("got %v, want an error with %q", errs, tc.err)
			}
		})
	}
}

// textWarnings are the warnings about text given in some languages only.
func textWarnings(p *Property) ErrorList {
	var out ErrorList
	for _, w := range p.Warnings {
		if w.Field == "qr.caption" || strings.HasPrefix(w.Field, "contacts[") {
			out = append(out, w)
		}
	}
	return out
}
