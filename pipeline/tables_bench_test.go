package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"huskurage/internal/benchdata"
	"huskurage/kind"
	"huskurage/property"
	"huskurage/sheet"
)

// writeWorkbook writes the properties of writeProperties as the rows of
// one workbook, through excelize's stream writer so that making it does
// not raise the process's peak memory.
func writeWorkbook(b testing.TB, path string, n int) {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	head := []any{"Id", "Hyresvärd", "Telefon hyresvärd", "Adress", "Postnummer", "Ort", "Uppgångar",
		"Kontakt 1 namn", "Kontakt 1 telefon", "Kontakt 1 tider", "Kontakt 2 namn", "Kontakt 2 telefon", "Stödlinjer", "QR-länk"}
	if err := sw.SetRow("A1", head); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		row := []any{fmt.Sprintf("prop-%05d", i), fmt.Sprintf("Bostadsbolaget %d", i%37), fmt.Sprintf("0303-70 %02d %02d", i%100, (i/100)%100),
			fmt.Sprintf("Storgatan %d", 1+i%200), fmt.Sprintf("449 %02d", i%100), "Nödinge", fmt.Sprintf("%dA, %dB", 1+i%9, 1+i%9),
			"Socialtjänsten, kontaktcenter", "0303-70 30 00", "vardagar 8–16", "Fastighetsjouren", fmt.Sprintf("031-390 06 %02d", i%100),
			"kvinnofridslinjen, bris", fmt.Sprintf("https://example.org/huskurage?hus=%05d", i)}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSheetLeaflets is BenchmarkBatchLeaflets with the -batch.n
// properties as the rows of one workbook: an A5 leaflet for each row, one
// job per CPU. Run it on its own (-bench SheetLeaflets) for its peak
// memory, which is the process's.
func BenchmarkSheetLeaflets(b *testing.B) {
	path := filepath.Join(b.TempDir(), "fastigheter.xlsx")
	writeWorkbook(b, path, *benchN)
	runtime.GC()
	b.ResetTimer()
	start := time.Now()
	cpu0 := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), fmt.Sprint(i))
		rep, err := batchAsCommand(context.Background(), []string{path}, Request{Out: out, Docs: Options{Kinds: []*kind.Kind{kind.Leaflet}, Lang: *benchLang}})
		if err != nil || len(rep.Failures) > 0 || rep.Written != *benchN {
			if len(rep.Failures) > 0 {
				err = rep.Failures[0].Err
			}
			b.Fatalf("batch: %v, %d failures, %d files", err, len(rep.Failures), rep.Written)
		}
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(*benchN*b.N)/elapsed.Seconds(), "leaflets/s")
	b.ReportMetric(float64(maxRSS())/(1<<20), "peak-MB")
	b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(*benchN*b.N)/1e6, "cpu-ms/leaflet")
	b.ReportMetric(float64(runtime.NumCPU()), "cpus")
}

// BenchmarkSheetRead reads a workbook of -batch.n rows (rows/s), and then
// checks every row as a property (checked-rows/s, on one goroutine).
func BenchmarkSheetRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "fastigheter.xlsx")
	writeWorkbook(b, path, *benchN)
	bd, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var read, checked time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		t, err := sheet.Read(path, sheet.Options{})
		if err != nil || len(t.Rows) != *benchN {
			b.Fatalf("read: %v", err)
		}
		t1 := time.Now()
		for r := range t.Rows {
			if _, err := t.Property(r, property.Options{Covers: bd.Covers}); err != nil {
				b.Fatal(err)
			}
		}
		read += t1.Sub(t0)
		checked += time.Since(t1)
	}
	b.ReportMetric(float64(*benchN*b.N)/read.Seconds(), "rows/s")
	b.ReportMetric(float64(*benchN*b.N)/checked.Seconds(), "checked-rows/s")
}
