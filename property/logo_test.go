package property

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 10), uint8(y * 20), 0x79, 0xFF})
		}
	}
	return img
}

// pngHeaderOnly is a PNG with a valid IHDR chunk claiming w×h pixels and
// no image data.
func pngHeaderOnly(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8] = 8 // bit depth
	ihdr[9] = 2 // truecolour
	var b bytes.Buffer
	b.WriteString(pngSignature)
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

func TestLogo(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	good := encodePNG(t, testImage(20, 10))
	write("logo.png", good)
	write("logos/shared.png", good)
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, testImage(30, 15), nil); err != nil {
		t.Fatal(err)
	}
	write("logo.jpg", jb.Bytes())

	rgba64 := image.NewRGBA64(image.Rect(0, 0, 4, 4))
	rgba64.Set(1, 1, color.RGBA64{0x1234, 0x5678, 0x9ABC, 0x8000})
	sixteen := encodePNG(t, rgba64)
	if sixteen[24] != 16 {
		t.Fatalf("test image has bit depth %d, want 16", sixteen[24])
	}
	write("deep.png", sixteen)
	gray16 := image.NewGray16(image.Rect(0, 0, 4, 4))
	gray16.SetGray16(2, 1, color.Gray16{Y: 0x8080})
	write("gray16.png", encodePNG(t, gray16))

	// A PNG that only claims to be interlaced is damaged; a real one is
	// converted.
	fake := bytes.Clone(good)
	fake[28] = 1
	write("fake-interlaced.png", fake)
	interlaced := interlacedPNG(testImage(20, 10))
	write("interlaced.png", interlaced)
	write("huge.png", pngHeaderOnly(5000, 5000))
	write("just-over.png", pngHeaderOnly(4097, 4096))
	write("enormous.png", pngHeaderOnly(1<<31-1, 1<<31-1))
	write("truncated.png", good[:len(good)/2])
	write("bad-header.png", []byte(pngSignature+"not a header at all, just text"))
	write("truncated.jpg", jb.Bytes()[:jb.Len()/2])
	var gb bytes.Buffer
	if err := gif.Encode(&gb, testImage(4, 4), nil); err != nil {
		t.Fatal(err)
	}
	write("logo.gif", gb.Bytes())
	write("logo.svg", []byte(`<?xml version="1.0"?>`+"\n"+`<svg xmlns="http://www.w3.org/2000/svg"/>`))
	write("notes.png", []byte("hello"))
	write("empty.png", nil)
	if err := os.Mkdir(filepath.Join(dir, "folder.png"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(MaxLogoSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()

	load := func(t *testing.T, logo string) (*Property, ErrorList) {
		t.Helper()
		src := withLandlord("  logo: " + logo)
		p, err := Parse([]byte(src), "hus.yaml", dir, Options{})
		return p, checkResult(t, p, err)
	}

	t.Run("good", func(t *testing.T) {
		for _, tt := range []struct {
			logo, path, format string
			w, h               int
			data               []byte
		}{
			{"logo.png", filepath.Join(dir, "logo.png"), "PNG", 20, 10, good},
			{"logo.jpg", filepath.Join(dir, "logo.jpg"), "JPEG", 30, 15, jb.Bytes()},
			{filepath.Join(dir, "logo.png"), filepath.Join(dir, "logo.png"), "PNG", 20, 10, good},
			{"logos/../logos/shared.png", filepath.Join(dir, "logos", "shared.png"), "PNG", 20, 10, good},
		} {
			p, list := load(t, tt.logo)
			if list != nil {
				t.Fatalf("%s: %v", tt.logo, list)
			}
			img := p.Landlord.Logo
			if img == nil || img.Path != tt.path || img.Format != tt.format || img.Width != tt.w ||
				img.Height != tt.h || !bytes.Equal(img.Data, tt.data) {
				t.Errorf("%s: got %+v", tt.logo, img)
			}
			if got := p.Pos("landlord.logo"); got != (Position{File: "hus.yaml", Line: 3, Col: 9}) {
				t.Errorf("Pos = %v", got)
			}
		}
	})

	// A 16-bit or interlaced PNG, which the PDF library draws blank or
	// cannot read, is converted to an 8-bit PNG that is not interlaced,
	// with the same pixels.
	t.Run("converted", func(t *testing.T) {
		for _, tt := range []struct {
			logo  string
			color byte // the PNG colour type written
		}{
			{"deep.png", 6},       // RGBA64 with transparency: 8-bit RGBA
			{"gray16.png", 0},     // 16-bit grey: 8-bit grey
			{"interlaced.png", 2}, // opaque colour: 8-bit RGB
		} {
			p, list := load(t, tt.logo)
			if list != nil {
				t.Fatalf("%s: %v", tt.logo, list)
			}
			data := p.Landlord.Logo.Data
			if !bytes.HasPrefix(data, []byte(pngSignature)) || data[24] != 8 || data[25] != tt.color || data[28] != 0 {
				t.Errorf("%s: converted to bit depth %d, colour type %d, interlace %d", tt.logo, data[24], data[25], data[28])
			}
			orig, err := png.Decode(bytes.NewReader(mustRead(t, filepath.Join(dir, tt.logo))))
			if err != nil {
				t.Fatal(err)
			}
			conv, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			b := orig.Bounds()
			if conv.Bounds() != b || p.Landlord.Logo.Width != b.Dx() || p.Landlord.Logo.Height != b.Dy() {
				t.Fatalf("%s: %v became %v", tt.logo, b, conv.Bounds())
			}
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					a := color.NRGBAModel.Convert(orig.At(x, y)).(color.NRGBA)
					c := color.NRGBAModel.Convert(conv.At(x, y)).(color.NRGBA)
					if diff(a.R, c.R) > 1 || diff(a.G, c.G) > 1 || diff(a.B, c.B) > 1 || a.A != c.A {
						t.Errorf("%s: pixel %d,%d was %v, is %v", tt.logo, x, y, a, c)
					}
				}
			}
		}
	})

	// A logo in the folder above, as a landlord with one logo for many
	// buildings would have it.
	t.Run("parent folder", func(t *testing.T) {
		src := withLandlord("  logo: ../logo.png")
		p, err := Parse([]byte(src), "hus.yaml", filepath.Join(dir, "logos"), Options{})
		if err != nil || p.Landlord.Logo.Path != filepath.Join(dir, "logo.png") {
			t.Fatalf("got %v, %v", p, err)
		}
	})

	for _, tt := range []struct{ logo, want string }{
		{"missing.png", "logo file " + filepath.Join(dir, "missing.png") + " not found (the path is relative to the folder of the property file)"},
		{"folder.png", filepath.Join(dir, "folder.png") + " is a folder, not an image (name a PNG or JPEG file)"},
		{"big.png", "the logo file is 5.1 MiB; at most 5 MiB is allowed (save it smaller"},
		{"empty.png", "the logo file is empty (name a PNG or JPEG file)"},
		{"fake-interlaced.png", "the logo is a damaged PNG file"},
		{"huge.png", "the logo is 5000×5000 pixels; at most 16.7 million pixels (4096×4096) are allowed (scale it down"},
		{"just-over.png", "the logo is 4097×4096 pixels"},
		{"enormous.png", "the logo is a damaged PNG file"}, // image/png refuses it first
		{"truncated.png", "the logo is a damaged PNG file: "},
		{"bad-header.png", "the logo is a damaged PNG file (open it in an image program"},
		{"truncated.jpg", "the logo is a damaged JPEG file"},
		{"logo.gif", "the logo is not a PNG or JPEG (it looks like a GIF image) (save it as PNG or JPEG)"},
		{"logo.svg", "the logo is not a PNG or JPEG (it looks like an SVG drawing)"},
		{"notes.png", "the logo is not a PNG or JPEG (save it as PNG or JPEG)"},
	} {
		t.Run(tt.logo, func(t *testing.T) {
			_, list := load(t, tt.logo)
			want := "hus.yaml:3:9: landlord.logo: " + tt.want
			if len(list) != 1 || !strings.HasPrefix(list[0].Error(), want) {
				t.Errorf("got\n%v\nwant one error starting\n%s", list, want)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// interlacedPNG writes img as an Adam7-interlaced 8-bit RGBA PNG, which
// image/png can read but not write: the seven passes of the PNG
// specification, each row with filter type 0.
func interlacedPNG(img *image.NRGBA) []byte {
	b := img.Bounds()
	passes := [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	var raw bytes.Buffer
	for _, p := range passes {
		x0, y0, dx, dy := p[0], p[1], p[2], p[3]
		if x0 >= b.Dx() || y0 >= b.Dy() {
			continue // an empty pass has no rows at all
		}
		for y := y0; y < b.Dy(); y += dy {
			raw.WriteByte(0)
			for x := x0; x < b.Dx(); x += dx {
				c := img.NRGBAAt(b.Min.X+x, b.Min.Y+y)
				raw.Write([]byte{c.R, c.G, c.B, c.A})
			}
		}
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()

	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(b.Dx()))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(b.Dy()))
	ihdr[8], ihdr[9], ihdr[12] = 8, 6, 1 // 8 bits, RGBA, Adam7
	var out bytes.Buffer
	out.WriteString(pngSignature)
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		out.WriteString(typ)
		out.Write(data)
		binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	chunk("IHDR", ihdr)
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}
