// Package impose lays finished pages out for printing: several leaflets
// on one office sheet with cut marks, or one page with bleed and crop
// marks for a print shop. It works on the layout's pages, so a document
// is drawn on a sheet exactly as it is drawn alone: imposition moves the
// items, it never draws them a second way.
package impose

import (
	"fmt"
	"math"

	"huskurage/layout"
)

// Bleed is how far backgrounds that touch the trim edge are extended, and
// Slug the room around the bleed for crop marks, in mm.
const (
	Bleed = 3.0
	Slug  = 10.0
)

var black = layout.Color{0, 0, 0}

// An office sheet: office printers leave the outer few millimetres of a
// sheet blank (4–5 mm on most), so its cut marks start OfficeEdge in from
// the edge and run OfficeMark towards the copies, which keep a millimetre
// clear of them; copies stand OfficeGutter apart, so that a cut a little
// off the line leaves a white edge, not a strip of the next copy's
// colour. Copies that do not fit so at their size are scaled down to fit
// (two A5 to 91 %, four A6 to 90 %).
const (
	OfficeEdge   = 6.0
	OfficeMark   = 2.0
	OfficeGutter = 4.0
	markClear    = 1.0
)

// Grid describes an office sheet holding cols × rows pages of one size.
type Grid struct {
	SheetW, SheetH float64
	Cols, Rows     int
	PageW, PageH   float64 // the pages' size
}

// GridFor returns the sheet for a page size: two A5 on A4 landscape, four
// A6 on A4 portrait, and A4 or A3 pages one to a sheet of their own size.
func GridFor(size string) (Grid, error) {
	switch size {
	case "A5":
		return Grid{297, 210, 2, 1, 148, 210}, nil
	case "A6":
		return Grid{210, 297, 2, 2, 105, 148}, nil
	case "A4":
		return Grid{210, 297, 1, 1, 210, 297}, nil
	case "A3":
		return Grid{297, 420, 1, 1, 297, 420}, nil
	}
	return Grid{}, fmt.Errorf("no sheet for pages of size %s", size)
}

// Scale is how much the pages are scaled on the sheet: 1 for a page
// alone on its sheet, else the most (at most 1) at which the copies fit
// between the margins that hold the cut marks, a gutter apart.
func (g Grid) Scale() float64 {
	if g.Cols*g.Rows == 1 {
		return 1
	}
	margin := OfficeEdge + OfficeMark + markClear
	sx := (g.SheetW - 2*margin - float64(g.Cols-1)*OfficeGutter) / (float64(g.Cols) * g.PageW)
	sy := (g.SheetH - 2*margin - float64(g.Rows-1)*OfficeGutter) / (float64(g.Rows) * g.PageH)
	return math.Min(1, math.Min(sx, sy))
}

// Cell returns where the copy in column col and row row stands on the
// sheet (its top left corner, in mm) and its size: the copies, a gutter
// apart, in the middle of the sheet.
func (g Grid) Cell(col, row int) (x, y, w, h float64) {
	s := g.Scale()
	w, h = g.PageW*s, g.PageH*s
	gutter := OfficeGutter
	if g.Cols*g.Rows == 1 {
		gutter = 0
	}
	x0 := (g.SheetW - float64(g.Cols)*w - float64(g.Cols-1)*gutter) / 2
	y0 := (g.SheetH - float64(g.Rows)*h - float64(g.Rows-1)*gutter) / 2
	return x0 + float64(col)*(w+gutter), y0 + float64(row)*(h+gutter), w, h
}

// Sheets places pages on office sheets, in order, filling each sheet
// left to right, top to bottom, and marks the cuts around them. All
// pages must have the grid's page size. When mirror is set the order on
// each row is reversed: the backs of a duplex sheet turned over its
// short edge.
func Sheets(pages []layout.Page, g Grid, mirror bool) ([]layout.Page, error) {
	per := g.Cols * g.Rows
	if len(pages) == 0 {
		return nil, nil
	}
	s := g.Scale()
	var sheets []layout.Page
	for start := 0; start < len(pages); start += per {
		sheet := layout.Page{W: g.SheetW, H: g.SheetH}
		for i := 0; i < per && start+i < len(pages); i++ {
			p := pages[start+i]
			if math.Abs(p.W-g.PageW) > 0.5 || math.Abs(p.H-g.PageH) > 0.5 {
				return nil, fmt.Errorf("page %d is %.0f×%.0f mm; the sheet holds %.0f×%.0f mm pages", start+i+1, p.W, p.H, g.PageW, g.PageH)
			}
			col, row := i%g.Cols, i/g.Cols
			if mirror {
				col = g.Cols - 1 - col
			}
			x, y, _, _ := g.Cell(col, row)
			sheet.Items = append(sheet.Items, scaled(p.Items, s, x, y)...)
		}
		sheet.Items = append(sheet.Items, cutMarks(g)...)
		sheets = append(sheets, sheet)
	}
	return sheets, nil
}

// cutMarks draws short ticks in the sheet's margins on the lines where it
// is cut: each copy's edges. They lie OfficeEdge to OfficeEdge+OfficeMark
// in from the sheet's edge, where every office printer prints. A page
// alone on its sheet is not cut.
func cutMarks(g Grid) []layout.Item {
	if g.Cols*g.Rows == 1 {
		return nil
	}
	var items []layout.Item
	tick := func(x1, y1, x2, y2 float64) {
		items = append(items, layout.Item{Kind: layout.KindLine, Points: []layout.Point{{X: x1, Y: y1}, {X: x2, Y: y2}},
			Stroke: &black, LineWidth: 0.2})
	}
	in, out := OfficeEdge, OfficeEdge+OfficeMark
	for c := range g.Cols {
		x, _, w, _ := g.Cell(c, 0)
		for _, x := range []float64{x, x + w} {
			tick(x, in, x, out)
			tick(x, g.SheetH-out, x, g.SheetH-in)
		}
	}
	for r := range g.Rows {
		_, y, _, h := g.Cell(0, r)
		for _, y := range []float64{y, y + h} {
			tick(in, y, out, y)
			tick(g.SheetW-out, y, g.SheetW-in, y)
		}
	}
	return items
}

// scaled returns items scaled by s about the page's top left corner and
// then moved by dx, dy mm: every length with them, text sizes too.
func scaled(items []layout.Item, s, dx, dy float64) []layout.Item {
	if s == 1 {
		return moved(items, dx, dy)
	}
	out := make([]layout.Item, len(items))
	for i, it := range items {
		it.X, it.Y = it.X*s+dx, it.Y*s+dy
		it.W, it.H, it.Radius, it.LineWidth = it.W*s, it.H*s, it.Radius*s, it.LineWidth*s
		it.Ascent, it.Size, it.MinModule = it.Ascent*s, it.Size*s, it.MinModule*s
		if len(it.Points) > 0 {
			pts := make([]layout.Point, len(it.Points))
			for j, p := range it.Points {
				pts[j] = layout.Point{X: p.X*s + dx, Y: p.Y*s + dy}
			}
			it.Points = pts
		}
		if len(it.Runs) > 0 {
			runs := make([]layout.Run, len(it.Runs))
			for j, r := range it.Runs {
				r.X, r.Y = r.X*s, r.Y*s
				runs[j] = r
			}
			it.Runs = runs
		}
		out[i] = it
	}
	return out
}

// WithBleed returns p on a larger page for a print shop: the trimmed page
// in the middle, backgrounds that touch its edge extended by Bleed beyond
// it, and crop marks in the slug outside the bleed. The page's Trim and
// Bleed say where they are.
func WithBleed(p layout.Page) layout.Page {
	off := Bleed + Slug
	out := layout.Page{W: p.W + 2*off, H: p.H + 2*off,
		Trim:  &layout.Box{X0: off, Y0: off, X1: off + p.W, Y1: off + p.H},
		Bleed: &layout.Box{X0: off - Bleed, Y0: off - Bleed, X1: off + p.W + Bleed, Y1: off + p.H + Bleed}}
	for _, it := range p.Items {
		if it.Kind == layout.KindRect && it.Fill != nil && it.Radius == 0 {
			it = extend(it, p.W, p.H)
		}
		out.Items = append(out.Items, moved([]layout.Item{it}, off, off)...)
	}
	// Crop marks: at each corner of the trim, two lines in the slug that
	// continue the trim edges.
	mark := func(x1, y1, x2, y2 float64) {
		out.Items = append(out.Items, layout.Item{Kind: layout.KindLine,
			Points: []layout.Point{{X: x1, Y: y1}, {X: x2, Y: y2}}, Stroke: &black, LineWidth: 0.2})
	}
	gap := Bleed + 1 // marks start outside the bleed
	for _, x := range []float64{off, off + p.W} {
		for _, y := range []float64{off, off + p.H} {
			dx, dy := -1.0, -1.0
			if x > off {
				dx = 1
			}
			if y > off {
				dy = 1
			}
			mark(x+dx*gap, y, x+dx*(off-1), y)
			mark(x, y+dy*gap, x, y+dy*(off-1))
		}
	}
	return out
}

// SlugLine returns where a line of text about a page made by WithBleed
// goes: under the trimmed page, beyond the bleed, and between the crop
// marks below its corners; x and w in mm, y the top of the text.
func SlugLine(p layout.Page) (x, y, w float64) {
	t := p.Trim
	if t == nil {
		t = &layout.Box{X1: p.W, Y1: p.H}
	}
	return t.X0 + 2, t.Y1 + Bleed + 2, t.X1 - t.X0 - 4
}

// extend grows a background that touches the trim edge into the bleed.
func extend(it layout.Item, w, h float64) layout.Item {
	const eps = 0.01
	if it.X <= eps {
		it.W += it.X + Bleed
		it.X = -Bleed
	}
	if it.Y <= eps {
		it.H += it.Y + Bleed
		it.Y = -Bleed
	}
	if it.X+it.W >= w-eps {
		it.W = w + Bleed - it.X
	}
	if it.Y+it.H >= h-eps {
		it.H = h + Bleed - it.Y
	}
	return it
}

// moved returns items shifted by dx, dy mm.
func moved(items []layout.Item, dx, dy float64) []layout.Item {
	out := make([]layout.Item, len(items))
	for i, it := range items {
		it.X += dx
		it.Y += dy
		if len(it.Points) > 0 {
			pts := make([]layout.Point, len(it.Points))
			for j, p := range it.Points {
				pts[j] = layout.Point{X: p.X + dx, Y: p.Y + dy}
			}
			it.Points = pts
		}
		out[i] = it
	}
	return out
}
