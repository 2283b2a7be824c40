// Package ink compares two renderings of the same text: ours against
// pango's (layout's tests), our PNG pages against pdftoppm's pictures of
// our PDFs (render/png's tests). A rendering is a map of how much ink
// covers each pixel; Similarity crops both to their ink, scales them to
// one size, blurs them a little and measures how much of their ink
// overlaps, allowing each stretch of the line to shift a little, so that
// two rasterisers' antialiasing and a kerning pair set differently count
// for little and a different shape for much.
package ink

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

// Map is how much ink covers each pixel of an image, from 0 (paper) to 1,
// row by row.
type Map struct {
	W, H int
	V    []float64
}

// Read reads a PNG file's ink: the darker, the more.
func Read(path string) (Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return Map{}, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return Map{}, fmt.Errorf("%s: %w", path, err)
	}
	return Of(img, img.Bounds()), nil
}

// Of returns the ink of the part r of img: the darker, the more.
func Of(img image.Image, r image.Rectangle) Map {
	return OfColor(img, r, color.White, color.Black)
}

// OfColor returns the ink of the part r of img, for text of the colour
// fg on paper of the colour bg: how far each pixel's luminance has gone
// from bg's towards fg's, so that white text on a coloured band counts as
// ink as black text on white paper does.
func OfColor(img image.Image, r image.Rectangle, bg, fg color.Color) Map {
	r = r.Intersect(img.Bounds())
	lum := func(c color.Color) float64 {
		return float64(color.Gray16Model.Convert(c).(color.Gray16).Y) / 0xffff
	}
	paper, text := lum(bg), lum(fg)
	m := Map{W: r.Dx(), H: r.Dy(), V: make([]float64, r.Dx()*r.Dy())}
	if paper == text {
		return m
	}
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			v := (paper - lum(img.At(r.Min.X+x, r.Min.Y+y))) / (paper - text)
			m.V[y*m.W+x] = min(max(v, 0), 1)
		}
	}
	return m
}

// Sum returns the total ink.
func (m Map) Sum() float64 {
	s := 0.0
	for _, v := range m.V {
		s += v
	}
	return s
}

// Crop returns the smallest part of m that holds every pixel with more
// than a quarter of ink; an empty map when there is none.
func (m Map) Crop() Map {
	r := m.inkBox()
	if r.Empty() {
		return Map{}
	}
	return m.sub(r)
}

// inkBox returns the smallest rectangle that holds every pixel with more
// than a quarter of ink.
func (m Map) inkBox() image.Rectangle {
	var r image.Rectangle
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			if m.V[y*m.W+x] > 0.25 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

// sub returns the part r of m.
func (m Map) sub(r image.Rectangle) Map {
	c := Map{W: r.Dx(), H: r.Dy(), V: make([]float64, 0, r.Dx()*r.Dy())}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		c.V = append(c.V, m.V[y*m.W+r.Min.X:y*m.W+r.Max.X]...)
	}
	return c
}

// Resize resamples m to w×h pixels, bilinearly.
func (m Map) Resize(w, h int) Map {
	out := Map{W: w, H: h, V: make([]float64, w*h)}
	sx, sy := float64(m.W)/float64(w), float64(m.H)/float64(h)
	at := func(x, y int) float64 {
		return m.V[min(max(y, 0), m.H-1)*m.W+min(max(x, 0), m.W-1)]
	}
	for y := 0; y < h; y++ {
		fy := (float64(y)+0.5)*sy - 0.5
		y0 := int(math.Floor(fy))
		dy := fy - float64(y0)
		for x := 0; x < w; x++ {
			fx := (float64(x)+0.5)*sx - 0.5
			x0 := int(math.Floor(fx))
			dx := fx - float64(x0)
			top := at(x0, y0)*(1-dx) + at(x0+1, y0)*dx
			bottom := at(x0, y0+1)*(1-dx) + at(x0+1, y0+1)*dx
			out.V[y*w+x] = top*(1-dy) + bottom*dy
		}
	}
	return out
}

// Blur averages each pixel with its neighbours up to r pixels away, in
// two passes of a box filter (close to a Gaussian), so that a shift of
// a pixel or two counts for little and a different shape for much.
func (m Map) Blur(r int) Map {
	for range 2 {
		m = m.boxPass(r, 1, 0).boxPass(r, 0, 1)
	}
	return m
}

// boxPass averages along x (dx=1) or y (dy=1); pixels beyond the edge
// are paper.
func (m Map) boxPass(r, dx, dy int) Map {
	out := Map{W: m.W, H: m.H, V: make([]float64, len(m.V))}
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			sum := 0.0
			for k := -r; k <= r; k++ {
				xx, yy := x+k*dx, y+k*dy
				if xx >= 0 && xx < m.W && yy >= 0 && yy < m.H {
					sum += m.V[yy*m.W+xx]
				}
			}
			out.V[y*m.W+x] = sum / float64(2*r+1)
		}
	}
	return out
}

// Normalize scales m's ink to a mean of 1 over its area.
func (m Map) Normalize() Map {
	sum := m.Sum()
	if sum == 0 {
		return m
	}
	k := float64(len(m.V)) / sum
	out := Map{W: m.W, H: m.H, V: make([]float64, len(m.V))}
	for i, v := range m.V {
		out.V[i] = v * k
	}
	return out
}

// Similarity compares two renderings of a line of text whose em is em
// pixels, made by different programs, perhaps at different sizes. Each
// is cropped to its ink, both are scaled to the mean of their sizes, and
// compared by Score.
func Similarity(a, b Map, em float64) float64 {
	a, b = a.Crop(), b.Crop()
	if a.W == 0 || b.W == 0 {
		return 0
	}
	w, h := (a.W+b.W+1)/2, (a.H+b.H+1)/2
	return Score(a.Resize(w, h), b.Resize(w, h), em)
}

// SameGrid compares two renderings of a line of text whose em is em
// pixels, cut from pictures of one page at one resolution at the same
// pixels (a and b are the same size): both are cropped to the pixels
// that either inks, and compared by Score. Scaling them to one size, as
// Similarity does, would only move one by fractions of a pixel when the
// two crops differ by a pixel of faint ink.
func SameGrid(a, b Map, em float64) float64 {
	if a.W != b.W || a.H != b.H {
		return 0
	}
	r := a.inkBox().Union(b.inkBox())
	if r.Empty() {
		return 0
	}
	return Score(a.sub(r), b.sub(r), em)
}

// Score measures how much of a's and b's ink overlaps, for maps of one
// size of a line of text whose em is em pixels. Their ink is scaled to
// the same total (pdftoppm draws a little lighter than cairo) and both
// are blurred by a twentieth of the em. The line is then cut into tiles
// one and a half em wide; each tile of b may move by up to a sixth of an
// em sideways and two pixels up or down to match a's, so that a kerning
// pair the two set differently shifts the rest of the line without
// counting as a different picture. The score is the ink overlap summed
// over the tiles, Σ min(a, b) / Σ max(a, b): 1 for the same picture,
// near 0 for pictures with nothing in common.
func Score(a, b Map, em float64) float64 {
	w := a.W
	r := max(1, int(math.Round(em/20)))
	a, b = a.Normalize().Blur(r), b.Normalize().Blur(r)
	tile, slide, lift := max(1, int(em*3/2)), int(em/6), 2
	lo, hi := 0.0, 0.0
	for x0 := 0; x0 < w; x0 += tile {
		x1 := min(x0+tile, w)
		best, bestLo, bestHi := -1.0, 0.0, 0.0
		for dy := -lift; dy <= lift; dy++ {
			for dx := -slide; dx <= slide; dx++ {
				l, h := overlap(a, b, x0, x1, dx, dy)
				if h > 0 && l/h > best {
					best, bestLo, bestHi = l/h, l, h
				}
			}
		}
		lo += bestLo
		hi += bestHi
	}
	if hi == 0 {
		return 0
	}
	return lo / hi
}

// overlap sums min and max of a's ink in the columns [x0, x1) and b's
// ink dx, dy pixels away (paper beyond b's edges).
func overlap(a, b Map, x0, x1, dx, dy int) (lo, hi float64) {
	for y := 0; y < a.H; y++ {
		yb := y + dy
		for x := x0; x < x1; x++ {
			u, v := a.V[y*a.W+x], 0.0
			if xb := x + dx; xb >= 0 && xb < b.W && yb >= 0 && yb < b.H {
				v = b.V[yb*b.W+xb]
			}
			lo += min(u, v)
			hi += max(u, v)
		}
	}
	return lo, hi
}
