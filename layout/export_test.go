package layout

import (
	"math"

	"huskurage/content"
	"huskurage/typeset"
)

// TextLine sets s on one line whose top is at x, y (mm), in body ink,
// through builder.text: the code every design sets its text with. It
// lets tests outside the package (the comparison with pango-view) draw
// text exactly as a poster or leaflet would, in the direction rtl.
func TextLine(m Measurer, s string, font typeset.FontID, size, x, y float64, rtl bool) []Item {
	b := &builder{m: m, k: 1, rtl: rtl}
	b.text(content.Text{S: s}, style{font: font, size: size, color: ink, align: alignStart}, x, y, math.Inf(1))
	return b.items
}
