package pdf

import (
	"math"
	"math/rand/v2"
	"testing"
)

// A shape's path from the cache is its own: shapes that differ in any one
// number (or in -0 against 0, or only in being a circle, filled or
// stroked), or are drawn on a page of another height, never get each
// other's.
func TestShapesCachedByAllTheyAreMadeOf(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(14, 7))
	type shape struct {
		circle           bool
		x, y, w, h, r, H float64
		fill, stroke     bool
	}
	base := shape{x: 10, y: 20, w: 30, h: 15, r: 3, H: 210, fill: true}
	shapes := []shape{base}
	for i := range 8 {
		s := base
		switch i {
		case 0:
			s.circle = true
		case 1:
			s.x = 10.0001
		case 2:
			s.y, s.x = math.Copysign(0, -1), 0
		case 3:
			s.w, s.h = 15, 30
		case 4:
			s.r = 3.5
		case 5:
			s.H = 297
		case 6:
			s.fill = false
		case 7:
			s.stroke = true
		}
		shapes = append(shapes, s)
	}
	shapes = append(shapes, shape{y: math.Copysign(0, -1), x: 0, w: 1, h: 1, H: 210})
	shapes = append(shapes, shape{x: 0, y: 0, w: 1, h: 1, H: 210})
	for range 500 {
		shapes = append(shapes, shape{circle: rng.IntN(2) == 0, x: rng.Float64() * 100, y: rng.Float64() * 100, w: rng.Float64() * 50, h: rng.Float64() * 50,
			r: rng.Float64() * 5, H: []float64{148, 210, 297}[rng.IntN(3)], fill: rng.IntN(2) == 0, stroke: rng.IntN(2) == 0})
	}
	for round := range 2 { // the second from the cache
		for i := range shapes {
			s := shapes[(i*7+round)%len(shapes)]
			df := &docFonts{k: fpdfK, h: s.H}
			var got, want []byte
			if s.circle {
				got = df.shape(shapeKey{circle: true, x: bits(s.x), y: bits(s.y), r: bits(s.r), fill: s.fill, stroke: s.stroke})
				want = circlePath(nil, fpdfK, s.H, s.x, s.y, s.r, s.fill, s.stroke)
			} else {
				got = df.shape(shapeKey{x: bits(s.x), y: bits(s.y), w: bits(s.w), h: bits(s.h), r: bits(s.r), fill: s.fill, stroke: s.stroke})
				want = roundedRectPath(nil, fpdfK, s.H, s.x, s.y, s.w, s.h, s.r, s.fill, s.stroke)
			}
			if string(got) != string(want) {
				t.Fatalf("round %d: %+v: %.80s, want %.80s", round, s, got, want)
			}
		}
	}
}
