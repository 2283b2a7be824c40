package png

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"

	"github.com/klauspost/compress/zlib"
)

// A page is written as an 8-bit RGB PNG here rather than by image/png,
// for speed: image/png tries all five of the format's row filters on
// every row to keep the best, which took three quarters of a leaflet
// page's time at 96 dpi (19 of 26 ms), and it has no option to choose a
// filter. A page is mostly flat colour, so a fixed choice does as well:
// a row like the one above is filtered Up (all zeros), any other Sub
// (runs of one colour become zeros); the rows are compressed with
// klauspost/compress's zlib at its fastest level, which render/pdf uses
// for the same reason. The file is a plain PNG that any reader takes
// (the tests read it back with image/png) and the same page always gives
// the same bytes.

// Row filters (PNG specification, section 9.2).
const (
	filterSub = 1
	filterUp  = 2
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// encoder writes pages; it keeps its buffers and compressor for the next.
type encoder struct {
	zbuf bytes.Buffer
	zw   *zlib.Writer
	cur  []byte // a filtered row: the filter byte, then RGB
}

// encode appends img, which must be opaque, to out as a PNG file.
func (e *encoder) encode(out *bytes.Buffer, img *image.RGBA) error {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	out.Write(pngSignature)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // bits per sample
	ihdr[9] = 2 // colour type: RGB
	// compression, filter method and interlace: 0
	chunk(out, "IHDR", ihdr[:])

	e.zbuf.Reset()
	if e.zw == nil {
		var err error
		if e.zw, err = zlib.NewWriterLevel(&e.zbuf, zlib.BestSpeed); err != nil {
			return err
		}
	} else {
		e.zw.Reset(&e.zbuf)
	}
	if cap(e.cur) < 1+3*w {
		e.cur = make([]byte, 1+3*w)
	}
	cur := e.cur[:1+3*w]
	var prev []byte // the row above, RGBA
	for y := 0; y < h; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y):][:4*w]
		if prev != nil && bytes.Equal(row, prev) {
			cur[0] = filterUp
			clear(cur[1:])
		} else {
			cur[0] = filterSub
			var lr, lg, lb byte // the pixel to the left; none at the edge
			for x, i := 0, 1; x < 4*w; x, i = x+4, i+3 {
				r, g, b := row[x], row[x+1], row[x+2]
				cur[i], cur[i+1], cur[i+2] = r-lr, g-lg, b-lb
				lr, lg, lb = r, g, b
			}
		}
		if _, err := e.zw.Write(cur); err != nil {
			return err
		}
		prev = row
	}
	if err := e.zw.Close(); err != nil {
		return err
	}
	chunk(out, "IDAT", e.zbuf.Bytes())
	chunk(out, "IEND", nil)
	return nil
}

// chunk appends a PNG chunk: its length, type, data and CRC.
func chunk(out *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	out.WriteString(typ)
	out.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}
