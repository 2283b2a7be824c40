package pipeline

import (
	"fmt"
	"strings"

	"huskurage/impose"
	"huskurage/layout"
	"huskurage/render/pdf"
)

// Print-sheet modes.
const (
	SheetsOffice = "office" // leaflets several to an A4 sheet, with cut marks
	SheetsShop   = "shop"   // every page with 3 mm bleed and crop marks
)

// PrintSheets returns one PDF that holds a property's documents ready to
// print: for an office printer, each poster on its own sheet (with a blank
// back) and the leaflet's front and back as many to an A4 sheet as fit
// (two A5 or four A6), to be printed double-sided and cut; for a print shop, every page
// with bleed and crop marks. It reuses the layouts in files, so the
// sheets are drawn exactly as the single documents.
func (b *Builder) PrintSheets(id string, files []File, mode string, opts Options) (File, error) {
	out := &layout.Doc{Kind: "sheets", Lang: "", Scale: 1}
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".pdf") {
			return File{}, fmt.Errorf("print sheets are made of PDF documents, not %s", f.Name)
		}
		d := f.Doc
		// The print sheets take the title of a document for the whole
		// property (the leaflet) over one for an entrance.
		if out.Title == "" || f.Kind != nil && !f.Kind.PerEntrance {
			out.Title, out.Subject, out.Author, out.Lang, out.Logo = d.Title+" – print sheets", d.Subject, d.Author, d.Lang, d.Logo
		}
		// The document's structure goes with its pages (a tagged PDF).
		pages := out.Graft(d)
		switch mode {
		case SheetsShop:
			for i, p := range pages {
				page := impose.WithBleed(p)
				x, y, w := impose.SlugLine(page)
				slug, err := layout.Label(slugText(id, f, i), slugSize, x, y, w, b.engine)
				if err != nil {
					return File{}, fmt.Errorf("the slug of %s: %w", f.Name, err)
				}
				page.Items = append(page.Items, slug...)
				out.Pages = append(out.Pages, page)
			}
		case SheetsOffice:
			g, err := impose.GridFor(d.Size)
			if err != nil {
				return File{}, err
			}
			copies := g.Cols * g.Rows
			for _, p := range pages {
				same := make([]layout.Page, copies)
				for i := range same {
					same[i] = p.Decoration() // a reader reads the first copy
				}
				same[0] = p
				sheets, err := impose.Sheets(same, g, false)
				if err != nil {
					return File{}, err
				}
				out.Pages = append(out.Pages, sheets...)
			}
			// Printed double-sided, every document starts on the front of
			// a sheet: a one-page poster gets a blank back.
			if len(out.Pages)%2 == 1 {
				last := out.Pages[len(out.Pages)-1]
				out.Pages = append(out.Pages, layout.Page{W: last.W, H: last.H})
			}
		default:
			return File{}, fmt.Errorf("unknown print-sheet mode %q (choose %s or %s)", mode, SheetsOffice, SheetsShop)
		}
	}
	if len(out.Pages) == 0 {
		return File{}, fmt.Errorf("no documents to put on sheets")
	}
	shop := mode == SheetsShop
	data, err := pdf.New(b.engine.Fonts(), pdf.Options{Date: opts.Date, CMYK: shop}).Bytes(out)
	if err == nil && shop {
		data, err = pdf.ToPDFX(data, pdf.PDFX{Title: out.Title, Lang: out.Lang, Date: opts.Date})
	}
	if err != nil {
		return File{}, err
	}
	return File{Name: fmt.Sprintf("%s-print-%s.pdf", id, mode), Lang: out.Lang, Data: data, Doc: out}, nil
}

// slugSize is the slug's text size in points: small, as it is cut off.
const slugSize = 6.5

// slugText says which page of which document a print-shop page is, in the
// slug outside its trim, so that the shop can tell the pages of a batch
// apart once they are printed: the property, the document (kind,
// entrance and size), its language and the side.
func slugText(id string, f File, page int) string {
	doc := f.Kind.Name
	if f.Entrance != "" {
		doc += " " + f.Entrance
	}
	lang := f.Lang
	// A leaflet with a language on each side: each side's own.
	if langs := strings.Split(f.Lang, "+"); len(langs) == len(f.Doc.Pages) && len(langs) > 1 {
		lang = langs[page]
	}
	side := "front"
	if page%2 == 1 {
		side = "back"
	}
	return fmt.Sprintf("%s · %s · %s · %s · %s, page %d of %d", id, doc, f.Doc.Size, lang, side, page+1, len(f.Doc.Pages))
}

// SheetPages is how many pages the document d takes in a property's print
// sheets (see PrintSheets): for a print shop its own pages; for an office
// printer one sheet side per page, its copies filling the side, and a
// blank back when the count is odd.
func SheetPages(mode string, d *layout.Doc) (int, error) {
	switch mode {
	case SheetsShop:
		return len(d.Pages), nil
	case SheetsOffice:
		return len(d.Pages) + len(d.Pages)%2, nil
	}
	return 0, fmt.Errorf("unknown print-sheet mode %q (choose %s or %s)", mode, SheetsOffice, SheetsShop)
}

// sheetOf returns the paper that pages of size are printed on in mode,
// and how many copies of a page one side of it holds: two A5 or four A6
// to an A4 sheet at the office, one page to a sheet of its own size at a
// print shop (which trims the bleed off).
func sheetOf(mode, size string) (sheet string, per int, err error) {
	switch mode {
	case SheetsShop:
		return size, 1, nil
	case SheetsOffice:
		g, err := impose.GridFor(size)
		if err != nil {
			return "", 0, err
		}
		w, h := min(g.SheetW, g.SheetH), max(g.SheetW, g.SheetH)
		for _, p := range []struct {
			name string
			w, h float64
		}{{"A4", 210, 297}, {"A3", 297, 420}} {
			if w == p.w && h == p.h {
				return p.name, g.Cols * g.Rows, nil
			}
		}
		return "", 0, fmt.Errorf("no name for a sheet of %.0f × %.0f mm", w, h)
	}
	return "", 0, fmt.Errorf("unknown print-sheet mode %q (choose %s or %s)", mode, SheetsOffice, SheetsShop)
}
