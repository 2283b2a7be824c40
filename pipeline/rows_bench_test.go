package pipeline

import (
	"fmt"
	"io"
	"testing"

	"huskurage/output"
)

// BenchmarkRowLog keeps the manifest rows of a batch of 10,000 leaflets
// and reads them back three times, as a batch's end does (the names
// written, manifest.csv and .json, manifest.xlsx): per leaflet.
func BenchmarkRowLog(b *testing.B) {
	dir, err := output.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer dir.Close()
	const n = 10000
	b.ReportAllocs()
	for b.Loop() {
		log, err := newRowLog(dir)
		if err != nil {
			b.Fatal(err)
		}
		for i := range n {
			// Two workers finish properties nearly in order.
			p := i ^ 1
			row := ManifestFile{Property: fmt.Sprintf("prop-%05d", p), Source: fmt.Sprintf("in/p%05d.yaml", p),
				File: fmt.Sprintf("prop-%05d-leaflet-sv.pdf", p), Kind: "leaflet", Lang: "sv", Size: "A5",
				Pages: 2, Bytes: 40123, SHA256: fmt.Sprintf("%064x", p), copies: 12}
			refs, err := log.add([2]int{p, 0}, []ManifestFile{row})
			if err != nil {
				b.Fatal(err)
			}
			log.keep(refs)
		}
		for range 3 {
			if err := log.each(func(ManifestFile) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
		log.close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n)/1e3, "µs/leaflet")
}

// BenchmarkEncodeManifest writes manifest.csv and manifest.json for a
// batch of 10,000 leaflets: per leaflet.
func BenchmarkEncodeManifest(b *testing.B) {
	const n = 10000
	rows := make([]ManifestFile, n)
	for i := range rows {
		rows[i] = ManifestFile{Property: fmt.Sprintf("prop-%05d", i), Source: fmt.Sprintf("in/p%05d.yaml", i),
			File: fmt.Sprintf("prop-%05d-leaflet-sv.pdf", i), Kind: "leaflet", Lang: "sv", Size: "A5",
			Pages: 2, Bytes: 40123, SHA256: fmt.Sprintf("%064x", i)}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := encodeManifest(io.Discard, io.Discard, rowsOf(rows)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n)/1e3, "µs/leaflet")
}
