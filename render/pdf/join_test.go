package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"huskurage/layout"
	"huskurage/typeset"
)

func renderText(t *testing.T, w, h float64, lines ...string) []byte {
	t.Helper()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	var pages []layout.Page
	for _, l := range lines {
		ink := layout.Color{0, 0, 0}
		pages = append(pages, layout.Page{W: w, H: h, Items: []layout.Item{
			{Kind: layout.KindText, X: 20, Y: 30, W: 100, H: 5, Ascent: 4, Size: 12, Fill: &ink, Runs: []layout.Run{{Text: l}}},
			{Kind: layout.KindQR, X: 20, Y: 50, W: 40, H: 40, Data: "https://example.org/" + l, MinModule: 0.4},
		}})
	}
	var buf bytes.Buffer
	if err := New(fonts, Options{}).Render(&buf, &layout.Doc{Kind: "test", Title: "T", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Joined documents keep every page, in order, with its own size, text
// and fonts, and the file is a valid PDF.
func TestJoin(t *testing.T) {
	a := renderText(t, 148, 210, "Första sidan", "Andra sidan")
	b := renderText(t, 297, 210, "Tredje sidan – Київ")
	var out bytes.Buffer
	j := NewJoiner(&out, "Huskurage – utskrift")
	for _, d := range [][]byte{a, b, a} {
		if err := j.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "joined.pdf")
	os.WriteFile(path, out.Bytes(), 0o644)
	if msg, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, msg)
	}
	info, err := exec.Command("pdfinfo", "-f", "1", "-l", "5", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	flat := strings.Join(strings.Fields(string(info)), " ")
	for _, want := range []string{"Pages: 5", "Page 1 size: 419.53 x 595.28", "Page 3 size: 841.89 x 595.28", "Page 5 size: 419.53 x 595.28", "Title: Huskurage – utskrift"} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(string(text))
	want := strings.Fields("Första sidan Andra sidan Tredje sidan – Київ Första sidan Andra sidan")
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("text %q, want %q", got, want)
	}
	if err := NewJoiner(&out, "x").Close(); err == nil {
		t.Error("joining nothing should be an error")
	}
	if err := NewJoiner(&out, "x").Add([]byte("%PDF-1.4 junk")); err == nil {
		t.Error("junk should be an error")
	}
}
