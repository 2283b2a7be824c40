package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"huskurage/kind"
)

var updateExample = flag.Bool("update-example", false, "write examples/ale-kommun/fastigheter.xlsx again from aleRows")

// aleRows are the properties of examples/ale-kommun/fastigheter/*.yaml as
// a clerk writes them in a workbook.
var aleRows = [][]string{
	{"Id", "Adress", "Postnummer", "Ort", "Uppgångar", "Antal lägenheter", "Hyresvärd", "Telefon hyresvärd", "Språk", "Stödlinjer",
		"Kontakt 1 namn", "Kontakt 1 telefon", "Kontakt 1 tider", "Kontakt 1 ta bort", "Kontakt 2 namn", "Kontakt 2 telefon"},
	{"brf-aspen", "Aspvägen 4", "446 37", "Älvängen", "", "12", "Brf Aspen"},
	{"brf-bjorken", "Björkvägen 9", "446 37", "Älvängen", "", "8", "Brf Björken", "", "en", "kvinnofridslinjen",
		"Socialtjänsten, kontaktcenter", "", "", "ja", "Social services, evenings and weekends", "031-390 06 43"},
	{"brf-eken", "Ekvägen 1", "446 37", "Älvängen", "1, 3", "20", "Brf Eken"},
	{"nodinge-centrum", "Ale torg 2", "449 30", "Nödinge", "A–C", "48", "Bostads AB Exempel i Ale", "070-174 06 21", "sv, ar, so", "",
		"Fastighetsjouren", "070-174 06 22", "kvällar och helger"},
}

// writeAleWorkbook writes aleRows as Excel would keep them: numbers of
// apartments as numbers, everything else as text.
func writeAleWorkbook(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const name = "Fastigheter"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		t.Fatal(err)
	}
	for i, r := range aleRows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
			if i > 0 && aleRows[0][j] == "Antal lägenheter" {
				var n int
				for _, c := range v {
					n = n*10 + int(c-'0')
				}
				cells[j] = n
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(name, cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err := f.SetRowStyle(name, 1, 1, bold); err != nil {
		t.Fatal(err)
	}
	if err := f.SetColWidth(name, "A", "P", 18); err != nil {
		t.Fatal(err)
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The example municipality's workbook gives the same PDF files, byte for
// byte, as its YAML files.
func TestBatchSpreadsheetMatchesYAML(t *testing.T) {
	t.Parallel()
	const example = "../examples/ale-kommun/fastigheter.xlsx"
	if *updateExample {
		writeAleWorkbook(t, example)
	}
	// The workbook in examples/ is the one aleRows make: a stale one
	// fails, as a stale golden file does.
	fresh := filepath.Join(t.TempDir(), "fastigheter.xlsx")
	writeAleWorkbook(t, fresh)
	if x, y := mustRead(t, example), mustRead(t, fresh); !bytes.Equal(x, y) {
		t.Errorf("%s is not the workbook aleRows make (run go test ./pipeline -run SpreadsheetMatches -update-example)", example)
	}
	defaults := "../examples/ale-kommun/ale-kommun.yaml"
	fromYAML, fromSheet := t.TempDir(), t.TempDir()
	for _, run := range []struct{ in, out string }{{"../examples/ale-kommun/fastigheter", fromYAML}, {example, fromSheet}} {
		rep, err := Batch(context.Background(), []string{run.in}, Request{Out: run.out, Defaults: defaults, Jobs: 2})
		if err != nil {
			t.Fatalf("%s: %v", run.in, err)
		}
		if len(rep.Failures) > 0 {
			t.Fatalf("%s: %v", run.in, rep.Failures[0].Err)
		}
	}
	pdfs := func(dir string) []string {
		m, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		for i := range m {
			m[i] = filepath.Base(m[i])
		}
		sort.Strings(m)
		return m
	}
	a, b := pdfs(fromYAML), pdfs(fromSheet)
	if len(a) < 10 || strings.Join(a, " ") != strings.Join(b, " ") {
		t.Fatalf("the YAML files give %q, the workbook %q", a, b)
	}
	for _, name := range a {
		x, _ := os.ReadFile(filepath.Join(fromYAML, name))
		y, _ := os.ReadFile(filepath.Join(fromSheet, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between the YAML files and the workbook", name)
		}
	}

	// The manifest names the workbook's row of each file.
	data, err := os.ReadFile(filepath.Join(fromSheet, "manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"brf-aspen": example + ":2", "brf-bjorken": example + ":3", "brf-eken": example + ":4", "nodinge-centrum": example + ":5"}
	for _, r := range recs[1:] {
		if r[1] != want[r[0]] {
			t.Errorf("manifest: %s has source %q, want %q", r[0], r[1], want[r[0]])
		}
	}

	// manifest.xlsx: a row per file with its source row and the copies
	// to print.
	f, err := excelize.OpenFile(filepath.Join(fromSheet, "manifest.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Filer")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs) {
		t.Errorf("manifest.xlsx has %d rows, manifest.csv %d", len(rows), len(recs))
	}
	wantRows := map[string][]string{
		"nodinge-centrum-leaflet-ar.pdf": {"nodinge-centrum", example, "5", "nodinge-centrum-leaflet-ar.pdf", "folder", "ar", "A5", "2", "48"},
		"brf-eken-poster-3-sv.pdf":       {"brf-eken", example, "4", "brf-eken-poster-3-sv.pdf", "affisch", "sv", "A4", "1", "1"},
	}
	for _, r := range rows {
		if w, ok := wantRows[r[3]]; ok {
			if strings.Join(r, "|") != strings.Join(w, "|") {
				t.Errorf("manifest.xlsx: %q, want %q", r, w)
			}
			delete(wantRows, r[3])
		}
	}
	if len(wantRows) > 0 {
		t.Errorf("manifest.xlsx lacks %v", wantRows)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Folders, property files and spreadsheets go together in one batch; a
// folder does not pick up the spreadsheet in it; an id given by a row and
// by a file stops the batch before anything is written.
func TestBatchMixedInputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "props/a.yaml", "id: hus-a\n"+good)
	csvPath := write(t, dir, "props/rader.csv", "\xEF\xBB\xBFId;Adress;Postnummer;Ort;Hyresvärd;QR-länk\r\n"+
		"hus-b;Bgatan 1;449 30;Nödinge;Brf B;https://example.org/b\r\n"+
		";Cgatan 2;449 30;Nödinge;Brf C;https://example.org/c\r\n")
	xlsx := filepath.Join(dir, "fastigheter.xlsx")
	writeAleWorkbook(t, xlsx)
	out := filepath.Join(dir, "out")
	rep, err := Batch(context.Background(), []string{filepath.Join(dir, "props"), csvPath, xlsx},
		Request{Out: out, Defaults: "../examples/ale-kommun/ale-kommun.yaml", Docs: Options{Kinds: []*kind.Kind{kind.Leaflet}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failures) > 0 {
		t.Fatal(rep.Failures[0].Err)
	}
	var got []string
	for _, f := range writtenRows(t, out, rep) {
		got = append(got, f.Property+"@"+strings.TrimPrefix(f.Source, dir+string(filepath.Separator)))
	}
	want := "hus-a@props/a.yaml hus-b@props/rader.csv:2 cgatan-2@props/rader.csv:3 brf-aspen@fastigheter.xlsx:2 " +
		"brf-bjorken@fastigheter.xlsx:3 brf-eken@fastigheter.xlsx:4 nodinge-centrum@fastigheter.xlsx:5 nodinge-centrum@fastigheter.xlsx:5 nodinge-centrum@fastigheter.xlsx:5"
	if strings.Join(got, " ") != want {
		t.Errorf("written\n%s\nwant\n%s", strings.Join(got, " "), want)
	}

	// Posters into the same folder: the manifests describe the whole
	// folder, manifest.xlsx too, with the rows of the earlier run's files.
	rep, err = Batch(context.Background(), []string{csvPath}, Request{Out: out, Docs: Options{Kinds: []*kind.Kind{kind.Poster}}})
	if err != nil || len(rep.Failures) > 0 || len(rep.Unlisted) > 0 {
		t.Fatalf("second run: %v, %v, unlisted %q", err, rep.Failures, rep.Unlisted)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "manifest.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Filer")
	f.Close()
	if len(rows) != 1+rep.Written+rep.Kept || rep.Kept != 9 {
		t.Fatalf("manifest.xlsx has %d rows for %d written and %d kept", len(rows), rep.Written, rep.Kept)
	}
	byFile := map[string][]string{}
	for _, r := range rows {
		byFile[r[3]] = r
	}
	if r := byFile["cgatan-2-poster-sv.pdf"]; len(r) < 9 || r[2] != "3" || r[8] != "1" {
		t.Errorf("this run's poster: %q", r)
	}
	if r := byFile["brf-eken-leaflet-sv.pdf"]; len(r) != 8 || r[2] != "4" {
		t.Errorf("a kept leaflet: %q (its row from the earlier manifest, no copies)", r)
	}

	write(t, dir, "props/rader.csv", "Id;Adress;Postnummer;Ort;Hyresvärd;QR-länk\nhus-a;Bgatan 1;449 30;Nödinge;Brf B;https://example.org/b\n")
	out2 := filepath.Join(dir, "out2")
	_, err = Batch(context.Background(), []string{filepath.Join(dir, "props"), csvPath}, Request{Out: out2})
	want2 := "nothing was written: " + csvPath + `:2:1 (Id): id: "hus-a" is also the id of ` + filepath.Join(dir, "props/a.yaml") +
		"; their files would overwrite each other (give each property its own id)"
	if err == nil || err.Error() != want2 {
		t.Errorf("an id in a file and in a row:\ngot  %v\nwant %s", err, want2)
	}
	// And the other way round: the row is named by its file and row.
	_, err = Batch(context.Background(), []string{csvPath, filepath.Join(dir, "props/a.yaml")}, Request{Out: out2})
	if want := `is also the id of ` + csvPath + `:2;`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("an id in a row and in a file: %v (want %q)", err, want)
	}
	if _, err := os.Stat(out2); !os.IsNotExist(err) {
		t.Errorf("the output folder was made: %v", err)
	}
}
