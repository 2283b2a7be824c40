package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/templates"
)

// server starts a Server on loopback, closed when t ends.
func server(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return s, srv
}

// part is a file of a multipart form.
type part struct {
	field, name string
	data        []byte
}

// post sends a multipart form: values (a field may repeat) and files.
func post(t *testing.T, u string, values [][2]string, files ...part) *http.Response {
	t.Helper()
	return send(t, u, "", values, files...)
}

// send sends a multipart form asking for the type accept ("" for any).
func send(t *testing.T, u, accept string, values [][2]string, files ...part) *http.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, kv := range values {
		mw.WriteField(kv[0], kv[1])
	}
	for _, f := range files {
		w, err := mw.CreateFormFile(f.field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	req, err := http.NewRequest("POST", u, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func body(t *testing.T, r *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// storgatan is a property as a landlord types it in the form.
var storgatan = [][2]string{
	{"landlord.name", "Brf Linden"}, {"property.address", "Storgatan 7"}, {"property.postal_code", "449 30"},
	{"property.city", "Nödinge"}, {"property.entrances", "7A"}, {"property.entrances", "7B"},
	{"qr.url", "https://example.se/huskurage"}, {"contacts[0].name", "Socialtjänsten"}, {"contacts[0].phone", "0303-70 30 00"},
	{"contacts[0].note.sv", "Fråga efter en handläggare."}, {"property.apartments", "24"},
}

func with(base [][2]string, kv ...string) [][2]string {
	out := append([][2]string(nil), base...)
	for i := 0; i+1 < len(kv); i += 2 {
		replaced := false
		for j := range out {
			if out[j][0] == kv[i] {
				out[j][1], replaced = kv[i+1], true
			}
		}
		if !replaced {
			out = append(out, [2]string{kv[i], kv[i+1]})
		}
	}
	return out
}

// doc parses a page.
func doc(t *testing.T, b []byte) *html.Node {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// find returns the elements for which match holds, in document order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// The form is made from the field table: every field a landlord writes
// has its input (or group of inputs) under its path, with the table's
// label in either language, and every input has a label.
func TestFormIsTheFieldTable(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	for _, ui := range []string{"sv", "en"} {
		resp, err := http.Get(srv.URL + "/?lang=" + ui)
		if err != nil {
			t.Fatal(err)
		}
		page := doc(t, body(t, resp))
		byName := map[string]*html.Node{}
		for _, n := range find(page, func(n *html.Node) bool { return attr(n, "data-field") != "" }) {
			byName[attr(n, "data-field")] = n
		}
		labels := map[string]string{}
		for _, l := range find(page, func(n *html.Node) bool { return n.Data == "label" }) {
			labels[attr(l, "for")] = text(l)
		}
		for _, f := range property.Fields() {
			name := f.Path
			switch f.Kind {
			case property.KindVersion, property.KindRemove:
				continue // no value a landlord gives; remove is the inherited contacts' check boxes
			case property.KindLanguage, property.KindLanguages:
				name = "language"
			case property.KindLogo:
				name = f.Path + ".file"
			}
			if f.InList() {
				continue // a contact's fields: below
			}
			n, ok := byName[name]
			if !ok {
				t.Errorf("%s: no input for %s", ui, f.Path)
				continue
			}
			if f.Kind != property.KindLanguage && !strings.Contains(text(n), f.Label.In(ui)) {
				t.Errorf("%s: %s is not labelled %q: %q", ui, f.Path, f.Label.In(ui), text(n))
			}
		}
		for _, in := range find(page, func(n *html.Node) bool {
			return (n.Data == "input" && attr(n, "type") != "hidden") || n.Data == "select"
		}) {
			if labels[attr(in, "id")] == "" {
				t.Errorf("%s: input %s (%s) has no label", ui, attr(in, "name"), attr(in, "id"))
			}
		}
	}
	// A contact's fields, once one is added.
	resp := post(t, srv.URL+"/", [][2]string{{"do", "add:contacts"}})
	page := doc(t, body(t, resp))
	for _, f := range property.Fields() {
		if !f.InList() || f.Kind == property.KindRemove {
			continue
		}
		name := strings.Replace(f.Path, "[]", "[0]", 1)
		if len(find(page, func(n *html.Node) bool { return attr(n, "data-field") == name })) == 0 {
			t.Errorf("no input for %s", name)
		}
	}
	if len(find(page, func(n *html.Node) bool { return attr(n, "autofocus") != "" || hasAttr(n, "autofocus") })) != 1 {
		t.Errorf("the new contact's name does not get the focus")
	}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// A problem is shown beside its input in the loader's own words: the
// same as check gives for the property file that the download holds.
func TestProblemsBesideTheirInputs(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	for _, c := range []struct {
		kv    []string
		input string // the input whose messages hold it
	}{
		{[]string{"property.postal_code", "4493"}, "f-property-postal_code"},
		{[]string{"qr.url", "http://example.se/x"}, "f-qr-url"},
		{[]string{"contacts[0].phone", "ring oss"}, "f-contacts-0-phone"},
		{[]string{"property.entrances", "7A"}, "f-property-entrances-1"}, // 7A twice
		{[]string{"landlord.name", ""}, "f-landlord"},                    // missing: at the section
		{[]string{"theme.color", "#ffff00"}, "f-theme-color"},
		{[]string{"contacts[0].note.sv", strings.Repeat("lång text ", 30)}, "f-contacts-0-note-sv"},
	} {
		values := with(storgatan, c.kv...)
		if c.kv[0] == "property.entrances" {
			values = append(values, [2]string{"property.entrances", "7A"})
		}
		resp := post(t, srv.URL+"/", append(values, [2]string{"do", "check"}))
		b := body(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%v: status %d, want 422", c.kv, resp.StatusCode)
		}
		page := doc(t, b)
		msgs := find(page, func(n *html.Node) bool { return attr(n, "id") == c.input+"-err" })
		if len(msgs) != 1 {
			t.Errorf("%v: no messages of %s", c.kv, c.input)
			continue
		}
		got := text(msgs[0])
		if got == "" {
			t.Errorf("%v: nothing beside %s; summary: %s", c.kv, c.input, text(find(page, func(n *html.Node) bool { return attr(n, "id") == "summary" })[0]))
		}
		// The input keeps what was typed: nothing is lost.
		for _, in := range find(page, func(n *html.Node) bool { return n.Data == "input" && attr(n, "name") == c.kv[0] }) {
			if c.kv[0] != "property.entrances" && attr(in, "value") != strings.TrimSpace(c.kv[1]) {
				t.Errorf("%v: the input now holds %q", c.kv, attr(in, "value"))
			}
		}
		// The summary links to it.
		links := find(page, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "#"+c.input })
		if len(links) == 0 {
			t.Errorf("%v: the summary does not link to #%s", c.kv, c.input)
		}
	}
}

// The words beside an input are exactly the loader's for the property
// file in the download (one source of messages).
func TestProblemsAreTheLoaders(t *testing.T) {
	t.Parallel()
	s, srv := server(t, Config{Renders: 1})
	values := with(storgatan, "property.postal_code", "4493", "landlord.email", "info@", "contacts[0].phone", "ring oss")
	req := httptest.NewRequest("POST", "/", nil)
	req.Form = url.Values{}
	for _, kv := range values {
		req.Form.Add(kv[0], kv[1])
	}
	f, err := readForm(req, s.cfg.Texts.Codes())
	if err != nil {
		t.Fatal(err)
	}
	c := s.check(f)
	_, err = property.Parse(c.yaml, c.name, "", property.Options{Covers: pipeline.Covers})
	var list property.ErrorList
	if !errors.As(err, &list) || len(list) != 3 {
		t.Fatalf("the file made of the form: %v\n%s", err, c.yaml)
	}
	// The page is Swedish unless English is chosen, and so are the
	// loader's words on it; the English are check's.
	for _, ui := range []string{"sv", "en"} {
		page := doc(t, body(t, post(t, srv.URL+"/", append(values, [2]string{"ui", ui}, [2]string{"do", "check"}))))
		all := text(page)
		for _, e := range list {
			problem, hint := e.In(ui)
			if ui == "en" && (problem != e.Problem || hint != e.Hint) || ui == "sv" && problem == e.Problem {
				t.Errorf("%s: the loader's %q (%q) in %s: %q (%q)", ui, e.Problem, e.Hint, ui, problem, hint)
			}
			want := problem + " (" + hint + ")"
			if hint == "" {
				want = problem
			}
			if !strings.Contains(all, want) {
				t.Errorf("the %s page lacks the loader's %q", ui, want)
			}
		}
	}
}

// The download holds the documents, the print sheets when chosen, the
// property file and its logo; the property file builds with the command
// line's pipeline into the same PDF files, byte for byte.
func TestDownloadIsWhatTheCommandBuilds(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	logo, err := os.ReadFile(filepath.Join("..", "examples", "logo-exempel.png"))
	if err != nil {
		t.Fatal(err)
	}
	resp := post(t, srv.URL+"/", append(with(storgatan, "doc.sheets", "office"), [2]string{"do", "download"}),
		part{"landlord.logo.file", "Vår logga.png", logo})
	b := body(t, resp)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" ||
		resp.Header.Get("Content-Disposition") != `attachment; filename="storgatan-7.zip"` {
		t.Fatalf("download: %d %v\n%.500s", resp.StatusCode, resp.Header, b)
	}
	files := unzip(t, b)
	for _, name := range []string{"storgatan-7.yaml", "logo.png", "storgatan-7-poster-7a-sv.pdf", "storgatan-7-poster-7b-sv.pdf",
		"storgatan-7-leaflet-sv.pdf", "storgatan-7-print-office.pdf"} {
		if files[name] == nil {
			t.Errorf("the ZIP file lacks %s", name)
		}
	}
	dir := t.TempDir()
	for _, name := range []string{"storgatan-7.yaml", "logo.png"} {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	req := pipeline.Request{Out: out, Sheets: pipeline.SheetsOffice}
	var built []string
	req.Progress = func(_, _ int, r pipeline.Result) {
		if r.Err != nil {
			t.Errorf("the command line refuses the downloaded file: %v", r.Err)
		}
		built = append(built, r.Paths...)
	}
	if err := pipeline.Write(context.Background(), []string{filepath.Join(dir, "storgatan-7.yaml")}, req); err != nil {
		t.Fatal(err)
	}
	if len(built) != 4 {
		t.Fatalf("the command line built %v", built)
	}
	for _, p := range built {
		disk, _ := os.ReadFile(p)
		if !bytes.Equal(disk, files[filepath.Base(p)]) {
			t.Errorf("%s differs from the command line's", filepath.Base(p))
		}
	}
}

func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a ZIP file: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// A property file uploaded (the example, with its logo) fills in the
// form, and its download builds into the same documents as the example:
// nothing is lost on the way through the form.
func TestUploadFillsTheForm(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	example := filepath.Join("..", "examples", "ale-storgatan.yaml")
	src, _ := os.ReadFile(example)
	logo, _ := os.ReadFile(filepath.Join("..", "examples", "logo-exempel.png"))
	resp := post(t, srv.URL+"/upload", [][2]string{{"ui", "en"}},
		part{"files", "ale-storgatan.yaml", src}, part{"files", "logo-exempel.png", logo})
	b := body(t, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d\n%s", resp.StatusCode, b)
	}
	page := doc(t, b)
	// Send the form back as the browser would, and download.
	values := formValues(page, "main")
	resp = post(t, srv.URL+"/", append(values, [2]string{"do", "download"}))
	zb := body(t, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("download after upload: %d\n%.2000s", resp.StatusCode, zb)
	}
	files := unzip(t, zb)
	out := filepath.Join(t.TempDir(), "out")
	var built []string
	err := pipeline.Write(context.Background(), []string{example}, pipeline.Request{Out: out,
		Progress: func(_, _ int, r pipeline.Result) { built = append(built, r.Paths...) }})
	if err != nil || len(built) != 3 {
		t.Fatalf("the example: %v %v", err, built)
	}
	for _, p := range built {
		disk, _ := os.ReadFile(p)
		if !bytes.Equal(disk, files[filepath.Base(p)]) {
			t.Errorf("%s differs from the example's (the ZIP holds %v)", filepath.Base(p), keys(files))
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// formValues are what a browser sends for the form id: its inputs'
// values, checked boxes and selected options (files aside).
func formValues(page *html.Node, id string) [][2]string {
	var out [][2]string
	forms := find(page, func(n *html.Node) bool { return n.Data == "form" && attr(n, "id") == id })
	if len(forms) == 0 {
		return nil
	}
	for _, n := range find(forms[0], func(n *html.Node) bool {
		return n.Data == "input" || n.Data == "select" || n.Data == "textarea"
	}) {
		name := attr(n, "name")
		if name == "" {
			continue
		}
		switch {
		case n.Data == "select":
			for _, o := range find(n, func(o *html.Node) bool { return o.Data == "option" && hasAttr(o, "selected") }) {
				out = append(out, [2]string{name, attr(o, "value")})
			}
		case attr(n, "type") == "checkbox" || attr(n, "type") == "radio":
			if hasAttr(n, "checked") {
				out = append(out, [2]string{name, attr(n, "value")})
			}
		case attr(n, "type") == "file":
		default:
			out = append(out, [2]string{name, attr(n, "value")})
		}
	}
	return out
}

// Every file of the command line's bad-input tests, uploaded, gets the
// form back with the loader's problems: never a 500.
func TestBadInputsThroughTheUpload(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	archives, _ := filepath.Glob(filepath.Join("..", "cmd", "huskurage", "testdata", "script", "bad-*.txtar"))
	if len(archives) < 20 {
		t.Fatalf("found %d bad-input scripts", len(archives))
	}
	sent := 0
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			t.Fatal(err)
		}
		var files []part
		for _, f := range ar.Files {
			files = append(files, part{"files", filepath.Base(f.Name), f.Data})
		}
		if len(files) == 0 {
			continue
		}
		sent++
		resp := post(t, srv.URL+"/upload", nil, files...)
		b := body(t, resp)
		if resp.StatusCode >= 500 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: status %d %s\n%.300s", filepath.Base(a), resp.StatusCode, resp.Header.Get("Content-Type"), b)
			continue
		}
		// What check says of the file is on the page, with its place.
		given := memFS{}
		for _, f := range ar.Files {
			given[filepath.Base(f.Name)] = f.Data
		}
		for _, f := range ar.Files {
			if !isYAML(f.Name) {
				continue
			}
			_, err := property.ParseStream(f.Data, filepath.Base(f.Name), "", property.Options{Covers: pipeline.Covers, Files: given})
			var list property.ErrorList
			if errors.As(err, &list) && !bytes.Contains(b, []byte(html.EscapeString(list[0].Error()))) &&
				!strings.Contains(text(doc(t, b)), list[0].Error()) {
				t.Errorf("%s: the page lacks %q", filepath.Base(a), list[0].Error())
			}
			break
		}
	}
	if sent < 20 {
		t.Errorf("only %d scripts had files to send", sent)
	}
}

// The limits: a body too large is refused with 413 before it is read
// whole; every answer carries the security headers and no cookie;
// /healthz answers.
func TestLimitsAndHeaders(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	resp := post(t, srv.URL+"/", [][2]string{{"do", "check"}}, part{"landlord.logo.file", "big.png", make([]byte, MaxFormBytes+1)})
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a form of %d bytes: status %d", MaxFormBytes+1, resp.StatusCode)
	}
	for _, u := range []string{"/", "/kommun", "/healthz", "/static/style.css", "/static/form.js"} {
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		b := body(t, resp)
		h := resp.Header
		if resp.StatusCode != 200 || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Set-Cookie") != "" {
			t.Errorf("%s: %d %v", u, resp.StatusCode, h)
		}
		if u == "/healthz" && string(b) != "ok\n" {
			t.Errorf("/healthz: %q", b)
		}
	}
	resp, _ = http.Get(srv.URL + "/static/../server.go")
	if resp.StatusCode == 200 {
		t.Errorf("a path out of static/ was served")
	}
}

// Beyond the renders and the queue, a request gets 503 with
// Retry-After at once; one that waits gets its answer when a render is
// free.
func TestBusy(t *testing.T) {
	t.Parallel()
	s, srv := server(t, Config{Renders: 1, Queue: 1, Wait: 60e9})
	b := <-s.builders // every render busy
	values := append(with(storgatan), [2]string{"do", "check"})
	waited := make(chan int)
	go func() {
		resp := post(t, srv.URL+"/", values)
		waited <- resp.StatusCode
	}()
	for s.waiting.Load() == 0 {
		runtime.Gosched() // until the first request waits in the queue
	}
	resp := post(t, srv.URL+"/preview", values)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("with the queue full: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// A preview is refused before its form is read: the busy server
	// spends nothing on it. Its body never comes, yet the answer does.
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/preview", pr)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	req.ContentLength = 1 << 20
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("a preview whose form never comes, with the queue full: %v", err)
	} else if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a preview whose form never comes, with the queue full: %d", resp.StatusCode)
	}
	// Without a script, the form comes back as it was sent, saying so:
	// nothing typed is lost.
	resp = post(t, srv.URL+"/", values)
	page := doc(t, body(t, resp))
	name := find(page, func(n *html.Node) bool { return attr(n, "id") == "f-landlord-name" })
	notice := find(page, func(n *html.Node) bool { return attr(n, "class") == "notice" })
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || len(name) != 1 ||
		attr(name[0], "value") != "Brf Linden" || len(notice) != 1 || text(notice[0]) != word("busy", "sv") {
		t.Errorf("a form with the queue full: %d, Retry-After %q, %v %v", resp.StatusCode, resp.Header.Get("Retry-After"), name, notice)
	}
	s.builders <- b
	if code := <-waited; code != 200 {
		t.Errorf("the waiting request got %d", code)
	}
}

// Nothing a user sends is written to disk: a form with a logo of 5 MiB
// leaves no temporary file.
func TestNothingOnDisk(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	_, srv := server(t, Config{Renders: 1})
	big := make([]byte, property.MaxLogoSize)
	copy(big, "\x89PNG\r\n\x1a\n")
	resp := post(t, srv.URL+"/", append(with(storgatan), [2]string{"do", "check"}), part{"landlord.logo.file", "big.png", big})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("status %d", resp.StatusCode)
	}
	left, _ := os.ReadDir(dir)
	if len(left) > 0 {
		t.Errorf("files were written: %v", left)
	}
}

// The preview answers the problems with their inputs' ids, and the
// pages as pictures.
func TestPreview(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	resp := post(t, srv.URL+"/preview", with(storgatan, "property.postal_code", "4493"))
	b := string(body(t, resp))
	if resp.StatusCode != 200 || !strings.Contains(b, `"ID":"f-property-postal_code"`) || !strings.Contains(b, `"pages":[]`) {
		t.Errorf("preview with a problem: %d %.500s", resp.StatusCode, b)
	}
	resp = post(t, srv.URL+"/preview", with(storgatan, "language", "sv", "languages", "ar", "doc.poster-langs", "sv,ar"))
	b = string(body(t, resp))
	if n := strings.Count(b, "data:image/png;base64,"); n != 6 || !strings.Contains(b, "Svenska + العربية") {
		// two bilingual posters, the leaflet's two pages in each language
		t.Errorf("preview: %d pages: %.1000s", n, regexp.MustCompile(`base64,[^"]*`).ReplaceAllString(b, "…"))
	}
}

// With a municipality's defaults file, the form shows its values as
// inherited beside the inputs (which are then not required), and its
// contacts with a box to leave each out. A form that leaves them empty
// inherits them, one that fills them in overrides them, and the download
// builds with the command line's --defaults into the same PDF files.
func TestDefaultsShownAsInherited(t *testing.T) {
	t.Parallel()
	defaults := filepath.Join("..", "examples", "ale-kommun", "ale-kommun.yaml")
	_, srv := server(t, Config{Renders: 1, Defaults: defaults})
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page := doc(t, body(t, resp))
	byID := func(id string) *html.Node {
		ns := find(page, func(n *html.Node) bool { return attr(n, "id") == id })
		if len(ns) != 1 {
			t.Fatalf("%d elements of id %s", len(ns), id)
		}
		return ns[0]
	}
	for id, want := range map[string]string{
		"f-qr-url-note":        "Lämna tomt för att använda värdet från ale-kommun.yaml: https://example.se/ale/huskurage",
		"f-qr-caption-sv-note": "Lämna tomt för att använda värdet från ale-kommun.yaml: Läs mer om Huskurage i Ale",
	} {
		if got := text(byID(id)); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	if url := byID("f-qr-url"); hasAttr(url, "required") || !strings.Contains(attr(url, "aria-describedby"), "f-qr-url-note") {
		t.Errorf("the inherited link's input: %v", url.Attr)
	}
	drop := byID("f-contacts-drop-Socialtj-nsten-kontaktcenter")
	if attr(drop, "name") != "contacts.drop" || attr(drop, "value") != "Socialtjänsten, kontaktcenter" || hasAttr(drop, "checked") {
		t.Errorf("the inherited contact's box: %v", drop.Attr)
	}
	for _, id := range []string{"kvinnofridslinjen", "bris", "terrafem"} {
		if !hasAttr(byID("f-support_lines-"+id), "checked") {
			t.Errorf("the inherited support line %s is not checked", id)
		}
	}

	// Left empty: inherited, and not written into the property file.
	// Overridden: written. Left out: a contact removed.
	own := with(storgatan, "qr.url", "")
	overridden := append(with(storgatan, "qr.url", "https://example.se/linden"), [2]string{"contacts.drop", "Socialtjänsten, kontaktcenter"})
	for _, c := range []struct {
		name          string
		values        [][2]string
		has, lacks    []string
		text, notText string
	}{
		{"inherited", own, nil, []string{"qr:", "remove"}, "Läs mer om Huskurage i Ale", ""},
		{"overridden", overridden, []string{"url: https://example.se/linden", "name: Socialtjänsten, kontaktcenter\n    remove: true"},
			nil, "Läs mer om Huskurage i Ale", "kontaktcenter"},
	} {
		resp := post(t, srv.URL+"/", append(c.values, [2]string{"do", "download"}))
		b := body(t, resp)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d\n%.2000s", c.name, resp.StatusCode, b)
		}
		files := unzip(t, b)
		yml := string(files["storgatan-7.yaml"])
		for _, s := range c.has {
			if !strings.Contains(yml, s) {
				t.Errorf("%s: the property file lacks %q:\n%s", c.name, s, yml)
			}
		}
		for _, s := range c.lacks {
			if strings.Contains(yml, s) {
				t.Errorf("%s: the property file has %q:\n%s", c.name, s, yml)
			}
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "storgatan-7.yaml"), files["storgatan-7.yaml"], 0o644)
		var built []string
		err := pipeline.Write(context.Background(), []string{filepath.Join(dir, "storgatan-7.yaml")}, pipeline.Request{
			Out: filepath.Join(dir, "out"), Defaults: defaults,
			Progress: func(_, _ int, r pipeline.Result) { built = append(built, r.Paths...) }})
		if err != nil || len(built) == 0 {
			t.Fatalf("%s: huskurage build --defaults: %v %v", c.name, err, built)
		}
		for _, p := range built {
			disk, _ := os.ReadFile(p)
			if !bytes.Equal(disk, files[filepath.Base(p)]) {
				t.Errorf("%s: %s differs from the command line's with --defaults", c.name, filepath.Base(p))
			}
		}
		leaflet := pdfText(t, files["storgatan-7-leaflet-sv.pdf"])
		if !strings.Contains(leaflet, c.text) || c.notText != "" && strings.Contains(leaflet, c.notText) {
			t.Errorf("%s: the leaflet reads:\n%s", c.name, leaflet)
		}
	}
}

// pdfText is a PDF file's text as pdftotext reads it, spaces folded.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if data == nil {
		t.Fatal("no PDF file")
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (install poppler-utils)", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Every language of the list is offered with its review state, as
// `huskurage languages` shows it, in the main language's choice and
// among the others: here English reviewed (a texts file that says so),
// the rest not.
func TestLanguagesWithTheirReviewState(t *testing.T) {
	t.Parallel()
	over := filepath.Join(t.TempDir(), "en.yaml")
	if err := os.WriteFile(over, []byte("code: en\nreviewed: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	texts, _, err := (*templates.Set)(nil).WithOverride(over, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, srv := server(t, Config{Renders: 1, Texts: texts})
	reviewed := 0
	for _, ui := range []string{"sv", "en"} {
		resp, err := http.Get(srv.URL + "/?lang=" + ui)
		if err != nil {
			t.Fatal(err)
		}
		page := doc(t, body(t, resp))
		for _, code := range texts.Codes() {
			l, err := texts.Load(code)
			if err != nil {
				t.Fatal(err)
			}
			state := word("not.reviewed", ui)
			if l.Reviewed {
				state = word("reviewed", ui)
				reviewed++
			}
			opt := find(page, func(n *html.Node) bool { return n.Data == "option" && attr(n, "value") == code })
			if len(opt) != 1 || !strings.Contains(text(opt[0]), l.Name) || !strings.HasSuffix(text(opt[0]), " "+state) {
				t.Errorf("%s: the main language's choice of %s does not say %q", ui, code, state)
			}
			box := find(page, func(n *html.Node) bool { return attr(n, "for") == "f-languages-"+code })
			if len(box) != 1 || !strings.HasSuffix(text(box[0]), " "+state) {
				t.Errorf("%s: the check box of %s does not say %q", ui, code, state)
			}
		}
	}
	if reviewed != 2 {
		t.Errorf("English is reviewed in %d of the 2 pages", reviewed)
	}
}

// A logo is checked as the command line checks it: each bad one gets,
// beside the logo's input, the very words `huskurage check` prints for
// the same file beside a property file; the landlord may then leave it
// out, and the form builds.
func TestLogoCheckedAsTheCommandLine(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join("..", "examples", "logo-exempel.png"))
	if err != nil {
		t.Fatal(err)
	}
	huge := new(bytes.Buffer) // a PNG's header that says 5000 × 5000 pixels
	huge.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := []byte("IHDR\x00\x00\x13\x88\x00\x00\x13\x88\x08\x02\x00\x00\x00")
	binary.Write(huge, binary.BigEndian, uint32(len(ihdr)-4))
	huge.Write(ihdr)
	binary.Write(huge, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	big := make([]byte, property.MaxLogoSize+1)
	copy(big, good)
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	_, srv := server(t, Config{Renders: 1})
	// A good logo is shown in the form, from the form's own data.
	resp := post(t, srv.URL+"/", append(with(storgatan), [2]string{"do", "check"}), part{"landlord.logo.file", "logga.png", good})
	shown := find(doc(t, body(t, resp)), func(n *html.Node) bool {
		return n.Data == "img" && attr(n, "src") == "data:image/png;base64,"+base64.StdEncoding.EncodeToString(good)
	})
	if resp.StatusCode != 200 || len(shown) != 1 {
		t.Errorf("a good logo: %d, shown %d times", resp.StatusCode, len(shown))
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"notes.png", []byte("hello")},
		{"logo.gif", gif},
		{"big.png", big},
		{"truncated.png", good[:len(good)/2]},
		{"huge.png", huge.Bytes()},
	} {
		// What the command line says of it.
		if err := os.WriteFile(filepath.Join(dir, c.name), c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		src := "landlord:\n  name: Brf Linden\n  logo: " + c.name + "\nproperty:\n  address: Storgatan 7\n" +
			"  postal_code: 449 30\n  city: Nödinge\nqr:\n  url: https://example.se/h\n"
		_, err := property.Parse([]byte(src), "hus.yaml", dir, property.Options{Covers: pipeline.Covers})
		var list property.ErrorList
		if !errors.As(err, &list) || len(list) != 1 || list[0].Field != "landlord.logo" {
			t.Fatalf("%s: the command line says %v", c.name, err)
		}
		want := problem{err: list[0]}.Text("sv") // the page's language

		resp := post(t, srv.URL+"/", append(with(storgatan), [2]string{"do", "check"}), part{"landlord.logo.file", c.name, c.data})
		page := doc(t, body(t, resp))
		msgs := find(page, func(n *html.Node) bool { return attr(n, "id") == "f-landlord-logo-file-err" })
		if resp.StatusCode != http.StatusUnprocessableEntity || len(msgs) != 1 || text(msgs[0]) != want {
			got := ""
			if len(msgs) == 1 {
				got = text(msgs[0])
			}
			t.Errorf("%s: %d, beside the logo %q, want %q", c.name, resp.StatusCode, got, want)
			continue
		}
		// Left out: the form builds.
		values := append(formValues(page, "main"), [2]string{"landlord.logo.drop", "1"}, [2]string{"do", "download"})
		if resp := post(t, srv.URL+"/", values); resp.StatusCode != 200 {
			t.Errorf("%s left out: %d", c.name, resp.StatusCode)
		}
	}
}

// lockedBuffer is a log's output, safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// One line of log/slog per request, with its method, path, status, size
// and time; a panic is a logged 500, never a dropped connection. The
// http.Server has every timeout a server open to a network needs.
func TestRequestLogAndTimeouts(t *testing.T) {
	t.Parallel()
	var out lockedBuffer
	s, err := New(Config{Renders: 1, Log: slog.New(slog.NewJSONHandler(&out, nil))})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", s.Handler())
	mux.Handle("/panic", s.logged(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("a bug of ours") })))
	srv := httptest.NewServer(mux)
	http.Get(srv.URL + "/healthz")
	post(t, srv.URL+"/preview", with(storgatan, "property.postal_code", "4493"))
	resp, err := http.Get(srv.URL + "/panic")
	if err != nil || resp.StatusCode != 500 {
		t.Errorf("a panic: %v %v", resp, err)
	}
	srv.Close() // waits for the handlers, and so for their lines
	type line struct {
		Msg, Method, Path string
		Status, Bytes     int
		Ms                *float64
		Panic             string
	}
	var lines []line
	for _, l := range strings.Split(strings.TrimSpace(out.b.String()), "\n") {
		var ln line
		if err := json.Unmarshal([]byte(l), &ln); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		lines = append(lines, ln)
	}
	want := []string{"request GET /healthz 200", "request POST /preview 200", "panic GET /panic 0", "request GET /panic 500"}
	var got []string
	for _, l := range lines {
		got = append(got, fmt.Sprintf("%s %s %s %d", l.Msg, l.Method, l.Path, l.Status))
		if l.Msg == "request" && (l.Ms == nil || l.Bytes == 0) {
			t.Errorf("a line without its time or size: %+v", l)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the log:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	hs := s.HTTPServer("127.0.0.1:0")
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
		t.Errorf("a timeout or limit not set: %+v", hs)
	}
}

// No user input reaches a file path: a property file uploaded that names
// a logo on the server's disk (absolute, or up out of any folder) finds
// only the files sent with it, and the server reads none of its own.
func TestNoInputReachesAPath(t *testing.T) {
	t.Parallel()
	logo, err := filepath.Abs(filepath.Join("..", "examples", "logo-exempel.png"))
	if err != nil {
		t.Fatal(err)
	}
	_, srv := server(t, Config{Renders: 1})
	for _, name := range []string{logo, "../examples/logo-exempel.png", "../../../../../../" + logo} {
		src := "landlord:\n  name: Brf Linden\n  logo: " + name + "\nproperty:\n  address: Storgatan 7\n" +
			"  postal_code: 449 30\n  city: Nödinge\nqr:\n  url: https://example.se/h\n"
		resp := post(t, srv.URL+"/upload", nil, part{"files", "hus.yaml", []byte(src)})
		b := body(t, resp)
		page := doc(t, b)
		// The form without a logo (nothing to leave out), and check's
		// words above it.
		want := "hus.yaml:3:9: landlord.logo: logo file " + name + " not found (the logo must be among the files given with the property file)"
		if resp.StatusCode != 200 || strings.Contains(string(b), `id="f-landlord-logo-file-drop"`) || !strings.Contains(text(page), want) {
			t.Errorf("logo %s: %d\n%.2000s", name, resp.StatusCode, text(page))
		}
	}
}

// The preview is bounded whatever the property: with 50 entrances in 15
// languages (750 pages to print) it shows the posters of the first
// entrances in the first languages, with the leaflets, and says what it
// leaves out; the download has them all.
func TestPreviewBounded(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	values := with(storgatan)
	for i := range property.MaxEntrances - 2 {
		values = append(values, [2]string{"property.entrances", fmt.Sprint(i + 10)})
	}
	values = append(values, [2]string{"language", "sv"})
	langs := []string{"ar", "en", "fi", "so", "ti", "am", "fa", "tr", "uk", "pl", "es", "bs", "ckb", "sv-x-ll"}
	for _, c := range langs {
		values = append(values, [2]string{"languages", c})
	}
	resp := post(t, srv.URL+"/preview", values)
	b := body(t, resp)
	var ans struct {
		Problems []summary
		Pages    []preview
		Note     string
	}
	if err := json.Unmarshal(b, &ans); err != nil || resp.StatusCode != 200 || len(ans.Problems) > 0 {
		t.Fatalf("%d %v %v", resp.StatusCode, err, ans.Problems)
	}
	want := (PreviewEntrances + 2) * PreviewLanguages // posters and the leaflet's two pages
	if len(ans.Pages) != want {
		t.Errorf("%d pages in the preview, want %d", len(ans.Pages), want)
	}
	if note := fmt.Sprintf("Förhandsvisningen visar %d av %d uppgångar och %d av %d språk; nedladdningen har alla.",
		PreviewEntrances, property.MaxEntrances, PreviewLanguages, len(langs)+1); ans.Note != note {
		t.Errorf("the note: %q, want %q", ans.Note, note)
	}
	// Without a script, the checked form says the same.
	resp = post(t, srv.URL+"/", append(values, [2]string{"do", "check"}))
	page := doc(t, body(t, resp))
	imgs := find(page, func(n *html.Node) bool { return n.Data == "img" && strings.HasPrefix(attr(n, "src"), "data:image/png") })
	status := find(page, func(n *html.Node) bool { return attr(n, "id") == "preview-status" })
	if len(imgs) != want || len(status) != 1 || !strings.Contains(text(status[0]), ans.Note) {
		t.Errorf("without a script: %d pictures, %d: %.3000s", len(imgs), resp.StatusCode, text(page))
	}
	// A property within the bounds: every page, no note.
	resp = post(t, srv.URL+"/preview", with(storgatan))
	ans.Note = "unset"
	if err := json.Unmarshal(body(t, resp), &ans); err != nil || len(ans.Pages) != 4 || ans.Note != "" {
		t.Errorf("Storgatan 7: %d pages, note %q (%v)", len(ans.Pages), ans.Note, err)
	}
}

// Without a script, entrances and contacts are added and removed by the
// form's buttons, and nothing else typed changes.
func TestAddAndRemove(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	values := func(page *html.Node, name string) []string {
		var out []string
		for _, n := range find(page, func(n *html.Node) bool { return n.Data == "input" && attr(n, "name") == name }) {
			out = append(out, attr(n, "value"))
		}
		return out
	}
	step := func(vals [][2]string, do string) *html.Node {
		t.Helper()
		resp := post(t, srv.URL+"/", append(vals, [2]string{"do", do}))
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", do, resp.StatusCode)
		}
		return doc(t, body(t, resp))
	}
	page := step(with(storgatan), "add:property.entrances")
	if got := values(page, "property.entrances"); !slices.Equal(got, []string{"7A", "7B", ""}) {
		t.Errorf("an entrance added: %q", got)
	}
	page = step(formValues(page, "main"), "remove:property.entrances:0")
	if got := values(page, "property.entrances"); !slices.Equal(got, []string{"7B", ""}) {
		t.Errorf("the first entrance removed: %q", got)
	}
	page = step(formValues(page, "main"), "add:contacts")
	if got := values(page, "contacts[1].name"); !slices.Equal(got, []string{""}) {
		t.Errorf("a contact added: %q", got)
	}
	vals := with(formValues(page, "main"), "contacts[1].name", "Fastighetsjouren", "contacts[1].phone", "031-10 20 30")
	page = step(vals, "remove:contacts:0")
	if got := values(page, "contacts[0].name"); !slices.Equal(got, []string{"Fastighetsjouren"}) {
		t.Errorf("the first contact removed: contacts[0] is %q", got)
	}
	if got := values(page, "contacts[1].name"); len(got) != 0 {
		t.Errorf("the first contact removed: contacts[1] is %q", got)
	}
	if got := values(page, "landlord.name"); !slices.Equal(got, []string{"Brf Linden"}) {
		t.Errorf("the landlord's name became %q", got)
	}
}

// Every text input takes its direction from what is typed in it (or is
// given its language's): a landlord's name or a street typed in Arabic
// reads right to left as it is typed.
func TestTextInputsTakeTheirDirection(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	inputs := find(doc(t, body(t, resp)), func(n *html.Node) bool { return n.Data == "input" && attr(n, "type") == "text" })
	if len(inputs) < 5 {
		t.Fatalf("only %d text inputs", len(inputs))
	}
	for _, n := range inputs {
		if d := attr(n, "dir"); d != "auto" && d != "ltr" && d != "rtl" {
			t.Errorf("input %s has no direction (dir=%q)", attr(n, "name"), d)
		}
	}
}
