package pipeline

// End-to-end tests: every example is built in memory at every paper size,
// written to a temporary folder and checked with the tools a person would
// use on the PDF (poppler-utils, qpdf, zbar-tools). The expected values are
// read from the example YAML files directly, not from package property, so
// that the loader is checked along with the rest.

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"huskurage/helpline"
	"huskurage/kind"
	"huskurage/layout"
	"huskurage/templates"
)

// sizeCombos pair the poster and leaflet sizes so that every size is built
// once for every example.
var sizeCombos = []Options{
	sized("A4", "A5"),
	sized("A3", "A6"),
}

// sized returns options for posters of the size poster and leaflets of
// the size leaflet.
func sized(poster, leaflet string) Options {
	return Options{Sizes: map[*kind.Kind]string{kind.Poster: poster, kind.Leaflet: leaflet}}
}

// paperPoints is the size of each paper in PDF points, portrait.
var paperPoints = map[string][2]float64{
	"A3": {841.89, 1190.55},
	"A4": {595.28, 841.89},
	"A5": {419.53, 595.28},
	"A6": {297.64, 419.53},
}

// tools maps each program the tests run to the Debian package that has it.
var tools = []struct{ name, pkg string }{
	{"pdftotext", "poppler-utils"},
	{"pdffonts", "poppler-utils"},
	{"pdfinfo", "poppler-utils"},
	{"pdftoppm", "poppler-utils"},
	{"qpdf", "qpdf"},
	{"zbarimg", "zbar-tools"},
}

// requireTools fails the test when a program is missing: a check that
// cannot run must not pass.
func requireTools(t *testing.T) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool.name); err != nil {
			t.Fatalf("%s is not installed: install the Debian package %s (apt-get install %s)", tool.name, tool.pkg, tool.pkg)
		}
	}
}

// rawProperty is what the tests expect to see printed, read straight
// from an example file.
type rawProperty struct {
	Language string `yaml:"language"`
	Landlord struct {
		Name string `yaml:"name"`
	} `yaml:"landlord"`
	Property struct {
		Address   string   `yaml:"address"`
		Entrances []string `yaml:"entrances"`
	} `yaml:"property"`
	Contacts []struct {
		Name  string `yaml:"name"`
		Phone string `yaml:"phone"`
	} `yaml:"contacts"`
	SupportLines []string `yaml:"support_lines"`
	QR           struct {
		URL string `yaml:"url"`
	} `yaml:"qr"`
}

func readRaw(t *testing.T, path string) rawProperty {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw rawProperty
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if raw.Language == "" {
		raw.Language = "sv"
	}
	if raw.SupportLines == nil {
		raw.SupportLines = helpline.Default
	}
	return raw
}

// examples returns the example property files; there must be at least two.
func examples(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("../examples/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 2 {
		t.Fatalf("found %d example files in ../examples, want at least 2", len(paths))
	}
	return paths
}

// docSize is the paper size opts asks for a document of kind k.
func docSize(opts Options, k *kind.Kind) string {
	return opts.Sizes[k]
}

// e2eCase is one PDF written to disk, with what it must contain.
type e2eCase struct {
	name     string // subtest name
	path     string // the PDF on disk
	file     File
	raw      rawProperty
	lang     string // the language the document must be in
	size     string // the paper size it must have
	entrance string // the poster's entrance, "" for none
}

func TestE2E(t *testing.T) {
	t.Parallel()
	requireTools(t)
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var cases []e2eCase
	variants := append([]Options(nil), sizeCombos...)
	// The Swedish example again, in English.
	en := sized("A4", "A5")
	en.Lang = "en"
	variants = append(variants, en)
	for _, path := range examples(t) {
		raw := readRaw(t, path)
		p, err := b.Load(path, nil)
		if err != nil {
			t.Fatalf("load %s: %v", path, err)
		}
		for _, opts := range variants {
			lang := raw.Language
			if opts.Lang != "" {
				if opts.Lang == lang {
					continue // nothing to override
				}
				lang = opts.Lang
			}
			files, err := b.Build(t.Context(), p, opts)
			if err != nil {
				t.Fatalf("build %s %+v: %v", path, opts, err)
			}
			// One poster per entrance (one when none are listed), then
			// the leaflet, named after the property id and language.
			entrances := raw.Property.Entrances
			if len(entrances) == 0 {
				entrances = []string{""}
			}
			want := map[string]string{} // file name -> entrance
			for _, e := range entrances {
				want[FileName(p.ID, kind.Poster, e, lang)] = e
			}
			want[FileName(p.ID, kind.Leaflet, "", lang)] = ""
			if len(files) != len(want) {
				t.Errorf("%s %+v: got %d files, want %d", path, opts, len(files), len(want))
			}
			for _, f := range files {
				entrance, ok := want[f.Name]
				if !ok {
					t.Errorf("%s %+v: unexpected file %s", path, opts, f.Name)
					continue
				}
				size := docSize(opts, f.Kind)
				if f.Lang != lang || f.Doc.Lang != lang {
					t.Errorf("%s: file language %q, layout language %q, want %q", f.Name, f.Lang, f.Doc.Lang, lang)
				}
				if f.Doc.Kind != f.Kind.Name || f.Doc.Size != size {
					t.Errorf("%s: layout says %s %s, want %s %s", f.Name, f.Doc.Size, f.Doc.Kind, size, f.Kind)
				}
				name := strings.TrimSuffix(f.Name, ".pdf") + "-" + size
				out := filepath.Join(dir, name+".pdf")
				if err := os.WriteFile(out, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				cases = append(cases, e2eCase{name: name, path: out, file: f, raw: raw, lang: lang, size: size, entrance: entrance})
			}
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			checkText(t, c)
			checkFonts(t, c)
			checkQPDF(t, c)
			checkInfo(t, c)
			checkQR(t, c)
		})
	}
}

// run runs a program and returns its standard output; it fails the test
// when the program exits with anything but 0.
func run(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", name, strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.Bytes()
}

// collapse turns every run of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// pdfText is the text of a PDF as pdftotext extracts it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	return string(run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
}

// checkText checks that every text a tenant needs can be found in the
// PDF, as written in the property file or the language's template.
func checkText(t *testing.T, c e2eCase) {
	t.Helper()
	text := pdfText(t, c.path)
	got := collapse(text)
	l, err := templates.Load(c.lang)
	if err != nil {
		t.Fatal(err)
	}
	type expect struct{ what, text string }
	want := []expect{
		{"landlord name", c.raw.Landlord.Name},
		{"street address", c.raw.Property.Address},
		{"emergency number", "112"},
		{"police non-emergency number", "114 14"},
	}
	for _, key := range []string{
		"step_knock_title", "step_knock_text",
		"step_neighbours_title", "step_neighbours_text",
		"step_police_title", "step_police_text",
		"emergency_label", "child_heading",
	} {
		want = append(want, expect{"template " + key, l.Text(key)})
	}
	for i, ct := range c.raw.Contacts {
		want = append(want,
			expect{fmt.Sprintf("contacts[%d].name", i), ct.Name},
			expect{fmt.Sprintf("contacts[%d].phone", i), ct.Phone})
	}
	for _, id := range c.raw.SupportLines {
		line, ok := helpline.Lookup(id)
		if !ok {
			t.Errorf("support line %q is not in package helpline", id)
			continue
		}
		want = append(want, expect{"support line " + id, line.Number})
	}
	if c.file.Kind == kind.Poster && c.entrance != "" {
		want = append(want, expect{"entrance", l.Text("entrance", "entrance", c.entrance)})
	}
	missing := 0
	for _, w := range want {
		if strings.TrimSpace(w.text) == "" {
			t.Errorf("expected %s is empty: the test reads the wrong field", w.what)
			continue
		}
		if !strings.Contains(got, collapse(w.text)) {
			t.Errorf("pdftotext lacks the %s %q", w.what, w.text)
			missing++
		}
	}
	if missing > 0 {
		t.Logf("pdftotext -enc UTF-8 %s - gave:\n%s", filepath.Base(c.path), text)
	}
}

// checkFonts checks that the PDF uses fonts and embeds every one of them.
func checkFonts(t *testing.T, c e2eCase) {
	t.Helper()
	out := string(run(t, "pdffonts", c.path))
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	// The columns are name, type, encoding, emb, sub, uni, object ID. The
	// type ("CID TrueType") and a long name can hold spaces or push the
	// columns right, so count from the end: emb is the fifth field from
	// the right.
	if len(lines) < 2 || !strings.HasSuffix(strings.Join(strings.Fields(lines[0]), " "), "emb sub uni object ID") ||
		!strings.HasPrefix(lines[1], "---") {
		t.Fatalf("pdffonts gave no table in the expected form:\n%s", out)
	}
	rows := lines[2:]
	if len(rows) == 0 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, row := range rows {
		f := strings.Fields(row)
		if len(f) < 8 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %q\n%s", row, out)
		}
	}
}

// checkQPDF checks the PDF's structure; qpdf exits 3 on warnings, which
// counts as a failure here.
func checkQPDF(t *testing.T, c e2eCase) {
	t.Helper()
	run(t, "qpdf", "--check", c.path)
}

// checkInfo checks the page count, every page's size and the metadata.
func checkInfo(t *testing.T, c e2eCase) {
	t.Helper()
	out := string(run(t, "pdfinfo", "-enc", "UTF-8", "-f", "1", "-l", "1000", c.path))
	info := map[string]string{}
	for line := range strings.SplitSeq(out, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[strings.Join(strings.Fields(k), " ")] = strings.TrimSpace(v)
		}
	}
	wantPages := 1
	if c.file.Kind == kind.Leaflet {
		wantPages = 2
	}
	pages, err := strconv.Atoi(info["Pages"])
	if err != nil || pages != wantPages {
		t.Errorf("pdfinfo: Pages %q, want %d\n%s", info["Pages"], wantPages, out)
	}
	if len(c.file.Doc.Pages) != wantPages {
		t.Errorf("layout has %d pages, want %d", len(c.file.Doc.Pages), wantPages)
	}
	want := paperPoints[c.size]
	for i := 1; i <= max(pages, 1); i++ {
		key := fmt.Sprintf("Page %d size", i)
		var w, h float64
		if _, err := fmt.Sscanf(info[key], "%g x %g pts", &w, &h); err != nil {
			t.Errorf("pdfinfo: %s is %q: %v", key, info[key], err)
			continue
		}
		if math.Abs(w-want[0]) > 1 || math.Abs(h-want[1]) > 1 {
			t.Errorf("pdfinfo: page %d is %g x %g pts, want %s (%g x %g)", i, w, h, c.size, want[0], want[1])
		}
	}
	if info["Title"] == "" {
		t.Errorf("pdfinfo: no Title\n%s", out)
	}
	if info["Author"] != c.raw.Landlord.Name {
		t.Errorf("pdfinfo: Author %q, want the landlord %q", info["Author"], c.raw.Landlord.Name)
	}
}

// checkQR renders the page that holds the QR code and reads it back.
func checkQR(t *testing.T, c e2eCase) {
	t.Helper()
	page := -1
	for i, p := range c.file.Doc.Pages {
		for _, it := range p.Items {
			if it.Kind != layout.KindQR {
				continue
			}
			if page >= 0 {
				t.Fatalf("more than one QR code in the layout")
			}
			page = i + 1
		}
	}
	if page < 0 {
		t.Fatalf("no item of kind %q in the layout", layout.KindQR)
	}
	prefix := strings.TrimSuffix(c.path, ".pdf") + "-qr"
	n := strconv.Itoa(page)
	run(t, "pdftoppm", "-png", "-r", "150", "-f", n, "-l", n, "-singlefile", c.path, prefix)
	// zbarimg writes D-Bus noise to stderr; only stdout counts. It exits
	// 4 when it finds no symbol.
	cmd := exec.Command("zbarimg", "-q", "--raw", prefix+".png")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	err := cmd.Run()
	got := strings.TrimSuffix(stdout.String(), "\n")
	if err != nil || got != c.raw.QR.URL {
		t.Errorf("zbarimg on page %d read %q (%v), want %q", page, got, err, c.raw.QR.URL)
	}
}

// TestDeterministic builds every example twice, once with a fresh
// Builder, and expects the same bytes; a different date must change them.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	b1, err := New()
	if err != nil {
		t.Fatal(err)
	}
	b2, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range examples(t) {
		p, err := b1.Load(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, opts := range sizeCombos {
			first, err := b1.Build(t.Context(), p, opts)
			if err != nil {
				t.Fatal(err)
			}
			for i, b := range []*Builder{b1, b2} {
				again, err := b.Build(t.Context(), p, opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(again) != len(first) {
					t.Fatalf("%s: second build gave %d files, first %d", path, len(again), len(first))
				}
				for j := range first {
					if !bytes.Equal(first[j].Data, again[j].Data) {
						t.Errorf("%s %s: build %d gave different bytes (at byte %d)", path, first[j].Name, i+2, firstDiff(first[j].Data, again[j].Data))
					}
				}
			}
			dated := opts
			dated.Date = time.Date(2027, 3, 14, 15, 9, 26, 0, time.UTC)
			other, err := b1.Build(t.Context(), p, dated)
			if err != nil {
				t.Fatal(err)
			}
			for j := range first {
				if bytes.Equal(first[j].Data, other[j].Data) {
					t.Errorf("%s %s: the bytes do not change with the date", path, first[j].Name)
				}
			}
		}
	}
}

// firstDiff returns the offset of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestLanguageOverride builds the Swedish example in English and reads
// the step titles back from the PDFs.
func TestLanguageOverride(t *testing.T) {
	t.Parallel()
	requireTools(t)
	const path = "../examples/ale-storgatan.yaml"
	if raw := readRaw(t, path); raw.Language != "sv" {
		t.Fatalf("%s is in %q; this test needs a Swedish example", path, raw.Language)
	}
	b, p := loadExample(t, path)
	files, err := b.Build(t.Context(), p, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	en, err := templates.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	sv, err := templates.Load("sv")
	if err != nil {
		t.Fatal(err)
	}
	titles := []string{"step_knock_title", "step_neighbours_title", "step_police_title"}
	dir := t.TempDir()
	for _, f := range files {
		if f.Lang != "en" || !strings.HasSuffix(f.Name, "-en.pdf") {
			t.Errorf("%s: language %q, want en", f.Name, f.Lang)
		}
		out := filepath.Join(dir, f.Name)
		if err := os.WriteFile(out, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		text := collapse(pdfText(t, out))
		for _, key := range titles {
			if !strings.Contains(text, en.Text(key)) {
				t.Errorf("%s: no English %s %q in:\n%s", f.Name, key, en.Text(key), text)
			}
			if strings.Contains(text, sv.Text(key)) {
				t.Errorf("%s: Swedish %s %q in an English document", f.Name, key, sv.Text(key))
			}
		}
	}
}
