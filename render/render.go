// Package render draws laid-out documents (layout.Doc) in an output
// format. Each format is a backend of its own, a Renderer: render/pdf
// writes the print files, render/png pictures of the pages, render/html
// a web page. New makes the backend a format names; Files turns a
// document into its files.
//
// Backends draw what the layout says and decide nothing about it: where
// every box, line and glyph goes is in the Doc (the runs of shaped text
// name their glyphs), and the QR code's modules come from package qr.
package render

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"huskurage/layout"
	"huskurage/render/html"
	"huskurage/render/pdf"
	"huskurage/render/png"
	"huskurage/typeset"
)

// Renderer draws documents in one format.
type Renderer interface {
	// Render writes d to w as one file. Nothing is written when an error
	// is returned.
	Render(w io.Writer, d *layout.Doc) error
	// Ext is the file name extension of the format, with its dot.
	Ext() string
	// PerPage reports whether a file holds one page only (a picture), so
	// that a document of several pages is several files.
	PerPage() bool
}

// The formats.
const (
	PDF  = "pdf"
	PNG  = "png"
	HTML = "html"
)

// Formats are the formats New knows, the default first.
var Formats = []string{PDF, PNG, HTML}

// DefaultDPI is the resolution of pictures when none is given: a CSS
// pixel, 96 to the inch, as web pages and the README show them.
const DefaultDPI = 96

// Options control what is not part of the layout.
type Options struct {
	// Date is written into PDF files; zero means pdf.DefaultDate.
	Date time.Time
	// DPI is the resolution of pictures, in pixels to the inch; zero
	// means DefaultDPI.
	DPI int
}

// New returns the backend of format ("" is PDF), drawing text with fonts.
func New(format string, fonts *typeset.Fonts, opts Options) (Renderer, error) {
	switch format {
	case PDF, "":
		return pdf.New(fonts, pdf.Options{Date: opts.Date}), nil
	case PNG:
		dpi := opts.DPI
		if dpi == 0 {
			dpi = DefaultDPI
		}
		return png.New(fonts, png.Options{DPI: float64(dpi)})
	case HTML:
		return html.New(), nil
	}
	return nil, fmt.Errorf("unknown format %q (choose %s)", format, strings.Join(Formats, " or "))
}

// File is one rendered file.
type File struct {
	Name string
	Data []byte
}

// Files renders d with r as the files of one document named base: base
// and r's extension, or for a format of one page to a file, a file per
// page named base-1, base-2 and so on, with the extension (even a
// document of one page: a name says the page).
func Files(r Renderer, d *layout.Doc, base string) ([]File, error) {
	if !r.PerPage() {
		data, err := Bytes(r, d)
		if err != nil {
			return nil, err
		}
		return []File{{Name: base + r.Ext(), Data: data}}, nil
	}
	out := make([]File, 0, len(d.Pages))
	for i := range d.Pages {
		page := *d
		page.Pages = d.Pages[i : i+1]
		data, err := Bytes(r, &page)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		out = append(out, File{Name: base + "-" + strconv.Itoa(i+1) + r.Ext(), Data: data})
	}
	return out, nil
}

// Bytes renders d with r in memory.
func Bytes(r Renderer, d *layout.Doc) ([]byte, error) {
	// The PDF backend makes its file in memory anyway: take its bytes
	// rather than copy them through a buffer (a leaflet with its fonts is
	// about 60 KB, and a batch makes thousands).
	if b, ok := r.(interface {
		Bytes(*layout.Doc) ([]byte, error)
	}); ok {
		return b.Bytes(d)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
