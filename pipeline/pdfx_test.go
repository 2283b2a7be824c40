package pipeline

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"huskurage/icc"
	"huskurage/impose"
	"huskurage/kind"
	"huskurage/layout"
	"huskurage/render/pdf"
)

// qpdfObject is one object of qpdf's JSON: a value, or a stream's
// dictionary and its data, decoded.
type qpdfObject struct {
	Value  json.RawMessage `json:"value"`
	Stream *struct {
		Dict map[string]json.RawMessage `json:"dict"`
		Data string                     `json:"data"`
	} `json:"stream"`
}

// qpdfFile reads a PDF as qpdf sees it: every object by its reference
// ("12 0 R"), and the trailer ("trailer").
func qpdfFile(t *testing.T, path string) map[string]qpdfObject {
	t.Helper()
	out := run(t, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path)
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var raw map[string]qpdfObject
	if err := json.Unmarshal(doc.QPDF[1], &raw); err != nil {
		t.Fatal(err)
	}
	objs := map[string]qpdfObject{}
	for k, v := range raw {
		objs[strings.TrimPrefix(k, "obj:")] = v
	}
	return objs
}

func (o qpdfObject) dict(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	if o.Stream != nil {
		return o.Stream.Dict
	}
	var d map[string]json.RawMessage
	if err := json.Unmarshal(o.Value, &d); err != nil {
		t.Fatalf("not a dictionary: %s", o.Value)
	}
	return d
}

func (o qpdfObject) data(t *testing.T) []byte {
	t.Helper()
	if o.Stream == nil {
		t.Fatal("not a stream")
	}
	b, err := base64.StdEncoding.DecodeString(o.Stream.Data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// str returns a JSON value of qpdf's as Go text: a name ("/False"), a
// reference ("3 0 R"), or a string without qpdf's "u:" mark.
func str(v json.RawMessage) string {
	var s string
	json.Unmarshal(v, &s)
	return strings.TrimPrefix(s, "u:")
}

func numbers(t *testing.T, v json.RawMessage) []float64 {
	t.Helper()
	var f []float64
	if err := json.Unmarshal(v, &f); err != nil {
		t.Fatalf("not an array of numbers: %s", v)
	}
	return f
}

// pdfcpuPath is where scripts/test.sh installs pdfcpu.
func pdfcpuPath(t *testing.T) string {
	if p, err := exec.LookPath("pdfcpu"); err == nil {
		return p
	}
	gopath, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "pdfcpu")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatal("pdfcpu is missing: scripts/test.sh installs it (go install github.com/pdfcpu/pdfcpu/cmd/pdfcpu@v0.15.0)")
	return ""
}

// checkPDFX checks what PDF/X-4 asks of a file, as qpdf, poppler,
// Ghostscript and pdfcpu read it, and returns its objects.
func checkPDFX(t *testing.T, path string) map[string]qpdfObject {
	t.Helper()
	info := string(run(t, "pdfinfo", path))
	for _, want := range []string{"PDF subtype:    PDF/X-4", "PDF version:     1.6", "Encrypted:       no"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo does not say %q:\n%s", want, info)
		}
	}
	run(t, "qpdf", "--check", path)
	run(t, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dPDFSTOPONERROR", "-sDEVICE=nullpage", path)
	run(t, pdfcpuPath(t), "validate", "--conf", "disable", "--offline", "-m", "strict", path)
	fonts := string(run(t, "pdffonts", path))
	if strings.Contains(fonts, " no  ") && regexp.MustCompile(`(?m)^\S+\s+\S+\s+\S+\s+no `).MatchString(fonts) {
		t.Errorf("a font is not embedded:\n%s", fonts)
	}

	objs := qpdfFile(t, path)
	trailer := objs["trailer"].dict(t)
	var id []string
	json.Unmarshal(trailer["/ID"], &id)
	if len(id) != 2 || len(id[0]) < 10 || id[0] != id[1] {
		t.Errorf("trailer /ID %v", id)
	}
	infoDict := objs[str(trailer["/Info"])].dict(t)
	if v := str(infoDict["/GTS_PDFXVersion"]); v != "PDF/X-4" {
		t.Errorf("Info GTS_PDFXVersion %q", v)
	}
	if v := str(infoDict["/Trapped"]); v != "/False" {
		t.Errorf("Info Trapped %q", v)
	}
	catalog := objs[str(trailer["/Root"])].dict(t)
	var intents []map[string]json.RawMessage
	json.Unmarshal(catalog["/OutputIntents"], &intents)
	if len(intents) != 1 {
		t.Fatalf("%d output intents", len(intents))
	}
	oi := intents[0]
	if str(oi["/S"]) != "/GTS_PDFX" || str(oi["/OutputConditionIdentifier"]) != "FOGRA39" {
		t.Errorf("output intent %v", oi)
	}
	profile := objs[str(oi["/DestOutputProfile"])]
	if n := str(profile.dict(t)["/N"]); string(profile.dict(t)["/N"]) != "4" {
		t.Errorf("the output profile has /N %s, want 4 (CMYK)", n)
	}
	if !bytes.Equal(profile.data(t), icc.FOGRA39().Bytes()) {
		t.Error("the embedded output profile is not icc/FOGRA39-huskurage.icc")
	}
	// XMP, read as XML: the keys PDF/X-4 asks for.
	meta := objs[str(catalog["/Metadata"])].data(t)
	var x struct {
		Desc struct {
			Version   string `xml:"GTS_PDFXVersion"`
			Trapped   string `xml:"Trapped"`
			DocID     string `xml:"DocumentID"`
			VersionID string `xml:"VersionID"`
			Rendition string `xml:"RenditionClass"`
			Created   string `xml:"CreateDate"`
			Title     string `xml:"title>Alt>li"`
		} `xml:"RDF>Description"`
	}
	if err := xml.Unmarshal(meta, &x); err != nil {
		t.Fatalf("XMP: %v\n%s", err, meta)
	}
	d := x.Desc
	if d.Version != "PDF/X-4" || d.Trapped != "False" || !strings.HasPrefix(d.DocID, "uuid:") || d.VersionID == "" || d.Rendition != "default" || d.Created == "" {
		t.Errorf("XMP lacks a PDF/X-4 key: %+v", d)
	}
	if d.Title != str(infoDict["/Title"]) {
		t.Errorf("XMP title %q, Info title %q", d.Title, str(infoDict["/Title"]))
	}

	// Colours: CMYK only, in images too; no rich black anywhere.
	images := 0
	for ref, o := range objs {
		if o.Stream == nil {
			if bytes.Contains(o.Value, []byte("DeviceRGB")) {
				t.Errorf("object %s names DeviceRGB", ref)
			}
			continue
		}
		dict := o.dict(t)
		if str(dict["/Subtype"]) == "/Image" {
			images++
			if cs := str(dict["/ColorSpace"]); cs != "/DeviceCMYK" {
				t.Errorf("image %s is in %s", ref, cs)
			}
		}
		for k, v := range dict {
			if bytes.Contains(v, []byte("DeviceRGB")) {
				t.Errorf("object %s: %s names DeviceRGB", ref, k)
			}
		}
	}
	if images == 0 {
		t.Error("no image: the example's logo is missing")
	}
	return objs
}

// pageContents returns the decoded content of every page, in order, with
// its boxes in mm from the MediaBox's bottom left.
type shopPage struct {
	content            string
	media, trim, bleed []float64
}

func shopPages(t *testing.T, objs map[string]qpdfObject) []shopPage {
	t.Helper()
	trailer := objs["trailer"].dict(t)
	catalog := objs[str(trailer["/Root"])].dict(t)
	var kids []string
	json.Unmarshal(objs[str(catalog["/Pages"])].dict(t)["/Kids"], &kids)
	mm := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = x * 25.4 / 72
		}
		return out
	}
	var pages []shopPage
	for _, k := range kids {
		d := objs[k].dict(t)
		p := shopPage{media: mm(numbers(t, d["/MediaBox"]))}
		if d["/TrimBox"] == nil || d["/BleedBox"] == nil {
			t.Errorf("page %d has no TrimBox or BleedBox", len(pages)+1)
		} else {
			p.trim, p.bleed = mm(numbers(t, d["/TrimBox"])), mm(numbers(t, d["/BleedBox"]))
		}
		p.content = string(objs[str(d["/Contents"])].data(t))
		pages = append(pages, p)
	}
	return pages
}

var (
	colourOp = regexp.MustCompile(`(?m)(?:^|\s)((?:-?[\d.]+\s+){1,4})(k|K|g|G|rg|RG|sc|SC|scn|SCN|cs|CS)\b`)
	textFill = regexp.MustCompile(`q ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) k BT `)
)

// checkInks checks a page's colours: only CMYK (or grey, which PDF/X
// prints with black ink), no rich black, every text in black ink alone
// when it is black, and crop marks in solid black.
func checkInks(t *testing.T, page int, content string) (solidText int) {
	t.Helper()
	for _, m := range colourOp.FindAllStringSubmatch(content, -1) {
		switch m[2] {
		case "k", "K":
			v := strings.Fields(m[1])
			if len(v) != 4 {
				t.Errorf("page %d: %q", page, m[0])
				continue
			}
			var c [4]float64
			for i, s := range v {
				c[i], _ = strconv.ParseFloat(s, 64)
			}
			if c[3] > 0.9 && c[0]+c[1]+c[2] > 0 {
				t.Errorf("page %d: rich black %q", page, strings.TrimSpace(m[0]))
			}
			if c[0]+c[1]+c[2]+c[3] > 3.0 {
				t.Errorf("page %d: %q is over 300 %% ink", page, strings.TrimSpace(m[0]))
			}
		case "g", "G":
			// fpdf's page set-up; DeviceGray is black ink under PDF/X.
		default:
			t.Errorf("page %d: a colour that is not CMYK: %q", page, strings.TrimSpace(m[0]))
		}
	}
	for _, m := range textFill.FindAllStringSubmatch(content, -1) {
		if m[1] == "0.000" && m[2] == "0.000" && m[3] == "0.000" && m[4] == "1.000" {
			solidText++
		}
	}
	return solidText
}

// The print-shop sheets are PDF/X-4 for FOGRA39: the keys, the boxes in
// mm, CMYK only (no DeviceRGB, in images neither), body text and crop
// marks in black ink alone, and a slug outside the trim on every page
// that names the property, document, language and side.
func TestShopSheetsArePDFX(t *testing.T) {
	t.Parallel()
	b, p := loadExample(t, "../examples/ale-storgatan.yaml")
	for _, leaflet := range []string{"A5", "A6"} {
		opts := Options{Sizes: map[*kind.Kind]string{kind.Leaflet: leaflet}}
		files, err := b.Build(t.Context(), p, opts)
		if err != nil {
			t.Fatal(err)
		}
		sheet, err := b.PrintSheets(p.ID, files, SheetsShop, opts)
		if err != nil {
			t.Fatal(err)
		}
		// The same input gives the same bytes, /ID and XMP included.
		again, err := b.PrintSheets(p.ID, files, SheetsShop, opts)
		if err != nil || !bytes.Equal(again.Data, sheet.Data) {
			t.Errorf("%s: the print-shop sheets differ when made again (%v)", leaflet, err)
		}
		path := filepath.Join(t.TempDir(), sheet.Name)
		if err := os.WriteFile(path, sheet.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		objs := checkPDFX(t, path)
		pages := shopPages(t, objs)
		// The documents' pages in order, with the paper each is cut to.
		type want struct {
			f    File
			page int
		}
		var wants []want
		for _, f := range files {
			for i := range f.Doc.Pages {
				wants = append(wants, want{f, i})
			}
		}
		if len(pages) != len(wants) {
			t.Fatalf("%s: %d pages, want %d", leaflet, len(pages), len(wants))
		}
		body := 0
		for _, f := range files {
			for _, pg := range f.Doc.Pages {
				for _, it := range pg.Items {
					if it.Kind == layout.KindText && it.Fill != nil && *it.Fill == (layout.Color{0x1a, 0x1a, 0x1a}) {
						body++
					}
				}
			}
		}
		solid := 0
		for i, pg := range pages {
			w := wants[i]
			paper := w.f.Doc.Pages[w.page]
			off := impose.Bleed + impose.Slug
			close := func(got []float64, x0, y0, x1, y1 float64) bool {
				if len(got) != 4 {
					return false
				}
				for j, v := range []float64{x0, y0, x1, y1} {
					if math.Abs(got[j]-v) > 0.01 {
						return false
					}
				}
				return true
			}
			if !close(pg.media, 0, 0, paper.W+2*off, paper.H+2*off) {
				t.Errorf("%s page %d: MediaBox %.2f mm", leaflet, i+1, pg.media)
			}
			if !close(pg.trim, off, off, off+paper.W, off+paper.H) {
				t.Errorf("%s page %d: TrimBox %.2f mm, want the %s page %.0f × %.0f mm at %g mm", leaflet, i+1, pg.trim, w.f.Doc.Size, paper.W, paper.H, off)
			}
			if !close(pg.bleed, off-3, off-3, off+paper.W+3, off+paper.H+3) {
				t.Errorf("%s page %d: BleedBox %.2f mm, want 3 mm around the trim", leaflet, i+1, pg.bleed)
			}
			solid += checkInks(t, i+1, pg.content)

			// The slug: under the trim, beyond the bleed, and nowhere
			// inside the trim.
			const pt = 72 / 25.4
			n := strconv.Itoa(i + 1)
			top := (off + paper.H + impose.Bleed) * pt
			below := collapse(string(run(t, "pdftotext", "-enc", "UTF-8", "-f", n, "-l", n,
				"-x", "0", "-y", fmt.Sprint(int(math.Ceil(top))), "-W", fmt.Sprint(int((paper.W+2*off)*pt)), "-H", fmt.Sprint(int(off*pt)), path, "-")))
			slug := slugText(p.ID, w.f, w.page)
			if below != slug {
				t.Errorf("%s page %d: the text below the bleed is %q, want %q", leaflet, i+1, below, slug)
			}
			for _, part := range []string{p.ID, w.f.Kind.Name, w.f.Lang} {
				if !strings.Contains(slug, part) {
					t.Errorf("slug %q does not name %q", slug, part)
				}
			}
			inside := collapse(string(run(t, "pdftotext", "-enc", "UTF-8", "-f", n, "-l", n,
				"-x", fmt.Sprint(int(off*pt)), "-y", fmt.Sprint(int(off*pt)), "-W", fmt.Sprint(int(paper.W*pt)), "-H", fmt.Sprint(int(paper.H*pt)), path, "-")))
			if strings.Contains(inside, "page "+n+" of") {
				t.Errorf("%s page %d: the slug is inside the trim", leaflet, i+1)
			}
		}
		// Every text object of our black body text is solid black ink
		// alone (there are more text objects than text lines: a line
		// changes font for a bold word or another script).
		if body == 0 || solid < body {
			t.Errorf("%s: %d text objects in 100 %% K for %d lines of body text", leaflet, solid, body)
		}
	}
}

// A batch's print file for a print shop is PDF/X-4 too, cover and all,
// with one output profile however many properties it joins.
func TestShopPrintFileIsPDFX(t *testing.T) {
	t.Parallel()
	b, p := loadExample(t, "../examples/ale-storgatan.yaml")
	opts := Options{}
	files, err := b.Build(t.Context(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := b.PrintSheets(p.ID, files, SheetsShop, opts)
	if err != nil {
		t.Fatal(err)
	}
	o, err := OrderOf(p, files, SheetsShop)
	if err != nil {
		t.Fatal(err)
	}
	cover, err := b.CoverSheet(PrintOrder{Mode: SheetsShop, Lang: "sv", Properties: []OrderProperty{o, o}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	j := pdf.NewPDFXJoiner(&buf, pdf.PDFX{Title: cover.Doc.Title, Lang: "sv"})
	for _, d := range [][]byte{cover.Data, sheet.Data, sheet.Data} {
		if err := j.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "print-sheets-shop.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	objs := checkPDFX(t, path)
	profiles := 0
	for _, o := range objs {
		if o.Stream != nil && string(o.Stream.Dict["/N"]) == "4" {
			profiles++
		}
	}
	if profiles != 1 {
		t.Errorf("%d output profiles in the joined file, want 1", profiles)
	}
	pages := shopPages(t, objs)
	if want := len(cover.Doc.Pages) + 2*len(sheet.Doc.Pages); len(pages) != want {
		t.Fatalf("%d pages, want %d", len(pages), want)
	}
	for i, pg := range pages {
		checkInks(t, i+1, pg.content)
		if i < len(cover.Doc.Pages) && fmt.Sprintf("%.2f", pg.trim) != fmt.Sprintf("%.2f", pg.media) {
			t.Errorf("cover page %d: TrimBox %.2f, want its MediaBox %.2f", i+1, pg.trim, pg.media)
		}
	}
}
