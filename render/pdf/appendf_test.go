package pdf

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// appendF writes every number as strconv does: numbers of a page's size
// with any decimals, exact halves (0.375 to two decimals is 0.38, 0.125
// 0.12), numbers a hair either side of a half, negative numbers that
// round to zero, and what it leaves to strconv (large, NaN, infinite,
// more decimals).
func TestAppendFIsStrconv(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(14, 3))
	values := []float64{0, math.Copysign(0, -1), -0.0001, -0.0004999, 0.0005, 0.0015, 0.125, 0.375, 2.5, 3.5, -2.5,
		1 << 29, 1<<30 + 0.5, 1<<52 + 1, 1<<51 + 0.5, 4.5e11, 1e300, -1e-300, math.NaN(), math.Inf(1), math.Inf(-1), 595.28, 419.53, 0.102, 28.346}
	for range 60000 {
		v := (rng.Float64()*2 - 1) * []float64{1, 10, 1000, 1e5}[rng.IntN(4)]
		values = append(values, v)
		// A half at some number of decimals, and its neighbours.
		p := math.Pow(10, float64(rng.IntN(5)))
		h := (math.Round(v*p) + 0.5) / p
		values = append(values, h, math.Nextafter(h, 0), math.Nextafter(h, math.Inf(1)))
	}
	for _, v := range values {
		for prec := -1; prec <= 6; prec++ {
			got := string(appendF([]byte("x"), v, prec))
			if want := "x" + strconv.FormatFloat(v, 'f', prec, 64); got != want {
				t.Fatalf("%v (%b) to %d decimals: %s, strconv %s", v, v, prec, got, want)
			}
		}
	}
}

// appendUTF16 writes a text string as fmt's %04X of each character did:
// letters of every script we print, characters beyond the BMP (as ?),
// bad UTF-8 (as U+FFFD) and the empty string.
func TestAppendUTF16IsFmt(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(14, 4))
	texts := []string{"", "Huskurage", "Nödinge", "ሁስኩራገ", "هوسکوراژ", "a\U0001F600b", "\xff\xfe(", "\\()", "\u0000\uffff"}
	for range 2000 {
		r := make([]rune, rng.IntN(12))
		for i := range r {
			r[i] = rune(rng.IntN(0x11000))
		}
		texts = append(texts, string(r), string(r)+"\xc3")
	}
	for _, s := range texts {
		var b strings.Builder
		b.WriteString("<FEFF")
		for _, r := range s {
			if r > 0xFFFF {
				r = '?'
			}
			fmt.Fprintf(&b, "%04X", r)
		}
		b.WriteString(">")
		if got := string(appendUTF16([]byte("x"), s)); got != "x"+b.String() {
			t.Fatalf("%q: %s, fmt %s", s, got, b.String())
		}
		if got := pdfString(s); got != b.String() {
			t.Fatalf("pdfString(%q): %s, fmt %s", s, got, b.String())
		}
	}
}

// A colour's part is written from the table as appendF writes it, for
// all 256 values.
func TestAppendUnitIsAppendF(t *testing.T) {
	t.Parallel()
	for v := range 256 {
		got := string(appendUnit([]byte("x"), uint8(v)))
		if want := string(appendF([]byte("x"), float64(v)/255, 3)); got != want {
			t.Fatalf("%d: %s, appendF %s", v, got, want)
		}
	}
}

// A text object's font size is the shortest text of the size to 0.001 pt,
// whichever size came before it.
func TestSizeOfIsStrconv(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(14, 6))
	sizes := []float64{0, math.Copysign(0, -1), 0, 11.75, 11.75, 37.6, 11.8125, 0.0005, 0.0015, 9.9999}
	for range 2000 {
		sizes = append(sizes, rng.Float64()*40, sizes[rng.IntN(len(sizes))])
	}
	var df docFonts
	for _, s := range sizes {
		want := strconv.FormatFloat(math.Round(s*1000)/1000, 'f', -1, 64)
		if got := string(df.sizeOf(s)); got != want {
			t.Fatalf("size %v: %s, strconv %s", s, got, want)
		}
	}
}
