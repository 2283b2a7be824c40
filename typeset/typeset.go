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
	cache   map[cacheKey][]shaping.Output
}

type cacheKey struct {
	font FontID
	text string
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
	e := &Engine{fonts: fonts, cache: make(map[cacheKey][]shaping.Output)}
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
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
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
// LongestWord to find out whether that would happen.
func (e *Engine) Wrap(s string, id FontID, size, maxWidth float64) []Line {
	s = Normalize(s)
	if s == "" {
		return nil
	}
	runes := []rune(s)
	runs := e.shape(s, runes, id)
	scale := size / unit
	max := fixed.Int26_6(math.MaxInt32)
	if !math.IsInf(maxWidth, 1) {
		max = fixed.Int26_6(maxWidth / scale * 64)
	}
	cfg := shaping.WrapConfig{Direction: di.DirectionLTR, BreakPolicy: shaping.WhenNecessary}
	wrapped, _ := e.wrapper.WrapParagraphF(cfg, max, runes, shaping.NewSliceIterator(runs))
	out := make([]Line, 0, len(wrapped))
	for _, wl := range wrapped {
		out = append(out, e.line(wl, runes, id, scale))
	}
	return out
}

// LongestWord returns the widest unbreakable piece of s, in points, and
// the piece itself: the narrowest width s can be wrapped to without
// breaking a word.
func (e *Engine) LongestWord(s string, id FontID, size float64) (float64, string) {
	best, word := 0.0, ""
	for _, w := range strings.Fields(Normalize(s)) {
		if m := e.Measure(w, id, size); m > best {
			best, word = m, w
		}
	}
	return best, word
}

// shape returns the shaped runs of s, cached per font and text. The
// wrapper may change glyphs, so callers get a copy.
func (e *Engine) shape(s string, runes []rune, id FontID) []shaping.Output {
	key := cacheKey{id, s}
	cached, ok := e.cache[key]
	if !ok {
		in := shaping.Input{
			Text:         runes,
			RunStart:     0,
			RunEnd:       len(runes),
			Direction:    di.DirectionLTR,
			Face:         e.faces[id],
			FontFeatures: noLigatures,
			Size:         fixed.I(unit),
			Script:       language.Latin,
			Language:     language.NewLanguage("sv"),
		}
		for _, part := range e.seg.Split(in, singleFace{e.faces[id]}) {
			cached = append(cached, e.shaper.Shape(part))
		}
		if len(e.cache) > 4096 {
			clear(e.cache)
		}
		e.cache[key] = cached
	}
	out := make([]shaping.Output, len(cached))
	for i, o := range cached {
		o.Glyphs = append([]shaping.Glyph(nil), o.Glyphs...)
		out[i] = o
	}
	return out
}

type singleFace struct{ face *font.Face }

func (s singleFace) ResolveFace(rune) *font.Face { return s.face }

// line turns one wrapped line into drawable runs.
func (e *Engine) line(wl shaping.Line, runes []rune, id FontID, scale float64) Line {
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
	for _, out := range wl {
		g := out.Glyphs
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
