package png_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"huskurage/layout"
	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/qr"
	"huskurage/render"
	"huskurage/render/pdf"
	hpng "huskurage/render/png"
	"huskurage/typeset"
)

func newRenderer(t testing.TB, dpi float64) *hpng.Renderer {
	t.Helper()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := hpng.New(fonts, hpng.Options{DPI: dpi})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// page returns page i of d as a document of its own.
func page(d *layout.Doc, i int) *layout.Doc {
	one := *d
	one.Pages = d.Pages[i : i+1]
	return &one
}

// The QR code of every picture that has one reads back as the property's
// link with zbarimg, at the default resolution and at the lowest a
// leaflet's code still reads at.
func TestQRDecodes(t *testing.T) {
	needTools(t, "zbarimg")
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := b.Load(example, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, dpi := range []int{render.DefaultDPI, 72} {
		files, err := b.Build(t.Context(), p, pipeline.Options{Format: render.PNG, DPI: dpi, Lang: "ar"})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		codes := 0
		for _, f := range files {
			path := filepath.Join(dir, f.Name)
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			hasQR := false
			for _, it := range f.Doc.Pages[pageOf(t, f.Name)-1].Items {
				hasQR = hasQR || it.Kind == layout.KindQR
			}
			if !hasQR {
				continue
			}
			codes++
			out, err := exec.Command("zbarimg", "-q", "--raw", path).Output()
			if got := strings.TrimSpace(string(out)); err != nil || got != "https://example.se/huskurage" {
				t.Errorf("%d dpi, %s: zbarimg read %q (%v), want the property's link", dpi, f.Name, got, err)
			}
		}
		if codes < 2 {
			t.Errorf("%d dpi: %d pictures with a QR code, want a poster's and a leaflet's at least", dpi, codes)
		}
	}
}

// pageOf returns the page number a picture's name ends in.
func pageOf(t *testing.T, name string) int {
	t.Helper()
	var n int
	i := strings.LastIndex(name, "-")
	if _, err := fmt.Sscanf(name[i+1:], "%d.png", &n); err != nil {
		t.Fatalf("%s: no page number: %v", name, err)
	}
	return n
}

// The same page gives the same bytes, drawn again, by another renderer
// and by several goroutines at once.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	d := leaflets(t)["ar"].Doc
	want := make([][]byte, len(d.Pages))
	for i := range d.Pages {
		var err error
		if want[i], err = newRenderer(t, 96).Bytes(page(d, i)); err != nil {
			t.Fatal(err)
		}
	}
	r := newRenderer(t, 96)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			i := g % len(d.Pages)
			got, err := r.Bytes(page(d, i))
			if err == nil && !bytes.Equal(got, want[i]) {
				err = fmt.Errorf("page %d: other bytes the %d. time", i+1, g+1)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A picture holds one page; render.Files gives each page its own,
// numbered from 1.
func TestOnePageAPicture(t *testing.T) {
	t.Parallel()
	d := leaflets(t)["sv"].Doc
	r := newRenderer(t, 50)
	if _, err := r.Bytes(d); err == nil || !strings.Contains(err.Error(), "one page, not 2") {
		t.Errorf("a document of two pages: got %v, want it refused", err)
	}
	files, err := render.Files(r, d, "x-leaflet-sv")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Name != "x-leaflet-sv-1.png" || files[1].Name != "x-leaflet-sv-2.png" {
		t.Fatalf("files %v", files)
	}
	for i, f := range files {
		img, err := decode(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		// A5 at 50 dpi, rounded up as pdftoppm rounds: 292 × 414.
		if got := img.Bounds().Size(); got != image.Pt(292, 414) {
			t.Errorf("page %d: %v pixels, want 292 × 414", i+1, got)
		}
	}
}

// What cannot be drawn is an error, never a picture with a hole.
func TestRefusesWhatItCannotDraw(t *testing.T) {
	t.Parallel()
	r := newRenderer(t, 96)
	ink := layout.Color{0, 0, 0}
	one := func(it layout.Item) *layout.Doc {
		return &layout.Doc{Kind: "test", Pages: []layout.Page{{W: 100, H: 100, Items: []layout.Item{it}}}}
	}
	for _, tc := range []struct {
		name string
		doc  *layout.Doc
		want string
	}{
		{"a character no font has", one(layout.Item{Kind: layout.KindText, X: 10, Y: 10, Size: 10, Fill: &ink, Field: "landlord.name",
			Runs: []layout.Run{{Text: "ก"}}}), "landlord.name: the font Noto Sans (regular) has no character U+0E01"},
		{"a family there is not", one(layout.Item{Kind: layout.KindText, X: 10, Y: 10, Size: 10, Runs: []layout.Run{{Text: "a", Face: 7}}}), "no font family 7"},
		{"a logo the document has not", one(layout.Item{Kind: layout.KindImage, X: 10, Y: 10, W: 10, H: 10}), "has none"},
		{"an unknown kind", one(layout.Item{Kind: "star"}), `unknown item kind "star"`},
		{"a page of no size", &layout.Doc{Kind: "test", Pages: []layout.Page{{}}}, "a page of 0 × 0 mm"},
	} {
		_, err := r.Bytes(tc.doc)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", tc.name, err, tc.want)
		}
	}
	// A link too long for a readable code is a problem with its field,
	// as from the layout.
	_, err := r.Bytes(one(layout.Item{Kind: layout.KindQR, X: 10, Y: 10, W: 20, H: 20, MinModule: 0.5, Field: "qr.url",
		Data: "https://example.org/" + strings.Repeat("a", 500)}))
	var fe *layout.FieldError
	if !errors.As(err, &fe) || fe.Field != "qr.url" || !strings.Contains(fe.Hint, "at most") {
		t.Errorf("a link too long: got %v, want a qr.url FieldError", err)
	}
	for _, dpi := range []float64{0, -96, hpng.MaxDPI + 1, math.NaN()} {
		fonts, _ := typeset.Default()
		if _, err := hpng.New(fonts, hpng.Options{DPI: dpi}); err == nil {
			t.Errorf("%g dpi: no error", dpi)
		}
	}
}

// Every kind of item, and the ways to draw each that the designs do not
// use yet (outlines of rectangles, rounded ones and circles, a polygon,
// a line in any direction), look as pdftoppm draws them from the PDF.
func TestShapesAgreeWithPDF(t *testing.T) {
	needTools(t, "pdftoppm")
	t.Parallel()
	red, blue, black := layout.Color{0xa3, 0x16, 0x1a}, layout.Color{0x1d, 0x4e, 0x63}, layout.Color{0, 0, 0}
	items := []layout.Item{
		{Kind: layout.KindRect, X: 5, Y: 5, W: 40, H: 20, Fill: &blue},
		{Kind: layout.KindRect, X: 50, Y: 5, W: 40, H: 20, Radius: 4, Fill: &red},
		{Kind: layout.KindRect, X: 5, Y: 30, W: 40, H: 20, Stroke: &black, LineWidth: 1},
		{Kind: layout.KindRect, X: 50, Y: 30, W: 40, H: 20, Radius: 5, Fill: &blue, Stroke: &red, LineWidth: 1.5},
		{Kind: layout.KindCircle, X: 20, Y: 70, Radius: 12, Fill: &red},
		{Kind: layout.KindCircle, X: 70, Y: 70, Radius: 12, Stroke: &blue, LineWidth: 2},
		{Kind: layout.KindLine, Points: []layout.Point{{X: 5, Y: 90}, {X: 90, Y: 110}}, Stroke: &black, LineWidth: 1.2},
		{Kind: layout.KindLine, Points: []layout.Point{{X: 90, Y: 88}, {X: 65, Y: 104}}, Stroke: &red, LineWidth: 3},
		{Kind: layout.KindPoly, Points: []layout.Point{{X: 10, Y: 120}, {X: 40, Y: 115}, {X: 30, Y: 140}}, Fill: &blue},
		{Kind: layout.KindQR, X: 55, Y: 112, W: 30, H: 30, Data: "https://example.org/huskurage", MinModule: 0.4},
	}
	d := &layout.Doc{Kind: "shapes", Title: "shapes", Pages: []layout.Page{{W: 95, H: 145, Items: items}}}
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	data, err := pdf.New(fonts, pdf.Options{Date: time.Time{}}).Bytes(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "shapes.pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-png", "-r", "96", "-singlefile", filepath.Join(dir, "shapes.pdf"), filepath.Join(dir, "pdf"))
	theirs := readPNG(t, filepath.Join(dir, "pdf.png"))
	ours, err := newRenderer(t, 96).Image(d)
	if err != nil {
		t.Fatal(err)
	}
	if *compareOut != "" {
		writePNG(t, filepath.Join(*compareOut, "shapes-png.png"), ours)
		writePNG(t, filepath.Join(*compareOut, "shapes-pdf.png"), theirs)
	}
	for _, it := range items {
		if it.Kind == layout.KindQR {
			continue // drawn on whole pixels on purpose: see TestQRModulesExact
		}
		box := itemBox(it).Intersect(ours.Rect)
		if len(it.Points) > 0 {
			it.X, it.Y = it.Points[0].X, it.Points[0].Y // for the messages
		}
		d := meanDifference(ours, theirs, box)
		t.Logf("%-6s at %3.0f,%3.0f mm: %.2f levels from pdftoppm's", it.Kind, it.X, it.Y, d)
		if d > shapeTolerance {
			t.Errorf("%s at %.0f,%.0f mm: differs from pdftoppm's by %.2f levels on average, want at most %.0f", it.Kind, it.X, it.Y, d, shapeTolerance)
		}
		// The control: ours two pixels off.
		if off := meanDifference(shifted(ours, 2), theirs, box); off < 1.5*shapeTolerance {
			t.Errorf("%s at %.0f,%.0f mm: two pixels off differs by only %.2f levels: the comparison cannot tell", it.Kind, it.X, it.Y, off)
		}
	}
}

// shapeTolerance is the largest mean difference of a shape's box from
// pdftoppm's, in 8-bit levels of each channel. Fills differ by 0.3 to
// 1.5 levels; the outline of a rectangle, which pdftoppm snaps to whole
// pixels (stroke adjustment) where ours is antialiased, by 3.3; and each
// shape drawn two pixels off by 8.5 to 34.
const shapeTolerance = 5.0

// shifted returns img moved d pixels right and down.
func shifted(img *image.RGBA, d int) *image.RGBA {
	out := blank(img.Rect)
	for y := img.Rect.Min.Y + d; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X + d; x < img.Rect.Max.X; x++ {
			out.SetRGBA(x, y, img.RGBAAt(x-d, y-d))
		}
	}
	return out
}

// The QR code's modules are exact: each one's pixels all black or all
// white, as the code says, with a white quiet zone of four modules.
func TestQRModulesExact(t *testing.T) {
	t.Parallel()
	for _, dpi := range []float64{50, 96, 300} {
		it := layout.Item{Kind: layout.KindQR, X: 10.3, Y: 20.7, W: 30, H: 30, Data: "https://example.org/huskurage", MinModule: 0.4}
		d := &layout.Doc{Kind: "qr", Pages: []layout.Page{{W: 50, H: 60, Items: []layout.Item{
			{Kind: layout.KindRect, W: 50, H: 60, Fill: &layout.Color{0x1d, 0x4e, 0x63}}, it}}}}
		img, err := newRenderer(t, dpi).Image(d)
		if err != nil {
			t.Fatal(err)
		}
		code, err := qr.Encode(it.Data, it.W, it.MinModule)
		if err != nil {
			t.Fatal(err)
		}
		k, m := dpi/25.4, code.Module(it.W)
		edge := func(origin float64, i int) int { return int(math.Round((origin + float64(i)*m) * k)) }
		n := code.Size() + 2*qr.QuietZone
		bad := 0
		for row := 0; row < n; row++ {
			for col := 0; col < n; col++ {
				dark := false
				if r, c := row-qr.QuietZone, col-qr.QuietZone; r >= 0 && c >= 0 && r < code.Size() && c < code.Size() {
					dark = code.Modules[r][c]
				}
				want := color.RGBA{0xff, 0xff, 0xff, 0xff}
				if dark {
					want = color.RGBA{0, 0, 0, 0xff}
				}
				// The quiet zone's outer edge is antialiased against
				// the band; inside it every pixel is exact.
				x0, x1 := edge(it.X, col), edge(it.X, col+1)
				y0, y1 := edge(it.Y, row), edge(it.Y, row+1)
				if row == 0 || col == 0 || row == n-1 || col == n-1 {
					x0, y0, x1, y1 = x0+1, y0+1, x1-1, y1-1
				}
				for y := y0; y < y1; y++ {
					for x := x0; x < x1; x++ {
						if img.RGBAAt(x, y) != want {
							bad++
						}
					}
				}
			}
		}
		if bad > 0 {
			t.Errorf("%g dpi: %d pixels of modules are not exactly black or white as the code says", dpi, bad)
		}
	}
}

// itemBox is an item's box in pixels at 96 dpi, two pixels wider each way.
func itemBox(it layout.Item) image.Rectangle {
	k := 96 / 25.4
	x0, y0, x1, y1 := it.X, it.Y, it.X+it.W, it.Y+it.H
	switch it.Kind {
	case layout.KindCircle:
		x0, y0, x1, y1 = it.X-it.Radius, it.Y-it.Radius, it.X+it.Radius, it.Y+it.Radius
	case layout.KindLine, layout.KindPoly:
		x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range it.Points {
			x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
		}
	}
	w := it.LineWidth
	return image.Rect(int((x0-w)*k)-2, int((y0-w)*k)-2, int((x1+w)*k)+2, int((y1+w)*k)+2)
}

func blank(r image.Rectangle) *image.RGBA {
	img := image.NewRGBA(r)
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	return img
}

// meanDifference is the mean absolute difference of a and b's channels
// in r, in 8-bit levels.
func meanDifference(a, b *image.RGBA, r image.Rectangle) float64 {
	sum, n := 0.0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca, cb := a.RGBAAt(x, y), b.RGBAAt(x, y)
			sum += math.Abs(float64(ca.R)-float64(cb.R)) + math.Abs(float64(ca.G)-float64(cb.G)) + math.Abs(float64(ca.B)-float64(cb.B))
			n += 3
		}
	}
	return sum / float64(max(n, 1))
}

func decode(data []byte) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	return img, err
}

// The file is a PNG that image/png reads back to the very pixels drawn,
// 8-bit RGB.
func TestFileReadsBack(t *testing.T) {
	t.Parallel()
	d := leaflets(t)["fa"].Doc
	r := newRenderer(t, 96)
	for i := range d.Pages {
		img, err := r.Image(page(d, i))
		if err != nil {
			t.Fatal(err)
		}
		data, err := r.Bytes(page(d, i))
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("page %d: image/png cannot read it: %v", i+1, err)
		}
		if _, ok := got.(*image.RGBA); !ok {
			t.Errorf("page %d: read as %T, want 8-bit RGB (*image.RGBA)", i+1, got)
		}
		if got.Bounds() != img.Rect {
			t.Fatalf("page %d: %v, drawn %v", i+1, got.Bounds(), img.Rect)
		}
		diff := 0
		for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
			for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
				if color.RGBAModel.Convert(got.At(x, y)) != img.RGBAAt(x, y) {
					diff++
				}
			}
		}
		if diff > 0 {
			t.Errorf("page %d: %d pixels read back differ from those drawn", i+1, diff)
		}
	}
}

// The logo is drawn from a PNG or a JPEG file, scaled to its box, and
// what a PNG leaves transparent is white, as in the PDF.
func TestLogo(t *testing.T) {
	t.Parallel()
	// Left half blue, right half transparent (in the PNG) or white.
	src := image.NewNRGBA(image.Rect(0, 0, 200, 100))
	for y := 0; y < 100; y++ {
		for x := 0; x < 100; x++ {
			src.SetNRGBA(x, y, color.NRGBA{0x1d, 0x4e, 0x63, 0xff})
		}
	}
	var pngData, jpegData bytes.Buffer
	if err := png.Encode(&pngData, src); err != nil {
		t.Fatal(err)
	}
	flat := image.NewRGBA(src.Rect)
	draw.Draw(flat, flat.Rect, image.White, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Rect, src, image.Point{}, draw.Over)
	if err := jpeg.Encode(&jpegData, flat, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	for _, logo := range []*property.Image{
		{Path: "logo.png", Format: "PNG", Width: 200, Height: 100, Data: pngData.Bytes()},
		{Path: "logo.jpg", Format: "JPEG", Width: 200, Height: 100, Data: jpegData.Bytes()},
	} {
		red := layout.Color{0xa3, 0x16, 0x1a}
		d := &layout.Doc{Kind: "logo", Logo: logo, Pages: []layout.Page{{W: 100, H: 60, Items: []layout.Item{
			{Kind: layout.KindRect, W: 100, H: 60, Fill: &red}, // the logo covers it
			{Kind: layout.KindImage, X: 10, Y: 10, W: 80, H: 40},
		}}}}
		img, err := newRenderer(t, 96).Image(d)
		if err != nil {
			t.Fatalf("%s: %v", logo.Format, err)
		}
		k := 96 / 25.4
		near := func(c color.RGBA, want color.RGBA) bool {
			return absDiff(c.R, want.R) < 12 && absDiff(c.G, want.G) < 12 && absDiff(c.B, want.B) < 12
		}
		for _, p := range []struct {
			x, y float64
			want color.RGBA
		}{
			{20, 30, color.RGBA{0x1d, 0x4e, 0x63, 0xff}}, // the left half
			{80, 30, color.RGBA{0xff, 0xff, 0xff, 0xff}}, // the right half: white
			{5, 30, color.RGBA{0xa3, 0x16, 0x1a, 0xff}},  // outside the box
			{95, 55, color.RGBA{0xa3, 0x16, 0x1a, 0xff}},
		} {
			if got := img.RGBAAt(int(p.x*k), int(p.y*k)); !near(got, p.want) {
				t.Errorf("%s: at %.0f,%.0f mm the colour is %v, want %v", logo.Format, p.x, p.y, got, p.want)
			}
		}
	}
	// A logo that does not decode is an error that names it.
	bad := &property.Image{Path: "broken.png", Format: "PNG", Data: []byte("not a PNG")}
	d := &layout.Doc{Kind: "logo", Logo: bad, Pages: []layout.Page{{W: 100, H: 60, Items: []layout.Item{{Kind: layout.KindImage, X: 10, Y: 10, W: 80, H: 40}}}}}
	if _, err := newRenderer(t, 96).Image(d); err == nil || !strings.Contains(err.Error(), "logo broken.png") {
		t.Errorf("a broken logo: got %v", err)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
