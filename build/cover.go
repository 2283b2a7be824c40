package build

import (
	"bytes"
	"fmt"
	"math"

	"huskurage/layout"
	"huskurage/render/pdf"
	"huskurage/typeset"
)

// CoverRow is one property on a print order's cover sheet.
type CoverRow struct {
	ID       string
	Address  string
	Posters  string // e.g. "2 × A4"
	Leaflets string // e.g. "40 × A5"
}

// CoverSheet lays out the first pages of a batch's print file: what it
// holds, and for each property, in order, how many posters and leaflets
// to print. Long batches get as many A4 pages as they need.
// With even set, a blank page makes the page count even, so that what
// follows starts on the front of a sheet when printed double-sided. It
// returns the PDF and its number of pages.
func (b *Builder) CoverSheet(title string, rows []CoverRow, even bool, opts Options) ([]byte, int, error) {
	const (
		w, h   = 210.0, 297.0
		margin = 15.0
		size   = 9.0 // points
	)
	ink := layout.Color{0x1a, 0x1a, 0x1a}
	m := b.engine.Metrics(typeset.Regular, size)
	lh := m.LineHeight * 25.4 / 72 * 1.15
	cols := []struct {
		x     float64
		w     float64
		title string
	}{{margin, 45, "Property"}, {margin + 47, 75, "Address"}, {margin + 124, 25, "Posters"}, {margin + 152, 28, "Leaflets"}}
	var pages []layout.Page
	var page *layout.Page
	y := 0.0
	cell := func(x, width float64, s string, font typeset.FontID) {
		for _, l := range b.engine.Wrap(s, font, size, math.Inf(1)) {
			runs := make([]layout.Run, len(l.Runs))
			text := ""
			for i, r := range l.Runs {
				runs[i] = layout.Run{X: r.X * 25.4 / 72, Text: r.Text}
				text += r.Text
			}
			if l.Width*25.4/72 > width {
				// Too long for its column: cut, keeping the start.
				runs = []layout.Run{{Text: clip(b, text, font, size, width)}}
			}
			page.Items = append(page.Items, layout.Item{Kind: layout.KindText, X: x, Y: y, W: math.Min(width, l.Width*25.4/72),
				H: (m.Ascent + m.Descent) * 25.4 / 72, Ascent: m.Ascent * 25.4 / 72, Font: font, Size: size, Fill: &ink, Runs: runs})
		}
	}
	newPage := func() {
		pages = append(pages, layout.Page{W: w, H: h})
		page = &pages[len(pages)-1]
		y = margin + 8
		if len(pages) == 1 {
			big := b.engine.Wrap(title, typeset.Bold, 16, math.Inf(1))
			if len(big) > 0 {
				page.Items = append(page.Items, layout.Item{Kind: layout.KindText, X: margin, Y: y, Font: typeset.Bold, Size: 16,
					W: big[0].Width * 25.4 / 72, H: 8, Ascent: 6, Fill: &ink, Runs: []layout.Run{{Text: clip(b, title, typeset.Bold, 16, w-2*margin)}}})
			}
			y += 12
		}
		for _, c := range cols {
			cell(c.x, c.w, c.title, typeset.Bold)
		}
		y += lh * 1.3
	}
	newPage()
	for _, r := range rows {
		if y > h-margin {
			newPage()
		}
		for i, s := range []string{r.ID, r.Address, r.Posters, r.Leaflets} {
			cell(cols[i].x, cols[i].w, s, typeset.Regular)
		}
		y += lh
	}
	if even && len(pages)%2 == 1 {
		pages = append(pages, layout.Page{W: w, H: h})
	}
	var buf bytes.Buffer
	doc := &layout.Doc{Kind: "cover", Title: title, Lang: "en", Pages: pages}
	if err := pdf.Render(&buf, doc, b.engine.Fonts(), pdf.Options{Date: opts.Date}); err != nil {
		return nil, 0, fmt.Errorf("cover sheet: %w", err)
	}
	return buf.Bytes(), len(pages), nil
}

// clip shortens s with an ellipsis until it fits width mm.
func clip(b *Builder, s string, font typeset.FontID, size, width float64) string {
	r := []rune(s)
	for len(r) > 1 && b.engine.Measure(string(r), font, size)*25.4/72 > width {
		r = r[:len(r)-1]
		s = string(r) + "…"
		if b.engine.Measure(s, font, size)*25.4/72 <= width {
			return s
		}
	}
	return string(r)
}
