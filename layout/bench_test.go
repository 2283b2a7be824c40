package layout_test

import (
	"fmt"
	"syscall"
	"testing"

	"huskurage/content"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/templates"
	"huskurage/typeset"
)

// variedSource is property i of a batch whose properties each have their
// own address, landlord, phone numbers and link, as the pipeline's
// BenchmarkLeafletsVaried generates them.
func variedSource(i int) string {
	return fmt.Sprintf(`id: prop-%05d
landlord:
  name: Bostadsbolaget %d
  phone: 0303-70 %02d %02d
property:
  address: Storgatan %d
  postal_code: "449 %02d"
  city: Nödinge
  entrances: [%dA, %dB]
contacts:
  - name: Socialtjänsten, kontaktcenter
    phone: 0303-70 30 00
    hours: vardagar 8–16
  - name: Fastighetsjouren
    phone: 031-390 06 %02d
support_lines: [kvinnofridslinjen, bris]
qr:
  url: https://example.org/huskurage?hus=%05d
`, i, i%37, i%100, (i/100)%100, 1+i%200, i%100, 1+i%9, 1+i%9, i%100, i)
}

// variedDocs returns the words of n such properties' first entrances in
// language code.
func variedDocs(tb testing.TB, code string, n int) []content.Document {
	tb.Helper()
	lang, err := templates.Load(code)
	if err != nil {
		tb.Fatal(err)
	}
	docs := make([]content.Document, n)
	for i := range docs {
		p, err := property.Parse([]byte(variedSource(i)), "p.yaml", ".", property.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		docs[i] = content.Build(p, lang, p.Building.Entrances[0])
	}
	return docs
}

// counting counts the Wraps and LongestWords a layout asks for.
type counting struct {
	layout.Measurer
	wraps, longest *int
}

func (c counting) Wrap(s string, dir typeset.Direction, font typeset.FontID, size, maxWidth float64) []typeset.Line {
	*c.wraps++
	return c.Measurer.Wrap(s, dir, font, size, maxWidth)
}

func (c counting) LongestWord(s string, dir typeset.Direction, font typeset.FontID, size float64) (float64, string) {
	*c.longest++
	return c.Measurer.LongestWord(s, dir, font, size)
}

// BenchmarkLeafletLayout lays out the A5 leaflets of varied properties
// with the real fonts: the layout's own cost, QR codes included, without
// parsing or rendering, which BenchmarkLeafletsVaried in pipeline adds.
// It reports the Wraps and LongestWords asked for per leaflet.
func BenchmarkLeafletLayout(b *testing.B) {
	fonts, err := typeset.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, code := range []string{"sv", "ar"} {
		b.Run(code, func(b *testing.B) {
			docs := variedDocs(b, code, 500)
			var wraps, longest int
			m := counting{typeset.NewEngine(fonts), &wraps, &longest}
			b.ReportAllocs()
			cpu0, i := cpuTime(), 0
			for b.Loop() {
				if _, err := layout.Leaflet(docs[i%len(docs)], "A5", m); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(i)/1e6, "cpu-ms/leaflet")
			b.ReportMetric(float64(wraps)/float64(i), "wraps/leaflet")
			b.ReportMetric(float64(longest)/float64(i), "longest/leaflet")
		})
	}
}

// cpuTime returns the CPU time the process has used, in nanoseconds: on
// a machine shared with other work it tells code apart better than the
// time on the clock.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
