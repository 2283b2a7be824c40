package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"huskurage/kind"
)

// The print sheets of an example: office sheets hold two A5 leaflets on
// A4 landscape (or four A6 on A4 portrait) and every QR code on them
// still decodes; print-shop pages are the trim size plus bleed and slug.
func TestPrintSheets(t *testing.T) {
	t.Parallel()
	b, p := loadExample(t, "../examples/ale-storgatan.yaml")
	for _, tc := range []struct {
		mode, leaflet string
		pages         int
		sizes         []string // pdfinfo "Page N size" values, in points
	}{
		// Each poster gets a blank back, so the leaflet's front starts a sheet.
		{SheetsOffice, "A5", 6, []string{"595.28 x 841.89", "595.28 x 841.89", "595.28 x 841.89", "595.28 x 841.89", "841.89 x 595.28", "841.89 x 595.28"}},
		{SheetsOffice, "A6", 6, []string{"595.28 x 841.89", "595.28 x 841.89", "595.28 x 841.89", "595.28 x 841.89", "595.28 x 841.89", "595.28 x 841.89"}},
		{SheetsShop, "A5", 4, []string{"668.98 x 915.59", "668.98 x 915.59", "493.23 x 668.98", "493.23 x 668.98"}},
	} {
		opts := Options{Sizes: map[*kind.Kind]string{kind.Leaflet: tc.leaflet}}
		files, err := b.Build(t.Context(), p, opts)
		if err != nil {
			t.Fatal(err)
		}
		sheet, err := b.PrintSheets(p.ID, files, tc.mode, opts)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.mode, tc.leaflet, err)
		}
		path := filepath.Join(t.TempDir(), sheet.Name)
		os.WriteFile(path, sheet.Data, 0o644)
		info := string(run(t, "pdfinfo", "-f", "1", "-l", "99", path))
		for i, want := range tc.sizes {
			if !strings.Contains(info, want) {
				t.Errorf("%s %s: page %d should be %s pt:\n%s", tc.mode, tc.leaflet, i+1, want, info)
			}
		}
		if got := len(regexp.MustCompile(`(?m)^Page +\d+ size:`).FindAllString(info, -1)); got != tc.pages {
			t.Errorf("%s %s: %d pages, want %d", tc.mode, tc.leaflet, got, tc.pages)
		}
		if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
		// The leaflet's back sheet holds its QR codes: every copy decodes.
		png := filepath.Join(t.TempDir(), "sheet")
		back := strconv.Itoa(tc.pages)
		run(t, "pdftoppm", "-png", "-r", "150", "-f", back, "-l", back, "-singlefile", path, png)
		codes := strings.Fields(string(run(t, "zbarimg", "-q", "--raw", png+".png")))
		copies := map[string]int{"A5": 2, "A6": 4}[tc.leaflet]
		if tc.mode == SheetsShop {
			copies = 1
		}
		if len(codes) != copies {
			t.Errorf("%s %s: %d QR codes decoded on the back sheet, want %d: %v", tc.mode, tc.leaflet, len(codes), copies, codes)
		}
		for _, c := range codes {
			if c != p.QR.URL {
				t.Errorf("%s %s: QR decodes %q, want %q", tc.mode, tc.leaflet, c, p.QR.URL)
			}
		}
	}
}
