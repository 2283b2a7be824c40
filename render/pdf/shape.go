package pdf

import "codeberg.org/go-pdf/fpdf"

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
	k, pageH := df.k, df.h
	cx, cy, R := x*k, (pageH-y)*k, r*k
	c := kappa * R
	b := appendPoint(df.buf[:0], cx+R, cy)
	b = append(b, "m\n"...)
	b = appendCurve(b, cx+R, cy+c, cx+c, cy+R, cx, cy+R)
	b = appendCurve(b, cx-c, cy+R, cx-R, cy+c, cx-R, cy)
	b = appendCurve(b, cx-R, cy-c, cx-c, cy-R, cx, cy-R)
	b = appendCurve(b, cx+c, cy-R, cx+R, cy-c, cx+R, cy)
	b = append(b, "h "...)
	b = append(b, paintOp(fill, stroke)...)
	df.raw(pdf, b)
	df.buf = b
}

// drawRoundedRect draws a rectangle (mm, from the top left) whose four
// corners are quarter circles of radius r.
func drawRoundedRect(pdf *fpdf.Fpdf, df *docFonts, x, y, w, h, r float64, fill, stroke bool) {
	k, pageH := df.k, df.h
	r = min(r, w/2, h/2)
	left, right := x*k, (x+w)*k
	top, bottom := (pageH-y)*k, (pageH-y-h)*k
	R := r * k
	c := kappa * R
	b := appendPoint(df.buf[:0], left+R, top)
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
	b = append(b, paintOp(fill, stroke)...)
	df.raw(pdf, b)
	df.buf = b
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
