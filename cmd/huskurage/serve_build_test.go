package main

import (
	"archive/zip"
	"bytes"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"huskurage/web"
)

// The property file of a download says, in its first lines, the command
// that makes it into the download's documents: with the choices of
// documents made in the form (a bilingual poster, a paper size, print
// sheets), which are flags of the command, not fields of the file. Run
// as written, that command makes every PDF file of the download, byte
// for byte.
func TestServeDownloadHeaderIsTheCommand(t *testing.T) {
	t.Parallel()
	s, err := web.New(web.Config{Renders: 1, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, kv := range [][2]string{{"landlord.name", "Brf Linden"}, {"landlord.phone", "0303-33 00 00"},
		{"property.address", "Storgatan 7"}, {"property.postal_code", "449 30"}, {"property.city", "Nödinge"},
		{"property.apartments", "24"}, {"property.entrances", "A"}, {"property.entrances", "B"},
		{"qr.url", "https://example.se/huskurage"}, {"language", "sv"}, {"languages", "en"},
		{"doc.poster-langs", "sv,en"}, {"doc.leaflet-size", "A6"}, {"doc.sheets", "office"}, {"do", "download"}} {
		mw.WriteField(kv[0], kv[1])
	}
	mw.Close()
	resp, err := http.Post(srv.URL+"/", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("download: %d: %.300s", resp.StatusCode, b)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdfs := map[string][]byte{}
	var yamlFile []byte
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		switch {
		case strings.HasSuffix(f.Name, ".pdf"):
			pdfs[f.Name] = data
		case f.Name == "storgatan-7.yaml":
			yamlFile = data
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "storgatan-7.yaml"), yamlFile, 0o644); err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^# (huskurage build .*)$`).FindSubmatch(yamlFile)
	if line == nil {
		t.Fatalf("no command in the file:\n%s", yamlFile)
	}
	args := strings.Fields(string(line[1]))[1:]
	for i, a := range args { // the command is run in the folder of the file
		if a == "storgatan-7.yaml" || i > 0 && args[i-1] == "-o" {
			args[i] = filepath.Join(dir, a)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "--quiet"), &stdout, &stderr); code != 0 {
		t.Fatalf("%s: exit %d: %s", line[1], code, stderr.String())
	}
	out, _ := os.ReadDir(filepath.Join(dir, "out"))
	built := map[string]bool{}
	for _, e := range out {
		if !strings.HasSuffix(e.Name(), ".pdf") {
			continue
		}
		built[e.Name()] = true
		disk, _ := os.ReadFile(filepath.Join(dir, "out", e.Name()))
		if !bytes.Equal(disk, pdfs[e.Name()]) {
			t.Errorf("%s: %s differs from the download's (or is not in it)", line[1], e.Name())
		}
	}
	for name := range pdfs {
		if !built[name] {
			t.Errorf("%s does not make %s", line[1], name)
		}
	}
	if len(pdfs) < 5 {
		t.Errorf("the download holds %d PDF files", len(pdfs))
	}
}
