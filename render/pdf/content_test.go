package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/pipeline"
	"huskurage/render/pdf"
	"huskurage/typeset"
)

// The page contents written past fpdf make the same files, byte for byte,
// as fpdf's drawing: leaflets and posters of varied properties in scripts
// of every kind, one and two languages, several sizes, in sRGB and in a
// print shop's inks.
func TestContentsAsFpdfWritesThem(t *testing.T) {
	t.Parallel()
	bl, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	var docs []*layout.Doc
	langs := []string{"sv", "ar", "ti", "fa", "en", "so"}
	for i := range 12 {
		src := fmt.Sprintf(`id: prop-%d
landlord:
  name: Bostadsbolaget %d i Ale med ett långt namn
  phone: 0303-70 %02d 11
property:
  address: Storgatan %d
  postal_code: "449 %02d"
  city: Nödinge
  entrances: [%dA, %dB]
contacts:
  - name: Socialtjänsten, kontaktcenter
    phone: 0303-70 30 00
    hours: vardagar 8–16
support_lines: [kvinnofridslinjen, bris, terrafem]
qr:
  url: https://example.org/huskurage?hus=%d
`, i, i%7, i, 1+i*13, i, 1+i%9, 1+i%9, i*7919)
		ps, err := bl.ParseStream([]byte(src), "p.yaml", nil)
		if err != nil {
			t.Fatal(err)
		}
		opts := pipeline.Options{Lang: langs[i%len(langs)]}
		switch i % 4 {
		case 1:
			opts.Sizes = map[*kind.Kind]string{kind.Leaflet: "A6", kind.Poster: "A4"}
		case 2:
			opts.Pairs = map[*kind.Kind][]string{kind.Leaflet: {"sv", "ar"}, kind.Poster: {"sv", "ti"}}
		}
		files, err := bl.Build(context.Background(), ps[0], opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			docs = append(docs, f.Doc)
		}
	}
	// Information that fpdf escapes (parentheses, backslashes, carriage
	// returns, and characters whose UTF-16 holds such a byte, as U+0128
	// does "("), or that it cannot write (beyond the BMP, bad UTF-8: such
	// a document is written by fpdf either way); and pages of other sizes
	// than the first, which fpdf gives a MediaBox of their own.
	// Logos: the example's PNG, and JPEGs in colour and in grey.
	dir := t.TempDir()
	for i, img := range []image.Image{image.NewRGBA(image.Rect(0, 0, 60, 30)), image.NewGray(image.Rect(0, 0, 31, 17))} {
		var jpg bytes.Buffer
		if err := jpeg.Encode(&jpg, img, nil); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("logo%d.jpg", i)
		if err := os.WriteFile(filepath.Join(dir, name), jpg.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		src := fmt.Sprintf("id: logo-%d\nlandlord:\n  name: Bostäder %d\n  phone: 0303-70 30 0%d\n  logo: %s\nproperty:\n  address: Storgatan %d\n  postal_code: \"449 30\"\n  city: Nödinge\n  entrances: [1A]\nqr:\n  url: https://example.org/h?%d\n", i, i, i, name, i, i)
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{"../../examples/ale-storgatan.yaml", filepath.Join(dir, "logo0.jpg.yaml"), filepath.Join(dir, "logo1.jpg.yaml")} {
		p, err := bl.Load(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		files, err := bl.Build(context.Background(), p, pipeline.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			docs = append(docs, f.Doc)
		}
	}
	var leaflets []*layout.Doc
	for _, d := range docs {
		if len(d.Pages) > 1 {
			leaflets = append(leaflets, d)
		}
	}
	for i, title := range []string{"Huskurage (Storgatan 7) \\ a\rb", "Ĩĩ Ĩ) \u0129", "Rätt att välja \U0001F600", "bad \xff utf-8", ""} {
		d := *leaflets[i]
		d.Title, d.Subject, d.Author = title, title+" ("+d.Subject, d.Author+")"
		p := d.Pages[1]
		p.W, p.H = p.W+10*float64(i%2), p.H+20
		d.Pages = append(slices.Clone(d.Pages[:1]), p)
		docs = append(docs, &d)
	}
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	pages, logos := 0, 0
	for _, d := range docs {
		pages += len(d.Pages)
		if d.Logo != nil {
			logos++
		}
	}
	for _, cmyk := range []bool{false, true} {
		direct := pdf.New(fonts, pdf.Options{CMYK: cmyk})
		viaFpdf := pdf.NewViaFpdf(fonts, pdf.Options{CMYK: cmyk})
		for _, d := range docs {
			got, err := direct.Bytes(d)
			if err != nil {
				t.Fatal(err)
			}
			want, err := viaFpdf.Bytes(d)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				i := 0
				for i < min(len(got), len(want)) && got[i] == want[i] {
					i++
				}
				t.Errorf("%s %s (cmyk %v): the files differ from byte %d of %d", d.Kind, d.Title, cmyk, i, len(want))
			}
		}
	}
	if len(docs) < 30 || pages <= len(docs) || logos < 6 {
		t.Errorf("%d documents of %d pages, %d with a logo: too few to compare, or none of more than a page", len(docs), pages, logos)
	}
}
