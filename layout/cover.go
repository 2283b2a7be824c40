package layout

import (
	"fmt"

	"huskurage/content"
	"huskurage/typeset"
)

// Cover is what the cover sheet of a print order says, in its language:
// a title, how to print, the totals, and a table with a row for each
// property. The words are the caller's; CoverSheet only sets them.
type Cover struct {
	Lang  string // the language of the words
	Title string
	Lead  string      // under the title: how the print file is printed
	Sums  []CoverLine // the totals, on the first page
	// Head are the headings of the table's first two columns: the
	// property and its pages in the print file.
	Head [2]string
	// Kinds are the columns after them, one for each kind of document.
	Kinds []CoverColumn
	Rows  []CoverRow
	// PageLabel is the footer of the cover's page n of of: "Sida 2 av 3".
	PageLabel func(n, of int) string
	// MinPages is the fewest pages the cover takes: blank ones follow
	// the words when they need fewer. With Even the count is made even,
	// so that what follows starts on the front of a sheet printed
	// double-sided.
	MinPages int
	Even     bool
}

// CoverLine is one total: a label and its lines.
type CoverLine struct {
	Label string
	Lines []string
}

// CoverColumn is the column of one kind of document in the cover's
// table: its heading, and its share of the width that the kinds' columns
// share.
type CoverColumn struct {
	Head  string
	Share float64
}

// CoverRow is one property in the cover's table; Docs holds for each of
// the cover's Kinds a line for each of its documents or languages.
type CoverRow struct {
	ID, Address string
	Pages       string
	Docs        [][]string
}

// The cover's measures: an A4 page in mm, text in points.
const (
	coverW, coverH   = 210.0, 297.0
	coverMargin      = 15.0
	coverGutter      = 2.0  // between table columns
	coverPad         = 1.6  // above and below a row's text
	coverFooter      = 10.0 // room kept at the bottom for the page label
	coverSumLabelW   = 38.0
	coverTitleSize   = 16.0
	coverLeadSize    = 10.0
	coverSumSize     = 9.5
	coverCellSize    = 9.0
	coverFooterSize  = 8.0
	coverRuleWidth   = 0.2
	coverHeadRuleW   = 0.4
	coverSectionGap  = 6.0
	coverLineSpacing = 0.8 // between the lines of a cell
)

// coverFixed are the widths in mm of the table's first two columns, the
// property and its pages; the kinds' columns share the rest of the page
// between the margins.
var coverFixed = [2]float64{44, 22}

// coverCols are the widths of the table's columns in mm: the fixed ones,
// then a column for each kind, by its share.
func coverCols(kinds []CoverColumn) []float64 {
	cols := []float64{coverFixed[0], coverFixed[1]}
	rest, shares := coverW-2*coverMargin-coverFixed[0]-coverFixed[1]-float64(len(kinds)+1)*coverGutter, 0.0
	for _, k := range kinds {
		shares += k.Share
	}
	for _, k := range kinds {
		cols = append(cols, rest*k.Share/shares)
	}
	return cols
}

var (
	coverTitle = style{font: typeset.Bold, size: coverTitleSize, color: ink}
	coverLead  = style{font: typeset.Regular, size: coverLeadSize, color: ink}
	coverLabel = style{font: typeset.Bold, size: coverSumSize, color: ink}
	coverValue = style{font: typeset.Regular, size: coverSumSize, color: ink}
	coverHead  = style{font: typeset.Bold, size: coverCellSize, color: ink}
	coverCell  = style{font: typeset.Regular, size: coverCellSize, color: ink}
	coverID    = style{font: typeset.Bold, size: coverCellSize, color: ink}
	coverFoot  = style{font: typeset.Regular, size: coverFooterSize, color: grey}
)

// CoverSheet lays out the cover sheet of a print order on A4 pages: the
// title, how to print and the totals on the first page, then the table
// of properties over as many pages as it needs, its heading row repeated
// on each, and a row never split between pages. Text is shaped by m like
// every other page's, so addresses in any script the fonts have print.
func CoverSheet(c Cover, m Measurer) (*Doc, error) {
	var bs []*builder
	var b *builder
	y, rows := 0.0, 0 // rows set on the page
	bottom := coverH - coverMargin - coverFooter
	cols := coverCols(c.Kinds)
	// The structure: the title, the lead, the totals as a table of two
	// columns, and the table of properties, one table over all pages,
	// whose heading row said again on later pages is decoration.
	t := newTree(c.Lang)
	table := 0
	newPage := func() {
		b = &builder{m: m, k: 1, lang: c.Lang, tree: t}
		bs = append(bs, b)
		y, rows = coverMargin, 0
		if len(bs) == 1 {
			y = coverIntro(b, c, y)
			table = b.open(Node{Role: RoleTable})
		}
		b.at = table
		y = coverHeadRow(b, c, cols, y, len(bs) > 1)
	}
	newPage()
	for _, r := range c.Rows {
		h := coverRow(b.measuring(), r, cols, y) - y
		if y+h > bottom && (rows > 0 || len(bs) == 1) {
			newPage() // the first page's totals leave less room
		}
		if y+h > bottom {
			// Not even under the heading row of a page of its own.
			return nil, fmt.Errorf("cover sheet: the row of %s is taller than a page", r.ID)
		}
		y = coverRow(b, r, cols, y)
		rows++
	}
	out := &Doc{Kind: "cover", Size: "A4", Lang: c.Lang, Scale: 1, Title: c.Title}
	for i, b := range bs {
		if c.PageLabel != nil {
			b.text(content.Text{S: c.PageLabel(i+1, len(bs))}, as(coverFoot, decoration), coverMargin, coverH-coverMargin-coverFooter/2, coverW-2*coverMargin)
		}
		if b.err != nil {
			return nil, b.err
		}
		out.Pages = append(out.Pages, Page{W: coverW, H: coverH, Items: b.items})
	}
	out.Nodes = t.done()
	for len(out.Pages) < c.MinPages || c.Even && len(out.Pages)%2 == 1 {
		out.Pages = append(out.Pages, Page{W: coverW, H: coverH})
	}
	return out, nil
}

// coverIntro sets the title, the lead and the totals from y down and
// returns the y below them.
func coverIntro(b *builder, c Cover, y float64) float64 {
	x, w := coverMargin, coverW-2*coverMargin
	y = b.text(content.Text{S: c.Title}, as(coverTitle, RoleH1), x, y, w)
	y = b.text(content.Text{S: c.Lead}, coverLead, x, y+2, w)
	y += coverSectionGap - 2
	sums := 0
	if len(c.Sums) > 0 {
		sums = b.open(Node{Role: RoleTable})
	}
	for _, s := range c.Sums {
		top := y + 2
		var ly, vy float64
		b.in(sums, func() {
			b.in(b.open(Node{Role: RoleTR}), func() {
				ly = b.text(content.Text{S: s.Label}, as(coverLabel, RoleTH), x, top, coverSumLabelW-coverGutter)
				vy = top
				b.in(b.open(Node{Role: RoleTD}), func() {
					for i, l := range s.Lines {
						if i > 0 {
							vy += coverLineSpacing
						}
						vy = b.text(content.Text{S: l}, coverValue, x+coverSumLabelW, vy, w-coverSumLabelW)
					}
				})
			})
		})
		y = max(ly, vy)
	}
	return y + coverSectionGap
}

// coverColX returns the left edge of column i.
func coverColX(cols []float64, i int) float64 {
	x := coverMargin
	for j := 0; j < i; j++ {
		x += cols[j] + coverGutter
	}
	return x
}

// coverHeadRow sets the table's headings with a rule under them and
// returns the y below the rule. again is set on the pages after the
// first, where the row is said again for the eye only.
func coverHeadRow(b *builder, c Cover, cols []float64, y float64, again bool) float64 {
	head := c.Head[:]
	for _, k := range c.Kinds {
		head = append(head, k.Head)
	}
	bottom := y
	st := as(coverHead, RoleTH)
	row := 0
	if again {
		st = as(st, decoration)
	} else {
		row = b.open(Node{Role: RoleTR})
	}
	b.in(row, func() {
		for i, h := range head {
			bottom = max(bottom, b.text(content.Text{S: h}, st, coverColX(cols, i), y, cols[i]))
		}
	})
	bottom += coverPad
	b.line(coverMargin, bottom, coverW-coverMargin, bottom, coverHeadRuleW, ink)
	return bottom
}

// coverRow sets one property's row from y down, with a thin rule under
// it, and returns the y below the rule.
func coverRow(b *builder, r CoverRow, cols []float64, y float64) float64 {
	top := y + coverPad
	lines := func(col int, ls []string, first style) float64 {
		cy := top
		b.in(b.open(Node{Role: RoleTD}), func() {
			for i, l := range ls {
				st := coverCell
				if i == 0 {
					st = first
				}
				if i > 0 {
					cy += coverLineSpacing
				}
				cy = b.text(content.Text{S: l}, st, coverColX(cols, col), cy, cols[col])
			}
		})
		return cy
	}
	var bottom float64
	b.in(b.open(Node{Role: RoleTR}), func() {
		bottom = lines(0, []string{r.ID, r.Address}, coverID)
		bottom = max(bottom, lines(1, []string{r.Pages}, coverCell))
		for i, ls := range r.Docs {
			bottom = max(bottom, lines(2+i, ls, coverCell))
		}
	})
	bottom += coverPad
	b.line(coverMargin, bottom, coverW-coverMargin, bottom, coverRuleWidth, rule)
	return bottom
}
