package layout

import (
	"errors"
	"math"
	"slices"
	"strings"

	"huskurage/content"
	"huskurage/property"
	"huskurage/qr"
	"huskurage/typeset"
)

// Colours used by every design.
var (
	ink       = Color{0x1a, 0x1a, 0x1a} // body text
	grey      = Color{0x4a, 0x4a, 0x4a} // secondary text, 8.9:1 on white
	white     = Color{0xff, 0xff, 0xff}
	emergency = Color{0xa3, 0x16, 0x1a} // 7.4:1 against white text
	rule      = Color{0xb0, 0xb0, 0xb0}
)

type align int

const (
	alignStart align = iota
	alignCenter
	alignEnd
)

// style is how a piece of text is set, at design size (scale 1).
type style struct {
	font  typeset.FontID
	size  float64 // points at design size
	color Color
	align align
	min   float64 // points: the style shrinks with the text down to this
	// balance makes the lines of a wrapped text as even as they can be
	// at the same number of lines (a centred caption).
	balance bool
	// sentences starts each sentence of our own text on a new line on
	// an easy-to-read page (the running text; lists flow).
	sentences bool
	// role is the structure node a text in this style is (see Node):
	// RoleP when empty; inline puts its lines in the builder's current
	// node instead of a node of their own.
	role string
	// tel marks the text as a phone number.
	tel bool
}

// inline is the role of text that is part of the node it is drawn in,
// decoration that of text that a reader need not hear (a heading said
// again over the rest of its list).
const (
	inline     = "-"
	decoration = "~"
)

// as returns s with role r.
func as(s style, r string) style {
	s.role = r
	return s
}

// builder lays out one page. In a dry run it only measures; otherwise it
// collects items. Problems are kept, the first one per field.
type builder struct {
	m    Measurer
	dry  bool
	k    float64 // text scale: design size × k, k ≤ 1 when shrunk to fit
	rtl  bool    // right-to-left document: lines start at the right
	lang string  // the page's language
	// easy is set for an easy-to-read page: each sentence of our own
	// running text starts a new line (see style.sentences).
	easy  bool
	items []Item
	// skipped counts the items a builder that only measures did not
	// add: what a page tried at a scale would hold, to make room for
	// when it is drawn at that scale (see layAbove).
	skipped int
	// tree is the document's structure, which the builder adds its
	// nodes to under node at; nil when no structure is kept.
	tree *tree
	at   int
	// lines counts the wrapped lines of each user field, to name the
	// biggest one when a page overflows.
	lines map[string]int
	// fitting is set in a pass that only finds out whether a page fits at
	// a scale (see layAbove): it neither draws nor counts lines, which
	// only the pass that draws the page reports an overflow with.
	fitting bool
	err     *FieldError
	// tight is set when some text does not fit its space at this scale
	// (a word wider than its column): the page does not fit, and if it
	// does not at the smallest scale either, this is the error.
	tight *FieldError
}

// dir is the direction of the paragraphs this builder sets, for the
// measurer: a bilingual page has parts in both, each its own builder.
func (b *builder) dir() typeset.Direction { return typeset.DirectionOf(b.rtl) }

// part lays out one language's part of a page in the box x..x+w, in that
// language's direction, and marks its text with the language when it is
// not the page's. A part whose direction differs from the page's is laid
// out in the mirror image of its box and then mirrored into place, the
// way a whole right-to-left page is (see mirror).
//
// In the structure, a part in another language than the page's is a
// Part of its own, marked with its language.
func (b *builder) part(doc content.Document, pageW, x, w float64, draw func(b *builder, x, w float64) float64) float64 {
	start := len(b.items)
	defer func() {
		if doc.Lang != b.lang {
			tagLang(b.items[start:], doc.Lang)
		}
	}()
	if doc.Lang != b.lang && b.tree != nil && !b.dry && b.tree.lang(b.at) != doc.Lang {
		at := b.at
		b.at = b.open(Node{Role: RolePart, Lang: doc.Lang})
		defer func() { b.at = at }()
	}
	rtl := doc.Direction == "rtl"
	if rtl == b.rtl {
		easy := b.easy
		b.easy = doc.EasyRead
		defer func() { b.easy = easy }()
		return draw(b, x, w)
	}
	pb := &builder{m: b.m, dry: b.dry, fitting: b.fitting, k: b.k, rtl: rtl, lang: b.lang, easy: doc.EasyRead, tree: b.tree, at: b.at}
	y := draw(pb, pageW-x-w, w)
	b.items = append(b.items, mirrorItems(pb.items, pageW)...)
	b.skipped += pb.skipped
	for f, n := range pb.lines {
		if b.lines == nil {
			b.lines = map[string]int{}
		}
		b.lines[f] += n
	}
	if pb.err != nil {
		b.fail(pb.err)
	}
	if pb.tight != nil {
		b.tooTight(pb.tight)
	}
	return y
}

// tagLang marks the text among items as being in lang, where it has no
// language yet.
func tagLang(items []Item, lang string) {
	for i := range items {
		if items[i].Kind == KindText && items[i].Lang == "" {
			items[i].Lang = lang
		}
	}
}

// measuring returns a builder that only measures what b would set: b
// itself when it only measures, else a dry copy.
func (b *builder) measuring() *builder {
	if b.dry {
		return b
	}
	m := *b
	m.dry = true
	return &m
}

// measured measures with measure, and unless b only measures, then draws
// knowing the measure (a panel under its text); it returns the measure.
func (b *builder) measured(measure func(m *builder) float64, then func(h float64)) float64 {
	h := measure(b.measuring())
	if !b.dry {
		then(h)
	}
	return h
}

func (b *builder) pt(st style) float64 {
	return math.Max(st.size*b.k, st.min)
}

func (b *builder) add(it Item) {
	if b.dry {
		b.skipped++
		return
	}
	b.items = append(b.items, it)
}

func (b *builder) fail(e *FieldError) {
	if b.err == nil {
		b.err = e
	}
}

func (b *builder) tooTight(e *FieldError) {
	if b.tight == nil {
		b.tight = e
	}
}

// text sets t in a box of width w whose top is y, and returns the y of the
// box's bottom (the last line's descent).
//
// The text is a node of the structure of st's role (a paragraph unless
// st says otherwise), holding the whole text, and its lines belong to it.
func (b *builder) text(t content.Text, st style, x, y, w float64) float64 {
	if t.S == "" {
		return y
	}
	size := b.pt(st)
	met := b.m.Metrics(st.font, size)
	var (
		lines   []typeset.Line
		wrapped bool
		lw      float64 // the longest word's width, in mm
		word    string
	)
	bySentence := b.easy && st.sentences && t.Field == ""
	if m, ok := b.m.(wrapsLongest); ok && !bySentence {
		// One look-up instead of two; the same floats as longestWord's.
		var pt float64
		lines, pt, word = m.WrapLongest(t.S, b.dir(), st.font, size, w/ptToMM)
		lw, wrapped = pt*ptToMM, true
	} else {
		lw, word = b.longestWord(t.S, st)
	}
	// A word is never broken inside: one wider than its space makes the
	// page not fit at this size.
	if lw > w+0.01 {
		b.tooTight(newFieldError(t.Field,
			property.Textf("%q is too long to fit on one line (%.0f mm, the space is %.0f mm)", word, lw, w),
			property.Textf("shorten it")))
	}
	switch {
	case bySentence:
		// One sentence a line, as easy-to-read text is set: a sentence
		// longer than the line wraps, a new one never starts mid-line.
		for _, s := range sentences(t.S) {
			lines = append(lines, b.m.Wrap(s, b.dir(), st.font, size, w/ptToMM)...)
		}
	case !wrapped:
		lines = b.m.Wrap(t.S, b.dir(), st.font, size, w/ptToMM)
	}
	if st.balance && len(lines) > 1 {
		lines = b.balance(t.S, st, size, w, lines)
	}
	if t.Field != "" && !b.fitting {
		if b.lines == nil {
			b.lines = map[string]int{}
		}
		b.lines[t.Field] += len(lines)
	}
	// Each line is as tall as Noto Sans's ascent and descent, or as its
	// glyphs reach if further (Arabic marks), so that nothing touches the
	// line above; Latin lines are evenly spaced at the font's line height.
	gap := (met.LineHeight - met.Ascent - met.Descent) * ptToMM
	baseline, prevDescent := 0.0, 0.0
	for i, l := range lines {
		asc := math.Max(met.Ascent, l.InkAscent) * ptToMM
		desc := math.Max(met.Descent, l.InkDescent) * ptToMM
		if i == 0 {
			baseline = y + asc
		} else {
			baseline += prevDescent + gap + asc
		}
		prevDescent = desc
		lw := l.Width * ptToMM
		if lw > w+0.01 {
			b.tooTight(newFieldError(t.Field, property.Textf("a word is too wide to fit its space"), property.Textf("shorten it")))
		}
		lx := x
		switch st.align {
		case alignCenter:
			lx = x + (w-lw)/2
		case alignEnd:
			lx = x + w - lw
		}
		if b.dry {
			b.skipped++
			continue // a measuring run needs only the lines' heights
		}
		runs := make([]Run, len(l.Runs))
		for j, r := range l.Runs {
			runs[j] = Run{X: round(r.X * ptToMM), Y: round(r.Y * ptToMM), Text: r.Text, Face: r.Face, Glyph: r.Glyph, Span: r.Span}
		}
		c := st.color
		b.add(Item{
			Kind: KindText, X: round(lx), Y: round(baseline),
			W: round(lw), H: round(asc + desc), Ascent: round(asc),
			Font: st.font, Size: round(size), Runs: runs, Field: t.Field, Fill: &c,
			Lang: t.Lang, Order: readingOrder(l.Runs),
		})
	}
	if len(lines) == 0 {
		return y
	}
	if !b.dry {
		node := b.at
		switch st.role {
		case inline:
		case decoration:
			node = 0
		default:
			n := Node{Role: cmpOr(st.role, RoleP), Text: t.S, Lang: t.Lang, Field: t.Field}
			switch {
			case st.tel:
				n.Tel = t.S
			case t.Field == "":
				// Our own sentences name 112 and 114 14.
				n.Tels = content.Numbers(t.S)
			}
			node = b.open(n)
		}
		setNode(b.items[len(b.items)-len(lines):], node)
	}
	return baseline + prevDescent
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// readingOrder returns the indices of runs in reading order, by where
// their text stands in the paragraph; nil when that is the order they
// are in, left to right. The glyphs of one cluster keep their order.
func readingOrder(runs []typeset.Run) []int {
	if slices.IsSortedFunc(runs, func(a, b typeset.Run) int { return a.At - b.At }) {
		return nil
	}
	// Sorted as one number each, the place above the index: no two are
	// equal, so an unstable sort gives the stable order, and far faster
	// than a stable sort of indices does on a right-to-left line, whose
	// hundreds of runs (a cluster each) come in reverse.
	order := make([]int, len(runs))
	for i, r := range runs {
		order[i] = r.At<<32 | i
	}
	slices.Sort(order)
	for i := range order {
		order[i] &= 1<<32 - 1
	}
	return order
}

// balance returns s wrapped into as many lines as lines, at the narrowest
// width that still gives that many, so that the last line is not a word
// alone.
func (b *builder) balance(s string, st style, size, w float64, lines []typeset.Line) []typeset.Line {
	n := len(lines)
	// Never narrower than the longest word: that would break it.
	lw, _ := b.longestWord(s, st)
	lo, hi := lw/ptToMM, w/ptToMM
	const halvings = 12
	var out []typeset.Line
	if m, ok := b.m.(balancer); ok {
		out = m.WrapBalanced(s, b.dir(), st.font, size, lo, hi, n, halvings)
	} else {
		for range halvings {
			mid := (lo + hi) / 2
			if len(b.m.Wrap(s, b.dir(), st.font, size, mid)) > n {
				lo = mid
			} else {
				hi = mid
			}
		}
		out = b.m.Wrap(s, b.dir(), st.font, size, hi)
	}
	if len(out) == n {
		return out
	}
	return lines
}

// balancer is a Measurer that balances a text's lines itself, and keeps
// what it found (typeset.Engine does).
type balancer interface {
	// WrapBalanced returns s wrapped at the width that halvings
	// halvings of [lo, hi] find for at most n lines, as balance does.
	WrapBalanced(s string, dir typeset.Direction, font typeset.FontID, size, lo, hi float64, n, halvings int) []typeset.Line
}

// sentences splits a text after each full stop, question mark or
// exclamation mark that a space follows.
func sentences(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i := 0; i+1 < len(rs); i++ {
		switch rs[i] {
		case '.', '?', '!', '؟', '።', '፧':
			if rs[i+1] == ' ' {
				out = append(out, strings.TrimSpace(string(rs[start:i+1])))
				start = i + 2
			}
		}
	}
	if rest := strings.TrimSpace(string(rs[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}

// longestWord returns the width in mm of the widest piece of s that may
// not be broken, and the piece.
func (b *builder) longestWord(s string, st style) (float64, string) {
	w, word := b.m.LongestWord(s, b.dir(), st.font, b.pt(st))
	return w * ptToMM, word
}

// width returns the width of t on one line, in mm.
func (b *builder) width(s string, st style) float64 {
	if m, ok := b.m.(oneLine); ok {
		// The same float: the widest line times ptToMM is the widest
		// of the lines times ptToMM, as multiplying by a positive number
		// keeps the order of floats.
		return m.Measure(s, b.dir(), st.font, b.pt(st)) * ptToMM
	}
	w := 0.0
	for _, l := range b.m.Wrap(s, b.dir(), st.font, b.pt(st), math.Inf(1)) {
		w = math.Max(w, l.Width*ptToMM)
	}
	return w
}

// wrapsLongest is a Measurer that wraps a text and finds its longest
// word at once (typeset.Engine does).
type wrapsLongest interface {
	// WrapLongest returns what Wrap and LongestWord return.
	WrapLongest(s string, dir typeset.Direction, font typeset.FontID, size, maxWidth float64) ([]typeset.Line, float64, string)
}

// oneLine is a Measurer that measures a text on one line without
// wrapping it (typeset.Engine does): the address is measured at every
// scale a page is tried at, and each of its parts joined anew.
type oneLine interface {
	// Measure returns the width of the widest line Wrap gives s with no
	// limit, in points.
	Measure(s string, dir typeset.Direction, font typeset.FontID, size float64) float64
}

func (b *builder) rect(x, y, w, h, radius float64, fill Color) {
	b.add(Item{Kind: KindRect, X: round(x), Y: round(y), W: round(w), H: round(h), Radius: round(radius), Fill: &fill})
}

// qr places the QR code of the link t in the square x, y, side (mm, the
// quiet zone included), whose modules must be at least minModule mm: a
// link too long for that is a problem with t's field, found here so that
// a layout that succeeds can be rendered.
//
// alt describes the code in words, for the structure.
func (b *builder) qr(t content.Text, alt string, x, y, side, minModule float64) {
	if b.dry {
		b.skipped++
		return // where the code goes is known; whether it is readable is asked once
	}
	it := Item{Kind: KindQR, X: round(x), Y: round(y), W: round(side), H: round(side), Data: t.S, Field: t.Field, MinModule: minModule}
	// A link that opens its page, and in it the code as a figure that
	// says where it leads.
	link := b.open(Node{Role: RoleLink, URI: t.S, Alt: alt, Field: t.Field})
	b.in(link, func() { it.Node = b.open(Node{Role: RoleFigure, Alt: alt}) })
	if _, err := qr.Encode(it.Data, it.W, it.MinModule); err != nil {
		var long *qr.TooLongError
		if errors.As(err, &long) {
			b.fail(newFieldError(t.Field,
				property.Textf("the link is %d characters, too long for a readable %.0f mm QR code", long.Length, long.Side),
				property.Textf("use a link of at most %d characters, for example a short address on the landlord's own site", long.Max)))
		} else {
			b.fail(&FieldError{Field: t.Field, Problem: err.Error()})
		}
	}
	b.add(it)
}

func (b *builder) line(x1, y1, x2, y2, width float64, c Color) {
	b.add(Item{Kind: KindLine, Points: []Point{{round(x1), round(y1)}, {round(x2), round(y2)}}, Stroke: &c, LineWidth: round(width)})
}

// entry sets a name with its phone number at the end of the line (the
// number never wraps), and the detail below.
//
// In the structure it is a list item: the name its label, the number
// and the details its body.
func (b *builder) entry(e content.Entry, name, phone, detail style, x, y, w float64) float64 {
	li := b.open(Node{Role: RoleLI})
	var lbl, body int
	b.in(li, func() {
		lbl = b.open(Node{Role: RoleLbl, Text: e.Name.S, Lang: e.Name.Lang, Field: e.Name.Field})
		body = b.open(Node{Role: RoleLBody})
	})
	name = as(name, inline)
	phone.tel = true
	at := b.at
	defer func() { b.at = at }()
	// Each text goes into its node: the name into the label, the rest
	// into the body (see text).
	nameIn := func(draw func() float64) float64 {
		var y float64
		b.in(lbl, func() { y = draw() })
		return y
	}
	if body != 0 {
		b.at = body
	}
	pw := b.width(e.Phone.S, phone)
	if pw > w {
		b.tooTight(newFieldError(e.Phone.Field, property.Textf("the number is too wide to fit on one line"), property.Textf("check the number")))
		return y
	}
	gap := 3.0
	nameW := w - pw - gap
	top := y
	if nameW < w*0.4 {
		// Number on a line of its own under the name.
		y = nameIn(func() float64 { return b.text(e.Name, name, x, y, w) })
		y = b.text(e.Phone, phone, x, y+0.5, w)
	} else {
		// Share the first line's baseline.
		nm := b.m.Metrics(name.font, b.pt(name))
		pm := b.m.Metrics(phone.font, b.pt(phone))
		y1 := nameIn(func() float64 { return b.text(e.Name, name, x, top, nameW) })
		py := top + (nm.Ascent-pm.Ascent)*ptToMM
		y2 := b.text(e.Phone, phone, x+w-pw, py, pw+0.01)
		y = math.Max(y1, y2)
	}
	for _, d := range e.Details {
		y = b.text(d, detail, x, y+0.6, w)
	}
	return y
}

// biggestField returns the user field with the most lines, for an error
// about a page that overflows.
func (b *builder) biggestField() string {
	best, n := "", 0
	for f, c := range b.lines {
		if c > n || (c == n && f < best) {
			best, n = f, c
		}
	}
	return best
}

// mix returns a blended toward white by t (0: a, 1: white).
func mix(a Color, t float64) Color {
	var c Color
	for i := range a {
		c[i] = uint8(math.Round(float64(a[i]) + (255-float64(a[i]))*t))
	}
	return c
}

// fit finds the largest text scale in [kmin, kmax] at which layout reports
// that everything fits, by bisection. ok is false when even kmin does not.
func fit(kmin, kmax float64, fits func(k float64) bool) (k float64, ok bool) {
	k, ok, _ = fitAbove(kmin, kmax, 0, fits)
	return k, ok
}

// fitAbove is fit, which stops and reports below as soon as the scale it
// would find is certain to be less than floor: when a scale at or under
// floor does not fit. Until then it asks fits the same questions as fit,
// so a scale it does return is fit's.
func fitAbove(kmin, kmax, floor float64, fits func(k float64) bool) (k float64, ok, below bool) {
	if fits(kmax) {
		return kmax, true, false
	}
	lo, hi := kmin, kmax
	fitted := false // whether some scale above kmin was seen to fit
	for hi-lo > 0.01 {
		if hi <= floor {
			return 0, false, true // what is found is below hi
		}
		mid := (lo + hi) / 2
		if fits(mid) {
			lo, fitted = mid, true
		} else {
			hi = mid
		}
	}
	if !fitted && !fits(kmin) {
		return kmin, false, false
	}
	return lo, true, lo < floor
}
