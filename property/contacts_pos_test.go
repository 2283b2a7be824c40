package property

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

// TestContactPositionsWithoutDefaults checks where a property without
// defaults says each of its contacts and their fields are: at the item
// and the values in its own file, under its own place in the list, and
// nothing more; with one contact to eight, some with every field.
func TestContactPositionsWithoutDefaults(t *testing.T) {
	t.Parallel()
	for n := 1; n <= 8; n++ {
		var b strings.Builder
		b.WriteString("id: hus-7\nlandlord:\n  name: Bostads AB Linden\n  phone: 031-390 06 53\nproperty:\n  address: Lindvägen 3\n  postal_code: \"416 55\"\n  city: Göteborg\ncontacts:\n")
		line := 10
		want := map[string]Position{"contacts": {File: "hus.yaml", Line: 10, Col: 3}}
		at := func(l, c int) Position { return Position{File: "hus.yaml", Line: l, Col: c} }
		for i := range n {
			item := fmt.Sprintf("contacts[%d]", i)
			fmt.Fprintf(&b, "  - name: Kontakt %d\n    phone: 031-390 06 %02d\n", i, 10+i)
			want[item], want[item+".name"], want[item+".phone"] = at(line, 5), at(line, 11), at(line+1, 12)
			line += 2
			if i%2 == 1 {
				fmt.Fprintf(&b, "    hours: vardagar 8–16\n    note: Fråga efter jouren %d.\n", i)
				want[item+".hours"], want[item+".note"] = at(line, 12), at(line+1, 11)
				line += 2
			}
		}
		b.WriteString("qr:\n  url: https://linden.se/huskurage\n")
		p, err := Parse([]byte(b.String()), "hus.yaml", "", Options{})
		if err != nil {
			t.Fatalf("%d contacts: %v\n%s", n, err, b.String())
		}
		got := map[string]Position{}
		for k, v := range p.pos {
			if strings.HasPrefix(k, "contacts") {
				got[k] = v
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("%d contacts: positions\n%v\nwant\n%v", n, got, want)
		}
		if len(p.Contacts) != n || p.Contacts[n-1].Name != fmt.Sprintf("Kontakt %d", n-1) {
			t.Errorf("%d contacts: read %+v", n, p.Contacts)
		}
	}
}
