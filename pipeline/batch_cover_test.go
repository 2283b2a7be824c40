package pipeline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pdfPages is what pdftotext reads from pages first..last of path, with
// runs of white space folded to one space.
func pdfPages(t *testing.T, path string, first, last int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (install poppler-utils)", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// A property whose address is in Arabic or Ethiopic script, or mixes
// scripts, gets a cover sheet that prints it: the cover is shaped like
// every other page, with all of the fonts' faces.
func TestBatchCoverScripts(t *testing.T) {
	t.Parallel()
	addresses := map[string]string{
		"arabic":   "شارع الملك ٧",
		"ethiopic": "ቦሌ መንገድ 12",
		"mixed":    "Storgatan 7 شارع ቦሌ",
	}
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	for name, addr := range addresses {
		write(t, in, name+".yaml", strings.Replace(good, "Storgatan 1", addr, 1))
	}
	for _, mode := range []string{"office", "shop"} {
		rep, err := Batch(context.Background(), []string{in}, Request{Out: filepath.Join(out, mode), Sheets: mode})
		if err != nil || len(rep.Failures) > 0 {
			t.Fatalf("%s: %v %+v", mode, err, rep.Failures)
		}
		text := pdfPages(t, filepath.Join(out, mode, "print-sheets-"+mode+".pdf"), 1, 1)
		for _, addr := range addresses {
			for _, word := range strings.Fields(addr) {
				if !strings.Contains(text, word) {
					t.Errorf("%s: the cover lacks %q of %q:\n%s", mode, word, addr, text)
				}
			}
		}
	}
}

// withApartments gives the property good the address addr and, when n is
// not 0, n apartments.
func withApartments(addr string, n int) string {
	src := strings.Replace(good, "Storgatan 1", addr, 1)
	if n > 0 {
		src = strings.Replace(src, "  city: Nödinge\n", "  city: Nödinge\n  apartments: "+strconv.Itoa(n)+"\n", 1)
	}
	return src
}

// A property that does not say how many apartments it has gets an
// unknown number of leaflets on the cover, never one, and the totals say
// that some are unknown. Known counts give sheets: two A5 to an A4 sheet.
// The cover is in Swedish, or in English when the defaults say en.
func TestBatchCoverCounts(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	write(t, in, "a.yaml", withApartments("Storgatan 1", 80))
	write(t, in, "b.yaml", withApartments("Lillgatan 2", 0))
	write(t, in, "c.yaml", withApartments("Mellangatan 3", 41))
	defaults := write(t, t.TempDir(), "en.yaml", "language: en\n")
	finnish := write(t, t.TempDir(), "fi.yaml", "language: fi\n")
	for _, tc := range []struct {
		defaults string
		want     []string
	}{
		{"", []string{
			"Storgatan 1, Nödinge", "sv: 80 × A5 = 40 A4-ark",
			"Lillgatan 2, Nödinge", "sv: okänt antal × A5",
			"Mellangatan 3, Nödinge", "sv: 41 × A5 = 21 A4-ark",
			"121 × A5 = 61 A4-ark, dubbelsidigt, och okänt antal för 1 fastighet",
			"3 × A4 = 3 A4-ark, enkelsidigt",
			"sv: 3 affischer, 121 foldrar och okänt antal",
		}},
		{defaults, []string{
			"Storgatan 1, Nödinge", "en: 80 × A5 = 40 A4 sheets",
			"en: unknown number × A5",
			"121 × A5 = 61 A4 sheets, double-sided, and an unknown number for 1 property",
			"3 × A4 = 3 A4 sheets, single-sided",
			"en: 3 posters, 121 leaflets and an unknown number",
		}},
		// A language without cover words of its own gets the Swedish ones.
		{finnish, []string{"Huskurage – tryckorder", "fi: 80 × A5 = 40 A4-ark", "fi: 3 affischer, 121 foldrar och okänt antal"}},
	} {
		out := filepath.Join(t.TempDir(), "out")
		rep, err := Batch(context.Background(), []string{in}, Request{Out: out, Sheets: "office", Defaults: tc.defaults})
		if err != nil || len(rep.Failures) > 0 {
			t.Fatalf("%v %+v", err, rep.Failures)
		}
		text := pdfPages(t, filepath.Join(out, "print-sheets-office.pdf"), 1, 1)
		for _, want := range tc.want {
			if !strings.Contains(text, want) {
				t.Errorf("defaults %q: the cover lacks %q:\n%s", tc.defaults, want, text)
			}
		}
		if one := regexp.MustCompile(`(^|[^0-9])1 × A5`); one.MatchString(text) {
			t.Errorf("defaults %q: the cover says %q:\n%s", tc.defaults, one.FindString(text), text)
		}
	}
}

// The cover gives the pages of each property in the print file, and of
// each of its documents: a print shop prints a leaflet's pages as many
// times as it says. The pages named are the ones that hold them, one
// after the other from the page after the cover to the last.
func TestBatchCoverPageRanges(t *testing.T) {
	t.Parallel()
	addr := map[string]string{"a": "Storgatan 1", "b": "Lillgatan 2", "c": "Mellangatan 3"}
	words := map[string]string{"sv": "Ring polisen", "en": "Call the police"}
	for _, mode := range []string{"office", "shop"} {
		in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
		write(t, in, "a.yaml", withApartments(addr["a"], 10))
		write(t, in, "b.yaml", strings.Replace(withApartments(addr["b"], 20), "landlord:", "languages: [sv, en]\nlandlord:", 1))
		write(t, in, "c.yaml", withApartments(addr["c"], 30))
		rep, err := Batch(context.Background(), []string{in}, Request{Out: out, Sheets: mode})
		if err != nil || len(rep.Failures) > 0 {
			t.Fatalf("%v %+v", err, rep.Failures)
		}
		path := filepath.Join(out, "print-sheets-"+mode+".pdf")
		written := writtenRows(t, out, rep)
		pages := written[len(written)-1].Pages
		out1, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		cover := string(out1)
		// A row starts with the id and the property's pages; each
		// document says its pages in brackets.
		rows := regexp.MustCompile(`(?m)^\s*([abc])\s+(\d+)–(\d+)\s`).FindAllStringSubmatch(cover, -1)
		docs := regexp.MustCompile(`(sv|en): [0-9]+ × (A[45])[^(]*\(s\. (\d+)(?:–(\d+))?\)`).FindAllStringSubmatch(cover, -1)
		if len(rows) != 3 || len(docs) != 8 {
			t.Fatalf("%s: want 3 properties and 8 documents with their pages, found %q and %q:\n%s", mode, rows, docs, cover)
		}
		num := func(s string) int { n, _ := strconv.Atoi(s); return n }
		next := 0
		covered := map[int]bool{}
		for _, r := range rows {
			first, last := num(r[2]), num(r[3])
			if next == 0 && mode == "office" && first%2 == 0 {
				t.Errorf("%s: the first property starts on page %d, the back of a sheet", mode, first)
			}
			if next != 0 && first != next {
				t.Errorf("%s: property %s starts on page %d, want %d", mode, r[1], first, next)
			}
			next = last + 1
			text := pdfPages(t, path, first, last)
			if !strings.Contains(text, addr[r[1]]) {
				t.Errorf("%s: pages %d–%d do not hold property %s:\n%s", mode, first, last, r[1], text)
			}
			for other, a := range addr {
				if other != r[1] && strings.Contains(text, a) {
					t.Errorf("%s: pages %d–%d of property %s hold %s", mode, first, last, r[1], a)
				}
			}
			for p := first; p <= last; p++ {
				covered[p] = true
			}
		}
		if next != pages+1 {
			t.Errorf("%s: the last property ends on page %d of %d", mode, next-1, pages)
		}
		for _, d := range docs {
			lang, size, first, last := d[1], d[2], num(d[3]), num(d[4])
			if d[4] == "" {
				last = first
			}
			want := 2 // a leaflet's front and back; an office poster and its blank back
			if size == "A4" && mode == "shop" {
				want = 1
			}
			if last-first+1 != want {
				t.Errorf("%s: %s %s on pages %d–%d, want %d pages", mode, lang, size, first, last, want)
			}
			if text := pdfPages(t, path, first, first); !strings.Contains(text, words[lang]) {
				t.Errorf("%s: page %d is not the %s %s:\n%s", mode, first, lang, size, text)
			}
			for p := first; p <= last; p++ {
				if !covered[p] {
					t.Errorf("%s: page %d of %s %s is outside every property's pages", mode, p, lang, size)
				}
				delete(covered, p)
			}
		}
		if len(covered) > 0 {
			t.Errorf("%s: pages of no document: %v", mode, covered)
		}
	}
}

// When the print file cannot be written, the batch says why, and the
// manifest still lists every property's files that were written.
func TestBatchPrintFileFailureKeepsManifest(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	write(t, in, "a.yaml", withApartments("Storgatan 1", 10))
	// A folder where the print file should go: it cannot be replaced.
	if err := os.MkdirAll(filepath.Join(out, "print-sheets-office.pdf", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	rep, err := Batch(context.Background(), []string{in}, Request{Out: out, Sheets: "office"})
	if err == nil || !strings.Contains(err.Error(), "print-sheets-office.pdf") {
		t.Fatalf("err = %v, want one naming the print file", err)
	}
	if rep == nil || rep.Built != 1 {
		t.Fatalf("report %+v", rep)
	}
	data, rerr := os.ReadFile(filepath.Join(out, "manifest.csv"))
	if rerr != nil {
		t.Fatalf("no manifest after the print file failed: %v", rerr)
	}
	for _, f := range []string{"a-poster-sv.pdf", "a-leaflet-sv.pdf", "a-print-office.pdf"} {
		if !strings.Contains(string(data), ","+f+",") {
			t.Errorf("manifest lacks %s:\n%s", f, data)
		}
	}
	if strings.Contains(string(data), "print-sheets-office.pdf") {
		t.Errorf("manifest lists the print file that was not written:\n%s", data)
	}
}
