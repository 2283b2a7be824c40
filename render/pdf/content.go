package pdf

import (
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"huskurage/layout"
)

// Page contents are written here, not through fpdf, for a document that
// draws no picture (the leaflets and posters of a batch have no logo):
// fpdf keeps each page's content in a buffer of its own, grown line by
// line from nothing, reads every line through an io.Reader and formats
// its operators with a string each, then copies the pages into its
// output, where finish reads them once more to compress them. That was
// a fifth of the time a leaflet's PDF took. Such a document's objects
// are not written by fpdf either (skeleton.go); finish puts the contents
// written here into its empty page contents.
//
// What is written here is what fpdf writes for the same calls, byte for
// byte: the operators of Rect, Line, Polygon, SetLineWidth,
// SetFillColor and SetDrawColor, and the lines AddPageFormat starts a
// page with, which depend on the line width and colours last set through
// those calls (colours written raw do not count, as they do not for
// fpdf). A test draws many documents both ways and compares the files.
// A logo is drawn as fpdf draws it, by the name fpdf gives it.

// contents are the pooled buffers of documents' page contents.
var contents = sync.Pool{New: func() any { return new([]byte) }}

// direct reports whether the page contents are written here.
func (df *docFonts) direct() bool { return df.content != nil }

// startDirect makes the document's page contents be written here, from
// the state fpdf starts a document with: lines 0.2 mm wide (0.567 pt),
// black.
func (df *docFonts) startDirect() {
	df.content = contents.Get().(*[]byte)
	*df.content = (*df.content)[:0]
	df.lineWidth = 0.567 / fpdfK
	df.drawOp = "0.000 G"
	df.fillOp = "0.000 g"
}

// pages returns the content of each page written here, nil if fpdf
// holds them.
func (df *docFonts) pages() [][]byte {
	if !df.direct() {
		return nil
	}
	c := *df.content
	out := make([][]byte, len(df.pageStarts))
	for i, start := range df.pageStarts {
		end := len(c)
		if i+1 < len(df.pageStarts) {
			end = df.pageStarts[i+1]
		}
		out[i] = c[start:end]
	}
	return out
}

// release gives the contents' buffer back; the pages are not used after.
func (df *docFonts) release() {
	if df.direct() {
		contents.Put(df.content)
		df.content = nil
	}
}

// addPage starts a page of w × h mm, and notes the conversion from mm to
// points and the page's height for drawing.
func (df *docFonts) addPage(pdf *fpdf.Fpdf, w, h float64) {
	if !df.direct() {
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: w, Ht: h})
		df.k = pdf.GetConversionRatio()
		_, df.h = pdf.GetPageSize()
		return
	}
	df.k, df.h = fpdfK, h
	df.sizes = append(df.sizes, layout.Box{X1: w, Y1: h})
	df.pageStarts = append(df.pageStarts, len(*df.content))
	// As AddPageFormat starts a page: the line cap (round, set before the
	// first page), the line join (fpdf's default, miter), the line width
	// and the colours in force.
	b := append(*df.content, "1 J\n0 j\n"...)
	b = appendF(b, df.lineWidth*df.k, 2)
	b = append(b, " w\n"...)
	if df.drawOp != "0 G" {
		b = append(append(b, df.drawOp...), '\n')
	}
	if df.fillOp != "0 g" {
		b = append(append(b, df.fillOp...), '\n')
	}
	*df.content = b
}

// raw writes b into the page's content as a line of its own.
func (df *docFonts) raw(pdf *fpdf.Fpdf, b []byte) {
	if df.direct() {
		*df.content = append(append(*df.content, b...), '\n')
		return
	}
	df.rd.Reset(b)
	pdf.RawWriteBuf(&df.rd)
}

// rawStr is raw for a string.
func (df *docFonts) rawStr(pdf *fpdf.Fpdf, s string) {
	if df.direct() {
		*df.content = append(append(*df.content, s...), '\n')
		return
	}
	pdf.RawWriteStr(s)
}

// setLineWidth is fpdf's SetLineWidth (mm).
func (df *docFonts) setLineWidth(pdf *fpdf.Fpdf, w float64) {
	if !df.direct() {
		pdf.SetLineWidth(w)
		return
	}
	df.lineWidth = w
	b := appendF(*df.content, w*df.k, 2)
	*df.content = append(b, " w\n"...)
}

// setFillColor is fpdf's SetFillColor.
func (df *docFonts) setFillColor(pdf *fpdf.Fpdf, c layout.Color) {
	if !df.direct() {
		pdf.SetFillColor(int(c[0]), int(c[1]), int(c[2]))
		return
	}
	b := *df.content
	n := len(b)
	b = appendColor(b, c, "g", "rg")
	df.fillOp = string(b[n:])
	*df.content = append(b, '\n')
}

// setDrawColor is fpdf's SetDrawColor.
func (df *docFonts) setDrawColor(pdf *fpdf.Fpdf, c layout.Color) {
	if !df.direct() {
		pdf.SetDrawColor(int(c[0]), int(c[1]), int(c[2]))
		return
	}
	b := *df.content
	n := len(b)
	b = appendColor(b, c, "G", "RG")
	df.drawOp = string(b[n:])
	*df.content = append(b, '\n')
}

// fillDrawOp is the operator fpdf paints a path with for a style: "F"
// fills, "D" (or nothing) strokes, "FD" does both.
func fillDrawOp(style string) string {
	switch style {
	case "F":
		return "f"
	case "FD":
		return "B"
	}
	return "S"
}

// rect is fpdf's Rect (mm, from the top left).
func (df *docFonts) rect(pdf *fpdf.Fpdf, x, y, w, h float64, style string) {
	if !df.direct() {
		pdf.Rect(x, y, w, h, style)
		return
	}
	k := df.k
	b := appendF(*df.content, x*k, 2)
	b = append(b, ' ')
	b = appendF(b, (df.h-y)*k, 2)
	b = append(b, ' ')
	b = appendF(b, w*k, 2)
	b = append(b, ' ')
	b = appendF(b, -h*k, 2)
	b = append(b, " re "...)
	b = append(b, fillDrawOp(style)...)
	*df.content = append(b, '\n')
}

// line is fpdf's Line (mm, from the top left).
func (df *docFonts) line(pdf *fpdf.Fpdf, x1, y1, x2, y2 float64) {
	if !df.direct() {
		pdf.Line(x1, y1, x2, y2)
		return
	}
	k := df.k
	b := appendF(*df.content, x1*k, 2)
	b = append(b, ' ')
	b = appendF(b, (df.h-y1)*k, 2)
	b = append(b, " m "...)
	b = appendF(b, x2*k, 2)
	b = append(b, ' ')
	b = appendF(b, (df.h-y2)*k, 2)
	*df.content = append(b, " l S\n"...)
}

// polygon is fpdf's Polygon (mm, from the top left).
func (df *docFonts) polygon(pdf *fpdf.Fpdf, pts []layout.Point, style string) {
	if !df.direct() {
		fp := make([]fpdf.PointType, len(pts))
		for i, p := range pts {
			fp[i] = fpdf.PointType{X: p.X, Y: p.Y}
		}
		pdf.Polygon(fp, style)
		return
	}
	if len(pts) <= 2 {
		return // fpdf draws nothing
	}
	k := df.k
	b := appendF(*df.content, pts[0].X*k, 2)
	b = append(b, ' ')
	b = appendF(b, (df.h-pts[0].Y)*k, 2)
	b = append(b, " m\n"...)
	for _, p := range append(pts[1:len(pts):len(pts)], pts[0]) {
		b = appendF(b, p.X*k, 5)
		b = append(b, ' ')
		b = appendF(b, (df.h-p.Y)*k, 5)
		b = append(b, " l \n"...)
	}
	b = append(b, fillDrawOp(style)...)
	*df.content = append(b, '\n')
}

// image is fpdf's ImageOptions for the logo, registered as name, at x, y
// (mm, from the top left), w × h mm.
func (df *docFonts) image(pdf *fpdf.Fpdf, name string, x, y, w, h float64) {
	if !df.direct() {
		pdf.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{}, 0, "")
		return
	}
	if x < 0 {
		x = 0 // fpdf's x, at the left margin, which is 0
	}
	k := df.k
	b := append(*df.content, "q "...)
	b = appendF(b, w*k, 5)
	b = append(b, " 0 0 "...)
	b = appendF(b, h*k, 5)
	b = append(b, ' ')
	b = appendF(b, x*k, 5)
	b = append(b, ' ')
	b = appendF(b, (df.h-(y+h))*k, 5)
	b = append(b, " cm /I"...)
	b = append(b, df.img.name...)
	*df.content = append(b, " Do Q\n"...)
}
