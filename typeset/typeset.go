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
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"

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

// Fonts are the parsed embedded fonts. They are parsed once per process
// and shared; Engines built on them are not shared between goroutines.
type Fonts struct {
	data  [numFonts][]byte
	fonts [numFonts]*font.Font
}

var (
	defaultOnce  sync.Once
	defaultFonts *Fonts
	defaultErr   error
)

// Default returns the embedded fonts, parsing them on first use.
func Default() (*Fonts, error) {
	defaultOnce.Do(func() {
		defaultFonts, defaultErr = NewFonts(assets.NotoSansRegular, assets.NotoSansBold)
	})
	return defaultFonts, defaultErr
}

// NewFonts parses a regular and a bold TrueType font.
func NewFonts(regular, bold []byte) (*Fonts, error) {
	f := &Fonts{}
	for i, data := range [][]byte{regular, bold} {
		face, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("parse font %s: %w", FontID(i), err)
		}
		f.data[i] = data
		f.fonts[i] = face.Font
	}
	return f, nil
}

// Data returns the font file's bytes, for embedding in a PDF.
func (f *Fonts) Data(id FontID) []byte { return f.data[id] }

// Covers reports whether every embedded font can draw r. Line breaks and
// spaces are always covered.
func (f *Fonts) Covers(r rune) bool {
	if r == ' ' || r == '\n' {
		return true
	}
	for _, ft := range f.fonts {
		if _, ok := ft.NominalGlyph(r); !ok {
			return false
		}
	}
	return true
}

// Run is a piece of one line drawn as a single string.
type Run struct {
	X    float64 // from the line's left edge, in points
	Text string
	Font FontID
}

// Line is one wrapped line of text.
type Line struct {
	Width float64 // in points, trailing spaces left out
	Runs  []Run
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
	faces   [numFonts]*font.Face
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	wrapper shaping.LineWrapper
	lineSeg segmenter.Segmenter
	paras   map[paraKey]*para
	wraps   map[wrapKey][]Line
}

type paraKey struct {
	font FontID
	text string
}

type wrapKey struct {
	font        FontID
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
	glyphs []shaping.Glyph // all runs' glyphs, when simple
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
	for i, ft := range fonts.fonts {
		e.faces[i] = font.NewFace(ft)
	}
	return e
}

// Fonts returns the fonts the engine sets text in.
func (e *Engine) Fonts() *Fonts { return e.fonts }

// Metrics returns the vertical extents of font at size points.
func (e *Engine) Metrics(id FontID, size float64) Metrics {
	face := e.faces[id]
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
// folded to one space: the form in which text is shaped and drawn.
func Normalize(s string) string {
	s = strings.ReplaceAll(norm.NFC.String(s), "\u00ad", "") // soft hyphens are not drawn
	return strings.Join(strings.Fields(s), " ")
}

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
	key := wrapKey{id, s, size, maxWidth}
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
	cfg := shaping.WrapConfig{Direction: di.DirectionLTR, BreakPolicy: shaping.WhenNecessary}
	wrapped, _ := e.wrapper.WrapParagraphF(cfg, limit, p.runes, shaping.NewSliceIterator(runs))
	out := make([]Line, 0, len(wrapped))
	for _, wl := range wrapped {
		var gs [][]shaping.Glyph
		for _, o := range wl {
			gs = append(gs, o.Glyphs)
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
			out = append(out, e.line([][]shaping.Glyph{p.glyphs[p.pieces[start].g0:p.pieces[i-1].g1]}, p.runes, id, scale))
			start, width = i, 0
		}
		width += pc.advance
	}
	if start < len(p.pieces) {
		out = append(out, e.line([][]shaping.Glyph{p.glyphs[p.pieces[start].g0:p.pieces[len(p.pieces)-1].g1]}, p.runes, id, scale))
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
			word = strings.TrimSpace(string(p.runes[p.glyphs[pc.g0].ClusterIndex : p.glyphs[pc.g1-1].ClusterIndex+p.glyphs[pc.g1-1].RuneCount]))
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
	key := paraKey{id, s}
	if p, ok := e.paras[key]; ok {
		return p
	}
	p := &para{runes: []rune(s)}
	in := shaping.Input{
		Text:         p.runes,
		RunStart:     0,
		RunEnd:       len(p.runes),
		Direction:    di.DirectionLTR,
		Face:         e.faces[id],
		FontFeatures: noLigatures,
		Size:         fixed.I(unit),
		Script:       language.Latin,
		Language:     language.NewLanguage("sv"),
	}
	for _, part := range e.seg.Split(in, singleFace{e.faces[id]}) {
		p.runs = append(p.runs, e.shaper.Shape(part))
	}
	p.prepareSimple(&e.lineSeg)
	if len(e.paras) > 2048 {
		clear(e.paras)
	}
	e.paras[key] = p
	return p
}

// prepareSimple finds out whether p is simple and, if so, cuts it into
// pieces at its line-break opportunities.
func (p *para) prepareSimple(seg *segmenter.Segmenter) {
	last := -1
	for _, o := range p.runs {
		if o.Direction != di.DirectionLTR {
			return
		}
		for _, g := range o.Glyphs {
			if g.ClusterIndex < last {
				return
			}
			last = g.ClusterIndex
			p.glyphs = append(p.glyphs, g)
		}
	}
	seg.Init(p.runes)
	it := seg.LineIterator()
	g := 0
	for it.Next() {
		l := it.Line()
		end := l.Offset + len(l.Text)
		pc := piece{g0: g}
		for g < len(p.glyphs) && p.glyphs[g].ClusterIndex < end {
			adv := float64(p.glyphs[g].Advance) / 64
			pc.advance += adv
			if unicode.IsSpace(p.runes[p.glyphs[g].ClusterIndex]) {
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
	last := p.runes[p.glyphs[pc.g1-1].ClusterIndex]
	if unicode.IsSpace(last) {
		// Not between digits: "114 14" stays on one line.
		if pc.g1 < len(p.glyphs) && unicode.IsDigit(p.runes[p.glyphs[pc.g1].ClusterIndex]) {
			return !p.digitBefore(pc)
		}
		return true
	}
	if last == '/' {
		// Inside a link's path, not in "://".
		i := p.glyphs[pc.g1-1].ClusterIndex
		return i > 0 && p.runes[i-1] != '/' && p.runes[i-1] != ':' && !p.digitBefore(pc)
	}
	if last == '-' || last == '‐' || last == '–' {
		i := p.glyphs[pc.g1-1].ClusterIndex
		return i > 0 && unicode.IsLetter(p.runes[i-1])
	}
	return false
}

// digitBefore reports whether the last non-space character of pc is a
// digit.
func (p *para) digitBefore(pc piece) bool {
	for g := pc.g1 - 1; g >= pc.g0; g-- {
		r := p.runes[p.glyphs[g].ClusterIndex]
		if !unicode.IsSpace(r) {
			return unicode.IsDigit(r)
		}
	}
	return false
}

type singleFace struct{ face *font.Face }

func (s singleFace) ResolveFace(rune) *font.Face { return s.face }

// line turns the glyphs of one line, in visual order, into drawable runs.
func (e *Engine) line(wl [][]shaping.Glyph, runes []rune, id FontID, scale float64) Line {
	face := e.faces[id]
	upem := float64(face.Upem())
	toUnits := func(v fixed.Int26_6) float64 { return float64(v) / 64 }
	nominal := func(r rune) float64 {
		gid, _ := face.NominalGlyph(r)
		return float64(face.HorizontalAdvance(gid)) * unit / upem
	}

	var (
		l       Line
		pen     float64 // shaped pen position, in units
		runX    float64 // where the open run starts
		runEnd  float64 // where the PDF writer's pen would be
		text    []rune
		visible float64 // pen after the last non-space cluster
	)
	flush := func() {
		if len(text) > 0 {
			l.Runs = append(l.Runs, Run{X: runX * scale, Text: string(text), Font: id})
		}
		text = text[:0]
	}
	for _, g := range wl {
		for i := 0; i < len(g); {
			// One cluster: glyphs sharing a ClusterIndex.
			j := i + 1
			for j < len(g) && g[j].ClusterIndex == g[i].ClusterIndex {
				j++
			}
			start, count := g[i].ClusterIndex, g[i].RuneCount
			cluster := runes[start : start+count]
			var adv fixed.Int26_6
			exact := g[i].XOffset == 0 && g[i].YOffset == 0 && j-i == len(cluster)
			for k := i; k < j; k++ {
				adv += g[k].Advance
				if exact {
					gid, _ := face.NominalGlyph(cluster[k-i])
					exact = gid == g[k].GlyphID
				}
			}
			if !exact || math.Abs(runEnd-pen) > 0.5 {
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

func allSpace(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
