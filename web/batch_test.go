package web

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The municipality's files: the example workbook and its defaults.
func municipality(t *testing.T) (xlsx, defaults []byte) {
	t.Helper()
	var err error
	if xlsx, err = os.ReadFile(filepath.Join("..", "examples", "ale-kommun", "fastigheter.xlsx")); err != nil {
		t.Fatal(err)
	}
	if defaults, err = os.ReadFile(filepath.Join("..", "examples", "ale-kommun", "ale-kommun.yaml")); err != nil {
		t.Fatal(err)
	}
	return xlsx, defaults
}

// Without a script: the workbook and its defaults give the batch's ZIP
// file, with the print file and the manifest; a bad row gives the page
// with the problem by its row, unless the ZIP file is asked for anyway.
func TestBatchUpload(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	xlsx, defaults := municipality(t)
	resp := post(t, srv.URL+"/kommun", [][2]string{{"doc.sheets", "office"}},
		part{"files", "fastigheter.xlsx", xlsx}, part{"defaults", "ale-kommun.yaml", defaults})
	b := body(t, resp)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("batch: %d %s\n%.1000s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	files := unzip(t, b)
	for _, name := range []string{"print-sheets-office.pdf", "manifest.csv", "manifest.json", "manifest.xlsx"} {
		if files[name] == nil {
			t.Errorf("the ZIP file lacks %s: %v", name, keys(files))
		}
	}
	var m struct{ Files []struct{ Source string } }
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil || len(m.Files) < 5 || m.Files[0].Source != "fastigheter.xlsx:2" {
		t.Errorf("manifest.json: %v %+v", err, m.Files)
	}
	// A bad row among the good: named by its row, in check's words.
	bad := []byte("\xEF\xBB\xBFAdress;Postnummer;Ort;Hyresvärd\r\nStorgatan 7;44930;Nödinge;Brf A\r\nStorgatan 9;4493;Nödinge;Brf B\r\n")
	resp = post(t, srv.URL+"/kommun", nil, part{"files", "fastigheter.csv", bad}, part{"defaults", "ale-kommun.yaml", defaults})
	b = body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(b), "fastigheter.csv:3:2 (Postnummer): postnummer: &#34;4493&#34; is not a Swedish postal code") {
		t.Errorf("a bad row: %d\n%s", resp.StatusCode, b)
	}
	resp = post(t, srv.URL+"/kommun", [][2]string{{"anyway", "1"}}, part{"files", "fastigheter.csv", bad}, part{"defaults", "ale-kommun.yaml", defaults})
	b = body(t, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("anyway: %d %.500s", resp.StatusCode, b)
	}
	files = unzip(t, b)
	if !strings.Contains(string(files["problems.txt"]), "fastigheter.csv:3:2 (Postnummer)") || files["storgatan-7-leaflet-sv.pdf"] == nil {
		t.Errorf("anyway: %v\n%s", keys(files), files["problems.txt"])
	}
	// Nothing to read, and a defaults file with problems: the page says so.
	resp = post(t, srv.URL+"/kommun", nil, part{"files", "notes.txt", []byte("hej")})
	if b := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "Välj minst en fil.") {
		t.Errorf("no files: %d", resp.StatusCode)
	}
	resp = post(t, srv.URL+"/kommun", nil, part{"files", "fastigheter.csv", bad}, part{"defaults", "kommun.yaml", []byte("qr: [x]\n")})
	if b := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "kommun.yaml:1:5: qr: ") {
		t.Errorf("bad defaults: %d\n%s", resp.StatusCode, b)
	}
}

// With the page's script: a line for each property as it is made, then
// the ZIP file.
func TestBatchProgress(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	xlsx, defaults := municipality(t)
	resp := send(t, srv.URL+"/kommun", "application/x-ndjson", nil,
		part{"files", "fastigheter.xlsx", xlsx}, part{"defaults", "ale-kommun.yaml", defaults})
	if resp.Header.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("content type %q", resp.Header.Get("Content-Type"))
	}
	br := bufio.NewReader(resp.Body)
	done := 0
	for {
		line, err := br.ReadBytes('\n')
		if err != nil {
			t.Fatalf("the stream ended without the ZIP file: %v", err)
		}
		var ev struct {
			Done, Total int
			Zip         *int
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if ev.Zip != nil {
			data, _ := io.ReadAll(br)
			if len(data) != *ev.Zip || unzip(t, data)["manifest.csv"] == nil {
				t.Errorf("the ZIP file: %d bytes, said %d", len(data), *ev.Zip)
			}
			break
		}
		if ev.Done != done+1 || ev.Total < ev.Done {
			t.Errorf("progress %d of %d after %d", ev.Done, ev.Total, done)
		}
		done = ev.Done
	}
	if done < 4 {
		t.Errorf("progress told of %d properties", done)
	}
}

// The batch page in the browser: the files chosen, the progress shown,
// the ZIP file saved.
func TestBrowserBatch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	xlsx, defaults := municipality(t)
	for name, data := range map[string][]byte{"fastigheter.xlsx": xlsx, "ale-kommun.yaml": defaults} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tb, _ := tab(t, Config{Renders: 1}, "/kommun")
	do(t, tb, chromedp.SetUploadFiles(chromedp.ID("batch-files"), []string{filepath.Join(dir, "fastigheter.xlsx")}),
		chromedp.SetUploadFiles(chromedp.ID("batch-defaults"), []string{filepath.Join(dir, "ale-kommun.yaml")}))
	zipData := download(t, tb, chromedp.Click(chromedp.CSS(`#batch button[type=submit]`)))
	if unzip(t, zipData)["manifest.xlsx"] == nil {
		t.Errorf("the saved ZIP file lacks the manifest")
	}
	do(t, tb, chromedp.WaitVisible(chromedp.CSS("#progress-save a")))
	if got := eval[string](t, tb, `document.getElementById('progress-text').textContent`); !strings.HasPrefix(got, "Klart: ") {
		t.Errorf("the progress says %q", got)
	}
	if v := eval[float64](t, tb, `document.getElementById('progress-bar').value / document.getElementById('progress-bar').max`); v != 1 {
		t.Errorf("the progress bar stands at %v", v)
	}
}
