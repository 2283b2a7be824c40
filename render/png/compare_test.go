package png_test

// Our pictures checked against the PDF. Every language's A5 leaflet is
// laid out once and drawn both ways: by this package, and as a PDF
// rasterised by pdftoppm at the same resolution. Each text line is cut
// out of both pictures at the box the layout gives it and compared by
// its ink, with the method of the comparison with pango in
// layout/pango_test.go (package ink); the rest of the page (bands,
// boxes, icons, the logo, the QR code) must differ little pixel by
// pixel. Controls that must fail: each line against the PDF's line
// mirrored, and the page against the PDF's other page.

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"huskurage/internal/ink"
	"huskurage/kind"
	"huskurage/layout"
	"huskurage/pipeline"
	hpng "huskurage/render/png"
	"huskurage/templates"
	"huskurage/typeset"
)

var compareOut = flag.String("compare.out", "", "also write the compared pictures (ours, pdftoppm's) to this folder")

const (
	dpi = 96
	// linePass is the least ink overlap of a text line with the PDF's.
	linePass = 0.95
	// tileTolerance is the largest mean difference of a square of a page
	// (tileSize pixels, half overlapping) from the PDF's, outside text
	// and the QR code, in 8-bit levels of each channel. Antialiased edges
	// differ by up to 6 here; a page two pixels off by 37 and more, a
	// page without a logo or icon by 80 and more.
	tileTolerance = 12.0
)

// example is the property every language's leaflet is made of: it has a
// logo, contacts, support lines and a QR code.
const example = "../../examples/ale-storgatan.yaml"

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (scripts/test.sh installs it)", tool)
		}
	}
}

// leaflets returns the example's A5 leaflet in each language, laid out
// and as a PDF.
func leaflets(t *testing.T) map[string]pipeline.File {
	t.Helper()
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := b.Load(example, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]pipeline.File{}
	for _, code := range templates.Codes() {
		files, err := b.Build(t.Context(), p, pipeline.Options{Lang: code, Kinds: []*kind.Kind{kind.Leaflet}})
		if err != nil || len(files) != 1 {
			t.Fatalf("%s: %v, %d files", code, err, len(files))
		}
		out[code] = files[0]
	}
	return out
}

func TestAgreesWithPDF(t *testing.T) {
	if raceEnabled {
		t.Skip("run without the race detector (scripts/test.sh does, first)")
	}
	needTools(t, "pdftoppm")
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := hpng.New(fonts, hpng.Options{DPI: dpi})
	if err != nil {
		t.Fatal(err)
	}
	dir := *compareOut
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	type score struct {
		lang                 string
		lines, marks         int
		worst, worstMirrored float64
		worstLine            string
		// The largest difference of a square of a page, and the least
		// of the controls: a page two pixels off, a page without an item.
		tile, shifted, missing float64
	}
	var (
		mu     sync.Mutex
		scores []score
	)
	t.Run("lang", func(t *testing.T) {
		for code, f := range leaflets(t) {
			t.Run(code, func(t *testing.T) {
				t.Parallel()
				pdfPath := filepath.Join(dir, code+".pdf")
				if err := os.WriteFile(pdfPath, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				run(t, "pdftoppm", "-png", "-r", fmt.Sprint(dpi), pdfPath, filepath.Join(dir, code+"-pdf"))
				s := score{lang: code, worst: 1, shifted: math.Inf(1), missing: math.Inf(1)}
				var theirs []*image.RGBA
				for i := range f.Doc.Pages {
					theirs = append(theirs, readPNG(t, filepath.Join(dir, fmt.Sprintf("%s-pdf-%d.png", code, i+1))))
				}
				for i, page := range f.Doc.Pages {
					one := *f.Doc
					one.Pages = f.Doc.Pages[i : i+1]
					ours, err := r.Image(&one)
					if err != nil {
						t.Fatal(err)
					}
					if *compareOut != "" {
						writePNG(t, filepath.Join(dir, fmt.Sprintf("%s-png-%d.png", code, i+1)), ours)
					}
					pdf := theirs[i]
					if ours.Rect != pdf.Rect {
						t.Fatalf("page %d: %v, pdftoppm's %v", i+1, ours.Rect.Size(), pdf.Rect.Size())
					}
					for _, it := range page.Items {
						if it.Kind != layout.KindText {
							continue
						}
						box, bg, fg := lineBox(it, pdf)
						a, b := ink.OfColor(ours, box, bg, fg), ink.OfColor(pdf, box, bg, fg)
						em := it.Size * dpi / 72
						sim := ink.SameGrid(a, b, em)
						mirrored := ink.SameGrid(a, mirror(b), em)
						s.lines++
						if sim < s.worst {
							s.worst, s.worstLine = sim, runsText(it)
						}
						if mirrored > s.worstMirrored && b.Crop().W > int(3*em) {
							s.worstMirrored = mirrored
						}
						if sim < linePass {
							t.Errorf("page %d, line %q at %.0f,%.0f mm: ink overlap %.3f with the PDF's, want at least %.2f",
								i+1, runsText(it), it.X, it.Y, sim, linePass)
						}
						// A mark the font places (Run.Y) is a small part of
						// its line: compare the em around it on its own.
						for _, run := range it.Runs {
							if run.Y == 0 {
								continue
							}
							x := (it.X + run.X) * dpi / 25.4
							mbox := image.Rect(int(x-em/2), box.Min.Y, int(x+em), box.Max.Y)
							a, b := ink.OfColor(ours, mbox, bg, fg), ink.OfColor(pdf, mbox, bg, fg)
							s.marks++
							if sim := ink.SameGrid(a, b, em); sim < linePass {
								t.Errorf("page %d, line %q: the mark %q placed at %.2f mm: ink overlap %.3f with the PDF's, want at least %.2f",
									i+1, runsText(it), run.Text, run.Y, sim, linePass)
							}
						}
					}
					// Everything but text and the QR code (drawn on whole
					// pixels on purpose: TestQRModulesExact), tile by tile:
					// bands, boxes, icons, the logo.
					d, where := tileDifference(ours, pdf, page)
					s.tile = max(s.tile, d)
					if d > tileTolerance {
						t.Errorf("page %d: the %d-pixel square at %v differs from the PDF's by %.2f levels on average, want at most %.0f",
							i+1, tileSize, where, d, tileTolerance)
					}
					// The controls: the page two pixels off, and the page
					// without its first circle or logo.
					if d, _ := tileDifference(shifted(ours, 2), pdf, page); d < 2*tileTolerance {
						t.Errorf("page %d two pixels off differs by only %.2f levels: the comparison cannot tell", i+1, d)
					} else {
						s.shifted = min(s.shifted, d)
					}
					for j, it := range page.Items {
						if it.Kind != layout.KindImage && it.Kind != layout.KindCircle {
							continue
						}
						less := one
						less.Pages = []layout.Page{{W: page.W, H: page.H, Items: slices.Delete(slices.Clone(page.Items), j, j+1)}}
						without, err := r.Image(&less)
						if err != nil {
							t.Fatal(err)
						}
						if d, _ := tileDifference(without, pdf, page); d < 2*tileTolerance {
							t.Errorf("page %d without its %s at %.0f,%.0f mm differs by only %.2f levels: the comparison cannot tell", i+1, it.Kind, it.X, it.Y, d)
						} else {
							s.missing = min(s.missing, d)
						}
						break
					}
				}
				if s.worstMirrored >= linePass-0.05 {
					t.Errorf("a line against the PDF's line mirrored scores %.3f, too close to %.2f: the line comparison cannot tell", s.worstMirrored, linePass)
				}
				mu.Lock()
				scores = append(scores, s)
				mu.Unlock()
			})
		}
	})
	slices.SortFunc(scores, func(a, b score) int { return strings.Compare(a.lang, b.lang) })
	t.Logf("A5 leaflets at %d dpi, ours against pdftoppm's (lines pass at %.2f, squares at %.0f levels):", dpi, linePass, tileTolerance)
	t.Logf("%-8s %5s %5s %6s %8s %6s %7s %7s  %s", "lang", "lines", "marks", "worst", "mirrored", "square", "shifted", "missing", "worst line")
	for _, s := range scores {
		t.Logf("%-8s %5d %5d %6.3f %8.3f %6.2f %7.2f %7.2f  %.40q", s.lang, s.lines, s.marks, s.worst, s.worstMirrored, s.tile, s.shifted, s.missing, s.worstLine)
	}
}

// lineBox returns the pixels of a text line's box, a pixel wider each
// way, and the colours of its paper (the commonest colour of the PDF's
// pixels there) and of its text.
func lineBox(it layout.Item, pdf *image.RGBA) (image.Rectangle, color.Color, color.Color) {
	k := dpi / 25.4
	top := it.Y - it.Ascent
	box := image.Rect(int(math.Floor(it.X*k))-1, int(math.Floor(top*k))-1,
		int(math.Ceil((it.X+it.W)*k))+1, int(math.Ceil((top+it.H)*k))+1).Intersect(pdf.Rect)
	count := map[color.RGBA]int{}
	var bg color.RGBA
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			c := pdf.RGBAAt(x, y)
			count[c]++
			if count[c] > count[bg] {
				bg = c
			}
		}
	}
	fg := color.RGBA{0, 0, 0, 0xff}
	if it.Fill != nil {
		fg = color.RGBA{it.Fill[0], it.Fill[1], it.Fill[2], 0xff}
	}
	return box, bg, fg
}

// mirror returns m flipped left to right.
func mirror(m ink.Map) ink.Map {
	out := ink.Map{W: m.W, H: m.H, V: make([]float64, len(m.V))}
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			out.V[y*m.W+x] = m.V[y*m.W+m.W-1-x]
		}
	}
	return out
}

func runsText(it layout.Item) string {
	var b strings.Builder
	for _, r := range it.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func readPNG(t *testing.T, path string) *image.RGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// tileDifference is the largest mean difference of a and b's channels in
// a square of tileSize pixels, outside the boxes of the page's text, and
// where that square is.
func tileDifference(a, b *image.RGBA, p layout.Page) (float64, image.Point) {
	text := textMask(a.Rect, b, p)
	worst, where := 0.0, image.Point{}
	for y0 := a.Rect.Min.Y; y0 < a.Rect.Max.Y; y0 += tileSize / 2 {
		for x0 := a.Rect.Min.X; x0 < a.Rect.Max.X; x0 += tileSize / 2 {
			sum, n := 0.0, 0
			for y := y0; y < min(y0+tileSize, a.Rect.Max.Y); y++ {
				for x := x0; x < min(x0+tileSize, a.Rect.Max.X); x++ {
					if text.Pix[text.PixOffset(x, y)] != 0 {
						continue
					}
					i := a.PixOffset(x, y)
					for c := 0; c < 3; c++ {
						sum += math.Abs(float64(a.Pix[i+c]) - float64(b.Pix[i+c]))
					}
					n += 3
				}
			}
			if n > 0 && sum/float64(n) > worst {
				worst, where = sum/float64(n), image.Pt(x0, y0)
			}
		}
	}
	return worst, where
}

// tileSize is the side of the squares tileDifference compares: about an
// icon's.
const tileSize = 32

func textMask(r image.Rectangle, pdf *image.RGBA, p layout.Page) *image.Alpha {
	text := image.NewAlpha(r)
	for _, it := range p.Items {
		var box image.Rectangle
		switch it.Kind {
		case layout.KindText:
			box, _, _ = lineBox(it, pdf)
		case layout.KindQR:
			box = itemBox(it)
		default:
			continue
		}
		box = box.Intersect(r)
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				text.Pix[text.PixOffset(x, y)] = 1
			}
		}
	}
	return text
}
