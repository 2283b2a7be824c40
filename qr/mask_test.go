package qr

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	goqr "github.com/piglig/go-qr"
)

var allLevels = []goqr.Ecc{goqr.Low, goqr.Medium, goqr.Quartile, goqr.High}

// A symbol with mask m is the symbol with mask 0 with the flips of mask
// m turned over, for any data: at every version and level, for data of
// random bytes, each of the eight symbols go-qr builds is the one
// derived here.
func TestFlipsAnyData(t *testing.T) {
	t.Parallel()
	for _, ecc := range allLevels {
		t.Run(fmt.Sprint(ecc), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(uint64(ecc), 14))
			for v := goqr.MinVersion; v <= goqr.MaxVersion; v++ {
				f, err := flipsOf(ecc, v)
				if err != nil {
					t.Fatal(err)
				}
				segs, q0 := symbolOf(t, rng, ecc, v, 0)
				g0 := gridOf(q0)
				for m := range 8 {
					q, err := goqr.EncodeSegments(segs, ecc, v, v, m, false)
					if err != nil {
						t.Fatal(err)
					}
					for y := range g0.n {
						r := xor(g0.rows[y], f[m].rows[y])
						for x := range g0.n {
							if got := r[x>>6]>>(x&63)&1 != 0; got != q.Module(x, y) {
								t.Fatalf("version %d, mask %d: module (%d, %d) is %v, go-qr's %v", v, m, x, y, got, q.Module(x, y))
							}
						}
					}
				}
			}
		})
	}
}

// symbolOf returns random data that fills part of version v at level ecc,
// and its symbol with mask m.
func symbolOf(t *testing.T, rng *rand.Rand, ecc goqr.Ecc, v, m int) ([]*goqr.QrSegment, *goqr.QrCode) {
	t.Helper()
	for k := 3000; k > 0; k = k * 2 / 3 {
		data := make([]byte, 1+rng.IntN(k))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		seg, err := goqr.MakeBytes(data)
		if err != nil {
			t.Fatal(err)
		}
		segs := []*goqr.QrSegment{seg}
		q, err := goqr.EncodeSegments(segs, ecc, v, v, m, false)
		if errors.Is(err, goqr.ErrDataTooLong) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		return segs, q
	}
	t.Fatalf("no data fits version %d", v)
	return nil, nil
}

// The mask chosen here is go-qr's: for links of every length a code
// takes, each of the 4 levels, the code made is module for module the
// one go-qr makes choosing its mask itself, and every one of the eight
// masks is chosen for some of them (so a mask scored wrongly would show).
func TestMaskIsGoQRs(t *testing.T) {
	t.Parallel()
	for _, ecc := range allLevels {
		t.Run(fmt.Sprint(ecc), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(uint64(ecc), 41))
			chosen := map[int]int{}
			const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%"
			for i := range 600 {
				// Mostly links as properties have them; some long
				// (large versions), some of digits only.
				n := 10 + rng.IntN(90)
				switch {
				case i%10 == 0:
					n = 10 + rng.IntN(1200)
				case i%10 == 1:
					n = 2 + rng.IntN(60)
				}
				var b strings.Builder
				b.WriteString("https://example.org/")
				for range n {
					c := alnum[rng.IntN(len(alnum))]
					if i%10 == 1 {
						c = byte('0' + rng.IntN(10))
					}
					b.WriteByte(c)
				}
				data := b.String()
				if i%10 == 1 {
					data = data[len("https://example.org/"):]
				}
				seg, err := goqr.MakeBytes([]byte(data))
				if i%10 == 1 {
					seg, err = goqr.MakeNumeric(data)
				}
				if err != nil {
					t.Fatal(err)
				}
				segs := []*goqr.QrSegment{seg}
				ref, err := goqr.EncodeSegments(segs, ecc, 1, 40, -1, false)
				if errors.Is(err, goqr.ErrDataTooLong) {
					continue // too long for this level
				}
				if err != nil {
					t.Fatal(err)
				}
				q0, err := goqr.EncodeSegments(segs, ecc, 1, 40, 0, false)
				if err != nil {
					t.Fatal(err)
				}
				f, err := flipsOf(ecc, (q0.Size()-17)/4)
				if err != nil {
					t.Fatal(err)
				}
				g0 := gridOf(q0)
				chosen[choose(&g0, f)]++
				rows, err := masked(q0, ecc)
				if err != nil {
					t.Fatal(err)
				}
				for y, r := range rows {
					for x, dark := range r {
						if dark != ref.Module(x, y) {
							t.Fatalf("%q (%d modules): module (%d, %d) differs from go-qr's code", data, len(rows), x, y)
						}
					}
				}
			}
			if len(chosen) != 8 {
				t.Errorf("masks chosen %v: want all eight among the codes", chosen)
			}
		})
	}
}

// runs, which scores most rows 64 modules at a time, gives the penalty
// runsByLength gives run by run, for rows of every size a symbol has:
// random rows, rows made of runs of random lengths, and rows that hold
// finder-like patterns of modules 1 to 3 near the edges and in the middle
// (each case is checked to occur, so that a wrong shortcut shows).
func TestRunsAsByLength(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 18004))
	seq := make([]int, 177+2)
	finders, fast := 0, 0
	for v := goqr.MinVersion; v <= goqr.MaxVersion; v++ {
		n := 17 + 4*v
		for i := range 3000 {
			var r row
			set := func(x int) { r[x>>6] |= 1 << (x & 63) }
			switch i % 3 {
			case 0: // random modules
				for x := range n {
					if rng.IntN(2) == 1 {
						set(x)
					}
				}
			case 1: // runs of random lengths
				dark := rng.IntN(2) == 1
				for x := 0; x < n; {
					l := 1 + rng.IntN(8)
					for k := x; k < min(n, x+l); k++ {
						if dark {
							set(k)
						}
					}
					x, dark = x+l, !dark
				}
			case 2: // a finder-like pattern of module m at x, light around it with random noise
				for x := range n {
					if rng.IntN(4) == 0 {
						set(x)
					}
				}
				m := 1 + rng.IntN(3)
				x0 := rng.IntN(n - 7*m + 1)
				for k := max(0, x0-5*m); k < min(n, x0+12*m); k++ {
					r[k>>6] &^= 1 << (k & 63)
				}
				for j, d := range [...]bool{true, false, true, true, true, false, true} {
					for k := x0 + j*m; k < x0+(j+1)*m; k++ {
						if d {
							set(k)
						}
					}
				}
				// Sometimes less light on one side.
				if rng.IntN(2) == 0 && x0+7*m < n {
					set(min(n-1, x0+7*m+rng.IntN(4*m)))
				}
			}
			got, want := runs(r, n, seq), runsByLength(r, n, seq)
			if got != want {
				t.Fatalf("n %d, row %x: runs %d, by length %d", n, r, got, want)
			}
			if n <= 60 && !dark6(r) {
				fast++
				if i%3 == 2 {
					finders++
				}
			}
		}
	}
	if finders < 2000 || fast < 8000 {
		t.Errorf("only %d rows scored in one word, %d of them with a finder-like pattern", fast, finders)
	}
}

// BenchmarkChoose scores the eight masks of codes of links as properties
// have them (version 4, level Q), the part of a code's cost mask.go
// makes.
func BenchmarkChoose(b *testing.B) {
	var gs []grid
	for i := range 64 {
		seg, err := goqr.MakeBytes(fmt.Appendf(nil, "https://example.org/huskurage?hus=%05d", i))
		if err != nil {
			b.Fatal(err)
		}
		q0, err := goqr.EncodeSegments([]*goqr.QrSegment{seg}, goqr.Quartile, 1, 40, 0, false)
		if err != nil {
			b.Fatal(err)
		}
		gs = append(gs, gridOf(q0))
	}
	f, err := flipsOf(goqr.Quartile, (gs[0].n-17)/4)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		choose(&gs[i%len(gs)], f)
	}
}

// dark6 reports whether r has six dark modules in a row.
func dark6(r row) bool {
	for i, w := range r {
		var next uint64
		if i+1 < len(r) {
			next = r[i+1]
		}
		// d: bit x set when module x and the five after it are dark.
		d := w
		for k := uint(1); k <= 5; k++ {
			d &= w>>k | next<<(64-k)
		}
		if d != 0 {
			return true
		}
	}
	return false
}
