package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"huskurage/content"
	"huskurage/property"
)

// BilingualPoster lays out a poster in two languages on one page: the
// header and 112 are shared, and each language has a column of its own
// with everything the one-language poster says, set in its own
// direction. The first language takes the side where its readers start
// reading (a right-to-left language the right). The QR code sits in the
// header and the landlord at the bottom, shared.
//
// Two languages halve each one's space, so the text may shrink to the A4
// poster's minimum (11 pt): it is read from the same distance. That
// needs A3: on A4 not even the policy text alone fits twice.
func BilingualPoster(docs [2]content.Document, size string, m Measurer) (*Doc, error) {
	if size != "A3" {
		return nil, fmt.Errorf("a poster in two languages is made on A3 only (%s cannot hold two languages at the %g pt minimum text size)", size, posterMinBodyA4)
	}
	d, err := newDesign("poster", size)
	if err != nil {
		return nil, err
	}
	d.minBody = posterMinBodyA4
	d.kmin = d.minBody / d.body.size
	// Half a page's width each: smaller titles and icons leave the
	// columns more room.
	d.title = atLeast(d.title, d.title.min*0.75)
	d.title.size *= 0.85
	d.iconD *= 0.8
	// The tagline and the address may shrink as far as on an A4 poster;
	// 112 and its label keep their sizes for the paper.
	d.tagline.min, d.address.min = 14, posterMinBodyA4
	out, err := orShorter(docs[:], func(ds []content.Document) (*Doc, error) {
		both := [2]content.Document(ds)
		frame := both[0]
		frame.Direction = "ltr" // the page itself is not mirrored; see builder.part
		draw := func(b *builder, d *design, _ content.Document) bool { return posterBoth(b, d, both) }
		return lay(d, frame, m, []sheet{{draw: draw, doc: frame}})
	})
	if err != nil {
		return nil, rehint(err, property.Textf("shorten the longest texts, list fewer contacts or support lines, or print one poster per language (leave out --poster-langs)"))
	}
	out.Lang = docs[0].Lang
	return out, nil
}

// LeafletSides lays out a leaflet with one language on each side: each
// side is the poster's page at leaflet size, complete in its language.
// Only A5 holds a whole side at the leaflet's minimum text size.
func LeafletSides(docs [2]content.Document, size string, m Measurer) (*Doc, error) {
	if size != "A5" {
		return nil, fmt.Errorf("a leaflet with one language on each side is made on A5 only (%s holds too little at the %g pt minimum text size)", size, leafletMinBody)
	}
	d, err := makeDesign("leaflet", LeafletSizes, "poster", size)
	if err != nil {
		return nil, err
	}
	d.minBody, d.minModule, d.pages = leafletMinBody, leafletMinModule, 2
	d.kmin = d.minBody / d.body.size
	// Headings may shrink to the two-page leaflet's minimums.
	d.title.min, d.tagline.min, d.address.min, d.number.min, d.numberLabel.min = 22, 9.5, leafletMinBody, 20, 10
	d.qrSize = math.Max(d.qrSize, leafletQRMin)
	out, err := orShorter(docs[:], func(ds []content.Document) (*Doc, error) {
		return lay(d, ds[0], m, []sheet{{draw: posterPage, doc: ds[0]}, {draw: posterPage, doc: ds[1]}})
	})
	if err != nil {
		return nil, rehint(err, property.Textf("shorten the longest texts, list fewer contacts or support lines, or print one leaflet per language (leave out --leaflet-langs)"))
	}
	return out, nil
}

// rehint gives an error about too much text the hint of a bilingual
// document, whose ways out are not only a larger paper size.
func rehint(err error, hint property.Text) error {
	var fe *FieldError
	if errors.As(err, &fe) && strings.Contains(fe.Hint, "larger size") {
		e := *fe
		e.Hint, e.saidHint = hint.String(), hint
		return &e
	}
	return err
}

// sides returns the languages in the order of the page's columns, left
// to right: the first language on the side where its readers start
// reading, the right for a right-to-left language.
func sides(docs [2]content.Document) (left, right content.Document) {
	if isRTL(docs[0]) {
		return docs[1], docs[0]
	}
	return docs[0], docs[1]
}

func isRTL(doc content.Document) bool { return doc.Direction == "rtl" }

// posterBoth draws the bilingual poster's page and reports whether it
// fits. What is said once, the address and the landlord, is said in the
// first language.
func posterBoth(b *builder, d *design, langs [2]content.Document) bool {
	first := langs[0]
	left, right := sides(langs)
	accent := Color(first.Accent)
	x, w := d.margin, d.w-2*d.margin
	gutter := 8 * d.s
	cw := (w - gutter) / 2
	cols := [2]float64{x, x + cw + gutter}
	docs := [2]content.Document{left, right}
	// Each band of the page is drawn, and read, in the first language
	// first: the order of the structure is the order of drawing.
	order := [2]int{0, 1}
	if isRTL(first) {
		order = [2]int{1, 0}
	}
	gap := d.gap * b.k

	// The header: both titles side by side, the QR code at the right, and
	// under the titles the shared address and, beside the code, its
	// caption in both languages when they differ.
	pad := 6 * d.s
	q, capW, qgap := d.qrSize, 40*d.s, 3*d.s
	qx := x + w - q
	tw := w - q - 5*d.s
	tcw := (tw - gutter) / 2
	cap := balanced(withAlign(d.small, alignEnd))
	cap.color = white
	for _, doc := range langs {
		if lw, _ := b.longestWord(doc.QRCaption.S, cap); lw+0.5 > capW {
			capW = math.Min(lw+0.5, d.w/3)
		}
	}
	captions := func(b *builder, top float64) float64 {
		cy := top
		for i, doc := range langs {
			if i > 0 && doc.QRCaption.S == first.QRCaption.S { // the property's own caption
				break
			}
			if i > 0 {
				cy += 0.8 * d.s
			}
			cy = b.part(doc, d.w, qx-qgap-capW, capW, func(b *builder, x, w float64) float64 {
				return b.text(doc.QRCaption, cap, x, cy, w)
			})
		}
		return cy
	}
	header := func(b *builder) float64 {
		y := pad
		for _, i := range order {
			doc := docs[i]
			y = math.Max(y, b.part(doc, d.w, x+float64(i)*(tcw+gutter), tcw, func(b *builder, x, w float64) float64 {
				y := b.text(doc.Title, d.title, x, pad, w)
				return b.text(doc.Tagline, d.tagline, x, y+1.5*d.s, w)
			}))
		}
		top := y + 2.5*d.s
		y = b.part(first, d.w, x, qx-qgap-capW-5*d.s-x, func(b *builder, x, w float64) float64 {
			return d.addressLine(b, first, x, top, w)
		})
		y = math.Max(y, captions(b, top))
		b.qr(first.QRURL, first.QRAlt, qx, pad, q, d.minModule)
		return math.Max(y, pad+q) + pad
	}
	y := b.measured(header, func(h float64) {
		b.rect(0, 0, d.w, h, 0, accent)
		header(b)
	})

	y = d.emergencyBoth(b, docs, order, y+gap)

	// Each language's column, with a thin rule between them.
	top := y + gap
	bottom := top
	for _, i := range order {
		doc := docs[i]
		bottom = math.Max(bottom, b.part(doc, d.w, cols[i], cw, func(b *builder, x, w float64) float64 {
			y := b.text(doc.Intro, d.body, x, top, w)
			y = d.steps(b, doc, accent, x, y+gap, w)
			y = d.child(b, doc, accent, x, y+gap, w)
			if len(doc.Contacts)+len(doc.Support) > 0 {
				y = d.lists(b, doc, x, y+gap, w)
			}
			return y
		}))
	}
	mid := x + cw + gutter/2
	b.line(mid, top, mid, bottom, 0.3*d.s, rule)

	// The landlord, shared, in the first language.
	foot := d.bottom(b, func(b *builder, top float64) float64 {
		return b.part(first, d.w, x, w, func(b *builder, x, w float64) float64 {
			return d.landlord(b, first, x, top, w)
		})
	})
	return bottom+gap/2 <= foot
}

// emergencyBoth draws 112 in the middle of the red box, with each
// language's label and police line on its own side, the sides in order.
func (d *design) emergencyBoth(b *builder, docs [2]content.Document, order [2]int, y float64) float64 {
	x, w := d.margin, d.w-2*d.margin
	pad := 4.5 * d.s
	num, nw, nh := d.emergencyNumber(b)
	nx := x + (w-nw)/2
	lw := nx - 5*d.s - (x + pad)
	at := [2]float64{x + pad, nx + nw + 5*d.s}
	label := func(b *builder, i int, y float64) float64 {
		doc := docs[i]
		return b.part(doc, d.w, at[i], lw, func(b *builder, x, w float64) float64 {
			return d.emergencyLabel(b, doc, x, y, w)
		})
	}
	var lh [2]float64
	inner := b.measured(func(m *builder) float64 {
		for i := range docs {
			lh[i] = label(m, i, 0)
		}
		return math.Max(nh, math.Max(lh[0], lh[1]))
	}, func(inner float64) {
		b.rect(x, y, w, inner+2*pad, 2.5*d.s, emergency)
		b.in(b.open(Node{Role: RoleDiv}), func() {
			b.text(num, d.number, nx, y+pad+(inner-nh)/2, nw+0.01)
			for _, i := range order {
				label(b, i, y+pad+(inner-lh[i])/2)
			}
		})
	})
	return y + inner + 2*pad
}
