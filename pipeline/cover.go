package pipeline

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/render/pdf"
)

// PrintOrder is what a batch's print file holds, for its cover sheet:
// every property in the order of the file, with its documents.
type PrintOrder struct {
	Mode string // SheetsOffice or SheetsShop
	// Lang is the cover's language: "sv" or "en"; any other gets the
	// Swedish cover (see coverWords).
	Lang       string
	Properties []OrderProperty
}

// OrderProperty is one property of a print order.
type OrderProperty struct {
	ID, Address string
	Docs        []OrderDoc // in the order of the property's print sheets
}

// OrderDoc is one document of a property in the print file.
type OrderDoc struct {
	Kind  *kind.Kind
	Lang  string // "sv", or "sv+ar" for a document in two languages
	Size  string // its paper: "A4", "A5"
	Pages int    // its own pages: 1 for a poster, 2 for a leaflet
	// Sheets is how many pages it takes in the print file; see
	// SheetPages.
	Sheets int
	// Copies is how many to print: one poster per entrance, one leaflet
	// per apartment; 0 when the property does not say how many
	// apartments it has.
	Copies int
}

// OrderOf describes p's documents, files as Build made them, for the
// cover of a print file in mode.
func OrderOf(p *property.Property, files []File, mode string) (OrderProperty, error) {
	o := OrderProperty{ID: p.ID, Address: p.Building.Address + ", " + p.Building.City}
	for _, f := range files {
		sheets, err := SheetPages(mode, f.Doc)
		if err != nil {
			return o, err
		}
		// One poster for every entrance, one leaflet for every
		// apartment in each language; never a guess.
		o.Docs = append(o.Docs, OrderDoc{Kind: f.Kind, Lang: f.Lang, Size: f.Doc.Size, Pages: len(f.Doc.Pages), Sheets: sheets,
			Copies: f.Kind.Copies(p)})
	}
	return o, nil
}

// CoverSheet lays out and renders the cover sheet of a print order: the
// totals, and for each property the pages it takes in the print file and
// the copies of each document to print. It is the first pages of the
// print file; the properties' sheets follow it, in order. For an office
// printer its page count is even, so that they start on the front of a
// sheet. The File's Doc gives its title and pages.
func (b *Builder) CoverSheet(order PrintOrder, opts Options) (File, error) {
	w := wordsFor(order.Lang)
	// The cover names the pages of the print file, which start after
	// the cover's own: lay it out for the page count of the last try
	// until the count holds. Counts only grow, a little, so this ends.
	// An office cover has an even count: two pages at least.
	pages := 1
	if order.Mode == SheetsOffice {
		pages = 2
	}
	for try := 0; ; try++ {
		c, err := coverOf(order, w, pages)
		if err != nil {
			return File{}, err
		}
		d, err := layout.CoverSheet(c, b.engine)
		if err != nil {
			return File{}, err
		}
		if len(d.Pages) > pages && try < 8 {
			pages = len(d.Pages)
			continue
		}
		if len(d.Pages) > pages {
			return File{}, fmt.Errorf("cover sheet: its page count does not settle (%d pages)", len(d.Pages))
		}
		if err := d.Check(); err != nil {
			return File{}, fmt.Errorf("cover sheet: layout fault, please report it: %w", err)
		}
		var buf bytes.Buffer
		// A print shop's file is in its inks throughout (see PrintSheets).
		if err := pdf.New(b.engine.Fonts(), pdf.Options{Date: opts.Date, CMYK: order.Mode == SheetsShop}).Render(&buf, d); err != nil {
			return File{}, fmt.Errorf("cover sheet: %w", err)
		}
		return File{Name: "cover", Lang: w.lang, Data: buf.Bytes(), Doc: d}, nil
	}
}

// coverOf puts order into words for a cover of pages pages.
func coverOf(order PrintOrder, w *coverWords, pages int) (layout.Cover, error) {
	lead, ok := w.lead[order.Mode]
	if !ok {
		return layout.Cover{}, fmt.Errorf("unknown print-sheet mode %q (choose %s or %s)", order.Mode, SheetsOffice, SheetsShop)
	}
	c := layout.Cover{
		Lang: w.lang, Title: w.title, Lead: lead, Head: w.head,
		PageLabel: w.pageLabel, MinPages: pages, Even: order.Mode == SheetsOffice,
	}
	column := map[*kind.Kind]int{} // each kind's column among c.Kinds
	for i, k := range kind.All {
		column[k] = i
		c.Kinds = append(c.Kinds, layout.CoverColumn{Head: k.Cover.In(w.lang).Heading, Share: k.Cover.Share})
	}
	// Totals by kind and size, and by language, in the order first met.
	type total struct {
		kind    *kind.Kind
		size    string
		pages   int
		copies  int
		sheets  int
		unknown map[string]bool // properties with an unknown count
	}
	var totals []*total
	find := func(k *kind.Kind, size string, pages int) *total {
		for _, t := range totals {
			if t.kind == k && t.size == size && t.pages == pages {
				return t
			}
		}
		t := &total{kind: k, size: size, pages: pages, unknown: map[string]bool{}}
		totals = append(totals, t)
		return t
	}
	type langTotal struct {
		lang    string
		count   map[*kind.Kind]int
		has     map[*kind.Kind]bool // any document of the kind, even none known
		unknown map[*kind.Kind]bool
	}
	var langs []*langTotal
	byLang := func(lang string) *langTotal {
		for _, l := range langs {
			if l.lang == lang {
				return l
			}
		}
		l := &langTotal{lang: lang, count: map[*kind.Kind]int{}, has: map[*kind.Kind]bool{}, unknown: map[*kind.Kind]bool{}}
		langs = append(langs, l)
		return l
	}
	next := pages + 1 // the print file's page
	for _, p := range order.Properties {
		row := layout.CoverRow{ID: p.ID, Address: p.Address, Docs: make([][]string, len(kind.All))}
		first := next
		// Documents of one kind, language and size that follow each
		// other share a line.
		for i := 0; i < len(p.Docs); {
			d := p.Docs[i]
			j, copies, sheets, unknown := i, 0, 0, false
			for ; j < len(p.Docs) && p.Docs[j].Kind == d.Kind && p.Docs[j].Lang == d.Lang && p.Docs[j].Size == d.Size && p.Docs[j].Pages == d.Pages; j++ {
				n, err := sheetsFor(order.Mode, p.Docs[j])
				if err != nil {
					return c, err
				}
				copies += p.Docs[j].Copies
				sheets += n
				unknown = unknown || p.Docs[j].Copies == 0
			}
			from := next
			for k := i; k < j; k++ {
				next += p.Docs[k].Sheets
			}
			sheet, _, err := sheetOf(order.Mode, d.Size)
			if err != nil {
				return c, err
			}
			var line string
			if !d.Kind.Cover.Sheets && !unknown {
				// One to a sheet: the count says the sheets.
				line = d.Lang + ": " + strconv.Itoa(copies) + " × " + d.Size + " (" + w.pageRef(from, next-1) + ")"
			} else {
				line = d.Lang + ": " + w.count(copies, unknown, d.Size, sheets, sheet) + " (" + w.pageRef(from, next-1) + ")"
			}
			t, l := find(d.Kind, d.Size, d.Pages), byLang(d.Lang)
			if unknown {
				t.unknown[p.ID] = true
				l.unknown[d.Kind] = true
			} else {
				t.copies += copies
				t.sheets += sheets
			}
			row.Docs[column[d.Kind]] = append(row.Docs[column[d.Kind]], line)
			l.count[d.Kind] += copies
			l.has[d.Kind] = true
			i = j
		}
		if next > first {
			row.Pages = pageSpan(first, next-1)
		}
		c.Rows = append(c.Rows, row)
	}
	c.Sums = append(c.Sums, layout.CoverLine{Label: w.properties, Lines: []string{strconv.Itoa(len(order.Properties))}})
	for _, k := range kind.All {
		var lines []string
		for _, t := range totals {
			if t.kind != k {
				continue
			}
			sheet, _, err := sheetOf(order.Mode, t.size)
			if err != nil {
				return c, err
			}
			lines = append(lines, w.total(t.copies, t.size, t.sheets, sheet, t.pages > 1, len(t.unknown)))
		}
		if len(lines) == 0 {
			continue
		}
		words := k.Cover.In(w.lang)
		if words.Note != "" {
			lines = append(lines, words.Note)
		}
		c.Sums = append(c.Sums, layout.CoverLine{Label: words.Heading, Lines: lines})
	}
	var perLang []string
	for _, l := range langs {
		var parts []string
		for _, k := range kind.All {
			if l.has[k] {
				parts = append(parts, w.nDocs(k.Cover.In(w.lang), l.count[k], l.unknown[k]))
			}
		}
		perLang = append(perLang, l.lang+": "+strings.Join(parts, ", "))
	}
	if len(perLang) > 0 {
		c.Sums = append(c.Sums, layout.CoverLine{Label: w.perLanguage, Lines: perLang})
	}
	file := w.pageRef(1, pages) + " " + w.coverPages
	if next > pages+1 {
		file += ", " + w.pageRef(pages+1, next-1) + " " + w.propertyPages
	}
	c.Sums = append(c.Sums, layout.CoverLine{Label: w.printFile, Lines: []string{file}})
	return c, nil
}

// sheetsFor is how many sheets print d's copies: as many copies as fit
// on a sheet, and never a sheet shared with another document.
func sheetsFor(mode string, d OrderDoc) (int, error) {
	_, per, err := sheetOf(mode, d.Size)
	if err != nil {
		return 0, err
	}
	return (d.Copies + per - 1) / per, nil
}

// coverWords are the cover sheet's words in one language. The cover is
// for the print shop, in the language of the defaults file: Swedish, or
// English; the other languages of the documents get the Swedish cover.
type coverWords struct {
	lang                               string
	title                              string
	lead                               map[string]string // by print-sheet mode
	properties, perLanguage, printFile string
	head                               [2]string // the property and its pages
	unknown                            string    // an unknown number of leaflets
	and                                string    // before the unknown number in a total
	// sheets names n sheets of paper sheet: "40 A4-ark".
	sheets func(n int, sheet string) string
	// oneSided and twoSided say how the sheets are printed.
	oneSided, twoSided string
	// unknownFor says that n properties give no count: "och okänt
	// antal för 2 fastigheter".
	unknownFor func(n int) string
	// noneKnown says that no count is known for documents of a kind,
	// named in the plural: "okänt antal foldrar"; andUnknown follows a
	// known count when others are not known: "80 foldrar och okänt
	// antal".
	noneKnown  func(many string) string
	andUnknown string
	page       string // the abbreviation for page: "s."
	// pageLabel is a cover page's footer.
	pageLabel func(n, of int) string
	// coverPages and propertyPages say what the print file's pages
	// hold: "s. 1–2 detta försättsblad, s. 3–42 fastigheterna …".
	coverPages, propertyPages string
}

// pageSpan is a range of pages: "5–6", or "5".
func pageSpan(first, last int) string {
	if first == last {
		return strconv.Itoa(first)
	}
	return strconv.Itoa(first) + "–" + strconv.Itoa(last)
}

func (w *coverWords) pageRef(first, last int) string { return w.page + " " + pageSpan(first, last) }

// count says a line of documents: "40 × A5 = 20 A4-ark", or with an
// unknown count "okänt antal × A5".
func (w *coverWords) count(copies int, unknown bool, size string, sheets int, sheet string) string {
	if unknown {
		return w.unknown + " × " + size
	}
	return strconv.Itoa(copies) + " × " + size + " = " + w.sheets(sheets, sheet)
}

// total says a total: "80 × A5 = 40 A4-ark, dubbelsidigt", and the
// properties with an unknown count.
func (w *coverWords) total(copies int, size string, sheets int, sheet string, twoSided bool, unknown int) string {
	sides := w.oneSided
	if twoSided {
		sides = w.twoSided
	}
	s := ""
	if copies > 0 || unknown == 0 {
		s = strconv.Itoa(copies) + " × " + size + " = " + w.sheets(sheets, sheet) + ", " + sides
	}
	if unknown > 0 {
		if s == "" {
			return w.unknown + " × " + size + " " + w.unknownFor(unknown)
		}
		s += ", " + w.and + " " + w.unknown + " " + w.unknownFor(unknown)
	}
	return s
}

// nDocs counts the documents of one kind in one language: "3
// affischer", "80 foldrar och okänt antal".
func (w *coverWords) nDocs(k kind.Words, n int, unknown bool) string {
	switch {
	case unknown && n == 0:
		return w.noneKnown(k.Many)
	case unknown:
		return strconv.Itoa(n) + " " + plural(n, k.One, k.Many) + w.andUnknown
	}
	return strconv.Itoa(n) + " " + plural(n, k.One, k.Many)
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

var coverSV = &coverWords{
	lang:  "sv",
	title: "Huskurage – tryckorder",
	lead: map[string]string{
		SheetsOffice: "För kontorsskrivare: skriv ut på A4, dubbelsidigt (ark i liggande format vänds längs kortsidan), och skär vid skärmärkena. Skriv ut varje dokuments sidor så många gånger som antalet ark säger.",
		SheetsShop:   "För tryckeri: varje sida har 3 mm utfallande bild och skärmärken. Tryck varje dokuments sidor i så många exemplar som antalet ark säger.",
	},
	properties:  "Fastigheter",
	perLanguage: "Per språk",
	printFile:   "Tryckfil",
	head:        [2]string{"Fastighet", "Sidor"},
	unknown:     "okänt antal",
	and:         "och",
	sheets:      func(n int, sheet string) string { return strconv.Itoa(n) + " " + sheet + "-ark" },
	oneSided:    "enkelsidigt",
	twoSided:    "dubbelsidigt",
	unknownFor: func(n int) string {
		return "för " + strconv.Itoa(n) + " " + plural(n, "fastighet", "fastigheter") + " utan antal lägenheter"
	},
	noneKnown:  func(many string) string { return "okänt antal " + many },
	andUnknown: " och okänt antal",

	page: "s.",
	pageLabel: func(n, of int) string {
		return fmt.Sprintf("Huskurage – tryckorder, försättsblad sida %d av %d", n, of)
	},
	coverPages:    "detta försättsblad",
	propertyPages: "fastigheterna i tabellens ordning",
}

var coverEN = &coverWords{
	lang:  "en",
	title: "Huskurage – print order",
	lead: map[string]string{
		SheetsOffice: "For an office printer: print on A4, double-sided (landscape sheets turn over the short edge), and cut at the cut marks. Print each document's pages as many times as its number of sheets says.",
		SheetsShop:   "For a print shop: every page has 3 mm bleed and crop marks. Print each document's pages in as many copies as its number of sheets says.",
	},
	properties:  "Properties",
	perLanguage: "Per language",
	printFile:   "Print file",
	head:        [2]string{"Property", "Pages"},
	unknown:     "unknown number",
	and:         "and an",
	sheets: func(n int, sheet string) string {
		return strconv.Itoa(n) + " " + sheet + " " + plural(n, "sheet", "sheets")
	},
	oneSided: "single-sided",
	twoSided: "double-sided",
	unknownFor: func(n int) string {
		return "for " + strconv.Itoa(n) + " " + plural(n, "property", "properties") + " without a number of apartments"
	},
	noneKnown:  func(many string) string { return "an unknown number of " + many },
	andUnknown: " and an unknown number",

	page: "p.",
	pageLabel: func(n, of int) string {
		return fmt.Sprintf("Huskurage – print order, cover sheet page %d of %d", n, of)
	},
	coverPages:    "this cover sheet",
	propertyPages: "the properties in the order of the table",
}

// wordsFor returns the cover's words in lang: English for "en", else
// Swedish.
func wordsFor(lang string) *coverWords {
	if strings.EqualFold(lang, "en") {
		return coverEN
	}
	return coverSV
}
