package html

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"huskurage/layout"
	"huskurage/qr"
)

// icon returns the drawing of Figure node n as the elements of an SVG
// picture in millimetres, with the disc it stands on, and the picture's
// view box; ok is false when the node draws no shapes.
func (s *styles) icon(n int) (viewBox, shapes string, ok bool) {
	for pi, p := range s.d.Pages {
		first := -1
		box := layout.Box{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
		for ii, it := range p.Items {
			if it.Node != n || !vector(it.Kind) {
				continue
			}
			if first < 0 {
				first = ii
			}
			b := it.Bounds()
			box = layout.Box{X0: min(box.X0, b.X0), Y0: min(box.Y0, b.Y0), X1: max(box.X1, b.X1), Y1: max(box.Y1, b.Y1)}
		}
		if first < 0 {
			continue
		}
		var sb strings.Builder
		if w, ok := s.under(pi, first, box, true); ok {
			disc := p.Items[w.item]
			shape(&sb, disc)
			box = disc.Bounds()
		}
		for _, it := range p.Items {
			if it.Node == n && vector(it.Kind) {
				shape(&sb, it)
			}
		}
		return num(box.X0) + " " + num(box.Y0) + " " + num(box.X1-box.X0) + " " + num(box.Y1-box.Y0), sb.String(), true
	}
	return "", "", false
}

func vector(kind string) bool {
	switch kind {
	case layout.KindRect, layout.KindCircle, layout.KindLine, layout.KindPoly:
		return true
	}
	return false
}

// shape writes it as an SVG element, in the page's millimetres.
func shape(b *strings.Builder, it layout.Item) {
	paint := func() {
		if it.Fill != nil {
			b.WriteString(` fill="` + hex(*it.Fill) + `"`)
		} else {
			b.WriteString(` fill="none"`)
		}
		if it.Stroke != nil {
			b.WriteString(` stroke="` + hex(*it.Stroke) + `" stroke-width="` + num(it.LineWidth) + `"`)
		}
		b.WriteString("/>")
	}
	switch it.Kind {
	case layout.KindRect:
		b.WriteString(`<rect x="` + num(it.X) + `" y="` + num(it.Y) + `" width="` + num(it.W) + `" height="` + num(it.H) + `"`)
		if it.Radius > 0 {
			b.WriteString(` rx="` + num(it.Radius) + `"`)
		}
		paint()
	case layout.KindCircle:
		b.WriteString(`<circle cx="` + num(it.X) + `" cy="` + num(it.Y) + `" r="` + num(it.Radius) + `"`)
		paint()
	case layout.KindLine:
		if len(it.Points) != 2 || it.Stroke == nil {
			return
		}
		b.WriteString(`<line x1="` + num(it.Points[0].X) + `" y1="` + num(it.Points[0].Y) + `" x2="` + num(it.Points[1].X) +
			`" y2="` + num(it.Points[1].Y) + `" stroke="` + hex(*it.Stroke) + `" stroke-width="` + num(it.LineWidth) + `" stroke-linecap="round"/>`)
	case layout.KindPoly:
		b.WriteString(`<polygon points="`)
		for i, p := range it.Points {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(num(p.X) + "," + num(p.Y))
		}
		b.WriteString(`"`)
		paint()
	}
}

// num writes a length in millimetres to the micrometre, as the layout
// keeps them.
func num(v float64) string {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// qrCode returns the QR code of item it as the elements of an SVG
// picture whose unit is a module, on white with its quiet zone, and the
// picture's size in modules.
func qrCode(it layout.Item) (size int, shapes string, err error) {
	code, err := qr.Encode(it.Data, it.W, it.MinModule)
	if err != nil {
		var long *qr.TooLongError
		if errors.As(err, &long) {
			return 0, "", &layout.FieldError{Field: it.Field, Problem: long.Problem(), Hint: long.Hint()}
		}
		return 0, "", err
	}
	n := code.Size() + 2*qr.QuietZone
	var b strings.Builder
	b.WriteString(`<rect width="` + strconv.Itoa(n) + `" height="` + strconv.Itoa(n) + `" fill="#fff"/><path fill="#000" d="`)
	// A row's dark modules in runs, each a rectangle one module high.
	for y, row := range code.Modules {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			b.WriteString("M" + strconv.Itoa(start+qr.QuietZone) + " " + strconv.Itoa(y+qr.QuietZone) +
				"h" + strconv.Itoa(x-start) + "v1h-" + strconv.Itoa(x-start) + "z")
		}
	}
	b.WriteString(`"/>`)
	return n, b.String(), nil
}
