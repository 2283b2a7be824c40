package property

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"huskurage/helpline"
)

// commentedField matches a field that the starter file has commented
// out: "#phone: ..." or "#  phone: ...", but not a comment in words.
var commentedField = regexp.MustCompile(`(?m)^( *)#((?:- |  )?[a-z_]+: )`)

// switchOn removes the # before every commented-out field but two:
// languages:, which may not stand beside language:, and logo:, whose
// file is not there.
func switchOn(src string) string {
	return commentedField.ReplaceAllStringFunc(src, func(m string) string {
		if strings.Contains(m, "languages:") || strings.Contains(m, "logo:") {
			return m
		}
		return strings.Replace(m, "#", "", 1)
	})
}

// markedLines returns the numbers of the lines of src that end with the
// note that marks an example value, and whether each is commented out.
func markedLines(src, note string) map[int]bool {
	out := map[int]bool{}
	for i, line := range strings.Split(src, "\n") {
		if strings.HasSuffix(line, note) {
			out[i+1] = strings.HasPrefix(strings.TrimLeft(line, " "), "#")
		}
	}
	return out
}

// TestStarterRefused checks that the starter file, in each language, is
// refused until every example value is replaced: an error on each line
// the file itself marks, naming the field and saying to replace it; the
// same for the commented-out fields once they are switched on; and none
// once the marked values are replaced.
func TestStarterRefused(t *testing.T) {
	for _, lang := range StarterLanguages {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			b, err := Starter(lang)
			if err != nil {
				t.Fatal(err)
			}
			src := string(b)
			note := replaceNote[lang]
			for name, text := range map[string]string{"as written": src, "fields switched on": switchOn(src)} {
				marked := markedLines(text, note)
				_, err := Parse([]byte(text), "exempelgatan-7.yaml", t.TempDir(), Options{})
				var list ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("%s: loaded: %v", name, err)
				}
				want := 0
				for _, commented := range marked {
					if !commented {
						want++
					}
				}
				if len(list) != want || want < 8 {
					t.Errorf("%s: %d errors for %d marked values:\n%v", name, len(list), want, list)
				}
				for _, e := range list {
					if commented, ok := marked[e.Pos.Line]; !ok || commented {
						t.Errorf("%s: error on a line that is not a marked value: %v", name, e)
					}
					if e.Field == "" || !strings.Contains(e.Problem, "is the example from `huskurage init`") ||
						!strings.HasPrefix(e.Hint, "replace it with your own") {
						t.Errorf("%s: %v", name, e)
					}
				}
			}

			// Replace every marked value with a real one: the file loads.
			real := map[string]string{
				"name": "Bostads AB Linden", "phone": "031-390 06 53", "email": "kundtjanst@linden.se",
				"website": "https://linden.se", "address": "Lindvägen 3", "postal_code": `"416 55"`,
				"city": "Göteborg", "url": "https://linden.se/huskurage",
			}
			var out []string
			for _, line := range strings.Split(switchOn(src), "\n") {
				if value, ok := strings.CutSuffix(line, note); ok {
					key, _, _ := strings.Cut(strings.TrimLeft(value, " -"), ":")
					if real[key] == "" {
						t.Fatalf("no real value for %q", key)
					}
					line = value[:strings.Index(value, key+":")+len(key)+1] + " " + real[key]
				}
				out = append(out, line)
			}
			fixed := strings.Join(out, "\n")
			p, err := Parse([]byte(fixed), "exempelgatan-7.yaml", t.TempDir(), Options{})
			if err != nil {
				t.Fatalf("with real values: %v\n%s", err, fixed)
			}
			if p.ID != "exempelgatan-7" || p.Landlord.Name != "Bostads AB Linden" || len(p.Contacts) != 2 {
				t.Errorf("loaded as %+v", p)
			}
		})
	}
}

// TestStarterText checks what the starter tells the user: every field
// is documented, every support line listed, the comments are in the
// language asked for, and nothing is left to fill in.
func TestStarterText(t *testing.T) {
	t.Parallel()
	words := map[string][]string{"sv": {"Krävs", "Valfritt", "byt ut"}, "en": {"Required", "Optional", "replace"}}
	for _, lang := range StarterLanguages {
		b, err := Starter(lang)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, s := range sections {
			for _, key := range s.keys {
				if !strings.Contains(text, " "+key+":") && !strings.Contains(text, "\n"+key+":") &&
					!strings.Contains(text, "#"+key+":") && !strings.Contains(text, "- "+key+":") {
					t.Errorf("%s: starter does not show field %q", lang, key)
				}
			}
		}
		for _, id := range helpline.IDs() {
			if !strings.Contains(text, id) {
				t.Errorf("%s: starter does not list support line %q", lang, id)
			}
		}
		if strings.Contains(text, "\t") || strings.Contains(text, "{{") || strings.Contains(text, "sv|") || strings.Contains(text, "en|") {
			t.Errorf("%s: starter has a tab, an unfilled placeholder or a language prefix", lang)
		}
		for l, ws := range words {
			for _, w := range ws {
				if strings.Contains(text, w) != (l == lang) {
					t.Errorf("%s: contains %q: %v", lang, w, l == lang)
				}
			}
		}
		for _, limit := range []string{fmt.Sprintf("%d MiB", MaxLogoSize>>20), "4096×4096", fmt.Sprint(MaxEntrances), fmt.Sprint(MaxContacts)} {
			if !strings.Contains(text, limit) {
				t.Errorf("%s: the limit %s is not stated", lang, limit)
			}
		}
	}
	if _, err := Starter("de"); err == nil {
		t.Error("a starter in German, which we do not have")
	}
}

// The starter offers no real phone number: every number in it is from
// the range PTS keeps for fiction.
func TestStarterNumbersAreFiction(t *testing.T) {
	t.Parallel()
	b, _ := Starter("sv")
	numbers := regexp.MustCompile(`(?m)phone: *([0-9 ()+-]+)`).FindAllStringSubmatch(string(b), -1)
	if len(numbers) < 3 {
		t.Fatalf("found %d numbers", len(numbers))
	}
	for _, m := range numbers {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(m[1]))
		if !strings.HasPrefix(digits, "07017406") || digits < "0701740605" || digits > "0701740699" || len(digits) != 10 {
			t.Errorf("%q is not in 070-174 06 05..99", m[1])
		}
	}
}

// An example value is caught however it is spaced or cased, wherever it
// stands in a list, and in a defaults file too; the same text in another
// field is not an example.
func TestStarterValuesCaught(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"spacing and case", edit(nameLine, "  name: exempelbolaget  ab "),
			`hus.yaml:2:9: landlord.name: "exempelbolaget  ab" is the example from ` + "`huskurage init`" + `, not a real name (replace it with your own name; the starter's examples are never printed)`},
		{"a phone number written without its grouping", withLandlord("  phone: \"0701740690\""),
			`hus.yaml:3:10: landlord.phone: "0701740690" is the example from`},
		{"a link with a slash at the end", edit(urlLine, "  url: https://www.exempelbolaget.example/huskurage/"),
			`hus.yaml:8:8: qr.url: "https://www.exempelbolaget.example/husku…" is the example from`},
		{"the second contact", base + "contacts:\n  - name: A\n    phone: 112\n  - name: B\n    phone: 070-174 06 92\n",
			`hus.yaml:13:12: contacts[1].phone: "070-174 06 92" is the example from`},
	}
	for _, tt := range tests {
		_, list := parseString(t, tt.src, Options{})
		if len(list) != 1 || !strings.HasPrefix(list[0].Error(), tt.want) {
			t.Errorf("%s: got %v\nwant %s", tt.name, list, tt.want)
		}
	}
	// The city's example is no example as a landlord's name.
	if _, list := parseString(t, edit(nameLine, "  name: Exempelstad"), Options{}); list != nil {
		t.Errorf("refused: %v", list)
	}
	_, err := ParseDefaults([]byte("landlord:\n  name: Exempelbolaget AB\n"), "ale.yaml", "", Options{})
	if err == nil || !strings.Contains(err.Error(), "ale.yaml:2:9: landlord.name: ") {
		t.Errorf("defaults: %v", err)
	}
}
