// Package pdf draws laid-out documents as PDF files. It is the only
// package that knows the PDF library and the QR encoder.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

	"huskurage/layout"
	"huskurage/typeset"
)

// Options control what is not part of the layout.
type Options struct {
	// Date is written as the creation and modification date. Give a fixed
	// date for byte-identical output.
	Date time.Time
}

// DefaultDate is the date written when none is given: a fixed date, so
// that the same input always gives the same bytes.
var DefaultDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const family = "NotoSans"

// Render writes doc as a PDF to w. Nothing is written when an error is
// returned.
func Render(w io.Writer, doc *layout.Doc, fonts *typeset.Fonts, opts Options) error {
	if len(doc.Pages) == 0 {
		return fmt.Errorf("render %s: no pages", doc.Kind)
	}
	date := opts.Date
	if date.IsZero() {
		date = DefaultDate
	}
	first := doc.Pages[0]
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: first.W, Ht: first.H},
	})
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(date.UTC())
	pdf.SetModificationDate(date.UTC())
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetTitle(doc.Title, true)
	pdf.SetSubject(doc.Subject, true)
	pdf.SetAuthor(doc.Author, true)
	pdf.SetCreator("huskurage", true)
	pdf.SetProducer("huskurage", true)
	pdf.SetLang(doc.Lang)
	pdf.AddUTF8FontFromBytes(family, "", fonts.Data(typeset.Regular))
	pdf.AddUTF8FontFromBytes(family, "B", fonts.Data(typeset.Bold))
	pdf.SetLineCapStyle("round")

	logo := ""
	if doc.Logo != nil {
		logo = "logo"
		kind := "PNG"
		if doc.Logo.Format == "JPEG" {
			kind = "JPG"
		}
		pdf.RegisterImageOptionsReader(logo, fpdf.ImageOptions{ImageType: kind}, bytes.NewReader(doc.Logo.Data))
	}
	for _, p := range doc.Pages {
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: p.W, Ht: p.H})
		for _, it := range p.Items {
			if err := draw(pdf, it, logo); err != nil {
				return fmt.Errorf("render %s: %w", doc.Kind, err)
			}
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("render %s: %w", doc.Kind, err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("render %s: %w", doc.Kind, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func draw(pdf *fpdf.Fpdf, it layout.Item, logo string) error {
	style := ""
	if it.Fill != nil {
		pdf.SetFillColor(int(it.Fill[0]), int(it.Fill[1]), int(it.Fill[2]))
		style += "F"
	}
	if it.Stroke != nil {
		pdf.SetDrawColor(int(it.Stroke[0]), int(it.Stroke[1]), int(it.Stroke[2]))
		pdf.SetLineWidth(it.LineWidth)
		style += "D"
	}
	switch it.Kind {
	case layout.KindRect:
		if it.Radius > 0 {
			pdf.RoundedRect(it.X, it.Y, it.W, it.H, it.Radius, "1234", style)
		} else {
			pdf.Rect(it.X, it.Y, it.W, it.H, style)
		}
	case layout.KindCircle:
		pdf.Circle(it.X, it.Y, it.Radius, style)
	case layout.KindLine:
		pdf.Line(it.Points[0].X, it.Points[0].Y, it.Points[1].X, it.Points[1].Y)
	case layout.KindPoly:
		pts := make([]fpdf.PointType, len(it.Points))
		for i, p := range it.Points {
			pts[i] = fpdf.PointType{X: p.X, Y: p.Y}
		}
		pdf.Polygon(pts, style)
	case layout.KindText:
		fs := ""
		if it.Font == typeset.Bold {
			fs = "B"
		}
		pdf.SetFont(family, fs, it.Size)
		if it.Fill != nil {
			pdf.SetTextColor(int(it.Fill[0]), int(it.Fill[1]), int(it.Fill[2]))
		}
		for _, r := range it.Runs {
			pdf.Text(it.X+r.X, it.Y, r.Text)
		}
	case layout.KindImage:
		if logo == "" {
			return fmt.Errorf("the layout places a logo but the document has none")
		}
		pdf.ImageOptions(logo, it.X, it.Y, it.W, it.H, false, fpdf.ImageOptions{}, 0, "")
	case layout.KindQR:
		return drawQR(pdf, it)
	default:
		return fmt.Errorf("unknown item kind %q", it.Kind)
	}
	return nil
}

// qrLevels are tried in order: the most error correction that still gives
// modules of at least the minimum size.
var qrLevels = []qrcode.RecoveryLevel{qrcode.High, qrcode.Medium}

// QRModules returns the QR code of data as rows of dark (true) modules,
// without the quiet zone, at the highest error correction level (Q, else
// M) at which a square of size mm with a 4-module quiet zone has modules
// of at least minModule mm.
func QRModules(data string, size, minModule float64) ([][]bool, error) {
	for _, level := range qrLevels {
		q, err := qrcode.New(data, level)
		if err != nil {
			continue // too long for this level
		}
		q.DisableBorder = true
		bm := q.Bitmap()
		if size/float64(len(bm)+8) >= minModule {
			return bm, nil
		}
	}
	max := maxQRLength(size, minModule)
	return nil, &layout.FieldError{
		Field:   "qr.url",
		Problem: fmt.Sprintf("the link is %d characters, too long for a readable %.0f mm QR code", len(data), size),
		Hint:    fmt.Sprintf("use a link of at most %d characters, for example a short address on the landlord's own site", max),
	}
}

// maxQRLength returns the longest https link (in bytes) that still fits.
func maxQRLength(size, minModule float64) int {
	fits := func(n int) bool {
		q, err := qrcode.New("https://"+strings.Repeat("a", n-8), qrcode.Medium)
		if err != nil {
			return false
		}
		q.DisableBorder = true
		return size/float64(len(q.Bitmap())+8) >= minModule
	}
	lo, hi := 8, 2400
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// drawQR draws the code as black squares on a white square that includes
// the quiet zone; each horizontal run of dark modules is one rectangle.
func drawQR(pdf *fpdf.Fpdf, it layout.Item) error {
	bm, err := QRModules(it.Data, it.W, it.MinModule)
	if err != nil {
		return err
	}
	n := len(bm)
	m := it.W / float64(n+8)
	pdf.SetFillColor(255, 255, 255)
	pdf.Rect(it.X, it.Y, it.W, it.W, "F")
	pdf.SetFillColor(0, 0, 0)
	x0, y0 := it.X+4*m, it.Y+4*m
	for r, row := range bm {
		for c := 0; c < n; {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < n && row[c] {
				c++
			}
			// A hair of overlap downwards hides seams between rows.
			pdf.Rect(x0+float64(start)*m, y0+float64(r)*m, float64(c-start)*m, m+math.Min(0.02, m/10), "F")
		}
	}
	return nil
}
