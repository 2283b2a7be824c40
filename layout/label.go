package layout

import (
	"huskurage/content"
	"huskurage/typeset"
)

// Label sets s in black regular text of size points in the box of width w
// whose top is y, wrapped if it must be, and returns its lines: a note
// outside a page's design, such as a print sheet's slug.
func Label(s string, size, x, y, w float64, m Measurer) ([]Item, error) {
	b := &builder{m: m, k: 1}
	b.text(content.Text{S: s}, style{font: typeset.Regular, size: size, color: Color{}}, x, y, w)
	if b.tight != nil {
		return nil, b.tight
	}
	if b.err != nil {
		return nil, b.err
	}
	return b.items, nil
}
