// Package typeset is our text engine: it shapes text with
// github.com/go-text/typesetting (HarfBuzz shaping, kerning, bidi, UAX #14
// line breaking) and turns each wrapped line into runs that a PDF library
// which writes Unicode code points can place exactly.
//
// The PDF library draws a string by adding up each character's nominal
// advance. Wherever the shaper moved a glyph away from that (kerning, mark
// positioning) or chose a glyph other than the character's own, a line is
// cut into a new run that starts at the shaped position. Drawn runs are
// therefore where the shaper put them, and every run is real text, so
// pdftotext gives back the characters in logical order.
package typeset

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"huskurage/assets"
	"huskurage/internal/memo"
)

// FontID names one of the embedded fonts.
type FontID int

// The embedded fonts.
const (
	Regular FontID = iota
	Bold
	numFonts
)

// String returns the font's name as registered with the PDF writer.
func (f FontID) String() string {
	switch f {
	case Regular:
		return "regular"
	case Bold:
		return "bold"
	}
	return fmt.Sprintf("font%d", int(f))
}

// unit is the size we shape at: one em is 1000 units, so advances come out
// in thousandths of the font size, the scale PDF widths use.
const unit = 1000

// Fonts are the parsed embedded fonts: families, each a regular and a
// bold font, in the order they are asked for a character (Noto Sans
// first, so that digits and Latin letters in any text come from it, then
// the fonts of other scripts). They are parsed once per process and
// shared; Engines built on them are not shared between goroutines.
//
// The first family is parsed at once, the others when first asked for
// (Font, Data, Covers, or an Engine looking for a character the first
// lacks): a Swedish or English document never needs the Arabic and
// Ethiopic fonts, whose parsing was 6 of the 45 ms a single build took
// as a whole process.
type Fonts struct {
	families []Family
	fonts    [numFonts][]lazyFont
}

// lazyFont is one font, scaled and parsed once when first needed.
type lazyFont struct {
	once sync.Once
	data []byte
	font *font.Font
	err  error
}

// Family is a regular and a bold TrueType font of one design. Scale,
// when not 0, draws the family that much larger than the others at the
// same point size.
type Family struct {
	Regular, Bold []byte
	Scale         float64
}

// ethiopicScale enlarges Ethiopic text. Its syllables are only as tall
// as a Latin capital, and the small strokes that tell their vowels apart
// (ሀ ሁ ሂ ሃ ሄ ህ ሆ) are hard to see at a leaflet's 8 to 10 points next to
// Latin text of the same size.
const ethiopicScale = 1.12

var (
	defaultOnce  sync.Once
	defaultFonts *Fonts
	defaultErr   error
)

// Default returns the embedded fonts, parsing them on first use.
func Default() (*Fonts, error) {
	defaultOnce.Do(func() {
		defaultFonts, defaultErr = NewFonts(
			Family{Regular: assets.NotoSansRegular, Bold: assets.NotoSansBold},
			Family{Regular: assets.NotoSansEthiopicRegular, Bold: assets.NotoSansEthiopicBold, Scale: ethiopicScale},
			Family{Regular: assets.NotoSansArabicRegular, Bold: assets.NotoSansArabicBold},
		)
	})
	return defaultFonts, defaultErr
}

// NewFonts parses font families, in fallback order: the first now, the
// others when first needed (see Fonts and Check).
func NewFonts(families ...Family) (*Fonts, error) {
	if len(families) == 0 {
		return nil, fmt.Errorf("no font family")
	}
	f := &Fonts{families: families}
	for i := range f.fonts {
		f.fonts[i] = make([]lazyFont, len(families))
	}
	for i := range f.fonts {
		if err := f.load(FontID(i), 0); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// load scales and parses the font of weight id in family fam, once.
func (f *Fonts) load(id FontID, fam int) error {
	l := &f.fonts[id][fam]
	l.once.Do(func() {
		family := f.families[fam]
		data := [numFonts][]byte{family.Regular, family.Bold}[id]
		if family.Scale != 0 {
			var err error
			if data, err = scaleFont(data, family.Scale); err != nil {
				l.err = fmt.Errorf("font %s of family %d: %w", id, fam, err)
				return
			}
		}
		face, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			l.err = fmt.Errorf("parse font %s of family %d: %w", id, fam, err)
			return
		}
		l.data, l.font = data, face.Font
	})
	return l.err
}

// Check parses every font not parsed yet, and returns the first error.
// The embedded fonts are known to parse (a test checks them).
func (f *Fonts) Check() error {
	for i := range f.fonts {
		for fam := range f.fonts[i] {
			if err := f.load(FontID(i), fam); err != nil {
				return err
			}
		}
	}
	return nil
}

// parsed returns the font of weight id in family fam, or nil if it does
// not parse.
func (f *Fonts) parsed(id FontID, fam int) *font.Font {
	if f.load(id, fam) != nil {
		return nil
	}
	return f.fonts[id][fam].font
}

// scaleFont returns a copy of the TrueType font data whose glyphs are
// drawn scale times larger: a smaller em (head.unitsPerEm) makes every
// outline, advance and metric that much larger at a given point size,
// for the shaper, the PDF's widths and the viewer alike, since each
// reads the em from the font.
func scaleFont(data []byte, scale float64) ([]byte, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			break
		}
		if string(data[rec:rec+4]) != "head" {
			continue
		}
		off := int(binary.BigEndian.Uint32(data[rec+8:]))
		if off+20 > len(data) {
			break
		}
		out := bytes.Clone(data)
		upem := float64(binary.BigEndian.Uint16(out[off+18:]))
		binary.BigEndian.PutUint16(out[off+18:], uint16(math.Round(upem/scale)))
		return out, nil
	}
	return nil, fmt.Errorf("no head table")
}

// Font returns the parsed font of weight id in family face, shared:
// a font is safe for concurrent use, its Faces are not.
func (f *Fonts) Font(id FontID, face int) (*font.Font, error) {
	if err := f.load(id, face); err != nil {
		return nil, err
	}
	return f.fonts[id][face].font, nil
}

// Faces returns how many families there are.
func (f *Fonts) Faces() int { return len(f.families) }

// Data returns the font file's bytes, for embedding in a PDF: nil if
// the font does not parse (Font says why).
func (f *Fonts) Data(id FontID, face int) []byte {
	if f.load(id, face) != nil {
		return nil
	}
	return f.fonts[id][face].data
}

// Covers reports whether the fonts can draw r in both weights. Line
// breaks and spaces are always covered.
func (f *Fonts) Covers(r rune) bool {
	if r == ' ' || r == '\n' {
		return true
	}
	for face := range f.families {
		regular, bold := f.parsed(Regular, face), f.parsed(Bold, face)
		if regular == nil || bold == nil {
			continue
		}
		_, ok1 := regular.NominalGlyph(r)
		_, ok2 := bold.NominalGlyph(r)
		if ok1 && ok2 {
			return true
		}
	}
	return false
}

// Run is a piece of one line drawn as a single string.
type Run struct {
	X    float64 // from the line's left edge, in points
	Y    float64 // raised above the baseline, in points (marks placed by the font)
	Text string
	Font FontID
	Face int // which family of Fonts draws it
	// Glyph, when not 0, is the one glyph that draws Text: a contextual
	// form or ligature the shaper chose (Arabic letters join), which is
	// not the glyph the font maps Text's character to. Text may then be
	// several characters (a ligature) or empty (a second glyph of one
	// character).
	Glyph int
	// Span, when more than 1, is the number of runs from this one on
	// whose glyphs together draw one cluster, such as a letter with a
	// vowel mark placed over it or a lam-alef with one: a PDF should give
	// back their texts together, in drawing order (ActualText), so that a
	// reader keeps the mark in its word instead of seeing the glyphs
	// apart.
	Span int
	// At is where the run's text starts in the paragraph, in
	// characters: the runs of a line in the order of At are in reading
	// order. A run of text right to left holds one cluster, so that
	// each has its place in that order.
	At int
}

// Line is one wrapped line of text.
type Line struct {
	Width float64 // in points, trailing spaces left out
	Runs  []Run
	// InkAscent and InkDescent are how far the line's glyphs reach above
	// and below the baseline, in points (positive): an Arabic line with
	// marks reaches further than the font's Latin line height.
	InkAscent, InkDescent float64
}

// Metrics are the font's vertical extents at a size, in points.
type Metrics struct {
	Ascent     float64 // above the baseline
	Descent    float64 // below the baseline, positive
	LineHeight float64 // baseline to baseline
}

// Engine shapes and wraps text. It keeps buffers between calls, so one
// Engine must not be used by two goroutines at once.
type Engine struct {
	fonts *Fonts
	// faces are made when first needed, as the fonts are parsed (see
	// face); a family whose font does not parse has none.
	faces   [numFonts][]*font.Face
	maps    [numFonts]fallback
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	wrapper shaping.LineWrapper
	lineSeg segmenter.Segmenter
	// paras and wraps are texts shaped and wrapped before: a batch's
	// documents share most of theirs (see package memo).
	paras *memo.Map[paraKey, *para]
	wraps *memo.Map[wrapKey, wrapped]
	// balanced are texts balanced before (see WrapBalanced).
	balanced *memo.Map[balanceKey, []Line]
	// extents are each font's vertical extents in font units, and its
	// em, once read (see Metrics).
	extents [numFonts]struct {
		read bool
		ext  font.FontExtents
		upem float64
	}
	// direct sets every line at its own scale, from its glyphs, instead
	// of scaling a line set at unit size: for tests, which hold the two
	// to be the same.
	direct bool
}

// Each cache holds two generations of these many entries: 4,096 wrapped
// texts in all, about eight leaflets' worth, as many as the single
// generation emptied whole when full held before.
const (
	parasKept = 1024
	wrapsKept = 2048
	// A leaflet balances its QR code's caption at each scale its back
	// is tried at: a dozen.
	balancedKept = 256
)

type paraKey struct {
	font FontID
	dir  Direction
	text string
}

type wrapKey struct {
	font        FontID
	dir         Direction
	text        string
	size, width float64
}

// Direction is the direction of a paragraph whose own first letter does
// not say: that of the document it stands in. Right to left for Arabic,
// Persian and Sorani documents. Runs in the other direction inside a
// paragraph (numbers, Latin names) are ordered by the Unicode
// bidirectional algorithm.
type Direction uint8

const (
	LTR Direction = iota // left to right
	RTL                  // right to left
)

// DirectionOf returns RTL when rtl is set, else LTR.
func DirectionOf(rtl bool) Direction {
	if rtl {
		return RTL
	}
	return LTR
}

func (d Direction) shaping() di.Direction {
	if d == RTL {
		return di.DirectionRTL
	}
	return di.DirectionLTR
}

// para is a paragraph shaped once, at unit size, with the places where a
// line may break.
type para struct {
	// runes is the text as shaped: with bidi isolates around its numbers
	// and links when it holds right-to-left text (see isolate).
	runes []rune
	runs  []shaping.Output
	// simple is true for left-to-right text whose glyphs follow the
	// characters' order; such text is wrapped by wrapSimple.
	simple bool
	dir    di.Direction // the paragraph's direction
	spans  []span       // numbers and links, inside their isolates if any
	// breaks[i] tells whether a line may begin at rune i: where UAX #14
	// allows it and mayBreak agrees. Both wrappers break only there.
	breaks []bool
	pieces []piece         // the text between breaks
	glyphs []shaping.Glyph // all runs' glyphs, when simple
	faces  []int           // the family of each glyph, when simple
	levels []int8          // each rune's bidi embedding level, when not simple
	wrapAt []rune          // the text as the general wrapper reads it (see breakText), when not simple
	// longest is the widest piece at size unit, and longestWord its
	// text, once LongestWord has found them (longestDone).
	longest     float64
	longestWord string
	longestDone bool
	// width is p's width on one line at unit size, once Measure has
	// found it (widthDone).
	width     float64
	widthDone bool
	// unitLines are lines of p already set at unit size (scale 1): by
	// their first and last glyph when p is simple, else every line of a
	// wrap by the width and policy it was wrapped with. Every measure of
	// a line is its measure at unit size times the scale (see line), and
	// which glyphs go on a line depends only on the width in units: a
	// layout that tries its text at seven sizes set each line once
	// instead of seven times (see scaled). At most maxUnitLines each,
	// in slices rather than maps: a paragraph keeps a few, and a batch's
	// engine keeps two thousand paragraphs.
	unitLines   []unitLine
	unitWrapped []unitWrapped
}

// unitLine is the line of a simple paragraph's glyphs [g[0], g[1]) at
// unit size.
type unitLine struct {
	g    [2]int
	line Line
}

// unitWrapped is a paragraph wrapped by the general wrapper as w says,
// at unit size.
type unitWrapped struct {
	w     unitWrap
	lines []Line
}

// unitWrap is how the general wrapper was asked to wrap a paragraph:
// the width in units (26.6 fixed point, as the wrapper takes it) and
// whether words may be broken.
type unitWrap struct {
	limit  fixed.Int26_6
	policy shaping.LineBreakPolicy
}

// maxUnitLines bounds the unit lines a paragraph keeps, so that a text
// wrapped to very many widths costs no more memory than this.
const maxUnitLines = 64

// span is a number, link or e-mail address in a paragraph: runes
// [start, end).
type span struct {
	start, end int
	number     bool
}

// piece is text between two places where a line may break.
type piece struct {
	r0, r1  int     // runes [r0, r1)
	g0, g1  int     // glyphs [g0, g1), when the paragraph is simple
	advance float64 // units, trailing spaces included
	trail   float64 // units of trailing spaces
	number  bool    // holds a number, which is never broken
}

// noLigatures turns off the ligature features: a ligature is one glyph for
// several characters, which a PDF library that writes code points cannot
// place. Kerning and mark positioning stay on.
var noLigatures = []shaping.FontFeature{
	{Tag: ot.MustNewTag("liga"), Value: 0},
	{Tag: ot.MustNewTag("clig"), Value: 0},
	{Tag: ot.MustNewTag("dlig"), Value: 0},
}

// NewEngine returns an Engine for fonts.
func NewEngine(fonts *Fonts) *Engine {
	e := &Engine{fonts: fonts, paras: memo.New[paraKey, *para](parasKept), wraps: memo.New[wrapKey, wrapped](wrapsKept),
		balanced: memo.New[balanceKey, []Line](balancedKept)}
	for i := range e.faces {
		e.faces[i] = make([]*font.Face, fonts.Faces())
		e.maps[i] = fallback{e, FontID(i)}
	}
	return e
}

// face returns the face of weight id in family fam, made when first
// asked for; nil if its font does not parse.
func (e *Engine) face(id FontID, fam int) *font.Face {
	if e.faces[id][fam] == nil {
		if ft := e.fonts.parsed(id, fam); ft != nil {
			e.faces[id][fam] = font.NewFace(ft)
		}
	}
	return e.faces[id][fam]
}

// fallback picks for each character the first face of weight id that
// has it: the fonts after the first are parsed only for a character
// the ones before them lack.
type fallback struct {
	e  *Engine
	id FontID
}

func (f fallback) ResolveFace(r rune) *font.Face {
	for fam := range f.e.faces[f.id] {
		if face := f.e.face(f.id, fam); face != nil {
			if _, ok := face.NominalGlyph(r); ok {
				return face
			}
		}
	}
	return f.e.face(f.id, 0)
}

// faceIndex returns which family a shaped run's face belongs to.
func (e *Engine) faceIndex(id FontID, face *font.Face) int {
	for i, f := range e.faces[id] {
		if f != nil && f == face {
			return i
		}
	}
	return 0
}

// Fonts returns the fonts the engine sets text in.
func (e *Engine) Fonts() *Fonts { return e.fonts }

// Metrics returns the vertical extents of font at size points.
// Metrics are Noto Sans's; a line whose glyphs reach further (Arabic
// marks) says so in its InkAscent and InkDescent.
func (e *Engine) Metrics(id FontID, size float64) Metrics {
	// The extents are read from the font once: the layout asks for them
	// with every text it sets, and reading them walked the font's tables.
	x := &e.extents[id]
	if !x.read {
		face := e.face(id, 0)
		x.ext, _ = face.FontHExtents()
		x.upem, x.read = float64(face.Upem()), true
	}
	ext := x.ext
	scale := size / x.upem
	m := Metrics{
		Ascent:  float64(ext.Ascender) * scale,
		Descent: -float64(ext.Descender) * scale,
	}
	m.LineHeight = m.Ascent + m.Descent + float64(ext.LineGap)*scale
	return m
}

// Normalize returns s in Unicode normal form C with runs of white space
// folded to one space: the form in which text is shaped and drawn. A
// no-break space stays: it joins what must not be broken apart.
func Normalize(s string) string {
	s = strings.ReplaceAll(norm.NFC.String(s), "\u00ad", "") // soft hyphens are not drawn
	return strings.Join(strings.FieldsFunc(s, breakingSpace), " ")
}

func breakingSpace(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' }

// Measure returns the width of s on one line, in points: the widest of
// the lines Wrap gives with no limit (one, as text is normalized), as
// the paragraph's width at unit size times the scale, which is the same
// float (see scaled) without wrapping s again at each size or keeping
// the lines.
func (e *Engine) Measure(s string, dir Direction, id FontID, size float64) float64 {
	p := e.paragraph(s, dir, id)
	if p == nil {
		return 0
	}
	if !p.widthDone {
		for _, l := range e.wrapPara(p, id, unit, math.Inf(1)) {
			p.width = math.Max(p.width, l.Width)
		}
		p.widthDone = true
	}
	return p.width * (size / unit)
}

// Wrap breaks s, a paragraph in a document of direction dir, into lines
// no wider than maxWidth points, at the places UAX #14 allows. A word wider than maxWidth is broken inside; use
// LongestWord to find out whether that would happen. Results are cached:
// the same text at the same size and width is wrapped once per Engine.
// The lines returned must not be changed.
func (e *Engine) Wrap(s string, dir Direction, id FontID, size, maxWidth float64) []Line {
	return e.wrapped(s, dir, id, size, maxWidth).lines
}

// WrapLongest is Wrap and LongestWord at once, for the price of one: a
// layout asks for both with every text it sets, and each looked the
// text up by its bytes.
func (e *Engine) WrapLongest(s string, dir Direction, id FontID, size, maxWidth float64) (lines []Line, longest float64, word string) {
	w := e.wrapped(s, dir, id, size, maxWidth)
	return w.lines, w.longest * size / unit, w.word
}

// WrapBalanced returns s wrapped at the narrowest width that halvings
// halvings of [lo, hi] points find to give no more than n lines: hi
// becomes each middle width that does, lo each that does not, and s is
// wrapped at the last hi. Balanced that way, a caption's last line is
// not a word alone. The result is kept: a layout balances the same
// caption at the same few sizes in every document, and each halving
// was a look-up of its own.
func (e *Engine) WrapBalanced(s string, dir Direction, id FontID, size, lo, hi float64, n, halvings int) []Line {
	key := balanceKey{wrapKey{id, dir, s, size, hi}, lo, n, halvings}
	if lines, ok := e.balanced.Get(key); ok {
		return lines
	}
	for range halvings {
		mid := (lo + hi) / 2
		if len(e.Wrap(s, dir, id, size, mid)) > n {
			lo = mid
		} else {
			hi = mid
		}
	}
	lines := e.Wrap(s, dir, id, size, hi)
	e.balanced.Put(key, lines)
	return lines
}

type balanceKey struct {
	wrapKey  // the text, and hi as its width
	lo       float64
	n        int
	halvings int
}

// wrapped is a text wrapped once, with its paragraph's longest piece.
type wrapped struct {
	lines   []Line
	longest float64 // at unit size (see LongestWord)
	word    string
}

func (e *Engine) wrapped(s string, dir Direction, id FontID, size, maxWidth float64) wrapped {
	key := wrapKey{id, dir, s, size, maxWidth}
	if w, ok := e.wraps.Get(key); ok {
		return w
	}
	var w wrapped
	if p := e.paragraph(s, dir, id); p != nil {
		w.lines = e.wrapPara(p, id, size, maxWidth)
		w.longest, w.word = p.longestPiece()
	}
	e.wraps.Put(key, w)
	return w
}

func (e *Engine) wrapPara(p *para, id FontID, size, maxWidth float64) []Line {
	scale := size / unit
	maxU := math.Inf(1) // maxWidth in units
	if !math.IsInf(maxWidth, 1) {
		maxU = maxWidth / scale
	}
	if p.simple {
		if lines, ok := e.wrapSimple(p, id, scale, maxU); ok {
			return lines
		}
		p.prepareGeneral(&e.lineSeg)
	}
	// A word wider than the line is broken inside where it must be; a
	// number never is: it stands alone on a line too wide for it, which
	// the layout measures and answers by setting the text smaller.
	policy := shaping.WhenNecessary
	for _, pc := range p.pieces {
		if pc.number && pc.advance-pc.trail > maxU {
			policy = shaping.Never
		}
	}
	limit := fixed.Int26_6(math.MaxInt32)
	if !math.IsInf(maxU, 1) {
		limit = fixed.Int26_6(maxU * 64)
	}
	// The wrapper is told no more than the limit and the policy (and the
	// paragraph's own direction and text): wrapped once, a paragraph's
	// lines at another size with the same limit are the same lines scaled.
	uw := unitWrap{limit, policy}
	if !e.direct {
		for _, u := range p.unitWrapped {
			if u.w == uw {
				return scaled(u.lines, scale)
			}
		}
	}
	runs := make([]shaping.Output, len(p.runs))
	for i, o := range p.runs {
		o.Glyphs = append([]shaping.Glyph(nil), o.Glyphs...) // the wrapper changes glyphs
		runs[i] = o
	}
	// Trailing spaces are left out of a line's width by line, which
	// knows which spaces trail in logical order (the wrapper's own trim
	// looks only at the visual end, in its own visual order).
	cfg := shaping.WrapConfig{Direction: p.dir, BreakPolicy: policy, DisableTrailingWhitespaceTrim: true}
	// The wrapper reads the text only to find where it may break: it gets
	// the text with the breaks we do not allow taken out (wrapAt).
	wrapped, _ := e.wrapper.WrapParagraphF(cfg, limit, p.wrapAt, shaping.NewSliceIterator(runs))
	out := make([]Line, 0, len(wrapped))
	for _, wl := range wrapped {
		// The wrapper gives a line's runs in logical order.
		end := 0
		for _, o := range wl {
			end = max(end, o.Runes.Offset+o.Runes.Count)
		}
		trail := end
		for trail > 0 && unicode.IsSpace(p.runes[trail-1]) {
			trail--
		}
		var gs []glyphRun
		for _, o := range p.visualOrder(wl) {
			gs = append(gs, glyphRun{o.Glyphs, e.faceIndex(id, o.Face), o.Direction.Progression() == di.TowardTopLeft})
		}
		if e.direct {
			out = append(out, e.line(gs, p.runes, trail, id, scale))
			continue
		}
		out = append(out, e.line(gs, p.runes, trail, id, 1))
	}
	if e.direct {
		return out
	}
	if len(p.unitWrapped) < maxUnitLines {
		p.unitWrapped = append(p.unitWrapped, unitWrapped{uw, out})
	}
	return scaled(out, scale)
}

// scaled returns lines set at unit size as set at scale: every measure
// of a line is its unit measure times the scale, exactly, as line
// computes it (a maximum of products is the product of the maximum, as
// multiplying by a positive number keeps the order of floats).
func scaled(unit []Line, scale float64) []Line {
	out := make([]Line, len(unit))
	for i, l := range unit {
		out[i] = l.scaled(scale)
	}
	return out
}

func (l Line) scaled(scale float64) Line {
	out := Line{Width: l.Width * scale, InkAscent: l.InkAscent * scale, InkDescent: l.InkDescent * scale}
	if l.Runs != nil {
		out.Runs = make([]Run, len(l.Runs))
		for i, r := range l.Runs {
			r.X *= scale
			r.Y *= scale
			out.Runs[i] = r
		}
	}
	return out
}

// wrapSimple fills lines greedily, piece by piece. It reports false when a
// piece alone is wider than max, unless it is a number, which gets a line
// of its own: then the general wrapper breaks the piece.
func (e *Engine) wrapSimple(p *para, id FontID, scale, max float64) ([]Line, bool) {
	var out []Line
	start := 0 // first piece of the open line
	width := 0.0
	for i, pc := range p.pieces {
		if pc.advance-pc.trail > max && !pc.number {
			return nil, false
		}
		if i > start && width+pc.advance-pc.trail > max {
			out = append(out, e.simpleLine(p, id, start, i-1, scale))
			start, width = i, 0
		}
		width += pc.advance
	}
	if start < len(p.pieces) {
		out = append(out, e.simpleLine(p, id, start, len(p.pieces)-1, scale))
	}
	return out, true
}

// simpleLine returns the line of the pieces first..last of the simple
// paragraph p, set at scale: from its unit line when p has it.
func (e *Engine) simpleLine(p *para, id FontID, first, last int, scale float64) Line {
	g := [2]int{p.pieces[first].g0, p.pieces[last].g1}
	if e.direct {
		return e.line(p.glyphRuns(g[0], g[1]), p.runes, len(p.runes), id, scale)
	}
	for _, u := range p.unitLines {
		if u.g == g {
			return u.line.scaled(scale)
		}
	}
	// Trailing spaces of a simple paragraph's lines are its last pieces'
	// trail, which wrapSimple leaves out of the width: none trail in
	// logical order (len(p.runes)).
	l := e.line(p.glyphRuns(g[0], g[1]), p.runes, len(p.runes), id, 1)
	if len(p.unitLines) < maxUnitLines {
		p.unitLines = append(p.unitLines, unitLine{g, l})
	}
	return l.scaled(scale)
}

// LongestWord returns the widest piece of s that a line may not break,
// in points, and the piece itself: the narrowest width s can be wrapped
// to without breaking where it should not.
func (e *Engine) LongestWord(s string, dir Direction, id FontID, size float64) (float64, string) {
	p := e.paragraph(s, dir, id)
	if p == nil {
		return 0, ""
	}
	longest, word := p.longestPiece()
	return longest * size / unit, word
}

// longestPiece returns the widest piece of p at unit size, and its text.
func (p *para) longestPiece() (float64, string) {
	if !p.longestDone {
		best := -1
		for i, pc := range p.pieces {
			if w := pc.advance - pc.trail; best < 0 || w > p.longest {
				best, p.longest = i, w
			}
		}
		if best >= 0 {
			pc := p.pieces[best]
			p.longestWord = strings.TrimSpace(strings.Map(func(r rune) rune {
				if isIsolate(r) {
					return -1
				}
				return r
			}, string(p.runes[pc.r0:pc.r1])))
		}
		p.longestDone = true
	}
	return p.longest, p.longestWord
}

// paragraph returns s shaped, from the cache when it was shaped before.
func (e *Engine) paragraph(s string, docDir Direction, id FontID) *para {
	// Found by the text as given first: normalising costs more than the
	// lookup, and the layout asks for the same texts many times.
	raw := paraKey{id, docDir, s}
	if p, ok := e.paras.Get(raw); ok {
		return p
	}
	s = Normalize(s)
	if s == "" {
		return nil
	}
	key := paraKey{id, docDir, s}
	if p, ok := e.paras.Get(key); ok {
		e.paras.Put(raw, p)
		return p
	}

	p := &para{runes: []rune(s)}
	// A paragraph takes its direction from its first letter (the Unicode
	// rule), else from the document: a Swedish contact name in an Arabic
	// document reads left to right, with its full stop at its end, and an
	// Arabic note on a Swedish leaflet right to left.
	dir := docDir.shaping()
	if rtl, ok := firstStrong(p.runes); ok {
		dir = di.DirectionLTR
		if rtl {
			dir = di.DirectionRTL
		}
	}
	p.dir = dir
	p.spans = spanRanges(s)
	if dir == di.DirectionRTL || hasRTL(p.runes) {
		p.runes, p.spans = isolate(p.runes, p.spans)
	}
	in := shaping.Input{
		Text:         p.runes,
		RunStart:     0,
		RunEnd:       len(p.runes),
		Direction:    dir,
		Face:         e.face(id, 0),
		FontFeatures: noLigatures,
		Size:         fixed.I(unit),
		Script:       language.Latin,
		Language:     language.NewLanguage("sv"),
	}
	for _, part := range e.seg.Split(in, e.maps[id]) {
		p.runs = append(p.runs, e.shaper.Shape(part))
	}
	p.findBreaks(&e.lineSeg)
	p.prepareSimple(func(f *font.Face) int { return e.faceIndex(id, f) })
	p.cutPieces()
	if !p.simple {
		p.prepareGeneral(&e.lineSeg)
	}
	e.paras.Put(key, p)
	e.paras.Put(raw, p)
	return p
}

// prepareSimple finds out whether p is simple and, if so, keeps its
// glyphs in order with the family of each.
func (p *para) prepareSimple(faceOf func(*font.Face) int) {
	last := -1
	var glyphs []shaping.Glyph
	var faces []int
	for _, o := range p.runs {
		if o.Direction != di.DirectionLTR {
			return
		}
		face := faceOf(o.Face)
		for _, g := range o.Glyphs {
			if g.TextIndex() < last {
				return
			}
			last = g.TextIndex()
			glyphs = append(glyphs, g)
			faces = append(faces, face)
		}
	}
	p.simple, p.glyphs, p.faces = true, glyphs, faces
}

// findBreaks finds where a line may begin: where UAX #14 allows a break
// and mayBreak agrees.
func (p *para) findBreaks(seg *segmenter.Segmenter) {
	p.breaks = make([]bool, len(p.runes)+1)
	seg.Init(p.runes)
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		if end := l.Offset + len(l.Text); end < len(p.runes) && p.mayBreak(end) {
			p.breaks[end] = true
		}
	}
}

// mayBreak tells whether a line may begin at rune i, where UAX #14 allows
// it. UAX #14 allows more breaks than a tenant should meet: a phone number
// split at its spaces or dash ("0303-70 30" / "00", "114" / "14"), or a
// link split after "https://". Lines therefore break only after a space,
// after a hyphen or dash that follows a letter (as in a compound word), or
// after a slash inside a link's path, and never inside a number.
func (p *para) mayBreak(i int) bool {
	for _, sp := range p.spans {
		if sp.number && sp.start < i && i < sp.end {
			return false
		}
	}
	last := p.runes[i-1]
	switch {
	case unicode.IsSpace(last):
		return true
	case last == '/':
		// Inside a link's path, not in "://".
		return i > 1 && p.runes[i-2] != '/' && p.runes[i-2] != ':'
	case last == '-' || last == '‐' || last == '–':
		return i > 1 && unicode.IsLetter(p.runes[i-2])
	}
	return false
}

// cutPieces cuts p at its breaks, with the width of each piece from the
// shaped glyphs and, when p is simple, its glyphs.
func (p *para) cutPieces() {
	adv := make([]float64, len(p.runes)) // units, each glyph's advance on its cluster's first rune
	for _, o := range p.runs {
		for _, g := range o.Glyphs {
			adv[g.TextIndex()] += float64(g.Advance) / 64
		}
	}
	g := 0
	for r0 := 0; r0 < len(p.runes); {
		r1 := r0 + 1
		for r1 < len(p.runes) && !p.breaks[r1] {
			r1++
		}
		pc := piece{r0: r0, r1: r1, g0: g}
		for r := r0; r < r1; r++ {
			pc.advance += adv[r]
			if unicode.IsSpace(p.runes[r]) {
				pc.trail += adv[r]
			} else {
				pc.trail = 0
			}
		}
		for _, sp := range p.spans {
			if sp.number && sp.start < r1 && r0 < sp.end {
				pc.number = true
			}
		}
		for g < len(p.glyphs) && p.glyphs[g].TextIndex() < r1 {
			g++
		}
		pc.g1 = g
		r0 = r1
		if n := len(p.pieces); p.simple && pc.g1 == pc.g0 && n > 0 {
			// No glyph of its own (its characters are drawn in the
			// previous piece's cluster): part of the previous piece.
			prev := &p.pieces[n-1]
			prev.r1, prev.advance, prev.trail = pc.r1, prev.advance+pc.advance, pc.trail
			prev.number = prev.number || pc.number
			continue
		}
		p.pieces = append(p.pieces, pc)
	}
}

// prepareGeneral makes ready what the general wrapper needs: the text it
// finds breaks in, and each rune's bidi level for ordering its lines.
func (p *para) prepareGeneral(seg *segmenter.Segmenter) {
	if p.wrapAt != nil {
		return
	}
	p.wrapAt = p.breakText(seg)
	p.levels = p.bidiLevels()
}

// breakText returns p's text as the general wrapper should read it, to
// break only where p.breaks allows: wherever UAX #14 allows another
// break, the character before it is replaced by a no-break space, after
// which UAX #14 never breaks (class GL). That can take away a break
// before it too, never add one; a second round looks again. The wrapper
// reads the text only for its breaks: it draws the glyphs shaped from
// p.runes.
func (p *para) breakText(seg *segmenter.Segmenter) []rune {
	const noBreakSpace = '\u00a0'
	text := append([]rune(nil), p.runes...)
	for range len(text) {
		var mask []int
		seg.Init(text)
		it := seg.LineIterator()
		for it.Next() {
			l := it.Line()
			if end := l.Offset + len(l.Text); end < len(text) && !p.breaks[end] && text[end-1] != noBreakSpace {
				mask = append(mask, end-1)
			}
		}
		if len(mask) == 0 {
			break
		}
		for _, i := range mask {
			text[i] = noBreakSpace
		}
	}
	return text
}

// glyphRun is glyphs in visual order drawn by one family.
type glyphRun struct {
	glyphs []shaping.Glyph
	face   int
	rtl    bool // a right-to-left run: its glyphs are in visual order
}

// glyphRuns cuts the glyphs [g0, g1) of a simple paragraph where the
// family changes.
func (p *para) glyphRuns(g0, g1 int) []glyphRun {
	var out []glyphRun
	for start := g0; start < g1; {
		end := start + 1
		for end < g1 && p.faces[end] == p.faces[start] {
			end++
		}
		out = append(out, glyphRun{glyphs: p.glyphs[start:end], face: p.faces[start]})
		start = end
	}
	return out
}

// line turns the glyphs of one line, in visual order, into drawable runs.
// Spaces from rune trail on are the line's trailing spaces in logical
// order: they take no room.
func (e *Engine) line(wl []glyphRun, runes []rune, trail int, id FontID, scale float64) Line {
	toUnits := func(v fixed.Int26_6) float64 { return float64(v) / 64 }
	var face *font.Face
	nominal := func(r rune) float64 {
		gid, _ := face.NominalGlyph(r)
		return float64(face.HorizontalAdvance(gid)) * unit / float64(face.Upem())
	}

	var (
		l       Line
		pen     float64 // shaped pen position, in units
		runX    float64 // where the open run starts
		runEnd  float64 // where the PDF writer's pen would be
		text    []rune
		runAt   int     // where the open run's text starts in the paragraph
		prevRTL bool    // the last glyph run was right to left
		joiners []rune  // join controls whose text goes with the next cluster
		visible float64 // pen after the last non-space cluster
		runFace = -1    // the family of the open run
	)
	flush := func() {
		// A run of spaces that trail the line is not drawn.
		if len(text) > 0 && !(runAt >= trail && allSpace(text)) {
			l.Runs = append(l.Runs, Run{X: runX * scale, Text: string(text), Font: id, Face: runFace, At: runAt})
		}
		text = text[:0]
	}
	for _, gr := range wl {
		g := gr.glyphs
		face = e.face(id, gr.face)
		for _, gl := range g {
			top := toUnits(gl.YOffset + gl.YBearing)
			bottom := toUnits(gl.YOffset + gl.YBearing + gl.Height)
			l.InkAscent = math.Max(l.InkAscent, top*scale)
			l.InkDescent = math.Max(l.InkDescent, -bottom*scale)
		}
		// A run of text changes face or direction: a new run, with its
		// own place in reading order.
		if gr.face != runFace || gr.rtl || prevRTL {
			flush()
			runX, runEnd, runFace = pen, pen, gr.face
		}
		prevRTL = gr.rtl
		for i := 0; i < len(g); {
			// One cluster: glyphs sharing a ClusterIndex.
			j := i + 1
			for j < len(g) && g[j].TextIndex() == g[i].TextIndex() {
				j++
			}
			start, count := g[i].TextIndex(), g[i].RunesCount()
			cluster := runes[start : start+count]
			if len(cluster) == 1 && (isIsolate(cluster[0]) || gr.rtl && joinControl(cluster[0])) {
				// A bidi isolate: no ink, no text, but its advance
				// (normally none) still moves the pen. A joiner or
				// non-joiner right to left is no run of its own either
				// (see joinControl): its text goes with the letter before
				// it, the next cluster drawn.
				if !isIsolate(cluster[0]) {
					joiners = append(joiners, cluster[0])
				}
				for k := i; k < j; k++ {
					pen += toUnits(g[k].Advance)
				}
				i = j
				continue
			}
			// A trailing space takes no room.
			trailing := start >= trail && allSpace(cluster)
			advance := func(k int) fixed.Int26_6 {
				if trailing {
					return 0
				}
				return g[k].Advance
			}
			var adv fixed.Int26_6
			exact := g[i].XOffset == 0 && g[i].YOffset == 0 && j-i == len(cluster)
			for k := i; k < j; k++ {
				adv += advance(k)
				if exact {
					gid, _ := face.NominalGlyph(cluster[k-i])
					exact = gid == g[k].GlyphID
				}
			}
			if !exact {
				// The shaper chose glyphs other than the characters' own
				// (a joined Arabic letter, a ligature, a placed mark):
				// each glyph is a run of its own, standing for the
				// characters of its cluster.
				flush()
				x := pen
				texts := clusterTexts(cluster, j-i, gr.rtl)
				texts[0] += string(joiners)
				joiners = joiners[:0]
				first := len(l.Runs)
				for k := i; k < j; k++ {
					text := texts[k-i]
					gid := int(g[k].GlyphID)
					if gid == 0 {
						gid = -1 // .notdef is never drawn on purpose
					}
					l.Runs = append(l.Runs, Run{X: (x + toUnits(g[k].XOffset)) * scale, Y: toUnits(g[k].YOffset) * scale,
						Text: text, Font: id, Face: gr.face, Glyph: gid, At: start})
					x += toUnits(advance(k))
				}
				if j-i > 1 {
					l.Runs[first].Span = j - i
				}
				runX, runEnd = pen+toUnits(adv), pen+toUnits(adv)
				pen += toUnits(adv)
				if !allSpace(cluster) {
					visible = pen
				}
				i = j
				continue
			}
			// Right to left, each cluster is a run of its own, with
			// its own place in reading order (see Run.At).
			if math.Abs(runEnd-pen) > 0.5 || gr.rtl {
				flush()
				runX, runEnd = pen, pen
			}
			if len(text) == 0 {
				runAt = start
			}
			text = append(text, cluster...)
			text = append(text, joiners...)
			joiners = joiners[:0]
			for _, r := range cluster {
				runEnd += nominal(r)
			}
			pen += toUnits(adv)
			if !allSpace(cluster) {
				visible = pen
			}
			i = j
		}
	}
	// Drop trailing spaces: they are not drawn and not measured.
	for len(text) > 0 && unicode.IsSpace(text[len(text)-1]) {
		text = text[:len(text)-1]
	}
	flush()
	l.Width = visible * scale
	return l
}

// numberPattern is a number as a reader takes it in, at once and left to
// right in every script: digit groups joined by a space, a hyphen or dash
// (spaced or not), a slash, dot, colon or comma, or a bracketed group,
// with a leading plus: "112", "114 14", "0303-70 30 00", "449 30",
// "2026-11-25", "8.00–16.30", "08 – 123 456 78", "+46 (0)303-70 30 00".
// Text is matched normalized, with every breaking space a single U+0020;
// a no-break space (U+00A0, U+202F: "449 30" in an address, where the
// layout keeps a part on one line) joins groups, and stands around a
// dash or bracket, as a space does.
const numberPattern = `\+?\p{Nd}+(?:(?:[ \x{00A0}\x{202F}]?[-‐‑‒–][ \x{00A0}\x{202F}]?|[ \x{00A0}\x{202F}]|[/.:,]|[ \x{00A0}\x{202F}]?\(\p{Nd}+\)[ \x{00A0}\x{202F}]?)\p{Nd}+)*`

// spanPattern finds the numbers, links and e-mail addresses of a text.
var spanPattern = regexp.MustCompile(`(https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|` + numberPattern)

// spanRanges returns the spans of s, in runes. Digits that are part of a
// word, like an entrance "7A" or a paper size "A4", are no number of
// their own; after an Arabic-script letter they are (a prefix such as و
// "and" or ب "by" may be written joined to a number: "ب114 14").
func spanRanges(s string) []span {
	var out []span
	for _, m := range spanPattern.FindAllStringSubmatchIndex(s, -1) {
		before, _ := utf8.DecodeLastRuneInString(s[:m[0]])
		after, _ := utf8.DecodeRuneInString(s[m[1]:])
		if m[2] < 0 && (unicode.IsLetter(before) && !rtlLetter(before) || unicode.IsLetter(after)) {
			continue
		}
		start := utf8.RuneCountInString(s[:m[0]])
		out = append(out, span{start: start, end: start + utf8.RuneCountInString(s[m[0]:m[1]]), number: m[2] < 0})
	}
	return out
}

// isolate puts each span of rs between a left-to-right isolate (U+2066)
// and its end (U+2069), and returns the new text and spans. The bidi
// algorithm then sees a number as one left-to-right unit: without them,
// in right-to-left text it splits "114 14" at its space and shows "14
// 114", takes the digits after an Arabic letter for Arabic numbers
// (their hyphens and spaces then run right to left, "00 30 70-0303"),
// and mirrors the brackets of "(0)".
func isolate(rs []rune, spans []span) ([]rune, []span) {
	if len(spans) == 0 {
		return rs, spans
	}
	out := make([]rune, 0, len(rs)+2*len(spans))
	moved := make([]span, len(spans))
	prev := 0
	for i, sp := range spans {
		out = append(out, rs[prev:sp.start]...)
		out = append(out, '\u2066')
		moved[i] = span{start: len(out), end: len(out) + sp.end - sp.start, number: sp.number}
		out = append(out, rs[sp.start:sp.end]...)
		out = append(out, '\u2069')
		prev = sp.end
	}
	return append(out, rs[prev:]...), moved
}

// bidiLevels returns each rune's embedding level, from the directions
// the shaper's bidi runs were given and the isolates of p.spans: 0 for
// left-to-right text in a left-to-right paragraph, 1 for right-to-left
// text, 2 for left-to-right text in a right-to-left paragraph, and inside
// an isolate the next even level above its opening mark's.
func (p *para) bidiLevels() []int8 {
	base := int8(0)
	if p.dir == di.DirectionRTL {
		base = 1
	}
	levels := make([]int8, len(p.runes))
	rtl := make([]bool, len(p.runes))
	for _, o := range p.runs {
		r := o.Direction.Progression() == di.TowardTopLeft
		for i := o.Runes.Offset; i < o.Runes.Offset+o.Runes.Count; i++ {
			rtl[i] = r
			switch {
			case r:
				levels[i] = 1
			case base == 1:
				levels[i] = 2
			}
		}
	}
	for _, sp := range p.spans {
		if sp.start == 0 || !isIsolate(p.runes[sp.start-1]) {
			continue // not isolated
		}
		inner := levels[sp.start-1] + 1
		if inner%2 == 1 {
			inner++
		}
		for i := sp.start; i < sp.end; i++ {
			levels[i] = inner
			if rtl[i] {
				levels[i]++
			}
		}
	}
	return levels
}

// visualOrder returns the runs of a line, given in logical order, in the
// order they are drawn from the left: rule L2 of the Unicode bidi
// algorithm, from the highest level to the lowest odd one, reverses every
// sequence of runs at that level or higher. go-text's wrapper orders runs
// by two levels only, which puts a number inside Arabic text on a
// left-to-right line on the wrong side of its words.
func (p *para) visualOrder(line shaping.Line) shaping.Line {
	levels := make([]int8, len(line))
	var top int8
	for i, o := range line {
		levels[i] = math.MaxInt8
		for r := o.Runes.Offset; r < o.Runes.Offset+o.Runes.Count; r++ {
			levels[i] = min(levels[i], p.levels[r])
		}
		if o.Runes.Count == 0 {
			levels[i] = 0
		}
		top = max(top, levels[i])
	}
	order := make([]int, len(line))
	for i := range order {
		order[i] = i
	}
	for lv := top; lv >= 1; lv-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lv {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lv {
				j++
			}
			slices.Reverse(order[i:j])
			i = j
		}
	}
	out := make(shaping.Line, len(line))
	for k, i := range order {
		out[k] = line[i]
	}
	return out
}

// clusterTexts shares a cluster's characters among its glyphs, for the
// text a PDF reader gives back. Left to right, one each when there are
// as many glyphs as characters. Otherwise, and always right to left when
// there are several glyphs, all to the first glyph and none to the rest
// (a mark drawn as a glyph of its own would be read back beside its
// letters, not after them; the span gives them back together). The
// characters are in reading order: a PDF draws a right-to-left line's
// runs in that order (see Run.At).
func clusterTexts(cluster []rune, glyphs int, rtl bool) []string {
	out := make([]string, glyphs)
	if glyphs == len(cluster) && (!rtl || glyphs == 1) {
		for i, r := range cluster {
			out[i] = string(r)
		}
		return out
	}
	out[0] = string(cluster)
	return out
}

func allSpace(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// rtlLetter reports whether r is a letter written right to left.
func rtlLetter(r rune) bool {
	return unicode.IsLetter(r) && unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko)
}

// firstStrong reports whether the first letter of rs is written right to
// left (Arabic) rather than left to right (Latin, Cyrillic, Ethiopic …),
// and whether rs has a letter at all.
func firstStrong(rs []rune) (rtl, found bool) {
	for _, r := range rs {
		if unicode.IsLetter(r) {
			return rtlLetter(r), true
		}
	}
	return false, false
}

// hasRTL reports whether rs has a letter written right to left.
func hasRTL(rs []rune) bool {
	return slices.ContainsFunc(rs, rtlLetter)
}

// isIsolate reports a bidi isolate control, which is never drawn.
func isIsolate(r rune) bool { return r >= 0x2066 && r <= 0x2069 }

// joinControl reports whether r is a zero width non-joiner or joiner:
// it has done its work when the text is shaped, and drawn as a run of
// its own in right-to-left text, poppler's pdftotext takes it for the end
// of a line.
func joinControl(r rune) bool { return r == 0x200C || r == 0x200D }
