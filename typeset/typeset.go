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
	"sort"
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
type Fonts struct {
	data  [numFonts][][]byte
	fonts [numFonts][]*font.Font
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

// NewFonts parses font families, in fallback order.
func NewFonts(families ...Family) (*Fonts, error) {
	f := &Fonts{}
	for fam, family := range families {
		for i, data := range [][]byte{family.Regular, family.Bold} {
			if family.Scale != 0 {
				var err error
				if data, err = scaleFont(data, family.Scale); err != nil {
					return nil, fmt.Errorf("font %s of family %d: %w", FontID(i), fam, err)
				}
			}
			face, err := font.ParseTTF(bytes.NewReader(data))
			if err != nil {
				return nil, fmt.Errorf("parse font %s of family %d: %w", FontID(i), fam, err)
			}
			f.data[i] = append(f.data[i], data)
			f.fonts[i] = append(f.fonts[i], face.Font)
		}
	}
	return f, nil
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

// Faces returns how many families there are.
func (f *Fonts) Faces() int { return len(f.fonts[Regular]) }

// Data returns the font file's bytes, for embedding in a PDF.
func (f *Fonts) Data(id FontID, face int) []byte { return f.data[id][face] }

// Covers reports whether the fonts can draw r in both weights. Line
// breaks and spaces are always covered.
func (f *Fonts) Covers(r rune) bool {
	if r == ' ' || r == '\n' {
		return true
	}
	for face := range f.fonts[Regular] {
		_, ok1 := f.fonts[Regular][face].NominalGlyph(r)
		_, ok2 := f.fonts[Bold][face].NominalGlyph(r)
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
	fonts   *Fonts
	faces   [numFonts][]*font.Face
	maps    [numFonts]fallback
	rtl     bool // paragraphs run right to left
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	wrapper shaping.LineWrapper
	lineSeg segmenter.Segmenter
	paras   map[paraKey]*para
	wraps   map[wrapKey][]Line
}

type paraKey struct {
	font FontID
	rtl  bool
	text string
}

type wrapKey struct {
	font        FontID
	rtl         bool
	text        string
	size, width float64
}

// para is a paragraph shaped once, at unit size, with the places where a
// line may break.
type para struct {
	runes []rune
	runs  []shaping.Output
	// simple is true for left-to-right text whose glyphs follow the
	// characters' order; such text is wrapped by wrapSimple.
	simple bool
	dir    di.Direction    // the paragraph's direction
	spans  [][2]int        // rune ranges that read left to right inside right-to-left text
	glyphs []shaping.Glyph // all runs' glyphs, when simple
	faces  []int           // the family of each glyph
	pieces []piece         // UAX #14 line-break pieces, when simple
}

// piece is text between two break opportunities.
type piece struct {
	g0, g1  int     // glyphs [g0, g1)
	advance float64 // units, trailing spaces included
	trail   float64 // units of trailing spaces
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
	e := &Engine{fonts: fonts, paras: map[paraKey]*para{}, wraps: map[wrapKey][]Line{}}
	for i, fts := range fonts.fonts {
		for _, ft := range fts {
			e.faces[i] = append(e.faces[i], font.NewFace(ft))
		}
		e.maps[i] = fallback(e.faces[i])
	}
	return e
}

// SetRTL sets the direction of the paragraphs the engine wraps from now
// on: right to left for Arabic, Persian and Sorani documents. Runs in the
// other direction inside a paragraph (numbers, Latin names) are ordered
// by the Unicode bidirectional algorithm.
func (e *Engine) SetRTL(rtl bool) { e.rtl = rtl }

func (e *Engine) direction() di.Direction {
	if e.rtl {
		return di.DirectionRTL
	}
	return di.DirectionLTR
}

// fallback picks for each character the first face that has it.
type fallback []*font.Face

func (f fallback) ResolveFace(r rune) *font.Face {
	for _, face := range f {
		if _, ok := face.NominalGlyph(r); ok {
			return face
		}
	}
	return f[0]
}

// faceIndex returns which family a shaped run's face belongs to.
func (e *Engine) faceIndex(id FontID, face *font.Face) int {
	for i, f := range e.faces[id] {
		if f == face {
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
	face := e.faces[id][0]
	ext, _ := face.FontHExtents()
	scale := size / float64(face.Upem())
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

// Measure returns the width of s on one line, in points.
func (e *Engine) Measure(s string, id FontID, size float64) float64 {
	lines := e.Wrap(s, id, size, math.Inf(1))
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, l.Width)
	}
	return w
}

// Wrap breaks s into lines no wider than maxWidth points, at the places
// UAX #14 allows. A word wider than maxWidth is broken inside; use
// LongestWord to find out whether that would happen. Results are cached:
// the same text at the same size and width is wrapped once per Engine.
// The lines returned must not be changed.
func (e *Engine) Wrap(s string, id FontID, size, maxWidth float64) []Line {
	key := wrapKey{id, e.rtl, s, size, maxWidth}
	if lines, ok := e.wraps[key]; ok {
		return lines
	}
	lines := e.wrap(s, id, size, maxWidth)
	if len(e.wraps) > 1<<12 {
		clear(e.wraps)
	}
	e.wraps[key] = lines
	return lines
}

func (e *Engine) wrap(s string, id FontID, size, maxWidth float64) []Line {
	p := e.paragraph(s, id)
	if p == nil {
		return nil
	}
	scale := size / unit
	max := math.Inf(1)
	if !math.IsInf(maxWidth, 1) {
		max = maxWidth / scale
	}
	if p.simple {
		if lines, ok := e.wrapSimple(p, id, scale, max); ok {
			return lines
		}
	}
	runs := make([]shaping.Output, len(p.runs))
	for i, o := range p.runs {
		o.Glyphs = append([]shaping.Glyph(nil), o.Glyphs...) // the wrapper changes glyphs
		runs[i] = o
	}
	limit := fixed.Int26_6(math.MaxInt32)
	if !math.IsInf(max, 1) {
		limit = fixed.Int26_6(max * 64)
	}
	cfg := shaping.WrapConfig{Direction: p.dir, BreakPolicy: shaping.WhenNecessary}
	wrapped, _ := e.wrapper.WrapParagraphF(cfg, limit, p.runes, shaping.NewSliceIterator(runs))
	out := make([]Line, 0, len(wrapped))
	for _, wl := range wrapped {
		// The wrapper gives a line's runs in logical order, each with its
		// place from the left in VisualIndex.
		sort.SliceStable(wl, func(a, b int) bool { return wl[a].VisualIndex < wl[b].VisualIndex })
		keepSpansLTR(wl, p.spans)
		var gs []glyphRun
		for _, o := range wl {
			gs = append(gs, glyphRun{o.Glyphs, e.faceIndex(id, o.Face), o.Direction.Progression() == di.TowardTopLeft})
		}
		out = append(out, e.line(gs, p.runes, id, scale))
	}
	return out
}

// wrapSimple fills lines greedily, piece by piece. It reports false when a
// piece alone is wider than max: then the general wrapper breaks it.
func (e *Engine) wrapSimple(p *para, id FontID, scale, max float64) ([]Line, bool) {
	var out []Line
	start := 0 // first piece of the open line
	width := 0.0
	for i, pc := range p.pieces {
		if pc.advance-pc.trail > max {
			return nil, false
		}
		if i > start && width+pc.advance-pc.trail > max {
			out = append(out, e.line(p.glyphRuns(p.pieces[start].g0, p.pieces[i-1].g1), p.runes, id, scale))
			start, width = i, 0
		}
		width += pc.advance
	}
	if start < len(p.pieces) {
		out = append(out, e.line(p.glyphRuns(p.pieces[start].g0, p.pieces[len(p.pieces)-1].g1), p.runes, id, scale))
	}
	return out, true
}

// LongestWord returns the widest piece of s that a line may not break,
// in points, and the piece itself: the narrowest width s can be wrapped
// to without breaking where it should not.
func (e *Engine) LongestWord(s string, id FontID, size float64) (float64, string) {
	p := e.paragraph(s, id)
	if p == nil {
		return 0, ""
	}
	if !p.simple {
		best, word := 0.0, ""
		for _, w := range strings.Fields(Normalize(s)) {
			if m := e.Measure(w, id, size); m > best {
				best, word = m, w
			}
		}
		return best, word
	}
	best, word := 0.0, ""
	for _, pc := range p.pieces {
		if w := (pc.advance - pc.trail) * size / unit; w > best {
			best = w
			word = strings.TrimSpace(string(p.runes[p.glyphs[pc.g0].TextIndex() : p.glyphs[pc.g1-1].TextIndex()+p.glyphs[pc.g1-1].RunesCount()]))
		}
	}
	return best, word
}

// paragraph returns s shaped, from the cache when it was shaped before.
func (e *Engine) paragraph(s string, id FontID) *para {
	s = Normalize(s)
	if s == "" {
		return nil
	}
	key := paraKey{id, e.rtl, s}
	if p, ok := e.paras[key]; ok {
		return p
	}
	p := &para{runes: []rune(s)}
	dir := e.direction()
	if e.rtl {
		p.spans = ltrSpanRanges(s)
		// A paragraph takes its direction from its first letter (the
		// Unicode rule): a Swedish contact name in an Arabic document
		// reads left to right, with its full stop at its end.
		if firstStrongLTR(p.runes) {
			dir = di.DirectionLTR
		}
	}
	p.dir = dir
	in := shaping.Input{
		Text:         p.runes,
		RunStart:     0,
		RunEnd:       len(p.runes),
		Direction:    dir,
		Face:         e.faces[id][0],
		FontFeatures: noLigatures,
		Size:         fixed.I(unit),
		Script:       language.Latin,
		Language:     language.NewLanguage("sv"),
	}
	for _, part := range e.seg.Split(in, e.maps[id]) {
		p.runs = append(p.runs, e.shaper.Shape(part))
	}
	p.prepareSimple(&e.lineSeg, func(f *font.Face) int { return e.faceIndex(id, f) })
	if len(e.paras) > 2048 {
		clear(e.paras)
	}
	e.paras[key] = p
	return p
}

// prepareSimple finds out whether p is simple and, if so, cuts it into
// pieces at its line-break opportunities.
func (p *para) prepareSimple(seg *segmenter.Segmenter, faceOf func(*font.Face) int) {
	last := -1
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
			p.glyphs = append(p.glyphs, g)
			p.faces = append(p.faces, face)
		}
	}
	seg.Init(p.runes)
	it := seg.LineIterator()
	g := 0
	for it.Next() {
		l := it.Line()
		end := l.Offset + len(l.Text)
		pc := piece{g0: g}
		for g < len(p.glyphs) && p.glyphs[g].TextIndex() < end {
			adv := float64(p.glyphs[g].Advance) / 64
			pc.advance += adv
			if unicode.IsSpace(p.runes[p.glyphs[g].TextIndex()]) {
				pc.trail += adv
			} else {
				pc.trail = 0
			}
			g++
		}
		pc.g1 = g
		if pc.g1 == pc.g0 {
			continue
		}
		if n := len(p.pieces); n > 0 && !p.breakAfter(p.pieces[n-1]) {
			prev := &p.pieces[n-1]
			prev.g1 = pc.g1
			prev.advance += pc.advance
			prev.trail = pc.trail
			continue
		}
		p.pieces = append(p.pieces, pc)
	}
	p.simple = g == len(p.glyphs)
}

// breakAfter tells whether a line may end after pc. UAX #14 allows more
// breaks than a tenant should meet: a phone number split at its spaces or
// hyphen ("0303-70 30" / "00"), or a link split after "https://". Lines
// therefore break only after a space, after a hyphen or dash that follows
// a letter (as in a compound word), or after a slash inside a link's path.
func (p *para) breakAfter(pc piece) bool {
	last := p.runes[p.glyphs[pc.g1-1].TextIndex()]
	if unicode.IsSpace(last) {
		// Not between digits: "114 14" stays on one line.
		if pc.g1 < len(p.glyphs) && unicode.IsDigit(p.runes[p.glyphs[pc.g1].TextIndex()]) {
			return !p.digitBefore(pc)
		}
		return true
	}
	if last == '/' {
		// Inside a link's path, not in "://".
		i := p.glyphs[pc.g1-1].TextIndex()
		return i > 0 && p.runes[i-1] != '/' && p.runes[i-1] != ':' && !p.digitBefore(pc)
	}
	if last == '-' || last == '‐' || last == '–' {
		i := p.glyphs[pc.g1-1].TextIndex()
		return i > 0 && unicode.IsLetter(p.runes[i-1])
	}
	return false
}

// digitBefore reports whether the last non-space character of pc is a
// digit.
func (p *para) digitBefore(pc piece) bool {
	for g := pc.g1 - 1; g >= pc.g0; g-- {
		r := p.runes[p.glyphs[g].TextIndex()]
		if !unicode.IsSpace(r) {
			return unicode.IsDigit(r)
		}
	}
	return false
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
func (e *Engine) line(wl []glyphRun, runes []rune, id FontID, scale float64) Line {
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
		visible float64 // pen after the last non-space cluster
		runFace = -1    // the family of the open run
	)
	flush := func() {
		if len(text) > 0 {
			l.Runs = append(l.Runs, Run{X: runX * scale, Text: string(text), Font: id, Face: runFace})
		}
		text = text[:0]
	}
	for _, gr := range wl {
		g := gr.glyphs
		face = e.faces[id][gr.face]
		for _, gl := range g {
			top := toUnits(gl.YOffset + gl.YBearing)
			bottom := toUnits(gl.YOffset + gl.YBearing + gl.Height)
			l.InkAscent = math.Max(l.InkAscent, top*scale)
			l.InkDescent = math.Max(l.InkDescent, -bottom*scale)
		}
		if gr.face != runFace {
			flush()
			runX, runEnd, runFace = pen, pen, gr.face
		}
		for i := 0; i < len(g); {
			// One cluster: glyphs sharing a ClusterIndex.
			j := i + 1
			for j < len(g) && g[j].TextIndex() == g[i].TextIndex() {
				j++
			}
			start, count := g[i].TextIndex(), g[i].RunesCount()
			cluster := runes[start : start+count]
			if len(cluster) == 1 && isIsolate(cluster[0]) {
				// A bidi isolate: no ink, no text, but its advance
				// (normally none) still moves the pen.
				for k := i; k < j; k++ {
					pen += toUnits(g[k].Advance)
				}
				i = j
				continue
			}
			var adv fixed.Int26_6
			exact := g[i].XOffset == 0 && g[i].YOffset == 0 && j-i == len(cluster)
			for k := i; k < j; k++ {
				adv += g[k].Advance
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
				first := len(l.Runs)
				for k := i; k < j; k++ {
					text := texts[k-i]
					gid := int(g[k].GlyphID)
					if gid == 0 {
						gid = -1 // .notdef is never drawn on purpose
					}
					l.Runs = append(l.Runs, Run{X: (x + toUnits(g[k].XOffset)) * scale, Y: toUnits(g[k].YOffset) * scale,
						Text: text, Font: id, Face: gr.face, Glyph: gid})
					x += toUnits(g[k].Advance)
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
			if math.Abs(runEnd-pen) > 0.5 {
				flush()
				runX, runEnd = pen, pen
			}
			text = append(text, cluster...)
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

// ltrSpans are what must read left to right, in one piece, inside
// right-to-left text: phone numbers and other figures with their spaces
// and dashes ("0303-70 30 00", "8–16"), links and e-mail addresses.
var ltrSpans = regexp.MustCompile(`https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|\+?[0-9][0-9 \-–]*[0-9]`)

// ltrSpanRanges returns the rune ranges of the spans of s.
func ltrSpanRanges(s string) [][2]int {
	var out [][2]int
	for _, m := range ltrSpans.FindAllStringIndex(s, -1) {
		start := utf8.RuneCountInString(s[:m[0]])
		out = append(out, [2]int{start, start + utf8.RuneCountInString(s[m[0]:m[1]])})
	}
	return out
}

// keepSpansLTR puts back into reading order the runs of a line, sorted
// into visual order, that make up one left-to-right span: the bidi
// algorithm of go-text splits "114 14" at its space and, in a
// right-to-left paragraph, shows the parts the wrong way round.
func keepSpansLTR(line shaping.Line, spans [][2]int) {
	in := func(o shaping.Output) int {
		for i, sp := range spans {
			if o.Runes.Offset >= sp[0] && o.Runes.Offset+o.Runes.Count <= sp[1] {
				return i
			}
		}
		return -1
	}
	for i := 0; i < len(line); {
		sp := in(line[i])
		j := i + 1
		for sp >= 0 && j < len(line) && in(line[j]) == sp {
			j++
		}
		if j-i > 1 {
			block := line[i:j]
			sort.SliceStable(block, func(a, b int) bool { return block[a].Runes.Offset < block[b].Runes.Offset })
		}
		i = j
	}
}

// clusterTexts shares a cluster's characters among its glyphs, for the
// text a PDF reader gives back. Left to right, one each when there are
// as many glyphs as characters. Otherwise, and always right to left when
// there are several glyphs, all to the first glyph and none to the rest
// (a mark drawn as a glyph of its own would be read back beside its
// letters, not after them; the span gives them back together). Right to
// left the characters are listed in drawing order, since a reader turns a
// right-to-left run back as a whole.
func clusterTexts(cluster []rune, glyphs int, rtl bool) []string {
	out := make([]string, glyphs)
	if glyphs == len(cluster) && (!rtl || glyphs == 1) {
		for i, r := range cluster {
			out[i] = string(r)
		}
		return out
	}
	out[0] = string(cluster)
	if rtl {
		out[0] = reversed(cluster)
	}
	return out
}

func reversed(rs []rune) string {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[len(rs)-1-i] = r
	}
	return string(out)
}

func allSpace(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// firstStrongLTR reports whether the first letter of rs is written left
// to right (Latin, Cyrillic, Ethiopic …) rather than right to left.
func firstStrongLTR(rs []rune) bool {
	for _, r := range rs {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return false
		}
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isIsolate reports a bidi isolate control, which is never drawn.
func isIsolate(r rune) bool { return r >= 0x2066 && r <= 0x2069 }
