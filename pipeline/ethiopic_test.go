package pipeline

import (
	"strings"
	"testing"

	"huskurage/kind"
)

// Ethiopic text (Amharic, Tigrinya) is set in Noto Sans Ethiopic, with
// digits and Latin letters from Noto Sans, and comes back exactly from
// pdftotext.
func TestEthiopicText(t *testing.T) {
	t.Parallel()
	src := `id: eth
landlord:
  name: Brf ሰላም
property:
  address: Storgatan 3
  postal_code: "449 30"
  city: Nödinge
contacts:
  - name: የማህበራዊ አገልግሎት ቢሮ
    phone: 010-123 45 67
    note: ሰኞ–ዓርብ 8–16፣ በአማርኛ እና በትግርኛ እንረዳለን።
qr:
  url: https://example.org/h
`
	path, file := buildYAML(t, src, Options{Kinds: []*kind.Kind{kind.Leaflet}})
	text := collapse(pdfText(t, path))
	for _, want := range []string{"Brf ሰላም", "የማህበራዊ አገልግሎት ቢሮ", "ሰኞ–ዓርብ 8–16፣ በአማርኛ እና በትግርኛ እንረዳለን።", "010-123 45 67"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
	fonts := string(run(t, "pdffonts", path))
	if !strings.Contains(fonts, "NotoSansEthiopic-Regular") || !strings.Contains(fonts, "NotoSansEthiopic-Bold") {
		t.Errorf("the Ethiopic fonts are not embedded:\n%s", fonts)
	}
	// Digits inside Ethiopic text come from Noto Sans, the first family.
	for _, it := range file.Doc.Pages[1].Items {
		for _, r := range it.Runs {
			if strings.Contains(r.Text, "8–16") && r.Face != 0 {
				t.Errorf("run %q is set in family %d, want Noto Sans", r.Text, r.Face)
			}
		}
	}
}
