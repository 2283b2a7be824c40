package render

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huskurage/layout"
	"huskurage/typeset"
)

// pages is a backend of one page to a file that writes the page's width.
type pages struct{}

func (pages) Render(w io.Writer, d *layout.Doc) error {
	if len(d.Pages) != 1 {
		return fmt.Errorf("%d pages", len(d.Pages))
	}
	_, err := fmt.Fprint(w, d.Pages[0].W)
	return err
}
func (pages) Ext() string   { return ".x" }
func (pages) PerPage() bool { return true }

func TestFilesPerPage(t *testing.T) {
	t.Parallel()
	d := &layout.Doc{Kind: "leaflet", Pages: []layout.Page{{W: 1}, {W: 2}}}
	files, err := Files(pages{}, d, "id-leaflet-sv")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Name+"="+string(f.Data))
	}
	if s := strings.Join(got, " "); s != "id-leaflet-sv-1.x=1 id-leaflet-sv-2.x=2" {
		t.Errorf("files %s", s)
	}
	if len(d.Pages) != 2 {
		t.Error("Files changed the document")
	}
}

func TestFilesPDF(t *testing.T) {
	t.Parallel()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New("", fonts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &layout.Doc{Kind: "leaflet", Title: "T", Pages: []layout.Page{{W: 148, H: 210}, {W: 148, H: 210}}}
	files, err := Files(r, d, "id-leaflet-sv")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "id-leaflet-sv.pdf" || !bytes.HasPrefix(files[0].Data, []byte("%PDF-")) ||
		bytes.Count(files[0].Data, []byte("/Type /Page\n")) != 2 {
		t.Errorf("want one PDF of two pages named id-leaflet-sv.pdf, got %d files", len(files))
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, d); err != nil || !bytes.Equal(buf.Bytes(), files[0].Data) {
		t.Errorf("Render and Files differ: %v", err)
	}
}

func TestNewUnknownFormat(t *testing.T) {
	t.Parallel()
	_, err := New("tiff", nil, Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown format "tiff"`) {
		t.Errorf("got %v", err)
	}
}

// Each backend's doc.go names every file of the package, so that a
// reader finds where each thing is done.
func TestDocNamesEveryFile(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{"pdf", "png", "html"} {
		doc, err := os.ReadFile(filepath.Join(dir, "doc.go"))
		if err != nil {
			t.Fatal(err)
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			name := filepath.Base(f)
			if strings.HasSuffix(name, "_test.go") || name == "doc.go" {
				continue
			}
			if !strings.Contains(string(doc), "  - "+name+" ") {
				t.Errorf("render/%s/doc.go does not name %s", dir, name)
			}
		}
	}
}
