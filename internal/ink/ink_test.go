package ink

import (
	"image"
	"image/color"
	"testing"
)

// bar is a map of w×h paper with a bar of ink in the columns [x0, x1).
func bar(w, h, x0, x1 int) Map {
	m := Map{W: w, H: h, V: make([]float64, w*h)}
	for y := 2; y < h-2; y++ {
		for x := x0; x < x1; x++ {
			m.V[y*w+x] = 1
		}
	}
	return m
}

func TestScores(t *testing.T) {
	t.Parallel()
	a := bar(60, 12, 10, 20)
	for _, tc := range []struct {
		name     string
		b        Map
		lo, hi   float64
		sameGrid bool
	}{
		{"the same", bar(60, 12, 10, 20), 0.999, 1, true},
		{"a pixel to the side, within a tile's slide", bar(60, 12, 11, 21), 0.9, 1, true},
		{"a bar elsewhere and half as wide", bar(60, 12, 40, 45), 0, 0.6, true},
		{"nothing", bar(60, 12, 0, 0), 0, 0, true},
		{"the same, drawn larger", bar(120, 24, 20, 40), 0.95, 1, false},
	} {
		got := 0.0
		if tc.sameGrid {
			got = SameGrid(a, tc.b, 12)
		} else {
			got = Similarity(a, tc.b, 12)
		}
		if got < tc.lo || got > tc.hi {
			t.Errorf("%s: %.3f, want %.3f to %.3f", tc.name, got, tc.lo, tc.hi)
		}
	}
	if got := SameGrid(a, bar(61, 12, 10, 20), 12); got != 0 {
		t.Errorf("maps of different sizes: %.3f, want 0", got)
	}
}

// White text on a coloured band is ink as black text on paper is.
func TestOfColor(t *testing.T) {
	t.Parallel()
	band := color.RGBA{0x1d, 0x4e, 0x63, 0xff}
	img := image.NewRGBA(image.Rect(0, 0, 4, 1))
	img.SetRGBA(0, 0, band)
	img.SetRGBA(1, 0, color.RGBA{0xff, 0xff, 0xff, 0xff})
	img.SetRGBA(2, 0, color.RGBA{0x8e, 0xa6, 0xb1, 0xff}) // half way
	img.SetRGBA(3, 0, color.RGBA{0, 0, 0, 0xff})          // darker than the band: no ink
	m := OfColor(img, img.Rect, band, color.White)
	want := []float64{0, 1, 0.5, 0}
	for i, v := range m.V {
		if v < want[i]-0.02 || v > want[i]+0.02 {
			t.Errorf("pixel %d: ink %.3f, want %.2f", i, v, want[i])
		}
	}
}
