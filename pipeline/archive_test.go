package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"huskurage/property"
)

// readZip returns the files of a ZIP archive by name, in their order.
func readZip(t *testing.T, data []byte) (names []string, files map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a ZIP archive: %v", err)
	}
	files = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		files[f.Name] = b
	}
	return names, files
}

// Archive, the batch of a web upload, holds what Batch writes into a
// folder for the same inputs, byte for byte: every property's
// documents and print sheets, the print file, the manifest; and a bad
// row among them is reported by its row, while the others are made.
func TestArchiveIsTheBatch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	xlsx, err := os.ReadFile(filepath.Join("..", "examples", "ale-kommun", "fastigheter.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defaultsPath := filepath.Join("..", "examples", "ale-kommun", "ale-kommun.yaml")
	bad := strings.Replace(good, `"449 30"`, `"4493"`, 1)
	write(t, dir, "fastigheter.xlsx", string(xlsx))
	write(t, dir, "brf-a.yaml", good)
	write(t, dir, "brf-b.yaml", bad)
	inputs := []string{filepath.Join(dir, "fastigheter.xlsx"), filepath.Join(dir, "brf-a.yaml"), filepath.Join(dir, "brf-b.yaml")}
	out := filepath.Join(t.TempDir(), "out")
	req := Request{Sheets: SheetsOffice, Defaults: defaultsPath}
	folder := req
	folder.Out, folder.Jobs = out, 2
	rep, err := Batch(context.Background(), inputs, folder)
	if err != nil {
		t.Fatal(err)
	}
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defaults, err := b.LoadDefaults(defaultsPath)
	if err != nil {
		t.Fatal(err)
	}
	in := []Input{{Name: inputs[0], Data: xlsx}, {Name: inputs[1], Data: []byte(good)}, {Name: inputs[2], Data: []byte(bad)}}
	var progress []string
	areq := req
	areq.Progress = func(done, total int, r Result) {
		progress = append(progress, r.ID)
	}
	var buf bytes.Buffer
	arep, err := Archive(context.Background(), in, defaults, nil, areq, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if arep.Built != rep.Built || len(arep.Failures) != 1 || len(rep.Failures) != 1 ||
		arep.Failures[0].Err.Error() != rep.Failures[0].Err.Error() {
		t.Fatalf("Archive built %d with failures %v; Batch %d with %v", arep.Built, arep.Failures, rep.Built, rep.Failures)
	}
	if !strings.Contains(arep.Failures[0].Err.Error(), "brf-b.yaml:5:16: property.postal_code:") {
		t.Errorf("the bad property's problem: %v", arep.Failures[0].Err)
	}
	if len(progress) != rep.Properties {
		t.Errorf("progress told of %d properties, want %d", len(progress), rep.Properties)
	}
	names, files := readZip(t, buf.Bytes())
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		want = append(want, e.Name())
		disk, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := files[e.Name()]; !ok {
			t.Errorf("the archive lacks %s", e.Name())
		} else if !bytes.Equal(got, disk) {
			t.Errorf("%s differs from the batch's (%d bytes, batch %d)", e.Name(), len(got), len(disk))
		}
	}
	if len(names) != len(want) {
		t.Errorf("archive holds %v, the folder %v", names, want)
	}
	var m struct{ Files []ManifestFile }
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil || len(m.Files) != rep.Written {
		t.Fatalf("manifest.json: %v, %d rows, want %d", err, len(m.Files), rep.Written)
	}
	if !strings.HasSuffix(m.Files[0].Source, "fastigheter.xlsx:2") {
		t.Errorf("a row's source is %q, want the workbook's row", m.Files[0].Source)
	}
	// The same inputs give the same archive.
	var again bytes.Buffer
	if _, err := Archive(context.Background(), in, defaults, nil, req, &again); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("a second run gave other bytes (%v)", err)
	}
}

// Two properties of one id stop the archive before anything is in it;
// a logo comes from the files given, never from the disk.
func TestArchiveIDsAndLogos(t *testing.T) {
	t.Parallel()
	in := []Input{{Name: "a.yaml", Data: []byte("id: hus\n" + good)}, {Name: "b.yaml", Data: []byte("id: hus\n" + good)}}
	var buf bytes.Buffer
	_, err := Archive(context.Background(), in, nil, nil, Request{}, &buf)
	var list property.ErrorList
	if !errors.As(err, &list) || !strings.Contains(err.Error(), `b.yaml:1:5: id: "hus" is also the id of a.yaml`) || buf.Len() != 0 {
		t.Fatalf("duplicate ids: %v, %d bytes written", err, buf.Len())
	}
	logo, err := os.ReadFile(filepath.Join("..", "examples", "logo-exempel.png"))
	if err != nil {
		t.Fatal(err)
	}
	withLogo := strings.Replace(good, "  name: Brf Exempel\n", "  name: Brf Exempel\n  logo: logo.png\n", 1)
	in = []Input{{Name: "a.yaml", Data: []byte(withLogo)}}
	rep, err := Archive(context.Background(), in, nil, fstest.MapFS{"logo.png": {Data: logo}}, Request{}, &buf)
	if err != nil || rep.Built != 1 || rep.Written == 0 {
		t.Fatalf("with the logo given: %v %+v", err, rep)
	}
	onDisk, _ := filepath.Abs(filepath.Join("..", "examples", "logo-exempel.png"))
	in = []Input{{Name: "a.yaml", Data: []byte(strings.Replace(withLogo, "logo.png", onDisk, 1))}}
	rep, err = Archive(context.Background(), in, nil, fstest.MapFS{}, Request{}, &bytes.Buffer{})
	if err != nil || len(rep.Failures) != 1 || !strings.Contains(rep.Failures[0].Err.Error(), "landlord.logo: logo file") {
		t.Fatalf("a logo path on the disk: %v %+v", err, rep)
	}
}
