package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// fpdf writes an RGB PNG or a JPEG in one object, which skeleton copies;
// a paletted PNG (a palette object) or one with transparency (a soft
// mask) it writes in two, which skeleton leaves to fpdf.
func TestFpdfImageOfOneObjectOnly(t *testing.T) {
	t.Parallel()
	encode := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	rect := image.Rect(0, 0, 7, 5)
	paletted := image.NewPaletted(rect, color.Palette{color.Black, color.White})
	alpha := image.NewNRGBA(rect)
	alpha.Set(1, 1, color.NRGBA{1, 2, 3, 4})
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(rect), nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		logo preparedLogo
		one  bool
	}{
		{"RGB PNG", preparedLogo{encode(opaque{image.NewRGBA(rect)}), "PNG"}, true},
		{"JPEG", preparedLogo{jpg.Bytes(), "JPG"}, true},
		{"paletted PNG", preparedLogo{encode(paletted), "PNG"}, false},
		{"PNG with alpha", preparedLogo{encode(alpha), "PNG"}, false},
	} {
		img, err := fpdfImageOf(c.logo)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if (img != nil) != c.one {
			t.Errorf("%s: copied %v, want %v", c.name, img != nil, c.one)
		}
		if img != nil && (len(img.name) != 40 || !bytes.HasPrefix(img.body, []byte("<</Type /XObject\n")) || !bytes.HasSuffix(img.body, []byte("\nendstream\n"))) {
			t.Errorf("%s: name %q, body %.40q … %q", c.name, img.name, img.body, img.body[max(0, len(img.body)-12):])
		}
	}
}
