package layout

import (
	"fmt"
	"strings"
	"testing"
)

func testCover(rows int) Cover {
	c := Cover{
		Lang: "sv", Title: "Huskurage – tryckorder", Lead: "Skriv ut dubbelsidigt.",
		Sums:      []CoverLine{{"Fastigheter", []string{fmt.Sprint(rows)}}, {"Per språk", []string{"sv: 3 affischer", "ar: 2 affischer"}}},
		Head:      [2]string{"Fastighet", "Sidor"},
		Kinds:     []CoverColumn{{"Affischer", 44}, {"Foldrar", 64}},
		PageLabel: func(n, of int) string { return fmt.Sprintf("sida %d av %d", n, of) },
	}
	for i := range rows {
		c.Rows = append(c.Rows, CoverRow{
			ID: fmt.Sprintf("hus-%d", i), Address: "Storgatan 7, Nödinge", Pages: fmt.Sprintf("%d–%d", 3+4*i, 6+4*i),
			Docs: [][]string{{"sv: 1 × A4"}, {"sv: 24 × A5", "ar: 24 × A5"}},
		})
	}
	return c
}

// texts returns the text of each text item on page p, top to bottom.
func texts(p Page) []string {
	var out []string
	for _, it := range p.Items {
		if it.Kind == KindText {
			s := ""
			for _, r := range it.Runs {
				s += r.Text
			}
			out = append(out, s)
		}
	}
	return out
}

// Hundreds of properties take many pages: each starts with the table's
// heading row, every row is on exactly one page and in order, nothing
// overlaps or leaves the page, and each page says which it is.
func TestCoverSheetPaginates(t *testing.T) {
	t.Parallel()
	const n = 400
	d, err := CoverSheet(testCover(n), fake{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) < 10 {
		t.Fatalf("%d rows on %d pages", n, len(d.Pages))
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	next := 0
	for i, p := range d.Pages {
		ts := texts(p)
		start := 0
		if i == 0 {
			if ts[0] != "Huskurage – tryckorder" {
				t.Errorf("page 1 starts with %q", ts[0])
			}
			start = strings.Index(strings.Join(ts, "\n"), "Fastighet\n")
			start = strings.Count(strings.Join(ts, "\n")[:start], "\n")
		}
		if got := strings.Join(ts[start:start+4], "|"); got != "Fastighet|Sidor|Affischer|Foldrar" {
			t.Errorf("page %d: heading row %q", i+1, got)
		}
		if want := fmt.Sprintf("sida %d av %d", i+1, len(d.Pages)); ts[len(ts)-1] != want {
			t.Errorf("page %d: footer %q, want %q", i+1, ts[len(ts)-1], want)
		}
		rows := 0
		for j, s := range ts {
			if strings.HasPrefix(s, "hus-") {
				if want := fmt.Sprintf("hus-%d", next); s != want {
					t.Fatalf("page %d: row %s, want %s", i+1, s, want)
				}
				if ts[j+1] != "Storgatan 7, Nödinge" {
					t.Errorf("page %d: %s is followed by %q, not its address", i+1, s, ts[j+1])
				}
				next++
				rows++
			}
		}
		if rows == 0 {
			t.Errorf("page %d has no row", i+1)
		}
		// The last row ends above the footer.
		for _, it := range p.Items {
			if b := it.Bounds(); it.Kind == KindText && !strings.HasPrefix(texts(Page{Items: []Item{it}})[0], "sida") && b.Y1 > coverH-coverMargin-coverFooter {
				t.Errorf("page %d: %q reaches into the footer (%.1f mm)", i+1, texts(Page{Items: []Item{it}})[0], b.Y1)
			}
		}
	}
	if next != n {
		t.Errorf("%d of %d rows set", next, n)
	}
}

// Blank pages follow the words up to MinPages, and to an even count with
// Even; the totals are on the first page only.
func TestCoverSheetPages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		rows, min int
		even      bool
		want      int
	}{
		{1, 0, false, 1}, {1, 0, true, 2}, {1, 3, false, 3}, {1, 3, true, 4},
	} {
		c := testCover(tc.rows)
		c.MinPages, c.Even = tc.min, tc.even
		d, err := CoverSheet(c, fake{})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Pages) != tc.want {
			t.Errorf("%+v: %d pages, want %d", tc, len(d.Pages), tc.want)
		}
		for i, p := range d.Pages[1:] {
			if len(p.Items) > 0 {
				t.Errorf("%+v: page %d is not blank", tc, i+2)
			}
		}
	}
	d, err := CoverSheet(testCover(60), fake{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range d.Pages {
		if got := strings.Contains(strings.Join(texts(p), "|"), "Per språk"); got != (i == 0) {
			t.Errorf("page %d: totals %v", i+1, got)
		}
	}
}

// A row that fits on no page is an error, not a page that runs over.
func TestCoverSheetRowTooTall(t *testing.T) {
	t.Parallel()
	c := testCover(1)
	for range 200 {
		c.Rows[0].Docs[1] = append(c.Rows[0].Docs[1], "sv: 24 × A5")
	}
	if _, err := CoverSheet(c, fake{}); err == nil || !strings.Contains(err.Error(), "hus-0") {
		t.Errorf("err = %v", err)
	}
}

// A row taller than the room the totals leave on the first page goes to
// the next page.
func TestCoverSheetTallFirstRow(t *testing.T) {
	t.Parallel()
	c := testCover(1)
	for range 55 {
		c.Rows[0].Docs[1] = append(c.Rows[0].Docs[1], "sv: 24 × A5")
	}
	d, err := CoverSheet(c, fake{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 2 || !strings.Contains(strings.Join(texts(d.Pages[1]), "|"), "hus-0") {
		t.Errorf("%d pages; want the row on the second", len(d.Pages))
	}
	if err := d.Check(); err != nil {
		t.Error(err)
	}
}
