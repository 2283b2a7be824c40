package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// These tests come from trying the server as an outside checker would:
// requests and inputs that a browser does not send, or a user does not
// expect to matter.

// previewOfResp reads a preview's answer.
func previewOfResp(t *testing.T, resp *http.Response) previewAnswer {
	t.Helper()
	var ans previewAnswer
	b := body(t, resp)
	if err := json.Unmarshal(b, &ans); err != nil {
		t.Fatalf("%d: %v: %.300s", resp.StatusCode, err, b)
	}
	return ans
}

// Text that is not UTF-8 (a client of its own, a form sent in another
// encoding) is the user's problem, shown beside its input in the
// loader's words; never an internal fault.
func TestInvalidUTF8IsTheUsers(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	values := with(storgatan, "property.city", "N\xffdinge", "contacts[0].note.sv", "Fr\xc3ga")
	resp := post(t, srv.URL+"/preview", values)
	ans := previewOfResp(t, resp)
	at := map[string]string{}
	for _, p := range ans.Problems {
		at[p.ID] = p.Text
	}
	for _, id := range []string{"f-property-city", "f-contacts-0-note-sv"} {
		if !strings.Contains(at[id], "U+FFFD") {
			t.Errorf("%s: %q, want the loader's problem with U+FFFD; all: %v", id, at[id], ans.Problems)
		}
	}
	resp = post(t, srv.URL+"/", append(values, [2]string{"do", "download"}))
	b := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || bytes.Contains(b, []byte("internal fault")) {
		t.Errorf("without a script: %d: %.2000s", resp.StatusCode, text(doc(t, b)))
	}
}

// A pair of languages that the property does not print (the form
// offers only its own, but a request may say anything) is left out, as
// the form would: never a 500, never documents in a language the
// landlord did not choose.
func TestLanguagePairNotChosen(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	for _, pair := range []string{"zz,yy", "sv,en", "sv", "sv,sv", ",", "sv,ar,en"} {
		values := with(storgatan, "doc.poster-langs", pair, "doc.leaflet-langs", pair)
		resp := post(t, srv.URL+"/preview", values)
		ans := previewOfResp(t, resp)
		if resp.StatusCode != 200 || len(ans.Problems) > 0 || len(ans.Pages) != 4 {
			t.Errorf("%q: preview %d, %d pages, %v", pair, resp.StatusCode, len(ans.Pages), ans.Problems)
		}
		for _, p := range ans.Pages {
			if strings.Contains(p.Title, "+") {
				t.Errorf("%q: a page in two languages: %s", pair, p.Title)
			}
		}
		resp = post(t, srv.URL+"/", append(values, [2]string{"do", "download"}))
		b := body(t, resp)
		if resp.StatusCode != 200 {
			t.Errorf("%q: download %d: %.300s", pair, resp.StatusCode, b)
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if strings.Contains(f.Name, "-en") || strings.Contains(f.Name, "-zz") {
				t.Errorf("%q: %s in the download", pair, f.Name)
			}
		}
	}
	// A pair among the property's languages is made.
	values := with(storgatan, "language", "sv", "languages", "en", "doc.poster-langs", "sv,en")
	ans := previewOfResp(t, post(t, srv.URL+"/preview", values))
	two := 0
	for _, p := range ans.Pages {
		if strings.Contains(p.Title, "+") {
			two++
		}
	}
	if two != 2 {
		t.Errorf("sv,en chosen with both languages: %d bilingual pages, want 2", two)
	}
}

// The bodies read into memory at once are bounded (Config.Bodies): a
// request beyond the budget waits for its share, then gets 503 with
// Retry-After, so that many large uploads at once cannot take all the
// memory (20 batch uploads of 31 MiB at once held 1.9 GB before).
func TestBodiesInMemoryBounded(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1, Bodies: 1 << 20, Wait: 50 * time.Millisecond})
	// A large upload whose body is not all sent yet holds the budget.
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", srv.URL+"/kommun", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = 1 << 20
	req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	first := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			close(first)
			return
		}
		first <- resp
	}()
	// Once the server reads the first bytes, it has taken its share.
	head := "--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.png\"\r\n\r\n"
	if _, err := pw.Write([]byte(head)); err != nil {
		t.Fatal(err)
	}
	resp := post(t, srv.URL+"/", with(storgatan, "do", "check"), part{"landlord.logo.file", "big.png", make([]byte, 600<<10)})
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("a form beyond the budget: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// The first one finishes; then the form is taken.
	rest := 1<<20 - len(head) - len("\r\n--b--\r\n")
	pw.Write(make([]byte, rest))
	pw.Write([]byte("\r\n--b--\r\n"))
	pw.Close()
	if r := <-first; r != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	resp = post(t, srv.URL+"/", with(storgatan, "do", "check"))
	if resp.StatusCode == http.StatusServiceUnavailable {
		t.Errorf("a form once the budget is free: %d", resp.StatusCode)
	}
}

// A download uploaded again keeps its choices of documents (a poster in
// two languages, the leaflet's size, print sheets), which its property
// file's first comment gives as the command's flags.
func TestUploadKeepsTheChoicesOfDocuments(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	values := with(storgatan, "language", "sv", "languages", "en", "doc.poster-langs", "sv,en",
		"doc.leaflet-size", "A6", "doc.sheets", "office", "do", "download")
	resp := post(t, srv.URL+"/", values)
	b := body(t, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("download: %d", resp.StatusCode)
	}
	resp = post(t, srv.URL+"/upload", nil, part{"files", "storgatan-7.zip", b})
	page := doc(t, body(t, resp))
	checked := map[string]string{}
	for _, n := range find(page, func(n *html.Node) bool { return n.Data == "input" && attr(n, "type") == "radio" }) {
		for _, a := range n.Attr {
			if a.Key == "checked" {
				checked[attr(n, "name")] = attr(n, "value")
			}
		}
	}
	for name, want := range map[string]string{"doc.poster-langs": "sv,en", "doc.leaflet-size": "A6", "doc.sheets": "office"} {
		if checked[name] != want {
			t.Errorf("after the upload, %s is %q, want %q (all: %v)", name, checked[name], want, checked)
		}
	}
}

// A file that is neither a spreadsheet nor a property file is named,
// rather than "choose at least one file" to one who chose one.
func TestBatchWrongFileNamed(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	resp := post(t, srv.URL+"/kommun", nil, part{"files", "fastigheter.txt", []byte("Adress;Postnummer\r\n")})
	b := string(body(t, resp))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "fastigheter.txt") || strings.Contains(b, "Välj minst en fil") {
		t.Errorf("a .txt file: %d: %s", resp.StatusCode, text(doc(t, []byte(b))))
	}
}

// A CSV file saved by an older Excel, in Windows-1252 with semicolons
// and CRLF: the page offers the encoding the command line's --encoding
// gives, and says so when the file is not UTF-8 (not the command's flag,
// which a browser has not).
func TestBatchWindows1252(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	_, defaults := municipality(t)
	csv := []byte("Adress;Postnummer;Ort;Hyresv\xe4rd\r\nStorgatan 7;449 30;N\xf6dinge;Brf \xc5kern\r\n")
	resp := post(t, srv.URL+"/kommun", nil, part{"files", "fastigheter.csv", csv}, part{"defaults", "ale-kommun.yaml", defaults})
	b := body(t, resp)
	page := doc(t, b)
	choice := find(page, func(n *html.Node) bool { return attr(n, "name") == "encoding" && attr(n, "value") == "windows-1252" })
	if resp.StatusCode != http.StatusUnprocessableEntity || strings.Contains(string(b), "--encoding") || len(choice) != 1 ||
		!strings.Contains(text(page), "Windows-1252") {
		t.Errorf("Windows-1252 read as UTF-8: %d, %d choices: %s", resp.StatusCode, len(choice), text(page))
	}
	resp = post(t, srv.URL+"/kommun", [][2]string{{"encoding", "windows-1252"}},
		part{"files", "fastigheter.csv", csv}, part{"defaults", "ale-kommun.yaml", defaults})
	b = body(t, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("Windows-1252 chosen: %d: %s", resp.StatusCode, text(doc(t, b)))
	}
	files := unzip(t, b)
	if !strings.Contains(string(files["storgatan-7.yaml"])+string(files["manifest.csv"]), "storgatan-7") {
		t.Errorf("Windows-1252 chosen: %v", keys(files))
	}
}

// A file that is not the ZIP file it is named (a download gone wrong)
// gets the form back with the problem above it, not a bare error page.
func TestUploadBadZipGivesTheForm(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	resp := post(t, srv.URL+"/upload", [][2]string{{"ui", "en"}}, part{"files", "storgatan-7.zip", []byte("PK\x03\x04 not really")})
	b := body(t, resp)
	page := doc(t, b)
	form := find(page, func(n *html.Node) bool { return n.Data == "form" })
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		len(form) == 0 || !strings.Contains(text(page), "storgatan-7.zip is not a ZIP file") {
		t.Errorf("a damaged ZIP file: %d %s: %.500s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
}

// With the page's script, a batch the server stops before it starts (a
// file it cannot read) shows the problem in words, as the page without
// a script does: never the page's HTML source as text.
func TestBrowserBatchStopped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notes := filepath.Join(dir, "fastigheter.txt")
	if err := os.WriteFile(notes, []byte("Adress;Postnummer\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tb, _ := tab(t, Config{Renders: 1}, "/kommun")
	do(t, tb, chromedp.SetUploadFiles(chromedp.ID("batch-files"), []string{notes}),
		chromedp.Click(chromedp.CSS(`#batch button[type=submit]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('progress-text').textContent.length > 0`))
	got := eval[string](t, tb, `document.getElementById('progress').innerText`)
	if !strings.Contains(got, "fastigheter.txt är varken ett kalkylark") || strings.Contains(got, "<") {
		t.Errorf("the progress says %q", got)
	}
}

// A phone's photo chosen as the logo, larger than the form takes
// (MaxFormBytes): with the script, the loader's problem beside the logo
// (its size, at most 5 MiB), in the preview and when the form is sent,
// with everything typed kept; without it, a page that says what to do,
// in both languages, not a bare "413".
func TestLogoLargerThanTheForm(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	photo := filepath.Join(dir, "foto.jpg")
	big := make([]byte, MaxFormBytes+(1<<20))
	copy(big, "\xff\xd8\xff\xe0")
	if err := os.WriteFile(photo, big, 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "logotypfilen är 13,0 MiB; högst 5 MiB är tillåtet" // the loader's words, on the Swedish page
	tb, u := tab(t, Config{Renders: 1}, "/")
	do(t, tb, typeInto("f-landlord-name", "Brf Linden"),
		chromedp.SetUploadFiles(chromedp.ID("f-landlord-logo-file"), []string{photo}))
	waitFor(t, tb, `document.querySelector('#f-landlord-logo-file-err .problem')`)
	if got := eval[string](t, tb, `document.querySelector('#f-landlord-logo-file-err .problem').textContent`); !strings.HasPrefix(got, want) {
		t.Errorf("beside the logo: %q", got)
	}
	// Sent without the script's preview: the form comes back with the
	// problem and what was typed.
	do(t, tb, chromedp.Click(chromedp.CSS(`.actions button[value="check"]`)))
	waitFor(t, tb, `document.querySelector('#summary') && document.querySelector('#summary').textContent.includes('13,0 MiB') &&
		document.getElementById('f-landlord-name').value === 'Brf Linden'`)

	// Without the script, in the browser: a page that says what to do.
	nojs, u2 := tab(t, Config{Renders: 1}, "")
	if _, err := chromedp.Call(nojs.Context(), emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := nojs.Open(u2 + "/"); err != nil {
		t.Fatal(err)
	}
	do(t, nojs, typeInto("f-landlord-name", "Brf Linden"),
		chromedp.SetUploadFiles(chromedp.ID("f-landlord-logo-file"), []string{photo}),
		chromedp.Click(chromedp.CSS(`.actions button[value="check"]`)))
	waitFor(t, nojs, `document.querySelector('h1') && document.querySelector('h1').textContent === 'För stort'`)
	// And as any client sees it.
	resp := post(t, u+"/", [][2]string{{"landlord.name", "Brf Linden"}, {"do", "check"}}, part{"landlord.logo.file", "foto.jpg", big})
	page := text(doc(t, body(t, resp)))
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(page, "5 MiB") || !strings.Contains(page, "logotyp") || !strings.Contains(page, "logo") {
		t.Errorf("without a script: %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), page)
	}
}

// A body that holds a share of the memory budget must keep coming
// (Config.BodyRate after a grace): a client that says it sends 1 MiB
// and then sends nothing is cut off, its share freed, rather than
// holding it for the whole ReadTimeout (2 minutes) and turning every
// other upload away.
func TestSlowBodyLetsGo(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1, Bodies: 1 << 20, Wait: 50 * time.Millisecond,
		BodyRate: 1 << 20, BodyGrace: 100 * time.Millisecond})
	pr, pw := io.Pipe()
	defer pw.Close()
	req, err := http.NewRequest("POST", srv.URL+"/kommun", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = 1 << 20
	req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	first := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			first <- 0 // the connection closed: also let go
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	pw.Write([]byte("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.png\"\r\n\r\n"))
	// Nothing more is sent; the server lets it go.
	if code := <-first; code != 0 && code != http.StatusRequestTimeout {
		t.Errorf("the slow body got %d", code)
	}
	resp := post(t, srv.URL+"/", with(storgatan, "do", "check"), part{"landlord.logo.file", "big.png", make([]byte, 600<<10)})
	if resp.StatusCode == http.StatusServiceUnavailable {
		t.Errorf("the slow body's share was kept: %d", resp.StatusCode)
	}
}

// The pace of a body ends with it: a batch that takes longer to make
// than its body's deadline is still answered (a deadline left on the
// connection would end the server's wait for the next request, and so
// the request's context, while the batch runs).
func TestPaceEndsWithTheBody(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1, BodyRate: 1 << 30, BodyGrace: 30 * time.Millisecond})
	xlsx, defaults := municipality(t)
	resp := post(t, srv.URL+"/kommun", [][2]string{{"doc.sheets", "shop"}},
		part{"files", "fastigheter.xlsx", xlsx}, part{"defaults", "ale-kommun.yaml", defaults})
	b := body(t, resp)
	if resp.StatusCode != 200 || unzip(t, b)["manifest.csv"] == nil {
		t.Errorf("a batch longer than its body's pace: %d %.300s", resp.StatusCode, b)
	}
}

// A municipality's folder sent as a ZIP file, its logos in a folder of
// their own (logo: logos/logo.png), as `huskurage batch` takes the
// folder: the logo is found by its path in the ZIP file.
func TestBatchZipWithLogoFolder(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	logo, err := os.ReadFile(filepath.Join("..", "examples", "logo-exempel.png"))
	if err != nil {
		t.Fatal(err)
	}
	yml, err := os.ReadFile(filepath.Join("..", "examples", "ale-storgatan.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	yml = bytes.Replace(yml, []byte("logo: logo-exempel.png"), []byte("logo: logos/logo-exempel.png"), 1)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range map[string][]byte{"fastigheter/storgatan.yaml": yml, "fastigheter/logos/logo-exempel.png": logo} {
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	for _, route := range []string{"/kommun", "/upload"} {
		resp := post(t, srv.URL+route, nil, part{"files", "fastigheter.zip", buf.Bytes()})
		b := body(t, resp)
		switch {
		case route == "/kommun" && (resp.StatusCode != 200 || unzip(t, b)["manifest.csv"] == nil):
			t.Errorf("%s: %d: %s", route, resp.StatusCode, text(doc(t, b)))
		case route == "/upload" && (resp.StatusCode != 200 || bytes.Contains(b, []byte("not found"))):
			t.Errorf("%s: the logo was not found: %s", route, text(doc(t, b)))
		}
	}
}

// A file's name that is not UTF-8 (a client of its own; an old ZIP
// program's names) reaches no manifest as bytes a spreadsheet program
// cannot read: it is named with U+FFFD, as the text of a form is.
func TestUploadNameNotUTF8(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	csv := []byte("Adress;Postnummer;Ort;Hyresvärd;Antal lägenheter;QR-länk\r\nStorgatan 7;449 30;Nödinge;Brf A;12;https://example.se/h\r\n")
	resp := post(t, srv.URL+"/kommun", nil, part{"files", "f\xff.csv", csv})
	b := body(t, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("%d: %s", resp.StatusCode, text(doc(t, b)))
	}
	for name, data := range unzip(t, b) {
		if !utf8.Valid(data) && strings.HasPrefix(name, "manifest.") && !strings.HasSuffix(name, ".xlsx") {
			t.Errorf("%s is not UTF-8: %.200q", name, data)
		}
	}
}

// A logo's size sent alone is taken only as a file's size could be: an
// absurd one ("9223372036854775807", the largest int64) is not named as
// "0.0 MiB" ("0,0 MiB" on the Swedish page).
func TestLogoSizeAbsurd(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	ans := previewOfResp(t, post(t, srv.URL+"/preview", with(storgatan, "landlord.logo.size", "9223372036854775807", "landlord.logo.name", "x.jpg")))
	for _, p := range ans.Problems {
		if strings.Contains(p.Text, "0.0 MiB") || strings.Contains(p.Text, "0,0 MiB") {
			t.Errorf("%s: %s", p.ID, p.Text)
		}
	}
}

// A workbook that unpacks to far more than it weighs (a ZIP bomb in an
// .xlsx: 40 MiB of shared strings in a few KiB) is refused with words
// that say so, read in memory up to a bound, never unpacked to disk
// (excelize moves shared strings above 16 MiB to a temporary file). A
// bomb of 500 MiB in 504 KiB took the server to 2.1 GB before.
func TestBatchWorkbookBomb(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	_, srv := server(t, Config{Renders: 1})
	xlsx, _ := municipality(t)
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/sharedStrings.xml" {
			end := bytes.LastIndex(data, []byte("</sst>"))
			w.Write(data[:end])
			w.Write([]byte("<si><t>"))
			w.Write(bytes.Repeat([]byte("a"), 40<<20))
			w.Write([]byte("</t></si></sst>"))
			continue
		}
		w.Write(data)
	}
	zw.Close()
	resp := post(t, srv.URL+"/kommun", [][2]string{{"ui", "en"}}, part{"files", "fastigheter.xlsx", buf.Bytes()})
	page := text(doc(t, body(t, resp)))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "fastigheter.xlsx:1:1: the workbook unpacks to more than") {
		t.Errorf("a workbook bomb of %d bytes: %d: %s", buf.Len(), resp.StatusCode, page)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("files were written: %v", left)
	}
}

// A YAML file of very many documents (20,000 in 200 KB; 500,000 in
// 5 MB took 14 s and 2.2 GB, and answered a page of 92 MB) is refused
// before it is read, beyond the most properties an upload makes; and
// a form, which shows the first property, then reads only the first.
func TestManyYAMLDocuments(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1, Defaults: filepath.Join("..", "examples", "ale-kommun", "ale-kommun.yaml")})
	src := []byte(strings.Repeat("---\nid: x\n", 20000))
	resp := post(t, srv.URL+"/kommun", nil, part{"files", "many.yaml", src})
	b := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !bytes.Contains(b, []byte("more than 500 properties")) || len(b) > 100<<10 {
		t.Errorf("/kommun: %d, %d bytes: %.300s", resp.StatusCode, len(b), text(doc(t, b)))
	}
	resp = post(t, srv.URL+"/upload", nil, part{"files", "many.yaml", src})
	b = body(t, resp)
	page := text(doc(t, b))
	if n := strings.Count(page, "many.yaml:"); resp.StatusCode != http.StatusUnprocessableEntity || n > 20 || !strings.Contains(page, "20000") {
		t.Errorf("/upload: %d, %d problems listed, %d bytes: %.500s", resp.StatusCode, n, len(b), page)
	}
}

func TestFirstDocument(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		src, first string
		n          int
	}{
		{"id: a\n", "id: a\n", 1},
		{"", "", 1},
		{"id: a\n---\nid: b\n", "id: a\n", 2},
		{"# a comment\n%YAML 1.2\n---\nid: a\n--- \r\nid: b\n---\tx\n", "# a comment\n%YAML 1.2\n---\nid: a\n", 3},
		{"id: a\nnote: |\n  --- not a marker\n---x: y\n", "id: a\nnote: |\n  --- not a marker\n---x: y\n", 1},
	} {
		first, n := firstDocument([]byte(c.src))
		if string(first) != c.first || n != c.n {
			t.Errorf("%q: %q, %d; want %q, %d", c.src, first, n, c.first, c.n)
		}
	}
}
