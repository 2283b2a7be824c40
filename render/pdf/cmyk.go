package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // logos may be JPEG
	"image/png"
	"math"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"huskurage/icc"
	"huskurage/layout"
	"huskurage/property"
)

// A document for a print shop (Options.CMYK) is drawn in the four inks of
// offset printing on coated paper, FOGRA39, not in sRGB:
//
//   - Neutral colours (black, the greys of text and rules, white) are
//     printed with black ink alone, as much of it as prints the same
//     lightness; anything as dark as solid black ink or darker (our body
//     text, #1a1a1a, and the black of crop marks) is 100 % K. Four-colour
//     ("rich") black would put about 280 % of ink under 11 pt text, whose
//     fine strokes then print blurred wherever the plates are a hair out
//     of register.
//   - Other colours of the design (the red of 112, the landlord's accent
//     and its tints) go through the profile's relative colorimetric table:
//     printed as they are where the press can print them, white as the
//     paper.
//   - The logo goes through the profile's perceptual table, as pictures
//     are: its whole gamut fitted into the press's.

// press converts colours for one document.
type press struct {
	profile *icc.Profile
	inks    map[layout.Color]icc.CMYK
}

func newPress() *press {
	return &press{profile: icc.FOGRA39(), inks: map[layout.Color]icc.CMYK{}}
}

// ink returns the inks that print the design colour c.
func (p *press) ink(c layout.Color) icc.CMYK {
	if k, ok := p.inks[c]; ok {
		return k
	}
	var k icc.CMYK
	if c[0] == c[1] && c[1] == c[2] {
		k[3] = p.profile.BlackOnly(icc.SRGBToLab(c[0], c[1], c[2]).L)
	} else {
		k = p.profile.FromSRGB(c[0], c[1], c[2], icc.RelativeColorimetric)
	}
	for i := range k {
		// Tenths of a per cent; under half a per cent no press prints a
		// dot, and a trace of ink there would only be a plate for nothing.
		k[i] = math.Round(k[i]*1000) / 1000
		if k[i] < 0.005 {
			k[i] = 0
		}
	}
	p.inks[c] = k
	return k
}

// appendInk appends the operator that sets c as a fill (op "k") or
// stroke ("K") colour in DeviceCMYK.
func (p *press) appendInk(b []byte, c layout.Color, op string) []byte {
	for _, v := range p.ink(c) {
		b = appendF(b, v, 3)
		b = append(b, ' ')
	}
	return append(b, op...)
}

// fillColor appends the operator that sets c as the fill colour: in the
// document's inks, or sRGB as fpdf writes it.
func (df *docFonts) fillColor(b []byte, c layout.Color) []byte {
	if df.press != nil {
		return df.press.appendInk(b, c, "k")
	}
	return appendColor(b, c, "g", "rg")
}

// strokeColor sets c as the colour of lines.
func (df *docFonts) strokeColor(pdf *fpdf.Fpdf, c layout.Color) {
	if df.press != nil {
		df.raw(pdf, df.press.appendInk(df.buf[:0], c, "K"))
		return
	}
	df.setDrawColor(pdf, c)
}

// textColor appends the operator that sets a text's colour c, black when
// c is nil.
func (df *docFonts) textColor(b []byte, c *layout.Color) []byte {
	if df.press != nil {
		if c == nil {
			c = &layout.Color{}
		}
		return df.press.appendInk(b, *c, "k")
	}
	if c == nil {
		return append(b, "0 g"...)
	}
	b = appendUnit(b, c[0])
	b = append(b, ' ')
	b = appendUnit(b, c[1])
	b = append(b, ' ')
	b = appendUnit(b, c[2])
	return append(b, " rg"...)
}

// cmykLogo is a logo in the press's inks, ready to be an image XObject.
type cmykLogo struct {
	w, h int
	z    []byte // the inks, 4 bytes a pixel, compressed with zlib
}

var cmykLogos = cache[[32]byte, *cmykLogo]{max: 64}

// logoInCMYK converts a logo to the press's inks through the perceptual
// table, once per process: transparent parts are the paper, as the logo
// always stands on white.
func logoInCMYK(img *property.Image) (*cmykLogo, error) {
	key := sha256.Sum256(img.Data)
	if l, ok := cmykLogos.get(key); ok {
		return l, nil
	}
	src, _, err := image.Decode(bytes.NewReader(img.Data))
	if err != nil {
		return nil, fmt.Errorf("logo %s: %w", img.Path, err)
	}
	b := src.Bounds()
	prof := icc.FOGRA39()
	px := make([]byte, 0, 4*b.Dx()*b.Dy())
	seen := map[[3]uint8][4]byte{} // logos have few colours
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(src.At(x, y)).(color.NRGBA)
			// Over white paper.
			a := uint32(c.A)
			rgb := [3]uint8{
				uint8((uint32(c.R)*a + 255*(255-a) + 127) / 255),
				uint8((uint32(c.G)*a + 255*(255-a) + 127) / 255),
				uint8((uint32(c.B)*a + 255*(255-a) + 127) / 255),
			}
			k, ok := seen[rgb]
			if !ok {
				v := prof.FromSRGB(rgb[0], rgb[1], rgb[2], icc.Perceptual)
				for i := range k {
					k[i] = uint8(math.Round(math.Min(math.Max(v[i], 0), 1) * 255))
				}
				if len(seen) < 1<<16 {
					seen[rgb] = k
				}
			}
			px = append(px, k[:]...)
		}
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(px)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	l := &cmykLogo{w: b.Dx(), h: b.Dy(), z: z.Bytes()}
	cmykLogos.put(key, l)
	return l, nil
}

// logoPlaceholder is what fpdf is given as the logo of a CMYK document: a
// grey pixel, whose image object is then replaced by the logo in CMYK
// (see pressFinish). fpdf writes images only as it read them, and a PNG
// cannot hold CMYK.
var logoPlaceholder = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		panic(err)
	}
	return b.Bytes()
})
