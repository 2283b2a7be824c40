package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"huskurage/layout"
	"huskurage/qr"
	"huskurage/typeset"
)

// Options control what is not part of the layout.
type Options struct {
	// Date is written as the creation and modification date. Give a fixed
	// date for byte-identical output.
	Date time.Time
	// CMYK draws every colour in the inks of offset printing on coated
	// paper (FOGRA39) instead of sRGB, and writes each page's TrimBox and
	// BleedBox: for a print shop (see cmyk.go and pdfx.go).
	CMYK bool
}

// DefaultDate is the date written when none is given: a fixed date, so
// that the same input always gives the same bytes.
var DefaultDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Renderer is the PDF backend: it draws documents with fonts, which it
// prepares once per process (see font.go). It is safe for concurrent use.
type Renderer struct {
	fonts *typeset.Fonts
	opts  Options
	// viaFpdf draws every document's page contents through fpdf, as a
	// document with a logo is (see content.go): for tests.
	viaFpdf bool
}

// New returns a PDF renderer that draws text with fonts.
func New(fonts *typeset.Fonts, opts Options) *Renderer {
	return &Renderer{fonts: fonts, opts: opts}
}

// Ext returns ".pdf".
func (r *Renderer) Ext() string { return ".pdf" }

// PerPage is false: a PDF holds every page of a document.
func (r *Renderer) PerPage() bool { return false }

// Render writes doc as a PDF to w. Nothing is written when an error is
// returned.
func (r *Renderer) Render(w io.Writer, doc *layout.Doc) error {
	b, err := r.Bytes(doc)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// fpdfOutput holds what fpdf writes until finish has made the file of it.
var fpdfOutput = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Bytes returns doc as a PDF.
func (r *Renderer) Bytes(doc *layout.Doc) ([]byte, error) {
	if len(doc.Pages) == 0 {
		return nil, fmt.Errorf("render %s: no pages", doc.Kind)
	}
	fonts, opts := r.fonts, r.opts
	date := opts.Date
	if date.IsZero() {
		date = DefaultDate
	}
	// The logo, and for a print shop its inks; an error is said after
	// the fonts', as it was when fpdf was given the logo after the fonts.
	var (
		logo    preparedLogo
		inks    *cmykLogo
		img     *fpdfImage // as fpdf writes it, for skeleton
		logoErr error
	)
	if doc.Logo != nil {
		logo, logoErr = prepareLogo(doc.Logo)
		if opts.CMYK && logoErr == nil {
			inks, logoErr = logoInCMYK(doc.Logo)
			logo = preparedLogo{data: logoPlaceholder(), kind: "PNG"}
		}
		if logoErr == nil && !r.viaFpdf {
			img, logoErr = fpdfImageOf(logo)
		}
	}
	// A document is written past fpdf: its contents (content.go) and its
	// objects (skeleton.go), as fpdf writes them, unless its logo or its
	// information is one skeleton does not write.
	direct := (doc.Logo == nil || img != nil && logoSized(doc)) && !r.viaFpdf && skeletonText(doc.Title) && skeletonText(doc.Subject) && skeletonText(doc.Author)
	var pdf *fpdf.Fpdf
	if !direct {
		first := doc.Pages[0]
		pdf = fpdf.NewCustom(&fpdf.InitType{
			OrientationStr: "P",
			UnitStr:        "mm",
			Size:           fpdf.SizeType{Wd: first.W, Ht: first.H},
		})
		pdf.SetCompression(false) // page contents are compressed by finish
		pdf.SetCatalogSort(true)
		pdf.SetCreationDate(date.UTC())
		pdf.SetModificationDate(date.UTC())
		pdf.SetAutoPageBreak(false, 0)
		pdf.SetMargins(0, 0, 0)
		pdf.SetTitle(doc.Title, true)
		pdf.SetSubject(doc.Subject, true)
		pdf.SetAuthor(doc.Author, true)
		pdf.SetCreator("huskurage", true)
		pdf.SetProducer("huskurage", true)
		pdf.SetLang(doc.Lang)
		pdf.SetLineCapStyle("round")
	}
	families, err := registerFonts(pdf, doc, fonts, direct)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", doc.Kind, err)
	}
	defer families.release()

	name := "" // the logo's name with fpdf
	if opts.CMYK {
		families.press = newPress()
	}
	if doc.Logo != nil {
		name = "logo"
		if logoErr != nil {
			return nil, fmt.Errorf("render %s: %w", doc.Kind, logoErr)
		}
		if direct {
			families.img = img
		} else {
			pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: logo.kind}, bytes.NewReader(logo.data))
		}
	}
	tags := newTagging(doc, !opts.CMYK, date)
	families.tagged, families.tags = tags != nil, tags
	for i, p := range doc.Pages {
		families.addPage(pdf, p.W, p.H)
		for _, it := range p.Items {
			if tags != nil {
				if err := tags.mark(pdf, families, i, it, p.H); err != nil {
					return nil, fmt.Errorf("render %s: %w", doc.Kind, err)
				}
			}
			if err := draw(pdf, it, name, families); err != nil {
				return nil, fmt.Errorf("render %s: %w", doc.Kind, err)
			}
		}
		if tags != nil {
			tags.endPage(pdf, families, i)
		}
	}
	buf := fpdfOutput.Get().(*bytes.Buffer)
	defer fpdfOutput.Put(buf)
	buf.Reset()
	if direct {
		info := docInfo{title: doc.Title, subject: doc.Subject, author: doc.Author, lang: doc.Lang, date: date}
		b, err := skeleton(buf.AvailableBuffer(), families.sizes, families.added, img, info)
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", doc.Kind, err)
		}
		buf.Write(b)
	} else {
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("render %s: %w", doc.Kind, err)
		}
		if err := pdf.Output(buf); err != nil {
			return nil, fmt.Errorf("render %s: %w", doc.Kind, err)
		}
	}
	out, err := finish(buf.Bytes(), families.subsets, tags, families.pages())
	if err == nil && opts.CMYK {
		out, err = pressFinish(out, doc, inks)
	}
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", doc.Kind, err)
	}
	return out, nil
}

// logoSized reports whether every picture of doc is given its size:
// fpdf works out a size left out from the image's own, and skeleton
// does not.
func logoSized(doc *layout.Doc) bool {
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if it.Kind == layout.KindImage && !(it.W > 0 && it.H > 0) {
				return false
			}
		}
	}
	return true
}

func draw(pdf *fpdf.Fpdf, it layout.Item, logo string, fonts *docFonts) error {
	if it.Kind == layout.KindText {
		// Text sets its colour inside its own q … Q: fpdf's would be a
		// line of content for nothing. Text in another language than the
		// document's says so, for screen readers: in a tagged document,
		// its structure element does.
		lang := it.Lang != "" && !fonts.tagged
		if lang {
			fonts.raw(pdf, appendLang(fonts.buf[:0], it.Lang))
		}
		drawText(pdf, it, fonts)
		if lang {
			fonts.rawStr(pdf, "EMC")
		}
		return nil
	}
	style := ""
	if it.Fill != nil {
		// As fpdf's SetFillColor writes it, without its Sprintf.
		fonts.raw(pdf, fonts.fillColor(fonts.buf[:0], *it.Fill))
		style += "F"
	}
	if it.Stroke != nil {
		fonts.strokeColor(pdf, *it.Stroke)
		fonts.setLineWidth(pdf, it.LineWidth)
		style += "D"
	}
	switch it.Kind {
	case layout.KindRect:
		if it.Radius > 0 {
			drawRoundedRect(pdf, fonts, it.X, it.Y, it.W, it.H, it.Radius, it.Fill != nil, it.Stroke != nil)
		} else {
			fonts.rect(pdf, it.X, it.Y, it.W, it.H, style)
		}
	case layout.KindCircle:
		drawCircle(pdf, fonts, it.X, it.Y, it.Radius, it.Fill != nil, it.Stroke != nil)
	case layout.KindLine:
		fonts.line(pdf, it.Points[0].X, it.Points[0].Y, it.Points[1].X, it.Points[1].Y)
	case layout.KindPoly:
		fonts.polygon(pdf, it.Points, style)
	case layout.KindImage:
		if logo == "" {
			return fmt.Errorf("the layout places a logo but the document has none")
		}
		fonts.image(pdf, logo, it.X, it.Y, it.W, it.H)
	case layout.KindQR:
		return drawQR(pdf, it, fonts)
	default:
		return fmt.Errorf("unknown item kind %q", it.Kind)
	}
	return nil
}

// drawText writes one line of text as few text objects as it can: one
// per code page used, each a TJ array whose numbers move the next piece
// to where the shaper put it (kerning). The fill colour is set inside
// q … Q so that fpdf's own colour state is left alone; the font is set
// through fpdf, outside q … Q, and only when it changes.
func drawText(pdf *fpdf.Fpdf, it layout.Item, fonts *docFonts) {
	k, pageH := fonts.k, fonts.h
	color := fonts.textColor(fonts.color[:0], it.Fill)
	fonts.color = color
	var (
		sb       = fonts.buf[:0]
		family   string
		expected float64 // mm: where the open TJ's next piece would start
		open     bool
	)
	rise := 0.0 // mm, the text rise in force in the open text object
	closeTJ := func() {
		if open {
			if rise != 0 {
				sb = append(sb, "] TJ 0 Ts ["...)
			}
			sb = append(sb, "] TJ ET Q"...)
			fonts.raw(pdf, sb)
			sb = sb[:0]
			open = false
		}
	}
	var (
		actual  []rune // the text of an ActualText span to open before the next glyph
		spanEnd = -1   // the last run of the open span
	)
	// Runs are drawn in reading order (the layout's Order), each where
	// it is seen: a reader that takes text in the order it is drawn
	// gets right-to-left text as it is read.
	for oi := range it.Runs {
		ri := oi
		if it.Order != nil {
			ri = it.Order[oi]
		}
		r := it.Runs[ri]
		x := it.X + r.X
		var pieces []piece
		ofRun := r.Glyph == 0 // pieces of the run's text, whose family is the document's
		if r.Glyph != 0 {
			g := fonts.glyphs[glyphKey{it.Font, r.Face, r.Glyph, r.Text}]
			pieces = []piece{{text: string([]byte{g.code}), width: g.width, family: g.family}}
			if r.Span > 1 && ri+r.Span <= len(it.Runs) && oneFamily(it, ri, fonts) {
				// Glyphs that draw one cluster together (a letter with a
				// placed vowel mark, a lam-alef with one): a reader takes
				// their texts together, in place of each glyph's, and
				// keeps the mark in its word. The span stays inside one
				// text object.
				actual = actual[:0]
				for _, o := range it.Runs[ri : ri+r.Span] {
					actual = append(actual, []rune(o.Text)...)
				}
				if len(actual) > 0 { // the span is closed only if it was opened
					spanEnd = ri + r.Span - 1
				}
			} else if r.Span == 0 && utf8.RuneCountInString(r.Text) > 1 && rightToLeft(r.Text) {
				// A ligature of right-to-left letters (lam-alef).
				actual = append(actual[:0], []rune(r.Text)...)
				spanEnd = ri
			}
			if len(actual) > 0 && rightToLeft(string(actual)) {
				// poppler reads a span's text, as every glyph's, as
				// drawn left to right, and turns a right-to-left word
				// around as a whole: it is given the span's letters in
				// that order. The glyphs' ToUnicode texts, which readers
				// that take text in drawing order use, are in reading
				// order.
				slices.Reverse(actual)
			}
		} else {
			// Runs are drawn in the order registerFonts encoded them.
			pieces = fonts.runs[fonts.next]
			fonts.next++
		}
		for _, pc := range pieces {
			if ofRun {
				pc.family = fonts.family[familyKey{it.Font, r.Face, pc.page}]
			}
			if pc.family != family {
				closeTJ()
				family = pc.family
			}
			if !open {
				// The font is set inside q … Q, so each text object sets
				// its own.
				sb = append(sb, "q "...)
				sb = append(sb, color...)
				sb = append(sb, " BT /"...)
				sb = append(sb, family...)
				sb = append(sb, ' ')
				sb = append(sb, fonts.sizeOf(it.Size)...)
				sb = append(sb, " Tf "...)
				sb = appendF(sb, x*k, 3)
				sb = append(sb, ' ')
				sb = appendF(sb, (pageH-it.Y)*k, 3)
				sb = append(sb, " Td ["...)
				open = true
				rise = 0
			} else if d := x - expected; d > 0.0005 || d < -0.0005 {
				sb = append(sb, ' ')
				sb = appendF(sb, -d*k*1000/it.Size, 1)
				sb = append(sb, ' ')
			}
			if len(actual) > 0 {
				sb = append(sb, "] TJ "...)
				if fonts.tags != nil && fonts.tags.open > 0 {
					// In a structure element's marked content, the span
					// is a sequence of the element's own: readers of the
					// structure lose track of nested marked content.
					sb = fonts.tags.reopen(sb, actual)
				} else {
					sb = appendActualText(sb, actual)
				}
				sb = append(sb, " ["...)
				actual = actual[:0]
			}
			// A mark the font places above or below: text rise, inside the
			// same text object, so readers keep it with its letter.
			if r.Y != rise {
				sb = append(sb, "] TJ "...)
				sb = appendF(sb, r.Y*k, 3)
				sb = append(sb, " Ts ["...)
				rise = r.Y
			}
			sb = appendString(sb, pc.text)
			x += pc.width / 1000 * it.Size / k
			expected = x
		}
		if ri == spanEnd {
			sb = append(sb, "] TJ "...)
			if fonts.tags != nil && fonts.tags.open > 0 {
				sb = fonts.tags.reopen(sb, nil)
			} else {
				sb = append(sb, "EMC"...)
			}
			sb = append(sb, " ["...)
			spanEnd = -1
		}
	}
	closeTJ()
	fonts.buf = sb
}

// sizeOf returns a font size as text objects set it: as the layout keeps
// it, to 0.001 pt (cut to 0.01, a line drifts from where its runs were
// placed: 0.1 px over a leaflet's line at 96 dpi). The shortest form of
// a float is slow to find, and a line of Arabic opens a text object for
// each of its fonts' pages: the last size's text is kept.
func (df *docFonts) sizeOf(size float64) []byte {
	if math.Float64bits(size) != math.Float64bits(df.size) || df.sizeText == nil {
		df.size = size
		df.sizeText = strconv.AppendFloat(df.sizeText[:0], math.Round(size*1000)/1000, 'f', -1, 64)
	}
	return df.sizeText
}

// rightToLeft reports whether s has a letter or mark of a right-to-left
// script.
func rightToLeft(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana) {
			return true
		}
	}
	return false
}

// oneFamily reports whether the glyphs of the span that starts at run i
// are all in one font, so that the span fits in one text object.
func oneFamily(it layout.Item, i int, fonts *docFonts) bool {
	r := it.Runs[i]
	fam := fonts.glyphs[glyphKey{it.Font, r.Face, r.Glyph, r.Text}].family
	for _, o := range it.Runs[i+1 : i+r.Span] {
		if o.Glyph == 0 || fonts.glyphs[glyphKey{it.Font, o.Face, o.Glyph, o.Text}].family != fam {
			return false
		}
	}
	return true
}

// appendLang opens a marked-content span of text in the language lang, a
// BCP 47 code (letters, digits and hyphens only).
func appendLang(b []byte, lang string) []byte {
	b = append(b, "/Span <</Lang ("...)
	for i := 0; i < len(lang); i++ {
		if c := lang[i]; c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			b = append(b, c)
		}
	}
	return append(b, ")>> BDC"...)
}

// appendActualText opens a marked-content span whose text a reader takes
// in place of the glyphs inside it: s as UTF-16 with a byte order mark.
func appendActualText(b []byte, s []rune) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, "/Span <</ActualText <FEFF"...)
	for _, u := range utf16.Encode(s) {
		b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
	}
	return append(b, ">>> BDC"...)
}

// appendF appends v with prec decimals, as fmt's %.Nf does.
//
// A page's content is mostly such numbers (coordinates, sizes, colours),
// and strconv's exact formatting was 4% of a leaflet's CPU. Numbers of a
// page are small and few decimals are asked for, so v×10^prec is formed
// in floating point and rounded to an integer, which is written with its
// decimal point. Below 2^52 every half (k+½) is a float, and rounding a
// product to a float never passes one, so the product lies on the same
// side of each half as the exact value, or on it; on a half, where
// strconv rounds the exact value (to even on a true tie), strconv writes
// it, as it does numbers too large and more decimals.
func appendF(b []byte, v float64, prec int) []byte {
	if prec < 0 || prec >= len(pow10) {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	m := math.Abs(v) * pow10[prec]
	if !(m < 1<<52) { // NaN too
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	whole := math.Floor(m)
	frac := m - whole // exact
	if frac == 0.5 {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	n := uint64(whole)
	if frac > 0.5 {
		n++
	}
	if math.Signbit(v) {
		b = append(b, '-') // as strconv: -0.000 for a negative number that rounds to 0
	}
	p := uint64(pow10[prec])
	b = strconv.AppendUint(b, n/p, 10)
	if prec > 0 {
		b = append(b, '.')
		var d [4]byte
		r := n % p
		for i := prec - 1; i >= 0; i-- {
			d[i] = byte('0' + r%10)
			r /= 10
		}
		b = append(b, d[:prec]...)
	}
	return b
}

// pow10 are the decimals appendF writes itself.
var pow10 = [...]float64{1, 10, 100, 1000, 10000}

// appendString appends s as a PDF literal string.
func appendString(b []byte, s string) []byte {
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, "\\r"...)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// qrPaths are the path operators of recent codes (see qrPath), by code:
// qr.Encode returns the same *qr.Code for the same link while it is
// cached, so a batch makes each path once.
var qrPaths cache[*qr.Code, []byte]

// qrPath returns the dark modules of c as one rectangle per horizontal
// run, a hair taller than a module so that rows overlap and no seam shows
// between them, then the fill.
//
// Every link of a batch has its own code, so its path is made once per
// leaflet: its numbers (below 178, the modules of a row) are copied from
// a table rather than formatted.
func qrPath(c *qr.Code) []byte {
	if b, ok := qrPaths.get(c); ok {
		return b
	}
	n := c.Size()
	b := make([]byte, 0, 3*n*n+3) // about a quarter of the modules start a run of 12 bytes
	for r, row := range c.Modules {
		for col := 0; col < n; {
			if !row[col] {
				col++
				continue
			}
			start := col
			for col < n && row[col] {
				col++
			}
			b = appendSmall(b, start)
			b = append(b, ' ')
			b = appendSmall(b, r)
			b = append(b, ' ')
			b = appendSmall(b, col-start)
			b = append(b, " 1.02 re\n"...)
		}
	}
	b = append(b, "f Q"...)
	qrPaths.put(c, b)
	return b
}

// smallNumbers are the decimal digits of 0 to 255, three bytes each,
// padded in front with zeros.
var smallNumbers = func() (t [256 * 3]byte) {
	for i := range 256 {
		t[3*i], t[3*i+1], t[3*i+2] = byte('0'+i/100), byte('0'+i/10%10), byte('0'+i%10)
	}
	return t
}()

// appendSmall appends the decimal number n (not negative).
func appendSmall(b []byte, n int) []byte {
	switch {
	case n < 10:
		return append(b, byte('0'+n))
	case n < 100:
		return append(b, smallNumbers[3*n+1:3*n+3]...)
	case n < 256:
		return append(b, smallNumbers[3*n:3*n+3]...)
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// qrError is the error of a code that cannot be drawn: a link too long
// is a problem with the item's field. (A layout refuses such a link
// itself; a page made by hand may not have.)
func qrError(it layout.Item, err error) error {
	var long *qr.TooLongError
	if errors.As(err, &long) {
		return &layout.FieldError{Field: it.Field, Problem: long.Problem(), Hint: long.Hint()}
	}
	return err
}

// drawQR draws the code as black squares on a white square that includes
// the quiet zone. The squares are one path in module units: each
// horizontal run of dark modules is one rectangle, a hair taller than a
// module so that rows overlap and no seam shows between them.
func drawQR(pdf *fpdf.Fpdf, it layout.Item, fonts *docFonts) error {
	q, err := qr.Encode(it.Data, it.W, it.MinModule)
	if err != nil {
		return qrError(it, err)
	}
	m := q.Module(it.W)
	if fonts.press != nil {
		fonts.raw(pdf, fonts.fillColor(fonts.buf[:0], layout.Color{255, 255, 255}))
	} else {
		fonts.setFillColor(pdf, layout.Color{255, 255, 255})
	}
	fonts.rect(pdf, it.X, it.Y, it.W, it.W, "F")
	k, pageH := fonts.k, fonts.h
	x0, y0 := (it.X+qr.QuietZone*m)*k, (pageH-it.Y-qr.QuietZone*m)*k
	b := append(fonts.buf[:0], "q "...)
	b = fonts.textColor(b, nil) // black: solid black ink alone for a press
	b = append(b, ' ')
	b = appendF(b, m*k, 4)
	b = append(b, " 0 0 "...)
	b = appendF(b, -m*k, 4)
	b = append(b, ' ')
	b = appendF(b, x0, 3)
	b = append(b, ' ')
	b = appendF(b, y0, 3)
	b = append(b, " cm\n"...)
	b = append(b, qrPath(q)...)
	fonts.raw(pdf, b)
	fonts.buf = b
	return nil
}

// commonCodes are the WinAnsi codes of printable ASCII and the Swedish
// letters and punctuation of our texts.
var commonCodes = func() (c [4]uint64) {
	set := func(b byte) { c[b/64] |= 1 << (b % 64) }
	for b := byte(0x20); b < 0x7f; b++ {
		set(b)
	}
	for _, b := range []byte{0xc5, 0xc4, 0xd6, 0xe5, 0xe4, 0xf6, 0xc9, 0xe9, 0xdc, 0xfc, 0x96, 0x97, 0xb7, 0x92, 0x93, 0x94} {
		set(b) // Å Ä Ö å ä ö É é Ü ü – — · ’ “ ”
	}
	return c
}()

type familyKey struct {
	font typeset.FontID
	face int
	page int
}

// docFonts are the font subsets registered with one document.
type docFonts struct {
	set    *fontSet
	family map[familyKey]string
	// runs holds every text run that is not a chosen glyph in code-page
	// pieces, in the order of drawing, so that drawing need not encode
	// it again; next is the next run to draw. The pieces are shared with
	// other documents (fontSet.encoded): their family is in family.
	runs   [][]piece
	next   int
	glyphs map[glyphKey]glyphCode
	// subsets are the fonts registered, by family.
	subsets map[string]*docSubset
	// buf, color and rd are reused for what drawing writes past fpdf;
	// sizeText is the text of size (see sizeOf).
	buf, color []byte
	rd         bytes.Reader
	size       float64
	sizeText   []byte
	// press, for a print shop, converts colours to its inks; nil for
	// sRGB.
	press *press
	// tagged is set for a document with a structure (see tagging), and
	// tags is its tagging.
	tagged bool
	tags   *tagging
	// The page being drawn: points per mm and its height in mm.
	k, h float64
	// content, when not nil, holds the page contents (see content.go),
	// from pageStarts on for each page; lineWidth, drawOp and fillOp are
	// what fpdf would hold, for the start of the next page.
	content        *[]byte
	pageStarts     []int
	lineWidth      float64
	drawOp, fillOp string
	// sizes are the pages' sizes (mm, X1 × Y1), and added the families
	// of the fonts added, in order: what skeleton writes.
	sizes []layout.Box
	added []string
	img   *fpdfImage // the logo, if the document has one
}

// docSubset is a subset registered with a document, and the name of
// its font resource, which text is drawn with.
type docSubset struct {
	sub *subsetFont
	res string
}

// add registers sub with pdf, as a placeholder that finish replaces, and
// returns its resource name. Text is drawn past fpdf, with the fonts'
// own resource names (F1, F2, …), which finish also writes into the
// document's resources in place of fpdf's names for the placeholders.
func (df *docFonts) add(pdf *fpdf.Fpdf, sub *subsetFont) string {
	if ds := df.subsets[sub.family]; ds != nil {
		return ds.res
	}
	if df.direct() {
		df.added = append(df.added, sub.family)
	} else {
		pdf.AddFontFromBytes(sub.family, "", sub.placeholder, nil)
	}
	ds := &docSubset{sub: sub, res: "F" + strconv.Itoa(len(df.subsets)+1)}
	df.subsets[sub.family] = ds
	return ds.res
}

// glyphKey is a glyph the shaper chose, with the text it stands for.
type glyphKey struct {
	font typeset.FontID
	face int
	gid  int
	text string
}

// glyphCode is where such a glyph is drawn from: a glyph page's font
// resource and code, and its width in thousandths of an em.
type glyphCode struct {
	family string
	code   byte
	width  float64
}

// registerFonts finds the characters every text item draws, and registers
// one subset per font and code page used.
//
// When direct, the document is written past fpdf (see content.go).
func registerFonts(pdf *fpdf.Fpdf, doc *layout.Doc, fonts *typeset.Fonts, direct bool) (*docFonts, error) {
	set, err := fontSetFor(fonts)
	if err != nil {
		return nil, err
	}
	used := map[familyKey]*[4]uint64{}
	type ff struct {
		font typeset.FontID
		face int
	}
	glyphLists := map[ff][]glyphKey{}
	var glyphOrder []ff
	df := &docFonts{set: set, family: map[familyKey]string{}, glyphs: map[glyphKey]glyphCode{}, subsets: map[string]*docSubset{}}
	if direct {
		df.startDirect()
	}
	n := 0 // runs, at most
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			n += len(it.Runs)
		}
	}
	df.runs = make([][]piece, 0, n)
	// The codes used of the last font page a run used: most runs are in
	// the font and on the page of the run before.
	var (
		lastKey  familyKey
		lastUsed *[4]uint64
	)
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if it.Kind != layout.KindText {
				continue
			}
			for oi := range it.Runs {
				r := it.Runs[oi]
				if it.Order != nil { // as drawText draws them
					r = it.Runs[it.Order[oi]]
				}
				if r.Face < 0 || r.Face >= set.families() {
					return nil, fmt.Errorf("%s: no font family %d", it.Field, r.Face)
				}
				if r.Glyph != 0 {
					gk := glyphKey{it.Font, r.Face, r.Glyph, r.Text}
					if _, seen := df.glyphs[gk]; !seen {
						df.glyphs[gk] = glyphCode{}
						k := ff{it.Font, r.Face}
						if glyphLists[k] == nil {
							glyphOrder = append(glyphOrder, k)
						}
						glyphLists[k] = append(glyphLists[k], gk)
					}
					continue
				}
				enc, err := set.encoded(it.Font, r.Face, r.Text)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", it.Field, err)
				}
				df.runs = append(df.runs, enc.pieces)
				for _, pc := range enc.used {
					k := familyKey{it.Font, r.Face, pc.page}
					u := lastUsed
					if k != lastKey || u == nil {
						if u = used[k]; u == nil {
							u = new([4]uint64)
							used[k] = u
						}
						lastKey, lastUsed = k, u
					}
					for i, c := range pc.codes {
						u[i] |= c
					}
				}
			}
		}
	}
	keys := make([]familyKey, 0, len(used))
	for k := range used {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].font != keys[j].font {
			return keys[i].font < keys[j].font
		}
		if keys[i].face != keys[j].face {
			return keys[i].face < keys[j].face
		}
		return keys[i].page < keys[j].page
	})
	for _, k := range keys {
		codes := *used[k]
		if k.page == 0 && k.face == 0 {
			// Round page 0 up to the characters most documents draw, so
			// that documents differing in a letter of an address share
			// one subset from the cache instead of each making its own.
			for i := range codes {
				codes[i] |= commonCodes[i]
			}
		}
		sub, err := set.subset(k.font, k.face, k.page, codes)
		if err != nil {
			return nil, err
		}
		df.family[k] = df.add(pdf, sub)
	}
	// Glyphs the shaper chose, in the order the document first draws
	// them, codesPerPage to a glyph page.
	for _, k := range glyphOrder {
		list := glyphLists[k]
		file, err := set.file(k.font, k.face)
		if err != nil {
			return nil, err
		}
		adv := file.advance
		// Fill glyph pages in order, codesPerPage glyphs to a page.
		var page []glyphEntry
		var keys []glyphKey
		flush := func() error {
			if len(page) == 0 {
				return nil
			}
			sub, err := set.glyphSubset(k.font, k.face, page)
			if err != nil {
				return err
			}
			res := df.add(pdf, sub)
			for i, gk := range keys {
				w := 0.0
				if gk.gid > 0 && gk.gid < len(adv) {
					w = float64(adv[gk.gid])
				}
				df.glyphs[gk] = glyphCode{family: res, code: byte(page[i].code), width: w}
			}
			page, keys = nil, nil
			return nil
		}
		for _, gk := range list {
			if len(page) == codesPerPage {
				if err := flush(); err != nil {
					return nil, err
				}
			}
			page = append(page, glyphEntry{gid: max(gk.gid, 0), text: gk.text, code: firstCode + len(page)})
			keys = append(keys, gk)
		}
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return df, nil
}
