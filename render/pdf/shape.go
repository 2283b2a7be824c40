package pdf

import (
	"math"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"huskurage/internal/memo"
)

// Circles and rounded rectangles are written here as path operators, as
// text and QR codes are: fpdf's Circle draws six Bézier segments with
// every coordinate formatted to five decimals through a new string, which
// cost more than all the text of a leaflet. Colours and line widths are
// still set through fpdf. Coordinates are in points, to 0.001 pt.

// kappa places the control points of a quarter circle drawn as one cubic
// Bézier segment.
const kappa = 0.5522847498307936

// paintOp is the operator that paints a path as fpdf's style strings ask:
// fill ("F"), stroke ("D", or nothing) or both.
func paintOp(fill, stroke bool) string {
	switch {
	case fill && stroke:
		return "B"
	case fill:
		return "f"
	}
	return "S"
}

// appendPoint appends "x y " in points.
func appendPoint(b []byte, x, y float64) []byte {
	b = appendF(b, x, 3)
	b = append(b, ' ')
	b = appendF(b, y, 3)
	return append(b, ' ')
}

// appendCurve appends one Bézier segment.
func appendCurve(b []byte, x1, y1, x2, y2, x3, y3 float64) []byte {
	b = appendPoint(b, x1, y1)
	b = appendPoint(b, x2, y2)
	b = appendPoint(b, x3, y3)
	return append(b, "c\n"...)
}

// drawCircle draws a circle of radius r (mm) around x, y (mm from the top
// left) as four Bézier segments.
func drawCircle(pdf *fpdf.Fpdf, df *docFonts, x, y, r float64, fill, stroke bool) {
	df.raw(pdf, df.shape(shapeKey{circle: true, x: bits(x), y: bits(y), r: bits(r), fill: fill, stroke: stroke}))
}

// drawRoundedRect draws a rectangle (mm, from the top left) whose four
// corners are quarter circles of radius r.
func drawRoundedRect(pdf *fpdf.Fpdf, df *docFonts, x, y, w, h, r float64, fill, stroke bool) {
	df.raw(pdf, df.shape(shapeKey{x: bits(x), y: bits(y), w: bits(w), h: bits(h), r: bits(r), fill: fill, stroke: stroke}))
}

// Every leaflet draws the same panels and discs, each of a dozen
// coordinates: their paths are kept, by everything they are made of (the
// numbers as bits, so that -0 and 0, which print differently, differ).
type shapeKey struct {
	circle        bool
	x, y, w, h, r uint64 // mm
	k, pageH      uint64 // points per mm, the page's height in mm
	fill, stroke  bool
}

func bits(v float64) uint64 { return math.Float64bits(v) }

var shapes = struct {
	mu sync.Mutex
	m  *memo.Map[shapeKey, []byte]
}{m: memo.New[shapeKey, []byte](256)}

// shape returns the path of the shape of key on the page being drawn.
func (df *docFonts) shape(key shapeKey) []byte {
	key.k, key.pageH = bits(df.k), bits(df.h)
	shapes.mu.Lock()
	b, ok := shapes.m.Get(key)
	shapes.mu.Unlock()
	if ok {
		return b
	}
	f := math.Float64frombits
	if key.circle {
		b = circlePath(nil, f(key.k), f(key.pageH), f(key.x), f(key.y), f(key.r), key.fill, key.stroke)
	} else {
		b = roundedRectPath(nil, f(key.k), f(key.pageH), f(key.x), f(key.y), f(key.w), f(key.h), f(key.r), key.fill, key.stroke)
	}
	shapes.mu.Lock()
	shapes.m.Put(key, b)
	shapes.mu.Unlock()
	return b
}

// circlePath appends a circle of radius r (mm) around x, y (mm from the
// top left of a page pageH mm high; k points per mm) as four Bézier
// segments.
func circlePath(b []byte, k, pageH, x, y, r float64, fill, stroke bool) []byte {
	cx, cy, R := x*k, (pageH-y)*k, r*k
	c := kappa * R
	b = appendPoint(b, cx+R, cy)
	b = append(b, "m\n"...)
	b = appendCurve(b, cx+R, cy+c, cx+c, cy+R, cx, cy+R)
	b = appendCurve(b, cx-c, cy+R, cx-R, cy+c, cx-R, cy)
	b = appendCurve(b, cx-R, cy-c, cx-c, cy-R, cx, cy-R)
	b = appendCurve(b, cx+c, cy-R, cx+R, cy-c, cx+R, cy)
	b = append(b, "h "...)
	return append(b, paintOp(fill, stroke)...)
}

// roundedRectPath appends a rectangle (mm, from the top left) whose four
// corners are quarter circles of radius r.
func roundedRectPath(b []byte, k, pageH, x, y, w, h, r float64, fill, stroke bool) []byte {
	r = min(r, w/2, h/2)
	left, right := x*k, (x+w)*k
	top, bottom := (pageH-y)*k, (pageH-y-h)*k
	R := r * k
	c := kappa * R
	b = appendPoint(b, left+R, top)
	b = append(b, "m\n"...)
	b = appendPoint(b, right-R, top)
	b = append(b, "l\n"...)
	b = appendCurve(b, right-R+c, top, right, top-R+c, right, top-R)
	b = appendPoint(b, right, bottom+R)
	b = append(b, "l\n"...)
	b = appendCurve(b, right, bottom+R-c, right-R+c, bottom, right-R, bottom)
	b = appendPoint(b, left+R, bottom)
	b = append(b, "l\n"...)
	b = appendCurve(b, left+R-c, bottom, left, bottom+R-c, left, bottom+R)
	b = appendPoint(b, left, top-R)
	b = append(b, "l\n"...)
	b = appendCurve(b, left, top-R+c, left+R-c, top, left+R, top)
	b = append(b, "h "...)
	return append(b, paintOp(fill, stroke)...)
}

// appendColor appends the operator that sets a colour: gray when its three
// parts are equal, as fpdf writes colours.
func appendColor(b []byte, c [3]uint8, gray, rgb string) []byte {
	if c[0] == c[1] && c[1] == c[2] {
		b = appendUnit(b, c[0])
		b = append(b, ' ')
		return append(b, gray...)
	}
	for _, v := range c {
		b = appendUnit(b, v)
		b = append(b, ' ')
	}
	return append(b, rgb...)
}

// units are the 256 values of a colour's part, v/255, to three decimals:
// every text and shape sets a colour, and formatting its parts was a
// third of the time spent drawing a line of text.
var units = func() (t [256]string) {
	for v := range t {
		t[v] = string(appendF(nil, float64(v)/255, 3))
	}
	return t
}()

// appendUnit appends v/255 to three decimals, as appendF writes it.
func appendUnit(b []byte, v uint8) []byte { return append(b, units[v]...) }
