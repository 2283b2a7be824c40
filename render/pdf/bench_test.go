package pdf_test

import (
	"context"
	"testing"

	"huskurage/internal/benchdata"
	"huskurage/kind"
	"huskurage/layout"
	"huskurage/pipeline"
	"huskurage/render/pdf"
	"huskurage/typeset"
)

// variedLeaflets lays out the leaflets of n properties that differ as a
// municipality's do (address, landlord, phone, each its own link), in
// Swedish, for the renderer alone to draw.
func variedLeaflets(tb testing.TB, n int) []*layout.Doc {
	tb.Helper()
	bl, err := pipeline.New()
	if err != nil {
		tb.Fatal(err)
	}
	docs := make([]*layout.Doc, 0, n)
	for i := range n {
		src := benchdata.Property(i, benchdata.OwnLink(i))
		ps, err := bl.ParseStream([]byte(src), "p.yaml", nil)
		if err != nil {
			tb.Fatal(err)
		}
		files, err := bl.Build(context.Background(), ps[0], pipeline.Options{Kinds: []*kind.Kind{kind.Leaflet}, Lang: "sv"})
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, files[0].Doc)
	}
	return docs
}

// BenchmarkRenderVaried draws the leaflets of 250 varied properties as
// PDFs, one after the other: the renderer's share of a batch's CPU, in
// cpu-ms per leaflet (all threads, the collector's too: steadier than
// wall time on a shared machine). The QR codes of 250 links stay in
// package qr's cache (256), as a batch's code does from its layout to
// its drawing; their page contents are too many (some 2,400 chunks) for
// the cache of compressed chunks, as in a batch.
func BenchmarkRenderVaried(b *testing.B) {
	docs := variedLeaflets(b, 250)
	fonts, err := typeset.Default()
	if err != nil {
		b.Fatal(err)
	}
	r := pdf.New(fonts, pdf.Options{})
	for _, d := range docs { // codes encoded, fonts prepared
		if _, err := r.Bytes(d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu0, i := benchdata.CPUTime(), 0
	for b.Loop() {
		if _, err := r.Bytes(docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/leaflet")
}
