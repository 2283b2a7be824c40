package output

import (
	"fmt"
	"path/filepath"
	"testing"

	"huskurage/internal/benchdata"
)

// BenchmarkWriteLeaflets writes 2,000 files of a leaflet's size as a
// batch does (staged, renamed, flushed at the end), into a new folder
// each time, and reports the CPU time per file, the system's included.
func BenchmarkWriteLeaflets(b *testing.B) {
	const n = 2000
	data := make([]byte, 40<<10)
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("prop-%05d-leaflet-sv.pdf", i)
	}
	base := b.TempDir()
	cpu0 := benchdata.CPUTime()
	i := 0
	for b.Loop() {
		d, err := Open(filepath.Join(base, fmt.Sprint(i)))
		if err != nil {
			b.Fatal(err)
		}
		d.NoSync = true
		for _, name := range names {
			if err := d.WriteAll([]File{{name, data}}); err != nil {
				b.Fatal(err)
			}
		}
		if err := d.SyncFiles(names); err != nil {
			b.Fatal(err)
		}
		d.Close()
		i++
	}
	b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(b.N*n)/1e3, "cpu-us/file")
}
