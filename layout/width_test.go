package layout

import (
	"fmt"
	"math"
	"testing"

	"huskurage/templates"
	"huskurage/typeset"
)

// wrapOnly hides the engine's Measure: a Measurer that only wraps.
type wrapOnly struct{ Measurer }

// A text's width measured on one line by the engine is the width its
// wrapped line gives, to the last bit, for every text of every language
// and the address parts the layout joins, at the scales a page is tried.
func TestWidthMeasuredAsWrapped(t *testing.T) {
	t.Parallel()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := typeset.NewEngine(fonts)
	if _, ok := Measurer(e).(oneLine); !ok {
		t.Fatal("the engine does not measure on one line: the test proves nothing")
	}
	d, err := newDesign("leaflet", "A5")
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, code := range templates.Codes() {
		l, err := templates.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{"112", "0303-70 30 00", fmt.Sprintf("Storgatan\u00a0%d · 449\u00a0%02d\u00a0Nödinge", len(code), len(code)*7)}
		for _, s := range l.Texts {
			texts = append(texts, s)
		}
		for _, k := range []float64{1.2, 1, 1.1, 1.15, 1.175, 1.1875, 1.18125, d.kmin} {
			fast := &builder{m: e, k: k, rtl: l.Direction == "rtl"}
			slow := &builder{m: wrapOnly{e}, k: k, rtl: l.Direction == "rtl"}
			for _, s := range texts {
				for _, st := range []style{d.address, d.phone, d.number, d.body} {
					if got, want := fast.width(s, st), slow.width(s, st); got != want || math.IsNaN(got) {
						t.Fatalf("%s %q at k %g: width %v, wrapped %v", code, s, k, got, want)
					}
					compared++
				}
			}
		}
	}
	t.Logf("%d widths alike", compared)
}
