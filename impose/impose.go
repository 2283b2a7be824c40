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

// Grid describes an office sheet holding cols × rows pages of one size.
type Grid struct {
	SheetW, SheetH float64
	Cols, Rows     int
}

// GridFor returns the sheet for a page size: two A5 on A4 landscape, four
// A6 on A4 portrait, and A4 or A3 pages one to a sheet of their own size.
func GridFor(size string) (Grid, error) {
	switch size {
	case "A5":
		return Grid{297, 210, 2, 1}, nil
	case "A6":
		return Grid{210, 297, 2, 2}, nil
	case "A4":
		return Grid{210, 297, 1, 1}, nil
	case "A3":
		return Grid{297, 420, 1, 1}, nil
	}
	return Grid{}, fmt.Errorf("no sheet for pages of size %s", size)
}

// Sheets places pages on office sheets, in order, filling each sheet
// left to right, top to bottom, and marks the cuts between them. All
// pages must have the size of one grid cell. When mirror is set the
// order on each row is reversed: the backs of a duplex sheet turned over
// its short edge.
func Sheets(pages []layout.Page, g Grid, mirror bool) ([]layout.Page, error) {
	per := g.Cols * g.Rows
	if len(pages) == 0 {
		return nil, nil
	}
	cw, ch := g.SheetW/float64(g.Cols), g.SheetH/float64(g.Rows)
	var sheets []layout.Page
	for start := 0; start < len(pages); start += per {
		sheet := layout.Page{W: g.SheetW, H: g.SheetH}
		for i := 0; i < per && start+i < len(pages); i++ {
			p := pages[start+i]
			if math.Abs(p.W-cw) > 0.5 || math.Abs(p.H-ch) > 0.5 {
				return nil, fmt.Errorf("page %d is %.0f×%.0f mm; the sheet holds %.0f×%.0f mm pages", start+i+1, p.W, p.H, cw, ch)
			}
			col, row := i%g.Cols, i/g.Cols
			if mirror {
				col = g.Cols - 1 - col
			}
			// Centred in its cell: A4 is half a millimetre wider than two A5.
			dx, dy := float64(col)*cw+(cw-p.W)/2, float64(row)*ch+(ch-p.H)/2
			sheet.Items = append(sheet.Items, moved(p.Items, dx, dy)...)
		}
		sheet.Items = append(sheet.Items, cutMarks(g)...)
		sheets = append(sheets, sheet)
	}
	return sheets, nil
}

// cutMarks draws short ticks at the sheet's edges where it is cut: the
// lines between grid cells. Printers leave the outer few millimetres
// blank, so the ticks sit at 1–5 mm from the edge.
func cutMarks(g Grid) []layout.Item {
	var items []layout.Item
	tick := func(x1, y1, x2, y2 float64) {
		items = append(items, layout.Item{Kind: layout.KindLine, Points: []layout.Point{{X: x1, Y: y1}, {X: x2, Y: y2}},
			Stroke: &black, LineWidth: 0.2})
	}
	for c := 1; c < g.Cols; c++ {
		x := g.SheetW * float64(c) / float64(g.Cols)
		tick(x, 0, x, 5)
		tick(x, g.SheetH-5, x, g.SheetH)
	}
	for r := 1; r < g.Rows; r++ {
		y := g.SheetH * float64(r) / float64(g.Rows)
		tick(0, y, 5, y)
		tick(g.SheetW-5, y, g.SheetW, y)
	}
	return items
}

// WithBleed returns p on a larger page for a print shop: the trimmed page
// in the middle, backgrounds that touch its edge extended by Bleed beyond
// it, and crop marks in the slug outside the bleed.
func WithBleed(p layout.Page) layout.Page {
	off := Bleed + Slug
	out := layout.Page{W: p.W + 2*off, H: p.H + 2*off}
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
