package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"huskurage/property"
)

const good = `landlord:
  name: Brf Exempel
property:
  address: Storgatan 1
  postal_code: "449 30"
  city: Nödinge
qr:
  url: https://example.org/h
`

func write(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBatchFilesOrderAndMix(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "b/z.yaml", good)
	write(t, dir, "b/a.yml", good)
	write(t, dir, "b/notes.txt", "not a property")
	write(t, dir, "b/.git/x.yaml", good)
	single := write(t, dir, "single.yaml", good)
	got, err := Discover([]string{single, filepath.Join(dir, "b"), single}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{single, filepath.Join(dir, "b/a.yml"), filepath.Join(dir, "b/z.yaml")}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Files = %v, want %v", got, want)
	}
}

// Good properties are written, bad ones listed with their positions, and
// the manifest matches the files on disk.
func TestBatchBadAmongGood(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	write(t, in, "a.yaml", good)
	write(t, in, "b.yaml", strings.Replace(good, "city: Nödinge", "cty: Nödinge", 1))
	write(t, in, "c.yaml", good)
	rep, err := Batch(context.Background(), []string{in}, Request{Out: out, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failures) != 1 || !strings.HasSuffix(rep.Failures[0].Source, "b.yaml") {
		t.Fatalf("failures: %+v", rep.Failures)
	}
	var list property.ErrorList
	if !errors.As(rep.Failures[0].Err, &list) || !strings.Contains(list.Error(), "b.yaml:6:3: property.cty: unknown field") {
		t.Errorf("failure: %v", rep.Failures[0].Err)
	}
	for _, name := range []string{"a-poster-sv.pdf", "a-leaflet-sv.pdf", "c-poster-sv.pdf", "c-leaflet-sv.pdf"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "b-leaflet-sv.pdf")); err == nil {
		t.Error("the bad property was written")
	}
	// The manifest lists exactly the files, with their real hashes.
	f, _ := os.Open(filepath.Join(out, "manifest.csv"))
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 5 {
		t.Fatalf("manifest.csv: %d rows, %v", len(rows), err)
	}
	for _, row := range rows[1:] {
		data, err := os.ReadFile(filepath.Join(out, row[2]))
		sum := sha256.Sum256(data)
		if err != nil || hex.EncodeToString(sum[:]) != row[8] {
			t.Errorf("%s: hash in manifest does not match the file (%v)", row[2], err)
		}
	}
	var js struct{ Files []ManifestFile }
	data, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(data, &js); err != nil || len(js.Files) != 4 || js.Files[0].Pages != 1 {
		t.Errorf("manifest.json: %v, %+v", err, js.Files)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// Two properties whose ids differ only by case stop the batch before
// anything is written.
func TestBatchDuplicateIDs(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	write(t, in, "one/Hus.yaml", good)
	write(t, in, "two/hus.yaml", good)
	_, err := Batch(context.Background(), []string{in}, Request{Out: out})
	if err == nil || !strings.Contains(err.Error(), `"hus" is also the id of`) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the output folder was created although nothing may be written")
	}
}

// The ids are found by the loader's own rules, so that every id the
// loader will give is checked before anything is written, and no other:
// the id of a document after a broken one counts (the loader reads each
// document of a file on its own), and a file named on the command line
// whose name the loader does not take an id from (hus.txt) does not
// stop the batch as "hus".
func TestBatchDuplicateIDsAsTheLoaderSeesThem(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	a := write(t, in, "a.yaml", "id: broken\nlandlord: [\n---\nid: hus\n"+good)
	b := write(t, in, "b.yaml", "id: hus\n"+good)
	_, err := Batch(context.Background(), []string{a, b}, Request{Out: out})
	if err == nil || !strings.Contains(err.Error(), `"hus" is also the id of`) {
		t.Errorf("after a broken document: err = %v, want the two ids refused before anything is written", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("after a broken document: the output folder was written to")
	}

	txt := write(t, in, "hus.txt", good)
	rep, err := Batch(context.Background(), []string{txt, b}, Request{Out: out})
	if err != nil {
		t.Fatalf("hus.txt and the id hus: %v", err)
	}
	if rep.Built != 1 || len(rep.Failures) != 1 || !strings.Contains(rep.Failures[0].Err.Error(), "hus.txt:1:1: id:") {
		t.Errorf("hus.txt and the id hus: %d built, failures %v; want b built and hus.txt refused for its id", rep.Built, rep.Failures)
	}
}

// The pre-scan reads plainly written ids from their lines, without
// parsing; a file whose id clashes with another's but which is broken
// further down gives the loader no id, so it does not stop the batch:
// it is refused for its YAML, and the other property is built.
func TestBatchDuplicateIDInABrokenFile(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	a := write(t, in, "a.yaml", "id: hus\n"+good+"landlord: [\n")
	b := write(t, in, "b.yaml", "id: hus\n"+good)
	if _, ok := property.QuickIDs([]byte("id: hus\n"+good), b); !ok {
		t.Fatal("the pre-scan does not read this file's id quickly: the test tests nothing")
	}
	rep, err := Batch(context.Background(), []string{a, b}, Request{Out: out})
	if err != nil {
		t.Fatalf("err = %v, want a.yaml refused for its YAML and b.yaml built", err)
	}
	if rep.Built != 1 || len(rep.Failures) != 1 || rep.Failures[0].Source != a {
		t.Errorf("%d built, failures %v; want b built and a refused", rep.Built, rep.Failures)
	}
}

// A cancelled batch (Ctrl-C) writes no partial file: what is written is
// whole and in the manifest.
func TestBatchInterrupted(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeProperties(t, in, 40)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	rep, err := Batch(ctx, []string{in}, Request{Out: out, Jobs: 2, Progress: func(done, total int, r Result) {
		if n++; n == 3 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Interrupted || rep.Written == 0 || rep.Written >= 40*3 {
		t.Fatalf("interrupted %v with %d files written", rep.Interrupted, rep.Written)
	}
	listed := map[string]bool{"manifest.csv": true, "manifest.json": true, "manifest.xlsx": true}
	for _, f := range writtenRows(t, out, rep) {
		listed[f.File] = true
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if !listed[e.Name()] {
			t.Errorf("%s is in the folder but not in the manifest", e.Name())
		}
	}
}

// A symbolic link in the output folder that points elsewhere is replaced,
// never followed.
func TestBatchSymlinkInOutput(t *testing.T) {
	t.Parallel()
	in, base := t.TempDir(), t.TempDir()
	write(t, in, "a.yaml", good)
	victim := write(t, base, "victim.pdf", "keep")
	out := filepath.Join(base, "out")
	os.Mkdir(out, 0o755)
	os.Symlink(victim, filepath.Join(out, "a-leaflet-sv.pdf"))
	if _, err := Batch(context.Background(), []string{in}, Request{Out: out}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(victim); string(data) != "keep" {
		t.Error("the file behind the link was overwritten")
	}
}

// With print sheets, each property gets its sheets and the batch one
// print file: a cover listing every property, then the sheets in
// property order.
func TestBatchPrintFile(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	write(t, in, "a.yaml", good)
	write(t, in, "b.yaml", strings.Replace(good, "Storgatan 1", "Lillgatan 2", 1))
	rep, err := Batch(context.Background(), []string{in}, Request{Out: out, Sheets: "office"})
	if err != nil || len(rep.Failures) > 0 {
		t.Fatalf("%v %+v", err, rep.Failures)
	}
	path := filepath.Join(out, "print-sheets-office.pdf")
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v (install poppler-utils)", err)
	}
	// A cover page and its blank back; each property: a poster sheet and
	// its blank back, the leaflet's front and back sheets. Printed
	// double-sided, every document starts on the front of a sheet.
	if !strings.Contains(strings.Join(strings.Fields(string(info)), " "), "Pages: 10") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	for _, page := range []string{"5", "9"} {
		front, _ := exec.Command("pdftotext", "-f", page, "-l", page, path, "-").Output()
		if !strings.Contains(string(front), "Akut eller hotfullt?") {
			t.Errorf("page %s should be a leaflet front:\n%s", page, front)
		}
	}
	text, _ := exec.Command("pdftotext", "-f", "1", "-l", "1", path, "-").Output()
	for _, want := range []string{"Storgatan 1, Nödinge", "Lillgatan 2, Nödinge", "sv: 1 × A4 (s. 3–4)", "sv: okänt antal × A5 (s. 5–6)"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("cover lacks %q:\n%s", want, text)
		}
	}
	if msg, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf: %v\n%s", err, msg)
	}
}

// The municipality example: a defaults file, a folder with a single
// property and a file of three; every property written, in file order.
func TestBatchDefaultsAndStreams(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	rep, err := Batch(context.Background(), []string{"../examples/ale-kommun/fastigheter"},
		Request{Out: out, Defaults: "../examples/ale-kommun/ale-kommun.yaml"})
	if err != nil || len(rep.Failures) > 0 {
		t.Fatalf("%v %+v", err, rep.Failures)
	}
	var ids []string
	for _, f := range writtenRows(t, out, rep) {
		if len(ids) == 0 || ids[len(ids)-1] != f.Property {
			ids = append(ids, f.Property)
		}
	}
	if got := strings.Join(ids, " "); got != "brf-aspen brf-bjorken brf-eken nodinge-centrum" {
		t.Errorf("properties in order: %s", got)
	}
	// Inherited: the QR link from the defaults; dropped: the contact
	// centre for brf-bjorken, which gives its own contact in English.
	text := func(name string) string {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(out, name), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	if s := text("brf-aspen-leaflet-sv.pdf"); !strings.Contains(s, "0303-70 30 00") || !strings.Contains(s, "Läs mer om Huskurage i Ale") {
		t.Errorf("brf-aspen lacks the inherited contact or caption:\n%s", s)
	}
	if s := text("brf-bjorken-leaflet-en.pdf"); strings.Contains(s, "0303-70 30 00") || !strings.Contains(s, "031-390 06 43") {
		t.Errorf("brf-bjorken should have its own contact instead of the inherited one:\n%s", s)
	}
}

// A stream with the same id twice, and a stream property without an id,
// are refused before anything is written / reported with positions.
func TestBatchStreamIDs(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	write(t, in, "s.yaml", "id: a\n"+good+"---\nid: a\n"+good)
	if _, err := Batch(context.Background(), []string{in}, Request{Out: out}); err == nil ||
		!strings.Contains(err.Error(), "another property in the same file") {
		t.Errorf("err = %v", err)
	}
	write(t, in, "s.yaml", "id: a\n"+good+"---\n"+good)
	rep, err := Batch(context.Background(), []string{in}, Request{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failures) != 1 || !strings.Contains(rep.Failures[0].Err.Error(), "s.yaml:10:1") {
		t.Errorf("failures: %+v", rep.Failures)
	}
	if _, err := os.Stat(filepath.Join(out, "a-leaflet-sv.pdf")); err != nil {
		t.Errorf("the good property of the stream was not written: %v", err)
	}
}

// Ctrl-C inside a property with 50 entrances stops it between two
// documents: it counts as interrupted, not as a failure, and none of its
// files is written.
func TestBatchInterruptedInsideProperty(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	var entrances []string
	for i := range property.MaxEntrances {
		entrances = append(entrances, strconv.Itoa(i+1))
	}
	write(t, in, "big.yaml", strings.Replace(good, "  city: Nödinge\n",
		"  city: Nödinge\n  entrances: ["+strings.Join(entrances, ", ")+"]\n", 1))
	parent, cancel := context.WithCancel(t.Context())
	// A few questions are asked before the property is built, one per
	// document while it is: 10 falls inside its 51 documents.
	ctx := &cancelAfter{Context: parent, cancel: cancel, n: 10}
	rep, err := Batch(ctx, []string{in}, Request{Out: out, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if calls := ctx.calls.Load(); calls > 13 {
		t.Errorf("the context was asked %d times: the property was not stopped inside", calls)
	}
	if !rep.Interrupted || len(rep.Failures) != 0 || rep.Built != 0 {
		t.Fatalf("interrupted %v, %d failures, %d built", rep.Interrupted, len(rep.Failures), rep.Built)
	}
	for _, f := range writtenRows(t, out, rep) {
		if strings.HasPrefix(f.File, "big-") {
			t.Errorf("%s was written", f.File)
		}
	}
}
