package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huskurage/kind"
	"huskurage/property"
)

// Arabic, Persian and Sorani text is shaped (letters joined, lam-alef a
// ligature, marks placed) and drawn in visual order from glyph pages, and
// pdftotext gives back the letters in logical order: the real characters,
// no presentation forms.
func TestArabicScriptText(t *testing.T) {
	t.Parallel()
	src := `id: ar
landlord:
  name: شركة السكن
property:
  address: Storgatan 3
  postal_code: "449 30"
  city: Nödinge
contacts:
  - name: الخدمات الاجتماعية
    phone: 0303-70 30 00
    note: اتصل بنا من الاثنين إلى الجمعة، مَكْتَبُ الْخِدْمَاتِ أحياناً
  - name: کۆمەڵایەتی ێ ڵ
    phone: 010-123 45 67
    note: "می\u200cتوانید با ما تماس بگیرید"
qr:
  url: https://example.org/h
`
	path, file := buildYAML(t, src, Options{Kinds: []*kind.Kind{kind.Leaflet}})
	// pdftotext marks right-to-left text with U+202B … U+202C.
	text := strings.NewReplacer("\u202b", "", "\u202c", "").Replace(collapse(pdfText(t, path)))
	for _, want := range []string{"شركة السكن", "الخدمات الاجتماعية", "اتصل بنا من الاثنين إلى الجمعة",
		"کۆمەڵایەتی ێ ڵ", "می\u200cتوانید با ما تماس بگیرید", "0303-70 30 00"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
	for _, r := range text {
		if r >= 0xFB50 && r <= 0xFEFF {
			t.Errorf("pdftotext gives the presentation form %U; want the letters themselves", r)
			break
		}
	}
	// Joined letters are glyphs the shaper chose, not the letters' own.
	chosen := 0
	for _, it := range file.Doc.Pages[1].Items {
		for _, r := range it.Runs {
			if r.Glyph != 0 {
				chosen++
			}
		}
	}
	if chosen < 20 {
		t.Errorf("only %d shaped glyphs: are the letters joined?", chosen)
	}
	if msg := string(run(t, "qpdf", "--check", path)); !strings.Contains(msg, "No syntax or stream encoding errors") {
		t.Errorf("qpdf: %s", msg)
	}
	// Glyphs that draw one cluster (a letter and its placed vowel mark)
	// are wrapped in ActualText spans; every span is closed.
	qdf := string(run(t, "qpdf", "--qdf", "--object-streams=disable", path, "-"))
	if bdc, emc := markedContent(qdf); bdc == 0 || bdc != emc || !strings.Contains(qdf, "/ActualText") {
		t.Errorf("%d ActualText spans opened (BDC), %d closed (EMC); want as many, and some", bdc, emc)
	}
}

// buildYAML builds the property src with the embedded fonts' coverage
// check, writes the first document to a temporary file and returns its
// path and the document.
func buildYAML(t *testing.T, src string, opts Options) (string, File) {
	t.Helper()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := property.Parse([]byte(src), "prop.yaml", ".", property.Options{Covers: b.Covers})
	if err != nil {
		t.Fatal(err)
	}
	files, err := b.Build(t.Context(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), files[0].Name)
	if err := os.WriteFile(path, files[0].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, files[0]
}

// loadExample returns a Builder and the example property at path.
func loadExample(t testing.TB, path string) (*Builder, *property.Property) {
	t.Helper()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := b.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b, p
}
