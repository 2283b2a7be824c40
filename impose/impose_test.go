package impose

import (
	"math"
	"testing"

	"huskurage/layout"
)

func page(w, h float64) layout.Page {
	blue := layout.Color{0, 0, 200}
	return layout.Page{W: w, H: h, Items: []layout.Item{
		{Kind: layout.KindRect, X: 0, Y: 0, W: w, H: 30, Fill: &blue},               // header band on three edges
		{Kind: layout.KindRect, X: 10, Y: 40, W: 50, H: 20, Fill: &blue},            // inner panel
		{Kind: layout.KindText, X: 12, Y: 50, W: 20, H: 5, Ascent: 4},               // text
		{Kind: layout.KindLine, Points: []layout.Point{{X: 1, Y: 2}, {X: 3, Y: 4}}}, // a line
	}}
}

func TestSheetsTwoA5OnA4(t *testing.T) {
	g, _ := GridFor("A5")
	sheets, err := Sheets([]layout.Page{page(148, 210), page(148, 210), page(148, 210)}, g, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 2 || sheets[0].W != 297 || sheets[0].H != 210 {
		t.Fatalf("got %d sheets of %v×%v", len(sheets), sheets[0].W, sheets[0].H)
	}
	// The second page's text moved right by one A5 width.
	var texts []float64
	for _, it := range sheets[0].Items {
		if it.Kind == layout.KindText {
			texts = append(texts, it.X)
		}
		if it.Kind == layout.KindLine && it.Points[0].X == 149 && it.Points[1].Y != 4 {
			t.Errorf("line points were not moved with their page: %+v", it.Points)
		}
	}
	// The second copy stands one scaled A5 and a gutter to the right.
	sc := g.Scale()
	if len(texts) != 2 || math.Abs(texts[1]-texts[0]-(148*sc+OfficeGutter)) > 1e-9 {
		t.Errorf("text x positions %v, want %.3f mm apart", texts, 148*sc+OfficeGutter)
	}
	if _, err := Sheets([]layout.Page{page(105, 148)}, g, false); err == nil {
		t.Error("an A6 page on an A5 grid should be refused")
	}
}

func TestWithBleed(t *testing.T) {
	p := WithBleed(page(148, 210))
	off := Bleed + Slug
	if p.W != 148+2*off || p.H != 210+2*off {
		t.Fatalf("page %v×%v", p.W, p.H)
	}
	band, panel := p.Items[0], p.Items[1]
	if band.X != off-Bleed || band.Y != off-Bleed || band.W != 148+2*Bleed || band.H != 30+Bleed {
		t.Errorf("band not extended into the bleed: %+v", band)
	}
	if panel.X != 10+off || panel.W != 50 {
		t.Errorf("an inner panel must only move: %+v", panel)
	}
	marks := 0
	for _, it := range p.Items {
		if it.Kind == layout.KindLine && it.LineWidth > 0 {
			marks++
			b := it.Bounds()
			// Crop marks stay outside the bleed.
			inX := b.X1 > off-Bleed && b.X0 < off+148+Bleed
			inY := b.Y1 > off-Bleed && b.Y0 < off+210+Bleed
			if inX && inY {
				t.Errorf("crop mark inside the bleed: %+v", b)
			}
		}
	}
	if marks != 8 {
		t.Errorf("%d crop marks, want 8", marks)
	}
	// The boxes a print shop reads: the trim is the page, 13 mm in; the
	// bleed 3 mm around it.
	if p.Trim == nil || *p.Trim != (layout.Box{X0: off, Y0: off, X1: off + 148, Y1: off + 210}) {
		t.Errorf("trim %+v", p.Trim)
	}
	if p.Bleed == nil || *p.Bleed != (layout.Box{X0: Slug, Y0: Slug, X1: Slug + 148 + 2*Bleed, Y1: Slug + 210 + 2*Bleed}) {
		t.Errorf("bleed %+v", p.Bleed)
	}
}

// Office printers leave the outer 4–5 mm of a sheet blank: every cut mark
// lies at least OfficeEdge (6 mm) in from the sheet's edge, and no copy
// reaches into the margin that holds the marks. Copies of A5 and A6 stand
// a gutter apart, and each is cut on its four edges.
func TestOfficeSheets(t *testing.T) {
	for _, size := range []string{"A5", "A6"} {
		g, _ := GridFor(size)
		pages := make([]layout.Page, g.Cols*g.Rows)
		for i := range pages {
			pages[i] = page(g.PageW, g.PageH)
		}
		sheets, err := Sheets(pages, g, false)
		if err != nil {
			t.Fatal(err)
		}
		sh := sheets[0]
		var marks []layout.Box
		for _, it := range sh.Items {
			if it.LineWidth == 0.2 && it.Kind == layout.KindLine && it.Stroke != nil && *it.Stroke == black {
				marks = append(marks, it.Bounds())
			}
		}
		// A mark on each end of each edge line: columns×2 vertical lines
		// and rows×2 horizontal ones, each marked at both sheet edges.
		if want := 2 * (2*g.Cols + 2*g.Rows); len(marks) != want {
			t.Errorf("%s: %d cut marks, want %d", size, len(marks), want)
		}
		margin := OfficeEdge + OfficeMark
		for _, m := range marks {
			edge := math.Min(math.Min(m.X0, m.Y0), math.Min(sh.W-m.X1, sh.H-m.Y1))
			if edge < OfficeEdge-1e-9 {
				t.Errorf("%s: cut mark %+v lies %.2f mm from the sheet's edge, under %g", size, m, edge, OfficeEdge)
			}
		}
		for col := range g.Cols {
			for row := range g.Rows {
				x, y, w, h := g.Cell(col, row)
				if x < margin || y < margin || x+w > sh.W-margin || y+h > sh.H-margin {
					t.Errorf("%s: copy %d,%d at %.1f,%.1f %.1f×%.1f reaches into the marks' margin", size, col, row, x, y, w, h)
				}
				if col > 0 {
					px, _, pw, _ := g.Cell(col-1, row)
					if gap := x - (px + pw); gap < OfficeGutter-1e-9 {
						t.Errorf("%s: gutter %.2f mm between columns", size, gap)
					}
				}
				if row > 0 {
					_, py, _, ph := g.Cell(col, row-1)
					if gap := y - (py + ph); gap < OfficeGutter-1e-9 {
						t.Errorf("%s: gutter %.2f mm between rows", size, gap)
					}
				}
			}
		}
		// The copies are scaled, never enlarged, and by no more than
		// they must be.
		if s := g.Scale(); s > 1 || s < 0.85 {
			t.Errorf("%s: scaled %.3f", size, s)
		}
	}
}
