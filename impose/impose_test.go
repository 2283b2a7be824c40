package impose

import (
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
	if len(texts) != 2 || texts[0] != 12.25 || texts[1] != 160.75 {
		t.Errorf("text x positions %v, want [12.25 160.75]", texts)
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
}
