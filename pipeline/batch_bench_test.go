package pipeline

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"huskurage/internal/benchdata"
	"huskurage/internal/gctuning"
	"huskurage/kind"
)

var (
	benchN    = flag.Int("batch.n", 1000, "properties in the batch benchmark")
	benchLang = flag.String("batch.lang", "sv", "language of the batch benchmark's leaflets")
)

// writeProperties writes n property files that differ the way a
// municipality's do: address, landlord, entrances, contacts, and each its
// own link, as a municipality's ?hus=ID links are.
func writeProperties(t testing.TB, dir string, n int) {
	writePropertiesLinked(t, dir, n, benchdata.OwnLink)
}

// writePropertiesLinked is writeProperties with the link of property i
// given by link.
func writePropertiesLinked(t testing.TB, dir string, n int, link func(i int) string) {
	t.Helper()
	for i := 0; i < n; i++ {
		src := benchdata.Property(i, link(i))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%05d.yaml", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func maxRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss * 1024 // Linux reports KiB
}

// BenchmarkBatchLeaflets builds an A5 leaflet for each of -batch.n
// generated properties with one job per CPU, as `huskurage batch --only
// leaflet` does, and reports leaflets per second and the process's peak
// memory. own-link gives each property its own QR link, as a
// municipality's ?hus=ID links do, so every code is encoded; shared-link
// gives all one link, as a landlord's single page does, so the code is
// made once.
//
// Its files go under $TMPDIR. Where the file system is ext4 without a
// journal (this project's machines: /proc/fs/jbd2 is empty), making a
// file scans past every inode of its group freed in the last minutes, so
// in a folder whose neighbours just lost thousands of files (an earlier
// run's clean-up, other tests in /tmp) each leaflet's file costs 0.3 to
// 0.5 ms of system time instead of 0.02 ms. To compare code rather than
// the disk's recent past, give each run a quiet TMPDIR, or leave minutes
// between runs, and look at cpu-ms/leaflet as well as leaflets/s.
func BenchmarkBatchLeaflets(b *testing.B) {
	b.Run("own-link", func(b *testing.B) {
		in := b.TempDir()
		writeProperties(b, in, *benchN)
		benchBatch(b, in)
	})
	b.Run("shared-link", func(b *testing.B) {
		in := b.TempDir()
		writePropertiesLinked(b, in, *benchN, func(int) string { return "https://example.org/huskurage" })
		benchBatch(b, in)
	})
}

func benchBatch(b *testing.B, in string) {
	b.ResetTimer()
	start := time.Now()
	cpu0 := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), fmt.Sprint(i))
		rep, err := batchAsCommand(context.Background(), []string{in}, Request{Out: out, Docs: Options{Kinds: []*kind.Kind{kind.Leaflet}, Lang: *benchLang}})
		if err != nil || len(rep.Failures) > 0 || rep.Written != *benchN {
			b.Fatalf("batch: %v, %d failures, %d files", err, len(rep.Failures), rep.Written)
		}
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(*benchN*b.N)/elapsed.Seconds(), "leaflets/s")
	b.ReportMetric(float64(maxRSS())/(1<<20), "peak-MB")
	// CPU time per leaflet, all goroutines, garbage collection and file
	// writing included: steadier than wall time on a shared machine.
	b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(*benchN*b.N)/1e6, "cpu-ms/leaflet")
	b.ReportMetric(float64(runtime.NumCPU()), "cpus")
}

// batchAsCommand runs a batch as `huskurage batch` runs it: with the
// collector tuned for a batch (package gctuning), which the command sets
// for its process and checks every 256 properties.
func batchAsCommand(ctx context.Context, inputs []string, req Request) (*Report, error) {
	jobs := req.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	gc := gctuning.Start(jobs)
	defer gc.Restore()
	req.Progress = func(done, _ int, _ Result) {
		if done%256 == 0 {
			gc.Check()
		}
	}
	return Batch(ctx, inputs, req)
}

// BenchmarkLeafletsVaried parses and builds the leaflets of -batch.n
// generated properties, each with its own address, landlord and link, on
// one goroutine and in memory: the CPU cost of a batch's leaflet without
// the disk, which on a shared machine is far steadier than
// BenchmarkBatchLeaflets' and tells code changes apart.
func BenchmarkLeafletsVaried(b *testing.B) {
	bl, srcs := variedSources(b)
	opts := Options{Kinds: []*kind.Kind{kind.Leaflet}, Lang: *benchLang}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, i := benchdata.CPUTime(), 0
	for b.Loop() {
		ps, err := bl.ParseStream(srcs[i%len(srcs)], "p.yaml", nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bl.Build(context.Background(), ps[0], opts); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/leaflet")
}

// variedSources returns a Builder and the -batch.n generated properties
// of writeProperties, in memory.
func variedSources(b *testing.B) (*Builder, [][]byte) {
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	srcs := make([][]byte, *benchN)
	for i := range srcs {
		srcs[i] = []byte(benchdata.Property(i, benchdata.OwnLink(i)))
	}
	return bl, srcs
}

// BenchmarkParseVaried checks the -batch.n generated properties of
// BenchmarkLeafletsVaried with a Builder's options (fonts' coverage, the
// embedded texts), without building them: a batch's per-property cost of
// reading its YAML, apart from the documents.
func BenchmarkParseVaried(b *testing.B) {
	bl, srcs := variedSources(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, i := benchdata.CPUTime(), 0
	for b.Loop() {
		if _, err := bl.ParseStream(srcs[i%len(srcs)], "p.yaml", nil); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/property")
}
