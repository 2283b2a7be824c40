package png

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	"golang.org/x/image/vector"

	"huskurage/layout"
	"huskurage/qr"
	"huskurage/typeset"
)

// Options control what is not part of the layout.
type Options struct {
	// DPI is the resolution, in pixels to the inch.
	DPI float64
}

// Renderer is the PNG backend: it draws one page of a document as a
// picture. It is safe for concurrent use.
type Renderer struct {
	dpi   float64
	px    float64 // pixels to the millimetre
	fonts fontSet
	logos logoCache
	// work holds what drawing a page needs and reuses: the rasterizer's
	// buffers, the page's pixels.
	work sync.Pool
}

// MaxDPI is the highest resolution drawn: an A3 page at 600 dpi is
// 7,016 × 9,921 pixels, 280 MB in memory while it is drawn.
const MaxDPI = 600

// New returns a PNG renderer at opts.DPI that draws text with fonts. It
// reads the fonts' outlines, once.
func New(fonts *typeset.Fonts, opts Options) (*Renderer, error) {
	if opts.DPI <= 0 || opts.DPI > MaxDPI || math.IsNaN(opts.DPI) {
		return nil, fmt.Errorf("png: a resolution of %g dpi (choose 1 to %d)", opts.DPI, MaxDPI)
	}
	r := &Renderer{dpi: opts.DPI, px: opts.DPI / 25.4}
	if err := r.fonts.load(fonts); err != nil {
		return nil, fmt.Errorf("png: %w", err)
	}
	r.work.New = func() any { return new(canvas) }
	return r, nil
}

// Ext returns ".png".
func (r *Renderer) Ext() string { return ".png" }

// PerPage is true: a picture is one page.
func (r *Renderer) PerPage() bool { return true }

// Render writes the one page of d to w as a PNG picture: 8-bit RGB, as
// many pixels to the inch as the renderer's resolution, the size rounded
// up to whole pixels as pdftoppm rounds it. A document of several pages
// is refused: render.Files gives each page a file.
func (r *Renderer) Render(w io.Writer, d *layout.Doc) error {
	b, err := r.Bytes(d)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Bytes returns the one page of d as a PNG picture (see Render).
func (r *Renderer) Bytes(d *layout.Doc) ([]byte, error) {
	if len(d.Pages) != 1 {
		return nil, fmt.Errorf("render %s: a PNG picture holds one page, not %d", d.Kind, len(d.Pages))
	}
	c := r.work.Get().(*canvas)
	defer r.work.Put(c)
	img, err := r.page(c, d, d.Pages[0])
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", d.Kind, err)
	}
	c.out.Reset()
	if err := c.enc.encode(&c.out, img); err != nil {
		return nil, fmt.Errorf("render %s: %w", d.Kind, err)
	}
	return bytes.Clone(c.out.Bytes()), nil
}

// Image draws the one page of d and returns it.
func (r *Renderer) Image(d *layout.Doc) (*image.RGBA, error) {
	if len(d.Pages) != 1 {
		return nil, fmt.Errorf("render %s: a picture holds one page, not %d", d.Kind, len(d.Pages))
	}
	img, err := r.page(new(canvas), d, d.Pages[0])
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", d.Kind, err)
	}
	return img, nil
}

// page draws p on white paper.
func (r *Renderer) page(c *canvas, d *layout.Doc, p layout.Page) (*image.RGBA, error) {
	// As pdftoppm: the page's size in pixels, rounded up. (The millimetre
	// sizes of paper are not whole points: 0.5 µm off would add a pixel.)
	w := int(math.Ceil(p.W*r.px - 1e-6))
	h := int(math.Ceil(p.H*r.px - 1e-6))
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("a page of %g × %g mm", p.W, p.H)
	}
	c.reset(w, h, r.px)
	for _, it := range p.Items {
		if err := r.draw(c, d, it); err != nil {
			return nil, err
		}
	}
	return c.img, nil
}

func (r *Renderer) draw(c *canvas, d *layout.Doc, it layout.Item) error {
	switch it.Kind {
	case layout.KindText:
		return r.text(c, it)
	case layout.KindRect:
		if it.Fill != nil {
			c.rect(it.X, it.Y, it.W, it.H, it.Radius, 0, rgba(*it.Fill))
		}
		if it.Stroke != nil {
			c.rect(it.X, it.Y, it.W, it.H, it.Radius, it.LineWidth, rgba(*it.Stroke))
		}
	case layout.KindCircle:
		if it.Fill != nil {
			c.circle(it.X, it.Y, it.Radius, 0, rgba(*it.Fill))
		}
		if it.Stroke != nil {
			c.circle(it.X, it.Y, it.Radius, it.LineWidth, rgba(*it.Stroke))
		}
	case layout.KindLine:
		if len(it.Points) != 2 {
			return fmt.Errorf("a line through %d points", len(it.Points))
		}
		if it.Stroke != nil {
			c.line(it.Points[0], it.Points[1], it.LineWidth, rgba(*it.Stroke))
		}
	case layout.KindPoly:
		if it.Fill != nil {
			c.poly(it.Points, rgba(*it.Fill))
		}
	case layout.KindImage:
		if d.Logo == nil {
			return fmt.Errorf("the layout places a logo but the document has none")
		}
		logo, err := r.logos.get(d.Logo)
		if err != nil {
			return err
		}
		c.image(logo, it.X, it.Y, it.W, it.H)
	case layout.KindQR:
		code, err := qr.Encode(it.Data, it.W, it.MinModule)
		if err != nil {
			// A layout refuses such a link itself; a page made by hand
			// may not have.
			var long *qr.TooLongError
			if errors.As(err, &long) {
				return &layout.FieldError{Field: it.Field, Problem: long.Problem(), Hint: long.Hint()}
			}
			return err
		}
		c.qr(code, it.X, it.Y, it.W)
	default:
		return fmt.Errorf("unknown item kind %q", it.Kind)
	}
	return nil
}

func rgba(c layout.Color) color.RGBA { return color.RGBA{c[0], c[1], c[2], 0xff} }

// canvas is a page being drawn, and the buffers drawing reuses.
type canvas struct {
	img *image.RGBA
	px  float64 // pixels to the millimetre
	z   vector.Rasterizer
	// The rasterizer covers the pixels box of the page; ox, oy are its
	// top left corner, in pixels, which paths are drawn relative to.
	box    image.Rectangle
	ox, oy float64
	src    image.Uniform
	out    bytes.Buffer
	enc    encoder
	// gids are a text run's glyphs, reused.
	gids []font.GID
}

func (c *canvas) reset(w, h int, px float64) {
	if c.img == nil || c.img.Rect.Dx() != w || c.img.Rect.Dy() != h {
		c.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	// White paper: the first pixel, then copies of what is done, each
	// twice as long (copy is a memmove, ten times a loop's speed).
	pix := c.img.Pix
	n := copy(pix, []byte{0xff, 0xff, 0xff, 0xff})
	for n < len(pix) {
		n += copy(pix[n:], pix[:n])
	}
	c.px = px
}
