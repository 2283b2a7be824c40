package layout

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"huskurage/content"
	"huskurage/typeset"
)

// design holds the measures of one document kind at one paper size.
// Lengths are in mm; text sizes are in points at scale k = 1.
type design struct {
	kind         string
	size         string
	w, h         float64
	s            float64 // geometry scale relative to the base paper
	margin       float64
	gap          float64 // space between sections
	title        style
	tagline      style
	address      style
	body         style
	bold         style
	heading      style
	stepTitle    style
	number       style // 112
	numberLabel  style
	police       style
	phone        style
	small        style
	iconD        float64
	qrSize       float64
	minModule    float64
	kmin         float64
	kmax         float64 // text grows up to this to fill a page
	minBody      float64 // the smallest body text size allowed
	minEmergency float64 // the smallest size for 112
	pages        int
}

// Minimum readable sizes, from the issue that defines the documents.
const (
	posterMinBodyA4 = 11.0 // points, scaled with the page
	posterMin112A4  = 36.0
	leafletMinBody  = 8.0 // on every leaflet size
	posterQRMinA4   = 30.0
	posterQR        = 36.0 // mm on A4, as the README says; scaled with the page
	leafletQRMin    = 22.0 // mm
	// leafletQRLarge is the QR code an A6 leaflet gets when its text
	// still fits with it (see Leaflet): a code of 22 mm stops decoding
	// below 100 dpi and with 0.2 mm of blur; at 28 mm a link of up to 40
	// characters decodes at 75 dpi, and at 100 dpi blurred by 0.2 mm
	// (build's TestA6QRRobust). The back of an A6 leaflet holds the
	// lists, the landlord and the code: with many contacts or long notes
	// it has no room for 6 mm more, and then keeps 22 mm rather than
	// refusing the leaflet.
	leafletQRLarge   = 28.0
	posterMinModule  = 0.5 // mm: read from arm's length in a stairwell
	leafletMinModule = 0.4 // mm: read in the hand
)

// easyReadScale is how much larger easy-to-read documents set every text,
// and their smallest body text: lättläst advice asks for larger type than
// standard text (a 12.65 pt minimum on an A4 poster instead of 11, 9.2 pt
// on a leaflet instead of 8).
const easyReadScale = 1.1

// enlarge sets every text f times larger, minimum sizes included.
func (d *design) enlarge(f float64) {
	for _, st := range []*style{&d.title, &d.tagline, &d.address, &d.body, &d.bold, &d.heading, &d.stepTitle,
		&d.number, &d.numberLabel, &d.police, &d.phone, &d.small} {
		st.size *= f
		st.min *= f
	}
	d.minBody *= f
	d.minEmergency *= f
}

func newDesign(kind, size string) (*design, error) {
	return makeDesign(kind, map[string][]string{"poster": PosterSizes, "leaflet": LeafletSizes}[kind], kind, size)
}

// makeDesign returns the design of a document of kind, made for paper of
// sizes, on paper of size, drawn in the look look ("poster" or
// "leaflet"): a leaflet with one language on each side has the poster's
// page on each side, and a new kind of document (see package kind) may
// start from either look in a file of its own.
func makeDesign(kind string, sizes []string, look, size string) (*design, error) {
	allowed := sizes
	base := map[string]float64{"poster": 210, "leaflet": 148}[look]
	if allowed == nil || base == 0 {
		return nil, fmt.Errorf("unknown document kind %q", kind)
	}
	wh, err := sizeOf(size, allowed)
	if err != nil {
		return nil, err
	}
	d := &design{kind: kind, size: size, w: wh[0], h: wh[1], s: wh[0] / base}
	st := func(f typeset.FontID, size float64, c Color) style { return style{font: f, size: size, color: c} }
	if look == "poster" {
		t := d.s // text grows with the poster
		d.margin, d.gap = 12*d.s, 4.5*d.s
		d.title = as(atLeast(st(typeset.Bold, 46*t, white), 40*t), RoleH1)
		d.tagline = atLeast(st(typeset.Regular, 17*t, white), 14*t)
		d.address = atLeast(st(typeset.Bold, 13*t, white), 11*t)
		d.body = bySentence(st(typeset.Regular, 13*t, ink))
		d.bold = st(typeset.Bold, 13*t, ink)
		d.heading = as(st(typeset.Bold, 18*t, ink), RoleH2)
		d.stepTitle = as(st(typeset.Bold, 15*t, ink), RoleH3)
		d.number = atLeast(st(typeset.Bold, 42*t, white), posterMin112A4*t)
		d.numberLabel = atLeast(st(typeset.Bold, 19*t, white), 15*t)
		d.police = st(typeset.Regular, 13.5*t, white)
		d.phone = st(typeset.Bold, 14*t, ink)
		d.small = st(typeset.Regular, 13.5*t, grey)
		d.iconD = 17 * d.s
		d.qrSize = posterQR * d.s
		d.minModule = posterMinModule * d.s
		d.minBody = posterMinBodyA4 * d.s
		d.minEmergency = posterMin112A4 * d.s
		d.pages = 1
	} else {
		t := math.Max(d.s, 0.9) // small leaflets keep their text readable
		d.margin, d.gap = 10*d.s, 5*d.s
		d.title = as(atLeast(st(typeset.Bold, 32*t, white), 22), RoleH1)
		d.tagline = atLeast(st(typeset.Regular, 12*t, white), 9.5)
		d.address = atLeast(st(typeset.Bold, 10*t, white), leafletMinBody)
		d.body = bySentence(st(typeset.Regular, 10*t, ink))
		d.bold = st(typeset.Bold, 10*t, ink)
		d.heading = as(st(typeset.Bold, 13*t, ink), RoleH2)
		d.stepTitle = as(st(typeset.Bold, 11*t, ink), RoleH3)
		d.number = atLeast(st(typeset.Bold, 30*t, white), 20)
		d.numberLabel = atLeast(st(typeset.Bold, 13*t, white), 10)
		d.police = st(typeset.Regular, 10*t, white)
		d.phone = st(typeset.Bold, 10.5*t, ink)
		d.small = st(typeset.Regular, 10*t, grey)
		d.iconD = 12 * d.s
		d.qrSize = math.Max(30*d.s, leafletQRMin)
		d.minModule = leafletMinModule
		d.minBody = leafletMinBody
		d.pages = 2
	}
	d.number.tel = true
	d.kmin = d.minBody / d.body.size
	d.kmax = 1.2
	if d.number.min < d.minEmergency {
		return nil, fmt.Errorf("design: 112 may shrink to %g pt, under the minimum %g pt", d.number.min, d.minEmergency)
	}
	return d, nil
}

// header draws the coloured band with the title, tagline and address, and
// returns the y below it.
func (d *design) header(b *builder, doc content.Document, accent Color, withQR bool) float64 {
	pad := 6 * d.s
	x, w := d.margin, d.w-2*d.margin
	// The QR code at the right, its caption beside it at its foot: under
	// it, the caption would make the band taller than the text needs. The
	// caption's column is as wide as its longest word needs, up to a
	// third of the page.
	q, capW, gap := d.qrSize, 36*d.s, 3*d.s
	qx := d.w - d.margin - q
	cap := balanced(withAlign(d.small, alignEnd))
	cap.color = white
	if withQR {
		if lw, _ := b.longestWord(doc.QRCaption.S, cap); lw+0.5 > capW {
			capW = math.Min(lw+0.5, d.w/3)
		}
		w -= q + gap + capW + 5*d.s
	}
	draw := func(b *builder) float64 {
		y := d.headerText(b, doc, x, pad, w)
		if withQR {
			// The caption first: it stands before the code, and says
			// what it is for.
			capH := b.measured(func(m *builder) float64 { return m.text(doc.QRCaption, cap, 0, 0, capW) }, func(h float64) {
				b.text(doc.QRCaption, cap, qx-gap-capW, pad+math.Max(q-h, 0), capW)
			})
			b.qr(doc.QRURL, doc.QRAlt, qx, pad, q, d.minModule)
			y = math.Max(y, pad+math.Max(q, capH))
		}
		return y + pad
	}
	// Measure first, then draw the band under the text.
	return b.measured(draw, func(bottom float64) {
		b.rect(0, 0, d.w, bottom, 0, accent)
		draw(b)
	})
}

func (d *design) headerText(b *builder, doc content.Document, x, y, w float64) float64 {
	y = b.text(doc.Title, d.title, x, y, w)
	y = b.text(doc.Tagline, d.tagline, x, y+1.5*d.s, w)
	if len(doc.Address) > 0 {
		y = d.addressLine(b, doc, x, y+2.5*d.s, w)
	}
	return y
}

// addressLine draws the building's address on one line, if it fits.
func (d *design) addressLine(b *builder, doc content.Document, x, y, w float64) float64 {
	if len(doc.Address) == 0 {
		return y
	}
	// One paragraph in the structure, whatever its lines: the parts in
	// the order they are printed.
	node := b.open(Node{Role: RoleP})
	var said []string
	at := b.at
	if node != 0 {
		b.at = node
	}
	defer func() {
		b.at = at
		if node != 0 {
			b.tree.nodes[node].Text = strings.ReplaceAll(strings.Join(said, " · "), "\u00a0", " ")
		}
	}()
	st := as(d.address, inline)
	// The line breaks between the parts, not inside one ("449 30
	// Nödinge", "Uppgång 7A"), unless a part is too long for that.
	parts := make([]string, 0, len(doc.Address))
	for _, a := range doc.Address {
		p := a.S
		if utf8.RuneCountInString(p) <= 30 {
			p = strings.ReplaceAll(p, " ", "\u00a0")
		}
		parts = append(parts, p)
	}
	if n := len(parts); n > 1 && doc.Direction == "rtl" && rightToLeft(parts[n-1]) {
		// The entrance in a right-to-left language ("المدخل 7A") has a
		// line of its own, first: inside the Swedish address, which
		// reads left to right, 7A would join the address and stand a
		// whole line away from its label.
		y = b.text(content.Text{S: parts[n-1], Field: doc.Address[n-1].Field}, st, x, y, w)
		said = append(said, parts[n-1])
		parts = parts[:n-1]
	}
	// Parts go on a line while they fit; a new line starts with a part,
	// never with or after a lone separator.
	field := doc.Address[len(doc.Address)-1].Field
	line := ""
	said = append(said, parts...)
	for i, p := range parts {
		next := p
		if line != "" {
			next = line + " · " + p
		}
		if line != "" && b.width(next, d.address) > w {
			y = b.text(content.Text{S: line, Field: field}, st, x, y, w)
			next = p
		}
		line = next
		if i == len(parts)-1 {
			y = b.text(content.Text{S: line, Field: field}, st, x, y, w)
		}
	}
	return y
}

// emergencyBox draws 112 with its label, and the police's other number,
// in a red box.
func (d *design) emergencyBox(b *builder, doc content.Document, y float64) float64 {
	x, w := d.margin, d.w-2*d.margin
	pad := 4.5 * d.s
	num, nw, nh := d.emergencyNumber(b)
	lx := x + pad + nw + 6*d.s
	lw := x + w - pad - lx
	label := func(b *builder, y float64) float64 { return d.emergencyLabel(b, doc, lx, y, lw) }
	lh := b.measured(func(m *builder) float64 { return label(m, 0) }, func(lh float64) {
		inner := math.Max(nh, lh)
		b.rect(x, y, w, inner+2*pad, 2.5*d.s, emergency)
		b.in(b.open(Node{Role: RoleDiv}), func() {
			b.text(num, d.number, x+pad, y+pad+(inner-nh)/2, nw+0.01)
			label(b, y+pad+(inner-lh)/2)
		})
	})
	return y + math.Max(nh, lh) + 2*pad
}

// emergencyNumber returns 112 with its width and height in mm.
func (d *design) emergencyNumber(b *builder) (num content.Text, w, h float64) {
	num = content.Text{S: content.EmergencyNumber}
	m := b.m.Metrics(d.number.font, b.pt(d.number))
	return num, b.width(num.S, d.number), (m.Ascent + m.Descent) * ptToMM
}

// emergencyLabel draws what 112 is for and the police's other number.
func (d *design) emergencyLabel(b *builder, doc content.Document, x, y, w float64) float64 {
	y = b.text(doc.EmergencyLabel, d.numberLabel, x, y, w)
	return b.text(doc.PoliceLine, d.police, x, y+1.5*d.s, w)
}

// rightToLeft reports whether s has a letter of a right-to-left script.
func rightToLeft(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana) {
			return true
		}
	}
	return false
}

// steps draws the heading and the three steps with their icons.
func (d *design) steps(b *builder, doc content.Document, accent Color, x, y, w float64) float64 {
	y = b.text(doc.StepsHeading, d.heading, x, y, w)
	iconD := d.iconD * b.k
	tx := x + iconD + 4*d.s*b.k
	tw := x + w - tx
	// A list in the structure, whose order matters: each step's icon
	// is its label, a figure that says the step, and its title and text
	// the body.
	list := b.open(Node{Role: RoleL, Numbered: true})
	for i, s := range doc.Steps {
		top := y + 3*d.s*b.k
		if i > 0 {
			top = y + 3.5*d.s*b.k
		}
		var lbl, body int
		b.in(list, func() {
			b.in(b.open(Node{Role: RoleLI}), func() {
				lbl = b.open(Node{Role: RoleLbl})
				body = b.open(Node{Role: RoleLBody})
			})
		})
		var ty float64
		b.in(body, func() {
			ty = b.text(s.Title, d.stepTitle, tx, top, tw)
			ty = b.text(s.Body, d.body, tx, ty+0.8*d.s*b.k, tw)
		})
		b.in(lbl, func() {
			b.icon(s.Icon, b.open(Node{Role: RoleFigure, Alt: s.Title.S}), x+iconD/2, top+iconD/2, iconD, accent)
		})
		y = math.Max(ty, top+iconD)
	}
	return y
}

// child draws the box about concern for a child.
func (d *design) child(b *builder, doc content.Document, accent Color, x, y, w float64) float64 {
	pad := 3.5 * d.s * b.k
	draw := func(b *builder, y float64) float64 {
		ix, iw := x+pad, w-2*pad
		y = b.text(doc.ChildHeading, d.heading, ix, y, iw)
		y = b.text(doc.ChildText, d.body, ix, y+1.5*d.s*b.k, iw)
		y = b.text(doc.SocialAdult, d.body, ix, y+1.5*d.s*b.k, iw)
		if len(doc.ChildContacts) == 0 {
			return b.text(doc.ChildFallback, d.bold, ix, y+2*d.s*b.k, iw)
		}
		b.in(b.open(Node{Role: RoleL}), func() {
			for _, e := range doc.ChildContacts {
				y = b.entry(e, d.bold, d.phone, d.small, ix, y+2*d.s*b.k, iw)
			}
		})
		return y
	}
	h := b.measured(func(m *builder) float64 { return draw(m, 0) + 2*pad }, func(h float64) {
		b.rect(x, y, w, h, 2.5*d.s, mix(accent, 0.88))
		b.in(b.open(Node{Role: RoleSect}), func() { draw(b, y+pad) })
	})
	return y + h
}

// lists draws the local contacts and the support lines in a column.
func (d *design) lists(b *builder, doc content.Document, x, y, w float64) float64 {
	if len(doc.Contacts) > 0 {
		b.in(b.open(Node{Role: RoleSect}), func() {
			y = d.section(b, doc.ContactsHeading, doc.Contacts, x, y, w)
		})
	}
	if len(doc.Contacts) > 0 && len(doc.Support) > 0 {
		y += d.gap * b.k
	}
	return d.support(b, doc, x, y, w)
}

// support draws the support lines and the date their numbers were checked.
func (d *design) support(b *builder, doc content.Document, x, y, w float64) float64 {
	if len(doc.Support) == 0 {
		return y
	}
	b.in(b.open(Node{Role: RoleSect}), func() {
		y = d.section(b, doc.SupportHeading, doc.Support, x, y, w)
		y = b.text(doc.SupportNote, d.small, x, y+1.5*d.s*b.k, w)
	})
	return y
}

// section draws a heading and its entries; nothing when there are none.
func (d *design) section(b *builder, heading content.Text, entries []content.Entry, x, y, w float64) float64 {
	list := 0
	return d.sectionIn(b, heading, entries, &list, false, x, y, w)
}

// sectionIn draws a heading and its entries into the list *list, which
// it opens when it is 0. again is set when the list goes on from another
// column: its heading is said again for the eye, but not to a reader,
// who is still in the list.
func (d *design) sectionIn(b *builder, heading content.Text, entries []content.Entry, list *int, again bool, x, y, w float64) float64 {
	if len(entries) == 0 {
		return y
	}
	st := d.heading
	if again && *list != 0 {
		st = as(st, decoration)
	}
	y = b.text(heading, st, x, y, w)
	if *list == 0 {
		*list = b.open(Node{Role: RoleL})
	}
	b.in(*list, func() {
		for _, e := range entries {
			y = b.entry(e, d.body, d.phone, d.small, x, y+2*d.s*b.k, w)
		}
	})
	return y
}

// landlord draws the logo and the landlord's name and contact details:
// beside the logo in a wide column, under it in a narrow one.
func (d *design) landlord(b *builder, doc content.Document, x, y, w float64) float64 {
	sect := b.open(Node{Role: RoleSect})
	if sect != 0 {
		at := b.at
		b.at = sect
		defer func() { b.at = at }()
	}
	top, tx, tw := y, x, w
	logoBottom := y
	if doc.Logo != nil {
		// Beside the logo only when every line keeps its words whole.
		beside := w >= 75*d.s
		for _, l := range append([]content.Text{doc.LandlordName}, doc.LandlordLines...) {
			st := d.body
			if l == doc.LandlordName {
				st = d.bold
			}
			if lw, _ := b.longestWord(l.S, st); lw > w-35*d.s {
				beside = false
			}
		}
		maxW := math.Min(w, 45*d.s)
		if beside {
			maxW = 30 * d.s
		}
		lw, lh := logoBox(doc.Logo.Width, doc.Logo.Height, maxW, 13*d.s)
		b.add(Item{Kind: KindImage, X: round(x), Y: round(y), W: round(lw), H: round(lh), Field: "landlord.logo",
			Node: b.open(Node{Role: RoleFigure, Alt: doc.LandlordName.S, Field: "landlord.logo"})})
		logoBottom = y + lh
		if beside {
			tx, tw = x+lw+5*d.s, w-lw-5*d.s
		} else {
			top = logoBottom + 3*d.s
		}
	}
	y = b.text(doc.LandlordHeading, d.small, tx, top, tw)
	y = b.text(doc.LandlordName, d.bold, tx, y+0.5*d.s, tw)
	for _, l := range doc.LandlordLines {
		st := d.body
		st.tel = l.Field == "landlord.phone"
		y = b.text(l, st, tx, y+0.5*d.s, tw)
	}
	return math.Max(y, logoBottom)
}

// qr draws the QR code with its caption centred under it.
func (d *design) qr(b *builder, doc content.Document, x, y, w float64) float64 {
	return d.qrWith(b, doc, balanced(withAlign(d.small, alignCenter)), x, y, w)
}

func (d *design) qrWith(b *builder, doc content.Document, caption style, x, y, w float64) float64 {
	q := d.qrSize
	b.qr(doc.QRURL, doc.QRAlt, x+(w-q)/2, y, q, d.minModule)
	return b.text(doc.QRCaption, caption, x, y+q+1*d.s, w)
}

// block draws something in a column of width w from y down, and returns
// the y below it. A list stays whole in one column under its heading
// while the page has room; only when it does not may the list go on in
// the next column, where its heading is said again.
type block struct {
	draw func(b *builder, x, y, w float64) float64
	// n is the number of entries of a list, 0 for a block that is never
	// split; part draws entries from..to under the list's heading.
	n    int
	part func(b *builder, from, to int, x, y, w float64) float64
}

// listBlock is a heading with its entries and a note under the last.
func (d *design) listBlock(heading content.Text, entries []content.Entry, note content.Text) block {
	// The section and its list, once opened, go on in the next column.
	var sect, list int
	part := func(b *builder, from, to int, x, y, w float64) float64 {
		if sect == 0 {
			sect = b.open(Node{Role: RoleSect})
		}
		b.in(sect, func() {
			y = d.sectionIn(b, heading, entries[from:to], &list, from > 0, x, y, w)
			if to == len(entries) && note.S != "" {
				y = b.text(note, d.small, x, y+1.5*d.s*b.k, w)
			}
		})
		return y
	}
	return block{n: len(entries), part: part, draw: func(b *builder, x, y, w float64) float64 {
		return part(b, 0, len(entries), x, y, w)
	}}
}

// columns sets blocks in order into two columns, split where the taller
// column is shortest, and returns the y below both. Lists stay whole
// unless the columns would then reach below limit; then a list may be
// split between its entries too, if that is shorter.
func (d *design) columns(b *builder, blocks []block, y, limit float64) float64 {
	x, w := d.margin, d.w-2*d.margin
	gutter := 7 * d.s
	cw := (w - gutter) / 2
	gap := d.gap * b.k
	m := b.measuring()
	heights := make([]float64, len(blocks))
	for i, bl := range blocks {
		heights[i] = bl.draw(m, x, 0, cw)
	}
	height := func(from, to int) float64 {
		t := 0.0
		for i := from; i < to; i++ {
			if i > from {
				t += gap
			}
			t += heights[i]
		}
		return t
	}
	bestSplit := func() (int, float64) {
		split, best := 0, math.Inf(1)
		for i := 0; i <= len(blocks); i++ {
			if h := math.Max(height(0, i), height(i, len(blocks))); h < best {
				split, best = i, h
			}
		}
		return split, best
	}
	split, best := bestSplit()
	// The blocks after the first may go in another order when that makes
	// the columns shorter (the landlord under the child box, the lists
	// beside them): the first order that is shortest wins, so a page
	// keeps the usual order unless another saves room.
	if len(blocks) > 2 {
		orig, origH := blocks, heights
		bestOrder := []int(nil)
		for _, order := range permutations(len(blocks) - 1) {
			blocks, heights = make([]block, len(orig)), make([]float64, len(orig))
			blocks[0], heights[0] = orig[0], origH[0]
			for i, o := range order {
				blocks[i+1], heights[i+1] = orig[o+1], origH[o+1]
			}
			if s, h := bestSplit(); h < best-0.01 {
				split, best, bestOrder = s, h, order
			}
		}
		blocks, heights = orig, origH
		if bestOrder != nil {
			blocks, heights = make([]block, len(orig)), make([]float64, len(orig))
			blocks[0], heights[0] = orig[0], origH[0]
			for i, o := range bestOrder {
				blocks[i+1], heights[i+1] = orig[o+1], origH[o+1]
			}
		}
	}
	// A list split at entry e: block j's entries before e end the left
	// column, the rest start the right one.
	j, e := -1, 0
	if y+best > limit {
		for bj, bl := range blocks {
			for at := 1; at < bl.n; at++ {
				left := bl.part(m, 0, at, x, 0, cw)
				right := bl.part(m, at, bl.n, x, 0, cw)
				if bj > 0 {
					left += height(0, bj) + gap
				}
				if bj+1 < len(blocks) {
					right += gap + height(bj+1, len(blocks))
				}
				if h := math.Max(left, right); h < best {
					j, e, best = bj, at, h
				}
			}
		}
	}
	if b.dry {
		return y + best
	}
	col := func(x float64, draws []func(b *builder, x, y, w float64) float64) {
		cy := y
		for i, draw := range draws {
			if i > 0 {
				cy += gap
			}
			cy = draw(b, x, cy, cw)
		}
	}
	var left, right []func(b *builder, x, y, w float64) float64
	for i, bl := range blocks {
		switch {
		case i == j:
			bl := bl
			left = append(left, func(b *builder, x, y, w float64) float64 { return bl.part(b, 0, e, x, y, w) })
			right = append(right, func(b *builder, x, y, w float64) float64 { return bl.part(b, e, bl.n, x, y, w) })
		case j >= 0 && i < j, j < 0 && i < split:
			left = append(left, bl.draw)
		default:
			right = append(right, bl.draw)
		}
	}
	col(x, left)
	col(x+cw+gutter, right)
	return y + best
}

// permutations returns every order of 0..n-1, the identity first.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for at := len(p); at >= 0; at-- {
			q := append(append(append([]int{}, p[:at]...), n-1), p[at:]...)
			out = append(out, q)
		}
	}
	return out
}

// bottom anchors draw to the bottom margin under a thin rule, and returns
// the y of the rule.
func (d *design) bottom(b *builder, draw func(b *builder, top float64) float64) float64 {
	h := b.measured(func(m *builder) float64 { return draw(m, 0) }, func(h float64) {
		top := d.h - d.margin - h
		x, w := d.margin, d.w-2*d.margin
		b.line(x, top-4*d.s, x+w, top-4*d.s, 0.3*d.s, rule)
		draw(b, top)
	})
	return d.h - d.margin - h - 4*d.s
}

// footer draws the landlord and the QR code side by side at the bottom
// of the page and returns the y of its top edge.
func (d *design) footer(b *builder, doc content.Document) float64 {
	x, w := d.margin, d.w-2*d.margin
	capW := d.qrSize + 16*d.s
	return d.bottom(b, func(b *builder, top float64) float64 {
		y := d.landlord(b, doc, x, top, w-capW-6*d.s)
		return math.Max(y, d.qr(b, doc, x+w-capW, top, capW))
	})
}

// atLeast lets s shrink with the rest of the text, but not below min
// points: headings stay headings and 112 stays large.
func atLeast(s style, min float64) style {
	s.min = min
	return s
}

// bySentence marks running text, whose sentences each start a line on an
// easy-to-read page.
func bySentence(s style) style {
	s.sentences = true
	return s
}

// balanced sets a text's lines as even in length as they can be at the
// same number of lines, so that no word is left alone on the last one.
func balanced(s style) style {
	s.balance = true
	return s
}

func withAlign(s style, a align) style {
	s.align = a
	return s
}

// logoBox fits a w×h pixel image into maxW×maxH mm, keeping its shape.
func logoBox(w, h int, maxW, maxH float64) (float64, float64) {
	if w <= 0 || h <= 0 {
		return maxH, maxH
	}
	sc := math.Min(maxW/float64(w), maxH/float64(h))
	return float64(w) * sc, float64(h) * sc
}
