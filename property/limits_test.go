package property

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huskurage/templates"
)

// entranceList writes "entrances:" with n entrances, one a line, so that
// entrance i (from 0) stands on line first+i.
func entranceList(n int) string {
	var b strings.Builder
	b.WriteString("  entrances:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - E%d\n", i+1)
	}
	return b.String()
}

// contactList writes "contacts:" with n contacts of two lines each.
func contactList(n int) string {
	var b strings.Builder
	b.WriteString("contacts:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: Kontakt %d\n    phone: 031-390 06 %02d\n", i+1, i+1)
	}
	return b.String()
}

// TestLimits checks that the lists a real building needs are accepted up
// to their limit, and that one more is refused at the first item too
// many, with the limit in the message.
func TestLimits(t *testing.T) {
	t.Parallel()
	all := strings.Join(templates.Codes(), ", ")
	tests := []struct {
		name       string
		ok, tooBig string
		want       string
	}{
		{"entrances",
			edit(cityLine, cityLine+"\n"+strings.TrimSuffix(entranceList(MaxEntrances), "\n")),
			edit(cityLine, cityLine+"\n"+strings.TrimSuffix(entranceList(MaxEntrances+1), "\n")),
			// base's city is line 6, entrances: line 7, entrance i line 8+i.
			fmt.Sprintf("hus.yaml:%d:7: property.entrances[%d]: lists %d entrances; at most %d are allowed (a property file is one building or block; describe a larger estate as several properties)",
				8+MaxEntrances, MaxEntrances, MaxEntrances+1, MaxEntrances)},
		{"contacts",
			base + contactList(MaxContacts),
			base + contactList(MaxContacts+1),
			// base has 8 lines, contacts: is line 9, contact i starts on
			// line 10+2i.
			fmt.Sprintf("hus.yaml:%d:5: contacts[%d]: lists %d contacts; at most %d are allowed",
				10+2*MaxContacts, MaxContacts, MaxContacts+1, MaxContacts)},
		{"languages",
			base + "languages: [" + all + "]\n",
			base + "languages: [" + all + ", sv]\n",
			fmt.Sprintf("hus.yaml:9:%d: languages[%d]: lists %d languages; at most %d are allowed (there are %d languages, and each may be listed once)",
				len("languages: ["+all+", ")+1, len(templates.Codes()), len(templates.Codes())+1, len(templates.Codes()), len(templates.Codes()))},
	}
	for _, tt := range tests {
		if _, list := parseString(t, tt.ok, Options{}); list != nil {
			t.Errorf("%s: at the limit: %v", tt.name, list)
		}
		_, list := parseString(t, tt.tooBig, Options{})
		if len(list) != 1 || !strings.HasPrefix(list[0].Error(), tt.want) {
			t.Errorf("%s: got %v\nwant %s", tt.name, list, tt.want)
		}
	}
}

// A list far over the limit costs no more than one just over it: only
// the items within the limit are checked.
func TestLimitsHugeList(t *testing.T) {
	t.Parallel()
	src := edit(cityLine, cityLine+"\n"+strings.TrimSuffix(entranceList(10000), "\n"))
	_, list := parseString(t, src, Options{})
	if len(list) != 1 || !strings.Contains(list[0].Problem, "lists 10000 entrances; at most 50") {
		t.Errorf("got %v", list)
	}
}

// Contacts inherited from defaults count too: each list within the
// limit can still make too many together.
func TestLimitsWithDefaults(t *testing.T) {
	t.Parallel()
	d := parseDefaults(t, contactList(MaxContacts-3))
	own := strings.ReplaceAll(contactList(4), "Kontakt", "Egen kontakt")
	_, list := parseString(t, base+own, Options{Defaults: d})
	// Reported at the start of the property's own list (line 10).
	want := fmt.Sprintf("hus.yaml:10:3: contacts: with the %d contacts inherited from ale.yaml, the property has %d; at most %d are allowed (leave out inherited ones with remove: true, or some of your own)",
		MaxContacts-3, MaxContacts+1, MaxContacts)
	if len(list) != 1 || list[0].Error() != want {
		t.Errorf("got %v\nwant %s", list, want)
	}
	// Removing one inherited contact brings it back within the limit.
	fine := base + own + "  - name: Kontakt 1\n    remove: true\n"
	if _, list := parseString(t, fine, Options{Defaults: d}); list != nil {
		t.Errorf("with one removed: %v", list)
	}
}

// The README states the limits the code has.
func TestReadmeLimits(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("at most %d MiB and %d×%d px", MaxLogoSize>>20, logoSide, logoSide),
		fmt.Sprintf("naming it; at most %d", MaxEntrances),
		fmt.Sprintf("at most %d, inherited ones included", MaxContacts),
		fmt.Sprintf("at most %d entrances and %d contacts", MaxEntrances, MaxContacts),
	} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
}
