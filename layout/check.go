package layout

import (
	"fmt"
	"math"
)

// Box is an item's extent on the page, in mm.
type Box struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// Bounds returns the box an item covers. For text it is the line's ink
// area as the font's ascent and descent give it.
func (it Item) Bounds() Box {
	switch it.Kind {
	case KindText:
		top := it.Y - it.Ascent
		return Box{it.X, top, it.X + it.W, top + it.H}
	case KindCircle:
		return Box{it.X - it.Radius, it.Y - it.Radius, it.X + it.Radius, it.Y + it.Radius}
	case KindLine, KindPoly:
		b := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, p := range it.Points {
			b = Box{math.Min(b.X0, p.X), math.Min(b.Y0, p.Y), math.Max(b.X1, p.X), math.Max(b.Y1, p.Y)}
		}
		return b
	}
	return Box{it.X, it.Y, it.X + it.W, it.Y + it.H}
}

func (a Box) contains(b Box, slack float64) bool {
	return b.X0 >= a.X0-slack && b.Y0 >= a.Y0-slack && b.X1 <= a.X1+slack && b.Y1 <= a.Y1+slack
}

func (a Box) overlaps(b Box, slack float64) bool {
	return a.X0 < b.X1-slack && b.X0 < a.X1-slack && a.Y0 < b.Y1-slack && b.Y0 < a.Y1-slack
}

// Check reports the first thing a reader would see as broken on a page:
// text, the QR code or the logo that overlap each other, or that reach
// outside the page. Backgrounds and icons may lie under text; they are
// checked only against the page edge. Tests run it on every layout.
func (d *Doc) Check() error {
	const slack = 0.05 // mm: rounding, and lines that touch
	// placed is an item with its bounds, worked out once: a leaflet's
	// check compares each of some 60 items with every other, and copying
	// the items was a fifth of what a batch's leaflet allocated in layout.
	type placed struct {
		it *Item
		b  Box
	}
	var fg, panels []placed
	for pi := range d.Pages {
		p := &d.Pages[pi]
		page := Box{0, 0, p.W, p.H}
		fg, panels = fg[:0], panels[:0]
		for i := range p.Items {
			it := &p.Items[i]
			b := it.Bounds()
			if b.X0 < page.X0-slack || b.Y0 < page.Y0-slack || b.X1 > page.X1+slack || b.Y1 > page.Y1+slack {
				return fmt.Errorf("page %d: %s %s reaches outside the page: %+v", pi+1, it.Kind, describe(*it), b)
			}
			if it.Kind == KindText || it.Kind == KindQR || it.Kind == KindImage {
				fg = append(fg, placed{it, b})
			}
			if it.Kind == KindRect && it.Fill != nil {
				panels = append(panels, placed{it, b})
			}
		}
		// Text on a coloured panel must lie wholly inside it.
		for _, t := range fg {
			for _, r := range panels {
				if t.b.overlaps(r.b, slack) && !r.b.contains(t.b, slack) {
					return fmt.Errorf("page %d: %s %s sticks out of a coloured panel %+v", pi+1, t.it.Kind, describe(*t.it), r.b)
				}
			}
		}
		for i := range fg {
			for j := i + 1; j < len(fg); j++ {
				if fg[i].b.overlaps(fg[j].b, slack) {
					return fmt.Errorf("page %d: %s %s overlaps %s %s", pi+1,
						fg[i].it.Kind, describe(*fg[i].it), fg[j].it.Kind, describe(*fg[j].it))
				}
			}
		}
	}
	return nil
}

func describe(it Item) string {
	if it.Kind == KindText && len(it.Runs) > 0 {
		s := ""
		for _, r := range it.Runs {
			s += r.Text
		}
		return fmt.Sprintf("%q", s)
	}
	if it.Field != "" {
		return "(" + it.Field + ")"
	}
	return ""
}
