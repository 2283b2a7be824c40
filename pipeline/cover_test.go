package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"huskurage/kind"
)

// manyOrder is a print order of n properties whose addresses take turns
// in Latin, Arabic and Ethiopic script and a mix of them.
func manyOrder(n int, mode string) PrintOrder {
	addrs := []string{"Storgatan 7, Nödinge", "شارع الملك ٧, Nödinge", "ቦሌ መንገድ 12, Nödinge", "Storgatan 7 شارع ቦሌ, Nödinge"}
	o := PrintOrder{Mode: mode, Lang: "sv"}
	for i := range n {
		o.Properties = append(o.Properties, OrderProperty{
			ID: fmt.Sprintf("hus-%03d", i), Address: addrs[i%len(addrs)],
			Docs: []OrderDoc{
				{Kind: kind.Poster, Lang: "sv", Size: "A4", Pages: 1, Sheets: 2, Copies: 1},
				{Kind: kind.Leaflet, Lang: "sv", Size: "A5", Pages: 2, Sheets: 2, Copies: i % 3 * 20},
			},
		})
	}
	return o
}

// A cover for hundreds of properties takes many pages: each repeats the
// table's heading row, every property is listed once, in order, with
// its address in whatever script it is written, and its pages follow
// from the cover's own page count. The same order gives the same bytes.
func TestCoverSheetManyPages(t *testing.T) {
	t.Parallel()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	order := manyOrder(n, SheetsOffice)
	f, err := b.CoverSheet(order, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := len(f.Doc.Pages)
	if pages < 6 || pages%2 != 0 {
		t.Fatalf("%d properties on %d pages; want several, and an even count", n, pages)
	}
	path := filepath.Join(t.TempDir(), "cover.pdf")
	if err := os.WriteFile(path, f.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if info := string(run(t, "pdfinfo", path)); !regexp.MustCompile(`Pages:\s+` + strconv.Itoa(pages) + `\n`).MatchString(info) {
		t.Errorf("pdfinfo:\n%s", info)
	}
	if msg := string(run(t, "qpdf", "--check", path)); !strings.Contains(msg, "No syntax or stream encoding errors") {
		t.Errorf("qpdf: %s", msg)
	}
	fonts := string(run(t, "pdffonts", path))
	for _, want := range []string{"NotoSans-Regular", "NotoSansArabic", "NotoSansEthiopic"} {
		if !strings.Contains(fonts, want) {
			t.Errorf("pdffonts lacks %s:\n%s", want, fonts)
		}
	}
	next, all := 0, ""
	rtl := strings.NewReplacer("\u202b", "", "\u202c", "")
	for p := 1; p <= pages; p++ {
		text := rtl.Replace(collapse(string(run(t, "pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-"))))
		if text == "" {
			if p < pages-1 {
				t.Errorf("page %d is blank", p)
			}
			continue
		}
		if !strings.Contains(text, "Fastighet Sidor Affischer Foldrar") {
			t.Errorf("page %d lacks the heading row:\n%s", p, text)
		}
		for _, m := range regexp.MustCompile(`hus-(\d+)`).FindAllStringSubmatch(text, -1) {
			if i, _ := strconv.Atoi(m[1]); i != next {
				t.Fatalf("page %d: hus-%s where hus-%03d should be", p, m[1], next)
			}
			// Its first page: after the cover, four a property.
			want := fmt.Sprintf("%d–%d", pages+1+4*next, pages+4+4*next)
			if !strings.Contains(text, want) {
				t.Errorf("page %d: hus-%03d should be on pages %s:\n%s", p, next, want, text)
			}
			next++
		}
		all += text
	}
	for _, word := range []string{"Storgatan", "شارع", "الملك", "ቦሌ", "መንገድ"} {
		if c := strings.Count(all, word); c < n/4 {
			t.Errorf("%q is on the cover %d times, want at least %d", word, c, n/4)
		}
	}
	if next != n {
		t.Errorf("%d of %d properties listed", next, n)
	}
	again, err := b.CoverSheet(order, Options{})
	if err != nil || !bytes.Equal(again.Data, f.Data) {
		t.Errorf("a second cover of the same order differs (%v)", err)
	}
}

// The pages the cover gives a document are the pages PrintSheets makes
// of it, in both modes and both leaflet sizes.
func TestSheetPagesAgreeWithPrintSheets(t *testing.T) {
	t.Parallel()
	b, p := loadExample(t, "../examples/ale-storgatan.yaml")
	for _, mode := range []string{SheetsOffice, SheetsShop} {
		for _, size := range []string{"A5", "A6"} {
			opts := Options{Sizes: map[*kind.Kind]string{kind.Leaflet: size}}
			files, err := b.Build(t.Context(), p, opts)
			if err != nil {
				t.Fatal(err)
			}
			sheet, err := b.PrintSheets(p.ID, files, mode, opts)
			if err != nil {
				t.Fatal(err)
			}
			order, err := OrderOf(p, files, mode)
			if err != nil {
				t.Fatal(err)
			}
			sum := 0
			for _, d := range order.Docs {
				sum += d.Sheets
			}
			if sum != len(sheet.Doc.Pages) {
				t.Errorf("%s %s: the cover counts %d pages, PrintSheets made %d", mode, size, sum, len(sheet.Doc.Pages))
			}
		}
	}
	if _, err := SheetPages("press", nil); err == nil {
		t.Error("an unknown mode has sheet pages")
	}
}

// BenchmarkCoverSheet measures the cover of a batch of 1,000 properties,
// laid out (twice: the first try settles the page count) and rendered.
func BenchmarkCoverSheet(b *testing.B) {
	bd, err := New()
	if err != nil {
		b.Fatal(err)
	}
	order := manyOrder(1000, SheetsOffice)
	for b.Loop() {
		if _, err := bd.CoverSheet(order, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
