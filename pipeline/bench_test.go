package pipeline

import (
	"testing"

	"huskurage/internal/benchdata"
	"huskurage/kind"
)

// benchExample builds one document of the Ale example per iteration; with
// cold set, on a new Builder each time, so no text is cached.
func benchExample(b *testing.B, opts Options, k *kind.Kind) { benchDocs(b, opts, k, "7A", false) }

func benchDocs(b *testing.B, opts Options, k *kind.Kind, entrance string, cold bool) {
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	p, err := bl.Load("../examples/ale-storgatan.yaml", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := benchdata.CPUTime()
	for b.Loop() {
		if cold {
			bl, _ = New()
		}
		if _, err := bl.Document(p, opts, k, entrance); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time per document, garbage collection included: the machine is
	// shared, so wall time alone says little.
	b.ReportMetric(float64(benchdata.CPUTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkLeaflet measures one A5 leaflet, from a loaded property to PDF
// bytes, with fonts parsed once per process.
func BenchmarkLeaflet(b *testing.B) { benchExample(b, Options{}, kind.Leaflet) }

// BenchmarkPoster measures one A4 poster.
func BenchmarkPoster(b *testing.B) { benchExample(b, Options{}, kind.Poster) }

// BenchmarkLeafletColdText is BenchmarkLeaflet with a new text engine for
// every leaflet, so that every paragraph is shaped and wrapped again: the
// cost of the first document of a run, fonts aside.
func BenchmarkLeafletColdText(b *testing.B) { benchDocs(b, Options{}, kind.Leaflet, "", true) }

// BenchmarkLeafletArabic is BenchmarkLeaflet in Arabic: joined letters
// from glyph pages, right-to-left wrapping and a mirrored page.
func BenchmarkLeafletArabic(b *testing.B) { benchExample(b, Options{Lang: "ar"}, kind.Leaflet) }

// BenchmarkPrintSheets makes a property's print sheets from its built
// documents: office (sRGB) against a print shop's PDF/X-4 (CMYK, the
// logo converted through the profile, boxes, output intent, XMP).
func BenchmarkPrintSheets(b *testing.B) {
	bl, p := loadExample(b, "../examples/ale-storgatan.yaml")
	files, err := bl.Build(b.Context(), p, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{SheetsOffice, SheetsShop} {
		b.Run(mode, func(b *testing.B) {
			for b.Loop() {
				if _, err := bl.PrintSheets(p.ID, files, mode, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
