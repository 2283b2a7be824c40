package png_test

import (
	"testing"

	"huskurage/internal/benchdata"
	"huskurage/kind"
	"huskurage/pipeline"
)

// BenchmarkLeafletPage draws each page of the example's A5 leaflet at
// 96 dpi and encodes it as PNG, with a renderer that has drawn the page
// before (its glyphs drawn once, as in a batch), and reports the CPU time
// per page: the target is under 20 ms.
func BenchmarkLeafletPage(b *testing.B) {
	bl, err := pipeline.New()
	if err != nil {
		b.Fatal(err)
	}
	p, err := bl.Load(example, nil)
	if err != nil {
		b.Fatal(err)
	}
	files, err := bl.Build(b.Context(), p, pipeline.Options{Kinds: []*kind.Kind{kind.Leaflet}})
	if err != nil {
		b.Fatal(err)
	}
	d := files[0].Doc
	for i, name := range []string{"front", "back"} {
		b.Run(name, func(b *testing.B) {
			r := newRenderer(b, 96)
			one := page(d, i)
			if _, err := r.Bytes(one); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := benchdata.CPUTime()
			for range b.N {
				if _, err := r.Bytes(one); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/page")
		})
	}
	// The first page a renderer draws: reading the fonts and drawing
	// every glyph for the first time.
	b.Run("first", func(b *testing.B) {
		one := page(d, 0)
		cpu0 := benchdata.CPUTime()
		for range b.N {
			r := newRenderer(b, 96)
			if _, err := r.Bytes(one); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/page")
	})
}
