package png

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	stdpng "image/png"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"

	"huskurage/property"
)

// The landlord's logo is decoded once per renderer and flattened onto
// white, as render/pdf prepares it: the logo always stands on white. Each
// size it is drawn at is scaled once, bilinearly (smooth, where a
// nearest-pixel scaling leaves jagged edges, and without the dark rims a
// Catmull-Rom filter draws around flat colour), and kept.

// logoCache holds the logos of recent documents; a batch has one logo
// per landlord, each used by every document of its properties.
type logoCache struct {
	mu sync.Mutex
	m  map[*property.Image]*logo
}

// logo is a decoded logo and the sizes it has been scaled to.
type logo struct {
	src    *image.RGBA
	mu     sync.Mutex
	scaled map[image.Point]*image.RGBA
}

// maxLogos is how many logos are kept; the cache starts afresh after.
const maxLogos = 16

func (lc *logoCache) get(img *property.Image) (*logo, error) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if l, ok := lc.m[img]; ok {
		return l, nil
	}
	var (
		src image.Image
		err error
	)
	switch img.Format {
	case "JPEG":
		src, err = jpeg.Decode(bytes.NewReader(img.Data))
	default:
		src, err = stdpng.Decode(bytes.NewReader(img.Data))
	}
	if err != nil {
		return nil, fmt.Errorf("logo %s: %w", img.Path, err)
	}
	b := src.Bounds()
	flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(flat, flat.Rect, image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(flat, flat.Rect, src, b.Min, draw.Over)
	if lc.m == nil || len(lc.m) >= maxLogos {
		lc.m = map[*property.Image]*logo{}
	}
	l := &logo{src: flat, scaled: map[image.Point]*image.RGBA{}}
	lc.m[img] = l
	return l, nil
}

// at returns the logo scaled to size pixels.
func (l *logo) at(size image.Point) *image.RGBA {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s, ok := l.scaled[size]; ok {
		return s
	}
	s := image.NewRGBA(image.Rectangle{Max: size})
	xdraw.BiLinear.Scale(s, s.Rect, l.src, l.src.Rect, xdraw.Src, nil)
	if len(l.scaled) >= maxLogos {
		clear(l.scaled)
	}
	l.scaled[size] = s
	return s
}

// image draws the logo into the box x, y, w, h (mm), its edges on whole
// pixels as pdftoppm puts them: from the pixel the box starts in to the
// one it ends in, both included.
func (c *canvas) image(l *logo, x, y, w, h float64) {
	k := c.px
	r := image.Rect(int(math.Floor(x*k)), int(math.Floor(y*k)), int(math.Floor((x+w)*k))+1, int(math.Floor((y+h)*k))+1)
	if r.Empty() {
		return
	}
	draw.Draw(c.img, r, l.at(r.Size()), image.Point{}, draw.Src)
}
