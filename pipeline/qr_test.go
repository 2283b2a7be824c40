package pipeline

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"huskurage/kind"
	"huskurage/property"
)

// The QR code of the A6 leaflet, the smallest we print, still decodes
// where a worn print, a cheap printer or a poor phone camera leave it:
// rendered at 100 dpi and then blurred by 0.2 mm (Gaussian sigma), and
// rendered at 75 dpi. At its old size, 22 mm, it decoded at neither,
// even for the example's short link. A link of up to 40 characters
// decodes so at 28 mm; a longer one makes the modules smaller (see the
// A6 design).
func TestA6QRRobust(t *testing.T) {
	t.Parallel()
	b, p := loadExample(t, "../examples/ale-storgatan.yaml")
	for _, url := range []string{p.QR.URL, "https://www.brf-exempel.se/huskurage-ale"} {
		p.QR.URL = url
		testA6(t, b, p)
	}
}

func testA6(t *testing.T, b *Builder, p *property.Property) {
	url := p.QR.URL
	{
		f, err := b.Document(p, Options{Sizes: map[*kind.Kind]string{kind.Leaflet: "A6"}}, kind.Leaflet, "")
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "leaflet.pdf")
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		back := strconv.Itoa(len(f.Doc.Pages)) // the QR code is on the back
		for _, tc := range []struct {
			dpi  int
			blur float64 // mm
		}{{100, 0.2}, {75, 0}} {
			png := filepath.Join(dir, "back")
			run(t, "pdftoppm", "-png", "-r", strconv.Itoa(tc.dpi), "-f", back, "-l", back, "-singlefile", path, png)
			if tc.blur > 0 {
				blurPNG(t, png+".png", tc.blur/25.4*float64(tc.dpi))
			}
			// zbarimg exits 4 when it finds no code: the text says.
			out, _ := exec.Command("zbarimg", "-q", "--raw", png+".png").Output()
			if got := strings.TrimSpace(string(out)); got != url {
				t.Errorf("A6 QR code of %s at %d dpi, blurred %.1f mm: zbarimg read %q", url, tc.dpi, tc.blur, got)
			}
		}
	}
}

// blurPNG blurs the image in path with a Gaussian of sigma pixels, in
// place, as a lens out of focus or ink spreading into the paper does.
func blurPNG(t *testing.T, path string, sigma float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	src, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := int(math.Ceil(3 * sigma))
	kernel := make([]float64, 2*r+1)
	sum := 0.0
	for i := range kernel {
		x := float64(i - r)
		kernel[i] = math.Exp(-x * x / (2 * sigma * sigma))
		sum += kernel[i]
	}
	for i := range kernel {
		kernel[i] /= sum
	}
	bnd := src.Bounds()
	w, h := bnd.Dx(), bnd.Dy()
	grey := make([]float64, w*h)
	for y := range h {
		for x := range w {
			grey[y*w+x] = float64(color.GrayModel.Convert(src.At(bnd.Min.X+x, bnd.Min.Y+y)).(color.Gray).Y)
		}
	}
	pass := func(in []float64, dx, dy int) []float64 {
		out := make([]float64, len(in))
		for y := range h {
			for x := range w {
				v := 0.0
				for i, k := range kernel {
					xx := min(max(x+(i-r)*dx, 0), w-1)
					yy := min(max(y+(i-r)*dy, 0), h-1)
					v += k * in[yy*w+xx]
				}
				out[y*w+x] = v
			}
		}
		return out
	}
	grey = pass(pass(grey, 1, 0), 0, 1)
	dst := image.NewGray(image.Rect(0, 0, w, h))
	for i, v := range grey {
		dst.Pix[i] = uint8(math.Round(v))
	}
	f, err = os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, dst); err != nil {
		t.Fatal(err)
	}
}
