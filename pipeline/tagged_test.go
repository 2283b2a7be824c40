package pipeline

// Tagged PDF, PDF/UA-1: the structure the layout emits is read back from
// the files by independent readers — poppler's pdfinfo -struct-text and
// PDF.js, as a browser reads them — and compared with the layout's; MuPDF
// and poppler's pdftotext must read the same words, with no U+FFFD.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/render/pdf"
)

// pdfjsDir holds the script that reads a PDF with PDF.js, and the
// pdfjs-dist package that scripts/test.sh installs there (npm ci).
const pdfjsDir = "testdata/pdfjs"

// taggedCase is one file to read, with the layouts it was made of: one,
// or for a joined file each input's, whose documents are Parts of its
// document.
type taggedCase struct {
	name   string
	path   string
	docs   []*layout.Doc
	lang   string
	title  string
	joined bool
	// shop is set for a print shop's file, PDF/X: no annotations on
	// its pages, so no link.
	shop bool
}

func TestTaggedPDF(t *testing.T) {
	t.Parallel()
	requireTools(t)
	for _, tool := range []struct{ name, pkg string }{{"mutool", "mupdf-tools"}, {"node", "nodejs"}} {
		if _, err := exec.LookPath(tool.name); err != nil {
			t.Fatalf("%s is not installed: install the Debian package %s", tool.name, tool.pkg)
		}
	}
	if _, err := os.Stat(filepath.Join(pdfjsDir, "node_modules", "pdfjs-dist")); err != nil {
		t.Fatalf("PDF.js is not installed: run `npm ci` in pipeline/%s (scripts/test.sh does)", pdfjsDir)
	}
	dir := t.TempDir()
	var cases []taggedCase
	add := func(name string, f File) {
		path := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, taggedCase{name: name, path: path, docs: []*layout.Doc{f.Doc}, lang: f.Doc.Lang, title: f.Doc.Title})
	}
	b, p := loadExample(t, "../examples/ale-storgatan.yaml")
	sv, err := b.Document(p, Options{}, kind.Leaflet, "")
	if err != nil {
		t.Fatal(err)
	}
	add("sv-leaflet", sv)
	both, err := b.Document(p, Options{Pairs: map[*kind.Kind][]string{kind.Poster: {"sv", "ar"}}}, kind.Poster, "7A")
	if err != nil {
		t.Fatal(err)
	}
	add("sv-ar-poster", both)
	b2, p2 := loadExample(t, "../examples/goteborg-brf-kastanjen.yaml")
	for _, code := range []string{"ar", "am"} {
		f, err := b2.Document(p2, Options{Lang: code}, kind.Leaflet, "")
		if err != nil {
			t.Fatal(err)
		}
		add(code+"-leaflet", f)
	}
	// A print file as batch makes it: the cover, then a property's
	// office sheets, joined.
	files, err := b.Build(t.Context(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sheets, err := b.PrintSheets(p.ID, files, SheetsOffice, Options{})
	if err != nil {
		t.Fatal(err)
	}
	order, err := OrderOf(p, files, SheetsOffice)
	if err != nil {
		t.Fatal(err)
	}
	cover, err := b.CoverSheet(PrintOrder{Mode: SheetsOffice, Lang: "sv", Properties: []OrderProperty{order}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var joined bytes.Buffer
	j := pdf.NewJoiner(&joined, cover.Doc.Title)
	for _, data := range [][]byte{cover.Data, sheets.Data} {
		if err := j.Add(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	printFile := filepath.Join(dir, "print-file.pdf")
	if err := os.WriteFile(printFile, joined.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cases = append(cases, taggedCase{name: "print-file", path: printFile, docs: []*layout.Doc{cover.Doc, sheets.Doc},
		lang: "sv", title: cover.Doc.Title, joined: true})
	// A print shop's sheets: PDF/X, joined once, and tagged.
	shop, err := b.PrintSheets(p.ID, files, SheetsShop, Options{})
	if err != nil {
		t.Fatal(err)
	}
	shopFile := filepath.Join(dir, "shop.pdf")
	if err := os.WriteFile(shopFile, shop.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	cases = append(cases, taggedCase{name: "shop-sheets", path: shopFile, docs: []*layout.Doc{shop.Doc},
		lang: shop.Doc.Lang, title: shop.Doc.Title, joined: true, shop: true})

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			want := expectedTree(c)
			info := string(run(t, "pdfinfo", c.path))
			if !strings.Contains(info, "Tagged:          yes") {
				t.Errorf("pdfinfo does not say Tagged: yes:\n%s", info)
			}
			// XMP: the title, and PDF/UA (with PDF/X's keys on a shop
			// file).
			meta := string(run(t, "pdfinfo", "-meta", c.path))
			for _, key := range []string{"<pdfuaid:part>1</pdfuaid:part>", "<dc:title>"} {
				if !strings.Contains(meta, key) {
					t.Errorf("the XMP lacks %s:\n%s", key, meta)
				}
			}
			if c.shop != strings.Contains(meta, "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>") {
				t.Errorf("PDF/X in the XMP: %v, want %v", !c.shop, c.shop)
			}
			run(t, "qpdf", "--check", c.path)
			checkStructText(t, c, want)
			checkPDFJS(t, c, want)
			checkMuPDF(t, c)
		})
	}
}

// elem is one structure element as a reader gives it: its role, depth,
// language, alternative text and text.
type elem struct {
	role  string
	depth int
	lang  string
	alt   string
	text  string // the text of the node in the layout; as read, in a reader's
	page  int    // the first page its items are on, -1 for none
}

// expectedTree returns the elements the layout of c says, in reading
// order: its nodes, depth first.
func expectedTree(c taggedCase) []elem {
	var out []elem
	var walk func(d *layout.Doc, pages map[int]int, n, depth int, role string)
	walk = func(d *layout.Doc, pages map[int]int, n, depth int, role string) {
		nd := d.Nodes[n]
		if role == "" {
			role = nd.Role
		}
		e := elem{role: role, depth: depth, lang: nd.Lang, alt: nd.Alt, text: nd.Text, page: -1}
		if p, ok := pages[n]; ok {
			e.page = p
		}
		out = append(out, e)
		for _, k := range nd.Kids {
			walk(d, pages, k, depth+1, "")
		}
	}
	firstPage := func(d *layout.Doc) map[int]int {
		m := map[int]int{}
		for i := len(d.Pages) - 1; i >= 0; i-- {
			for _, it := range d.Pages[i].Items {
				if it.Node != 0 {
					m[it.Node] = i
				}
			}
		}
		return m
	}
	if !c.joined {
		walk(c.docs[0], firstPage(c.docs[0]), 0, 0, "")
		return out
	}
	out = append(out, elem{role: layout.RoleDocument, page: -1})
	for _, d := range c.docs {
		walk(d, firstPage(d), 0, 1, layout.RolePart)
	}
	return out
}

// letters keeps the letters, marks and digits of s, in normal form C:
// what every reader must give back, whatever it makes of spaces,
// punctuation and joiners.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, norm.NFC.String(s))
}

var structLine = regexp.MustCompile(`^( *)(.*)$`)

// checkStructText reads the tree with pdfinfo -struct-text: every element
// in reading order, each node's whole text in its element.
func checkStructText(t *testing.T, c taggedCase, want []elem) {
	t.Helper()
	out := string(run(t, "pdfinfo", "-struct-text", c.path))
	var got []elem
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		m := structLine.FindStringSubmatch(line)
		depth, body := len(m[1])/2, m[2]
		switch {
		case strings.HasPrefix(body, `"`):
			if len(got) > 0 {
				got[len(got)-1].text += strings.Trim(body, `"`)
			}
		case strings.HasPrefix(body, "/"), body == "", strings.HasPrefix(body, "Object "):
			// an attribute, or a link annotation (an OBJR)
		default:
			role := strings.TrimSuffix(strings.Fields(body)[0], ":")
			got = append(got, elem{role: role, depth: depth})
		}
	}
	if len(got) != len(want) {
		t.Errorf("pdfinfo -struct-text has %d elements, the layout %d nodes", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		if g.role != w.role || g.depth != w.depth {
			t.Errorf("element %d: %s at depth %d, want %s at depth %d", i, g.role, g.depth, w.role, w.depth)
			return
		}
		if w.text != "" && letters(g.text) != letters(w.text) {
			t.Errorf("element %d (%s): text %q, want %q", i, g.role, g.text, w.text)
		}
	}
	if t.Failed() {
		t.Logf("pdfinfo -struct-text %s:\n%s", filepath.Base(c.path), out)
	}
}

// pdfjsNode is an element as PDF.js reads it, or the text of a
// marked-content sequence (Content).
type pdfjsNode struct {
	Role       string      `json:"role"`
	Lang       string      `json:"lang"`
	Alt        string      `json:"alt"`
	Children   []pdfjsNode `json:"children"`
	Content    *string     `json:"content"`
	Annotation bool        `json:"annotation"`
}

type pdfjsDoc struct {
	Lang            string `json:"lang"`
	Title           string `json:"title"`
	DisplayDocTitle bool   `json:"displayDocTitle"`
	MarkInfo        struct {
		Marked bool `json:"Marked"`
	} `json:"markInfo"`
	Pages []struct {
		Tree        *pdfjsNode `json:"tree"`
		Annotations []struct {
			Subtype  string `json:"subtype"`
			URL      string `json:"url"`
			Contents string `json:"contents"`
		} `json:"annotations"`
	} `json:"pages"`
}

// checkPDFJS reads the file with PDF.js: the document's language and
// title, and on each page the tree of the elements that have content
// there, with their roles, languages and alternative texts, and the text
// of their content; and the QR code's link.
func checkPDFJS(t *testing.T, c taggedCase, want []elem) {
	t.Helper()
	abs, _ := filepath.Abs(c.path)
	cmd := exec.Command("node", "structure.mjs", abs)
	cmd.Dir = pdfjsDir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node structure.mjs: %v\n%s", err, stderr.Bytes())
	}
	var d pdfjsDoc
	if err := json.Unmarshal(stdout.Bytes(), &d); err != nil {
		t.Fatalf("PDF.js: %v\n%s", err, stdout.Bytes())
	}
	if d.Lang != c.lang || d.Title != c.title || !d.DisplayDocTitle || !d.MarkInfo.Marked {
		t.Errorf("PDF.js: language %q, title %q, DisplayDocTitle %v, Marked %v; want %q, %q, true, true",
			d.Lang, d.Title, d.DisplayDocTitle, d.MarkInfo.Marked, c.lang, c.title)
	}
	// The elements of the whole tree, as PDF.js reads them page by page,
	// in the order of the layout's nodes: each node once (on the first
	// page it is on), with its language, alternative text and text.
	var all []readElem
	rtl := false
	for _, e := range want {
		rtl = rtl || strings.ContainsFunc(e.text, func(r rune) bool { return unicode.Is(unicode.Arabic, r) })
	}
	links := 0
	for pi, pg := range d.Pages {
		if pg.Tree == nil {
			if len(d.Pages) > 0 && pi == 0 {
				t.Fatalf("PDF.js finds no structure tree on page 1")
			}
			continue
		}
		var flat []readElem
		var walk func(n pdfjsNode)
		walk = func(n pdfjsNode) {
			if n.Content != nil || n.Annotation {
				if n.Content != nil && len(flat) > 0 {
					flat[len(flat)-1].text += *n.Content
				}
				return
			}
			if n.Role != "Root" {
				flat = append(flat, readElem{lang: n.Lang, alt: n.Alt})
			}
			for _, k := range n.Children {
				walk(k)
			}
		}
		walk(*pg.Tree)
		all = append(all, flat...)
		for _, a := range pg.Annotations {
			if a.Subtype == "Link" {
				links++
				if !strings.HasPrefix(a.URL, "https://") || !strings.Contains(a.Contents, a.URL) {
					t.Errorf("page %d: a link to %q described %q; want the QR code's link, described with it", pi+1, a.URL, a.Contents)
				}
			}
		}
	}
	// Every node of the layout whose text, alternative text or language
	// says something is read so by PDF.js, in order.
	i := 0
	for _, w := range want {
		if w.page < 0 && w.alt == "" && w.lang == "" {
			continue // a group: PDF.js shows it on every page
		}
		for i < len(all) && !matches(all[i], w, rtl) {
			i++
		}
		if i == len(all) {
			t.Errorf("PDF.js reads no %s with language %q, alternative text %q and text %q in order", w.role, w.lang, w.alt, w.text)
			return
		}
		i++
	}
	wantLinks := 0
	for _, e := range want {
		if e.role == layout.RoleLink && !c.shop {
			wantLinks++
		}
	}
	if links != wantLinks {
		t.Errorf("PDF.js finds %d link annotations, want %d (one for each QR code)", links, wantLinks)
	}
}

// readElem is an element PDF.js read: its language, alternative text and
// the text of its content.
type readElem struct{ lang, alt, text string }

// matches reports whether an element PDF.js read is the node w: its
// language and alternative text, and its text's letters (right to left,
// as a set: PDF.js takes a ligature's ActualText as written, which is
// poppler's order, see render/pdf/pdf.go).
func matches(r readElem, w elem, rtl bool) bool {
	if r.lang != w.lang || r.alt != w.alt {
		return false
	}
	if w.text == "" {
		return true
	}
	g, x := letters(r.text), letters(w.text)
	if rtl {
		gs, xs := []rune(g), []rune(x)
		slices.Sort(gs)
		slices.Sort(xs)
		return slices.Equal(gs, xs)
	}
	return g == x
}

// words splits text into its words of letters, marks and digits, a
// script's letters apart from another's (an extractor may leave out the
// space between a Latin word and an Arabic one), sorted.
func wordsOf(s string) []string {
	var out []string
	var cur []rune
	class := func(r rune) int {
		switch {
		case unicode.In(r, unicode.Arabic):
			return 1
		case unicode.IsDigit(r):
			return 2
		}
		return 0
	}
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range norm.NFC.String(s) {
		if !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)) {
			flush()
			continue
		}
		if len(cur) > 0 && class(cur[len(cur)-1]) != class(r) && !unicode.IsMark(r) {
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	slices.Sort(out)
	return out
}

// checkMuPDF reads the text with MuPDF and with pdftotext: the same
// words, and no U+FFFD (a glyph without a Unicode mapping).
func checkMuPDF(t *testing.T, c taggedCase) {
	t.Helper()
	mu := string(run(t, "mutool", "draw", "-q", "-F", "txt", "-o", "-", c.path))
	pt := pdfText(t, c.path)
	for name, s := range map[string]string{"mutool": mu, "pdftotext": pt} {
		if strings.ContainsRune(s, '\uFFFD') {
			t.Errorf("%s gives U+FFFD:\n%s", name, s)
		}
	}
	// Words without their marks, and every letter and mark: pdftotext
	// moves a mark that ends a right-to-left line to the line's start
	// (see the README), MuPDF keeps it in its word.
	noMarks := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsMark(r) {
				return -1
			}
			return r
		}, norm.NFC.String(s))
	}
	ml, pl := []rune(letters(mu)), []rune(letters(pt))
	slices.Sort(ml)
	slices.Sort(pl)
	if !slices.Equal(ml, pl) {
		t.Errorf("MuPDF and pdftotext read different letters (%d and %d)", len(ml), len(pl))
	}
	mw, pw := wordsOf(noMarks(mu)), wordsOf(noMarks(pt))
	if !slices.Equal(mw, pw) {
		i := 0
		for i < min(len(mw), len(pw)) && mw[i] == pw[i] {
			i++
		}
		t.Errorf("MuPDF and pdftotext read different words (%d and %d); first difference, in sorted order, at %q / %q",
			len(mw), len(pw), at(mw, i), at(pw, i))
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<none>"
}

// langInForce returns the language of structure node n of d: its own,
// or the nearest ancestor's, or the document's.
func langInForce(d *layout.Doc, n int) string {
	parent := make([]int, len(d.Nodes))
	for i, nd := range d.Nodes {
		for _, k := range nd.Kids {
			parent[k] = i
		}
	}
	for ; n > 0; n = parent[n] {
		if l := d.Nodes[n].Lang; l != "" {
			return l
		}
	}
	return d.Lang
}

var markedOps = regexp.MustCompile(`(?:^|[\s\]>])(BDC|BMC|EMC)(?:\s|$)`)

// markedContent counts the marked-content sequences that a PDF's
// contents (as qpdf --qdf writes them) open and close.
func markedContent(qdf string) (opened, closed int) {
	for _, m := range markedOps.FindAllStringSubmatch(qdf, -1) {
		if m[1] == "EMC" {
			closed++
		} else {
			opened++
		}
	}
	return opened, closed
}
