package web

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"huskurage/property"
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
	// A bad row among the good: named by its row, in check's words, said
	// in the page's language (Swedish by default).
	bad := []byte("\xEF\xBB\xBFAdress;Postnummer;Ort;Hyresvärd\r\nStorgatan 7;44930;Nödinge;Brf A\r\nStorgatan 9;4493;Nödinge;Brf B\r\n")
	for ui, want := range map[string]string{
		"en": "fastigheter.csv:3:2 (Postnummer): postnummer: &#34;4493&#34; is not a Swedish postal code",
		"sv": "fastigheter.csv:3:2 (Postnummer): postnummer: &#34;4493&#34; är inget svenskt postnummer",
	} {
		resp = post(t, srv.URL+"/kommun", [][2]string{{"ui", ui}}, part{"files", "fastigheter.csv", bad}, part{"defaults", "ale-kommun.yaml", defaults})
		b = body(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), want) {
			t.Errorf("a bad row, %s: %d\n%s", ui, resp.StatusCode, b)
		}
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
	if b := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "notes.txt är varken ett kalkylark") {
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

// The limits of a municipality's upload and of a form's lists: more
// rows than MaxBatchProperties, more files than MaxBatchFiles, more
// entrances or contacts than a property file may hold — each refused
// with words that say the limit, never a 500 and never all built.
func TestUploadLimits(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	var csv strings.Builder
	csv.WriteString("Adress;Postnummer;Ort;Hyresvärd;Länk\r\n")
	for i := range MaxBatchProperties + 1 {
		fmt.Fprintf(&csv, "Storgatan %d;449 30;Nödinge;Brf Linden;https://example.se/h\r\n", i+1)
	}
	resp := post(t, srv.URL+"/kommun", nil, part{"files", "fastigheter.csv", []byte(csv.String())})
	if b := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(b), fmt.Sprintf("more than %d properties", MaxBatchProperties)) {
		t.Errorf("%d rows: %d\n%.3000s", MaxBatchProperties+1, resp.StatusCode, b)
	}
	var files []part
	for i := range MaxBatchFiles + 1 {
		files = append(files, part{"files", fmt.Sprintf("hus-%d.yaml", i), []byte("id: x\n")})
	}
	resp = post(t, srv.URL+"/kommun", nil, files...)
	if b := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(b), fmt.Sprintf("at most %d are taken at once", MaxBatchFiles)) {
		t.Errorf("%d files: %d\n%.3000s", MaxBatchFiles+1, resp.StatusCode, b)
	}

	// A form with more entrances and contacts than a file may hold: the
	// loader's words beside the first item beyond the limit.
	values := with(storgatan)
	for i := range property.MaxEntrances + 5 {
		values = append(values, [2]string{"property.entrances", fmt.Sprintf("%d", i+10)})
	}
	for i := range property.MaxContacts + 5 {
		values = append(values, [2]string{fmt.Sprintf("contacts[%d].name", i+1), fmt.Sprintf("Kontakt %d", i)},
			[2]string{fmt.Sprintf("contacts[%d].phone", i+1), "0303-70 30 00"})
	}
	resp = post(t, srv.URL+"/", append(values, [2]string{"do", "check"}))
	page := doc(t, body(t, resp))
	// In the summary, each named so that the landlord finds it.
	var links []string
	for _, a := range find(page, func(n *html.Node) bool { return n.Data == "a" && strings.HasPrefix(attr(n, "href"), "#f-") }) {
		links = append(links, text(a))
	}
	if want := []string{fmt.Sprintf("Uppgång %d", property.MaxEntrances+1), fmt.Sprintf("Kontakt %d: Namn", property.MaxContacts+1)}; !slices.Equal(links, want) {
		t.Errorf("the summary links to %q, want %q", links, want)
	}
	// Beside the first item too many.
	for _, id := range []string{fmt.Sprintf("f-property-entrances-%d-err", property.MaxEntrances),
		fmt.Sprintf("f-contacts-%d-name-err", property.MaxContacts)} {
		msgs := find(page, func(n *html.Node) bool { return attr(n, "id") == id })
		if resp.StatusCode != http.StatusUnprocessableEntity || len(msgs) != 1 || !strings.Contains(text(msgs[0]), "högst") { // the page is Swedish
			t.Errorf("%s: %d %v", id, resp.StatusCode, func() string {
				if len(msgs) == 1 {
					return text(msgs[0])
				}
				return ""
			}())
		}
	}
}
