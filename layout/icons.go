package layout

// Our own simple icons for the steps, drawn from rectangles, circles,
// lines and polygons inside a filled disc of diameter d centred at cx, cy.
// The drawing belongs to the structure node figure (a Figure that says
// in words what it stands for); the disc behind it is decoration.

func (b *builder) icon(name string, figure int, cx, cy, d float64, bg Color) {
	if b.dry {
		// Nothing to measure: an icon's size is given. Only the items
		// it would add are counted (see builder.skipped).
		b.skipped += iconItems[name]
		return
	}
	b.drawIcon(name, figure, cx, cy, d, bg)
}

func (b *builder) drawIcon(name string, figure int, cx, cy, d float64, bg Color) {
	r := d / 2
	b.add(Item{Kind: KindCircle, X: round(cx), Y: round(cy), Radius: round(r), Fill: &bg})
	start := len(b.items)
	defer func() {
		if !b.dry {
			setNode(b.items[start:], figure)
		}
	}()
	u := d / 20 // drawing unit: the disc is 20 units across
	fg := white
	switch name {
	case "knock":
		// A door with a handle, and three short strokes: the knock.
		b.rect(cx-5*u, cy-6.5*u, 7*u, 13*u, 0.6*u, fg)
		b.add(Item{Kind: KindCircle, X: round(cx + 0.6*u), Y: round(cy + 0.5*u), Radius: round(0.8 * u), Fill: &bg})
		for i, dy := range []float64{-3, 0, 3} {
			l := 2.2 * u
			if i == 1 {
				l = 3 * u
			}
			b.line(cx+3.5*u, cy+dy*u, cx+3.5*u+l, cy+dy*u*1.25, 0.9*u, fg)
		}
	case "neighbours":
		// Two people side by side.
		for _, dx := range []float64{-3.6, 3.6} {
			b.add(Item{Kind: KindCircle, X: round(cx + dx*u), Y: round(cy - 3.2*u), Radius: round(2.4 * u), Fill: &fg})
			b.rect(cx+dx*u-3.4*u, cy+0.2*u, 6.8*u, 6*u, 2.4*u, fg)
		}
	case "police":
		// A mobile phone with a screen.
		b.rect(cx-4*u, cy-7*u, 8*u, 14*u, 1.4*u, fg)
		b.rect(cx-3*u, cy-5.2*u, 6*u, 9*u, 0.4*u, bg)
		b.add(Item{Kind: KindCircle, X: round(cx), Y: round(cy + 5.6*u), Radius: round(0.7 * u), Fill: &bg})
	}
}

// iconItems is how many items each icon is drawn with, found once by
// drawing it.
var iconItems = func() map[string]int {
	n := map[string]int{}
	for _, name := range []string{"knock", "neighbours", "police", ""} {
		b := &builder{k: 1}
		b.drawIcon(name, 0, 10, 10, 10, white)
		n[name] = len(b.items)
	}
	return n
}()
