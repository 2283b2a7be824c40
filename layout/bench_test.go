package layout_test

import (
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"huskurage/content"
	"huskurage/internal/benchdata"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/templates"
	"huskurage/typeset"
)

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
		p, err := property.Parse([]byte(benchdata.Property(i, benchdata.OwnLink(i))), "p.yaml", ".", property.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		docs[i] = content.Build(p, lang, p.Building.Entrances[0])
	}
	return docs
}

// BenchmarkLeafletLayout lays out the A5 leaflets of varied properties
// with the real fonts: the layout's own cost, QR codes included, without
// parsing or rendering, which BenchmarkLeafletsVaried in pipeline adds.
// The engine is given as it is, with its shortcuts (see plain).
func BenchmarkLeafletLayout(b *testing.B) {
	fonts, err := typeset.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, code := range []string{"sv", "ar"} {
		b.Run(code, func(b *testing.B) {
			docs := variedDocs(b, code, 500)
			m := typeset.NewEngine(fonts)
			b.ReportAllocs()
			cpu0, i := benchdata.CPUTime(), 0
			for b.Loop() {
				if _, err := layout.Leaflet(docs[i%len(docs)], "A5", m); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(benchdata.CPUTime()-cpu0)/float64(i)/1e6, "cpu-ms/leaflet")
		})
	}
}

// plain is a Measurer that only wraps, measures and finds longest words,
// hiding the engine's shortcuts (Measure, WrapLongest) from the layout.
type plain struct{ layout.Measurer }

// Every design laid out through the engine's shortcuts is the design
// laid out without them, item for item and error for error: leaflets
// and posters of every size in every language (easy-to-read Swedish
// sets a sentence a line), leaflets and posters with a language on
// each side, for properties with their own words, one with a word too
// long for its column and one with too much text.
func TestShortcutsLayOutAlike(t *testing.T) {
	t.Parallel()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	codes := templates.Codes()
	var laidOut, failed atomic.Int64
	t.Cleanup(func() {
		if n, f := laidOut.Load(), failed.Load(); !t.Failed() && (f == 0 || f == n) {
			t.Errorf("%d of %d leaflets refused: the errors are not both compared", f, n)
		}
		t.Logf("%d leaflets alike, %d of them refused alike", laidOut.Load(), failed.Load())
	})
	for i, code := range codes {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			fast, slow := typeset.NewEngine(fonts), plain{typeset.NewEngine(fonts)}
			compare := func(what string, a, b *layout.Doc, errA, errB error) {
				t.Helper()
				if fmt.Sprint(errA) != fmt.Sprint(errB) || !reflect.DeepEqual(a, b) {
					t.Fatalf("%s: laid out differently with the shortcuts (errors %v and %v)", what, errA, errB)
				}
			}
			docs := variedDocs(t, code, 3)
			docs[1].LandlordName.S = strings.Repeat("Bostadsaktiebolaget", 3) // too long for its column
			for range 12 {
				docs[2].Support = append(docs[2].Support, docs[2].Support[0]) // too much text
			}
			other := variedDocs(t, codes[(i+5)%len(codes)], 1)[0]
			for j, d := range docs {
				for _, size := range layout.LeafletSizes {
					a, errA := layout.Leaflet(d, size, fast)
					b, errB := layout.Leaflet(d, size, slow)
					compare(fmt.Sprintf("leaflet %d %s", j, size), a, b, errA, errB)
					laidOut.Add(1)
					if errA != nil {
						failed.Add(1)
					}
				}
				a, errA := layout.Poster(d, "A4", fast)
				b, errB := layout.Poster(d, "A4", slow)
				compare(fmt.Sprintf("poster %d", j), a, b, errA, errB)
				a, errA = layout.LeafletSides([2]content.Document{d, other}, "A5", fast)
				b, errB = layout.LeafletSides([2]content.Document{d, other}, "A5", slow)
				compare(fmt.Sprintf("leaflet %d with %s", j, other.Lang), a, b, errA, errB)
				a, errA = layout.BilingualPoster([2]content.Document{d, other}, "A4", fast)
				b, errB = layout.BilingualPoster([2]content.Document{d, other}, "A4", slow)
				compare(fmt.Sprintf("poster %d with %s", j, other.Lang), a, b, errA, errB)
			}
		})
	}
}

// A page is drawn into room made for the items it held when it was
// tried at its scale (and the few panels drawn under measured text),
// not grown item by item: leaflets and posters in every language.
func TestPagesDrawnIntoRoom(t *testing.T) {
	t.Parallel()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := typeset.NewEngine(fonts)
	pages := 0
	for _, code := range templates.Codes() {
		d := variedDocs(t, code, 1)[0]
		for _, lay := range []func() (*layout.Doc, error){
			func() (*layout.Doc, error) { return layout.Leaflet(d, "A5", e) },
			func() (*layout.Doc, error) { return layout.Leaflet(d, "A6", e) },
			func() (*layout.Doc, error) { return layout.Poster(d, "A4", e) },
		} {
			out, err := lay()
			if err != nil {
				continue
			}
			for i, p := range out.Pages {
				// Room for 8 more than tried; grown from a smaller
				// guess, a slice has a quarter or more to spare.
				if spare := cap(p.Items) - len(p.Items); spare > 8 {
					t.Errorf("%s %s page %d: %d items with room for %d", code, out.Size, i+1, len(p.Items), cap(p.Items))
				}
				pages++
			}
		}
	}
	if pages < 40 {
		t.Fatalf("only %d pages laid out", pages)
	}
}
