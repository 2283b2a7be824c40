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
