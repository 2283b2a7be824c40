package png

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"

	"huskurage/layout"
	"huskurage/typeset"
)

// Text is drawn from the glyphs the layout names, as render/pdf draws it:
//
//   - a run with a Glyph (a joined Arabic letter, a ligature, a placed
//     mark) is that glyph of its family, at the run's X, raised by its Y;
//   - any other run is its characters' own glyphs, one after the other,
//     each moved on by its advance in whole thousandths of an em, the
//     widths a PDF file gives its fonts.
//
// Outlines come from the fonts' glyf tables through go-text's font API,
// in font units, and are kept once read; so is each glyph's coverage at
// each size and place within a pixel it is drawn at (see text).

// fontSet is the fonts' faces by weight, then family.
type fontSet struct {
	files [2][]*fontFile
}

// fontFile is one font, with the outlines and advances read so far.
type fontFile struct {
	name string
	upem float64
	// yMin and yMax are the font's bounding box, in font units.
	yMin, yMax float64
	// mu guards face, which caches as it reads and is not safe for
	// concurrent use, glyphs, masks and z.
	mu     sync.Mutex
	face   *font.Face
	glyphs map[font.GID]*glyph
	masks  map[maskKey]*image.Alpha
	z      vector.Rasterizer
}

// glyph is an outline in font units, y up, and its box.
type glyph struct {
	segs                   []ot.Segment
	xMin, yMin, xMax, yMax float32
	// advance is the width in thousandths of an em, rounded as render/pdf
	// rounds it.
	advance float64
}

func (s *fontSet) load(fonts *typeset.Fonts) error {
	for _, id := range []typeset.FontID{typeset.Regular, typeset.Bold} {
		for fam := 0; fam < fonts.Faces(); fam++ {
			data := fonts.Data(id, fam)
			face, err := font.ParseTTF(bytes.NewReader(data))
			if err != nil {
				return fmt.Errorf("font %s of family %d: %w", id, fam, err)
			}
			yMin, yMax, err := bbox(data)
			if err != nil {
				return fmt.Errorf("font %s of family %d: %w", id, fam, err)
			}
			s.files[id] = append(s.files[id], &fontFile{
				name:   fmt.Sprintf("%s (%s)", face.Describe().Family, id),
				upem:   float64(face.Upem()),
				yMin:   yMin,
				yMax:   yMax,
				face:   face,
				glyphs: map[font.GID]*glyph{},
				masks:  map[maskKey]*image.Alpha{},
			})
		}
	}
	return nil
}

// bbox returns the bottom and top of a TrueType font's bounding box, from
// its head table, in font units.
func bbox(data []byte) (yMin, yMax float64, err error) {
	if len(data) < 12 {
		return 0, 0, fmt.Errorf("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n && 12+16*i+16 <= len(data); i++ {
		rec := data[12+16*i:]
		if string(rec[:4]) != "head" {
			continue
		}
		off := int(binary.BigEndian.Uint32(rec[8:]))
		if off < 0 || off+44 > len(data) {
			break
		}
		head := data[off:]
		return float64(int16(binary.BigEndian.Uint16(head[38:]))), float64(int16(binary.BigEndian.Uint16(head[42:]))), nil
	}
	return 0, 0, fmt.Errorf("no head table")
}

func (s *fontSet) file(id typeset.FontID, fam int) (*fontFile, error) {
	if id < 0 || int(id) >= len(s.files) || fam < 0 || fam >= len(s.files[id]) {
		return nil, fmt.Errorf("no font family %d of font %s", fam, id)
	}
	return s.files[id][fam], nil
}

// glyph returns the outline of gid.
func (f *fontFile) glyph(gid font.GID) *glyph {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.glyphLocked(gid)
}

func (f *fontFile) glyphLocked(gid font.GID) *glyph {
	if g, ok := f.glyphs[gid]; ok {
		return g
	}
	g := &glyph{advance: math.Floor(float64(f.face.HorizontalAdvance(gid))*1000/f.upem + 0.5)}
	if out, ok := f.face.GlyphDataOutline(gid); ok && len(out.Segments) > 0 {
		g.segs = out.Segments
		g.xMin, g.yMin = float32(math.Inf(1)), float32(math.Inf(1))
		g.xMax, g.yMax = float32(math.Inf(-1)), float32(math.Inf(-1))
		for i := range g.segs {
			// Control points bound a Bézier segment.
			for _, p := range g.segs[i].ArgsSlice() {
				g.xMin, g.xMax = min(g.xMin, p.X), max(g.xMax, p.X)
				g.yMin, g.yMax = min(g.yMin, p.Y), max(g.yMax, p.Y)
			}
		}
	}
	f.glyphs[gid] = g
	return g
}

// nominal returns the glyphs of the characters of s, as the font maps
// them. A character the font lacks is an error: a PDF would show a box.
func (f *fontFile) nominal(s string, out []font.GID) ([]font.GID, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range s {
		gid, ok := f.face.NominalGlyph(r)
		if !ok {
			return nil, fmt.Errorf("the font %s has no character %U %q", f.name, r, r)
		}
		out = append(out, gid)
	}
	return out, nil
}

// text draws one line of text, glyph by glyph: each glyph's origin is
// placed on the pixel grid as pdftoppm (poppler's Splash, with FreeType)
// places it, the baseline on the pixel boundary above it and the x on
// the quarter pixel to the left of it; so each glyph has only four looks
// at a size, each drawn once (mask) and then laid onto the page as often
// as the glyph comes back.
func (r *Renderer) text(c *canvas, it layout.Item) error {
	k := c.px
	size := it.Size * r.dpi / 72 // the em, in pixels
	c.src.C = ink
	if it.Fill != nil {
		c.src.C = rgba(*it.Fill)
	}
	for _, run := range it.Runs {
		f, err := r.fonts.file(it.Font, run.Face)
		if err != nil {
			return fmt.Errorf("%s: %w", it.Field, err)
		}
		x, y := (it.X+run.X)*k, (it.Y-run.Y)*k
		if run.Glyph != 0 {
			gid := max(run.Glyph, 0) // -1: the shaper found no glyph; draw .notdef, as a PDF does
			c.glyph(f, font.GID(gid), size, x, y)
			continue
		}
		gids, err := f.nominal(run.Text, c.gids[:0])
		if err != nil {
			return fmt.Errorf("%s: %w", it.Field, err)
		}
		c.gids = gids
		for _, gid := range gids {
			x += c.glyph(f, gid, size, x, y) / 1000 * size
		}
	}
	return nil
}

// glyph draws gid of f at size (pixels to the em) with its origin at x,
// y, and returns its advance in thousandths of an em.
func (c *canvas) glyph(f *fontFile, gid font.GID, size, x, y float64) float64 {
	x0, y0 := math.Floor(x), baseline(y)
	frac := 0
	if !f.large(size) {
		frac = int(math.Floor((x - x0) * subpixels))
	}
	m, adv := f.mask(gid, size, frac)
	if m == nil {
		return adv // nothing to draw: a space
	}
	r := m.Rect.Add(image.Pt(int(x0), int(y0)))
	draw.DrawMask(c.img, r, &c.src, image.Point{}, m, m.Rect.Min, draw.Over)
	return adv
}

// subpixels is how many places a glyph may take within a pixel,
// horizontally: four, as pdftoppm.
const subpixels = 4

// large reports whether f's glyphs at size (pixels to the em) are large
// enough to be placed on whole pixels, as pdftoppm places them: when the
// font's bounding box, each end cut to a whole pixel, is more than 47
// pixels tall (poppler's SplashFTFont and SplashFont::getGlyph: a glyph
// box of that height plus 3 is over 50). At that size a quarter pixel
// changes little.
func (f *fontFile) large(size float64) bool {
	top := math.Trunc(f.yMax / f.upem * size)
	bottom := math.Trunc(-f.yMin / f.upem * size)
	return top+bottom+3 > 50
}

// maskKey is one look of a glyph: its size in pixels to the em and
// where its origin falls within a pixel.
type maskKey struct {
	gid  font.GID
	size float64
	frac int
}

// maxMasks is how many looks of glyphs a font keeps; it starts afresh
// after. A leaflet page needs a few hundred.
const maxMasks = 1 << 14

// mask returns the coverage of gid at size with its origin frac
// quarter pixels right of the pixel (0, 0), as an alpha image whose
// bounds are where it lies around that pixel (nil for a glyph with no
// outline), and its advance in thousandths of an em.
func (f *fontFile) mask(gid font.GID, size float64, frac int) (*image.Alpha, float64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	g := f.glyphLocked(gid)
	key := maskKey{gid, size, frac}
	if m, ok := f.masks[key]; ok {
		return m, g.advance
	}
	var m *image.Alpha
	if g.segs != nil {
		s := size / f.upem
		ox := float64(frac) / subpixels
		r := image.Rect(
			int(math.Floor(float64(g.xMin)*s+ox)), int(math.Floor(-float64(g.yMax)*s)),
			int(math.Ceil(float64(g.xMax)*s+ox)), int(math.Ceil(-float64(g.yMin)*s)))
		if !r.Empty() {
			m = image.NewAlpha(r)
			f.z.Reset(r.Dx(), r.Dy())
			outline(&f.z, g.segs, float32(s), float32(ox-float64(r.Min.X)), float32(-r.Min.Y))
			f.z.Draw(m, m.Rect, image.Opaque, image.Point{})
		}
	}
	if len(f.masks) >= maxMasks {
		clear(f.masks)
	}
	f.masks[key] = m
	return m, g.advance
}

// baseline returns where a baseline at y pixels is drawn: on the pixel
// boundary above it, as pdftoppm (poppler's Splash) draws a PDF's text,
// so that the two agree. A baseline and the x-height then fall on pixel
// edges, which keeps small text sharp.
func baseline(y float64) float64 {
	return math.Floor(y + 1e-6)
}

// ink is the colour of text that names none, as a PDF's default.
var ink = rgba(layout.Color{0, 0, 0})

// outline adds a glyph's contours to z, scaled by s from font units (y
// up) to pixels (y down) with the origin at ox, oy.
func outline(z *vector.Rasterizer, segs []ot.Segment, s, ox, oy float32) {
	open := false
	for i := range segs {
		seg := &segs[i]
		a := &seg.Args
		switch seg.Op {
		case ot.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(ox+a[0].X*s, oy-a[0].Y*s)
			open = true
		case ot.SegmentOpLineTo:
			z.LineTo(ox+a[0].X*s, oy-a[0].Y*s)
		case ot.SegmentOpQuadTo:
			z.QuadTo(ox+a[0].X*s, oy-a[0].Y*s, ox+a[1].X*s, oy-a[1].Y*s)
		case ot.SegmentOpCubeTo:
			z.CubeTo(ox+a[0].X*s, oy-a[0].Y*s, ox+a[1].X*s, oy-a[1].Y*s, ox+a[2].X*s, oy-a[2].Y*s)
		}
	}
	if open {
		z.ClosePath()
	}
}
