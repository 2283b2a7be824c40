package typeset

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"testing"

	"huskurage/templates"
)

// Lines set once at unit size and scaled are the lines set at each size
// from their glyphs, exactly: every text of every language, and texts of
// a property's own, at the sizes a layout tries (kmin to kmax, and the
// sizes a bisection halves to) and at widths from a word's to none, on
// one engine, so that a line kept for one size and width is asked for
// again at others.
func TestUnitLinesScaleExactly(t *testing.T) {
	t.Parallel()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fast, direct := NewEngine(f), NewEngine(f)
	direct.direct = true
	var texts []struct {
		s   string
		dir Direction
	}
	for _, code := range templates.Codes() {
		l, err := templates.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		dir := DirectionOf(l.Direction == "rtl")
		for _, s := range l.Texts {
			texts = append(texts, struct {
				s   string
				dir Direction
			}{s, dir})
		}
		for i := range 3 {
			for _, s := range []string{
				fmt.Sprintf("Storgatan\u00a0%d · 449\u00a0%02d\u00a0Nödinge · Uppgång\u00a0%dA", 1+i*67, i*31, i+1),
				fmt.Sprintf("0303-70 %02d %02d", i*13, i*7),
				fmt.Sprintf("Bostadsbolaget %d, https://example.org/a/b/%d", i, i),
			} {
				texts = append(texts, struct {
					s   string
					dir Direction
				}{s, dir})
			}
		}
	}
	sizes := []float64{8, 10, 11.8125, 13.2}
	widths := []float64{20, 150, 362.835, math.Inf(1)}
	lines, scaledLines := 0, 0
	for _, tx := range texts {
		for _, font := range []FontID{Regular, Bold} {
			for _, w := range widths {
				for _, size := range sizes {
					got := fast.Wrap(tx.s, tx.dir, font, size, w)
					want := direct.Wrap(tx.s, tx.dir, font, size, w)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%q in %s at %g pt in %g pt:\ngot  %+v\nwant %+v", tx.s, font, size, w, got, want)
					}
					lines += len(got)
					if size != unit {
						scaledLines += len(got)
					}
				}
			}
		}
	}
	if scaledLines == 0 {
		t.Fatal("no line was scaled: the test proves nothing")
	}
	t.Logf("%d texts, %d lines alike", len(texts), lines)
}

// Metrics read from the font once are the metrics read from it each
// time, for every font at the sizes a layout asks for.
func TestMetricsRead(t *testing.T) {
	t.Parallel()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(f)
	for _, id := range []FontID{Regular, Bold} {
		face := e.face(id, 0)
		ext, _ := face.FontHExtents()
		for _, size := range []float64{8, 9.4375, 10, 11.8125, 13, 36} {
			scale := size / float64(face.Upem())
			want := Metrics{Ascent: float64(ext.Ascender) * scale, Descent: -float64(ext.Descender) * scale}
			want.LineHeight = want.Ascent + want.Descent + float64(ext.LineGap)*scale
			for range 2 {
				if got := e.Metrics(id, size); got != want {
					t.Fatalf("%s at %g pt: %+v, want %+v", id, size, got, want)
				}
			}
		}
	}
}

// Measure is the widest line Wrap gives with no limit, exactly, for the
// texts of every language at the sizes a layout tries, asked first at
// one size and then at others.
func TestMeasureIsWrapWidth(t *testing.T) {
	t.Parallel()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(f)
	measured := 0
	for _, code := range templates.Codes() {
		l, err := templates.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		dir := DirectionOf(l.Direction == "rtl")
		for _, s := range append(slices.Collect(maps.Values(l.Texts)), "", " ", "Storgatan\u00a0199 · 449\u00a098\u00a0Nödinge", "0303-70 30 00") {
			for _, id := range []FontID{Regular, Bold} {
				for _, size := range []float64{10.5, 8, 11.8125, 12.6, 36} {
					want := 0.0
					for _, l := range e.Wrap(s, dir, id, size, math.Inf(1)) {
						want = math.Max(want, l.Width)
					}
					if got := e.Measure(s, dir, id, size); got != want {
						t.Fatalf("%q in %s at %g pt: Measure %v, widest line %v", s, id, size, got, want)
					}
					measured++
				}
			}
		}
	}
	t.Logf("%d widths alike", measured)
}

// WrapBalanced gives the lines that halving the widths itself gives, for
// the texts of every language at several sizes, widths and line counts,
// asked twice (the second time from what it kept) and with the same
// text and width but another count or lower bound in between.
func TestWrapBalancedHalves(t *testing.T) {
	t.Parallel()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	e, fresh := NewEngine(f), NewEngine(f)
	halve := func(s string, dir Direction, size, lo, hi float64, n int) []Line {
		for range 12 {
			mid := (lo + hi) / 2
			if len(fresh.Wrap(s, dir, Regular, size, mid)) > n {
				lo = mid
			} else {
				hi = mid
			}
		}
		return fresh.Wrap(s, dir, Regular, size, hi)
	}
	compared, balancedOther := 0, 0
	for _, code := range templates.Codes() {
		l, err := templates.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		dir := DirectionOf(l.Direction == "rtl")
		for _, key := range []string{"qr_caption", "title", "intro", "support_note"} {
			s := l.Texts[key]
			for _, size := range []float64{8, 10.5, 11.8125} {
				for _, hi := range []float64{60, 120, 300} {
					lw, _ := e.LongestWord(s, dir, Regular, size)
					n := len(e.Wrap(s, dir, Regular, size, hi))
					for _, c := range []struct {
						lo float64
						n  int
					}{{lw, n}, {lw, n + 1}, {lw / 2, n}, {lw, n}} {
						got := e.WrapBalanced(s, dir, Regular, size, c.lo, hi, c.n, 12)
						want := halve(s, dir, size, c.lo, hi, c.n)
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("%s %s at %g pt in %g, from %g, %d lines: balanced differently", code, key, size, hi, c.lo, c.n)
						}
						if c.n != n && !reflect.DeepEqual(got, e.WrapBalanced(s, dir, Regular, size, lw, hi, n, 12)) {
							balancedOther++
						}
						compared++
					}
				}
			}
		}
	}
	if balancedOther == 0 {
		t.Fatal("another line count never balanced otherwise: the test proves nothing about what is kept")
	}
	t.Logf("%d balanced alike, %d otherwise for another count", compared, balancedOther)
}
