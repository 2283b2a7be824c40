package web

// The form as a landlord uses it: Debian's Chromium, headless, driven by
// chromedp (internal/browser), one browser for every case, a tab each.
// The landlord types the property, sees the problem beside a wrong postal
// code, fixes it, sees the preview change, downloads the ZIP file, whose
// PDF files are checked with pdftotext, qpdf and zbarimg; the same
// without JavaScript; with the keyboard alone; and the pages are checked
// with axe-core against WCAG 2.2 AA. -pictures DIR keeps screenshots of
// the form and its preview (the README's).

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	hbrowser "huskurage/internal/browser"
)

var pictures = flag.String("pictures", "", "write screenshots of the form and its preview into this folder")

var chromium hbrowser.Shared

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	chromium.Close()
	os.Exit(code)
}

// tab opens a tab of the shared browser on the form of a new server; the
// tab may ask the server for anything, and nothing else.
func tab(t *testing.T, cfg Config, path string) (*hbrowser.Tab, string) {
	t.Helper()
	tb := chromium.Tab(t)
	_, srv := server(t, cfg)
	tb.Allow(srv.URL + "/*")
	if err := tb.Viewport(1280, 900, false); err != nil {
		t.Fatal(err)
	}
	if path != "" {
		if err := tb.Open(srv.URL + path); err != nil {
			t.Fatal(err)
		}
	}
	return tb, srv.URL
}

func do(t *testing.T, tb *hbrowser.Tab, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.Context(), 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, tb *hbrowser.Tab, js string) T {
	t.Helper()
	v, err := hbrowser.Eval[T](tb, js)
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// typeInto types text into the input of id as a person does, key by key.
func typeInto(id, text string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(chromedp.ID(id), text)
}

// replace clears the input of id and types text.
func replace(id, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Focus(chromedp.ID(id)), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent(text))
}

// download starts a download with steps and returns the file's bytes.
func download(t *testing.T, tb *hbrowser.Tab, steps ...chromedp.Action[chromedp.Void]) []byte {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(tb.Context(), 60*time.Second)
	defer cancel()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	allow := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		yes := true
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes})
		return err
	})
	if err := chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{allow}, steps...)...); err != nil {
		t.Fatal(err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("waiting for the download: %v", err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			path := ev.FilePath
			if path == "" {
				path = filepath.Join(dir, ev.GUID)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				entries, _ := os.ReadDir(dir)
				t.Fatalf("%v (the folder holds %v)", err, entries)
			}
			return b
		case browser.DownloadProgressStateCanceled:
			t.Fatal("the download was cancelled")
		}
	}
	t.Fatal("no download")
	return nil
}

// checkPDFs checks the documents of a downloaded ZIP file as users'
// tools see them: the texts the landlord typed (pdftotext), a valid file
// (qpdf --check), the QR code's link (pdftoppm and zbarimg).
func checkPDFs(t *testing.T, zipData []byte, want []string, link string) map[string][]byte {
	t.Helper()
	files := unzip(t, zipData)
	dir := t.TempDir()
	pdfs := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".pdf") {
			continue
		}
		pdfs++
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check %s: %v\n%s", name, err, out)
		}
		if !strings.Contains(name, "-leaflet-") {
			continue
		}
		txt, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v (install poppler-utils)", err)
		}
		flat := strings.Join(strings.Fields(string(txt)), " ")
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		png := filepath.Join(dir, "page")
		if out, err := exec.Command("pdftoppm", "-png", "-r", "150", "-f", "2", "-l", "2", "-singlefile", p, png).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		code, err := exec.Command("zbarimg", "-q", "--raw", png+".png").Output()
		if err != nil || strings.TrimSpace(string(code)) != link {
			t.Errorf("zbarimg of %s: %q (%v), want %q", name, code, err, link)
		}
	}
	if pdfs == 0 {
		t.Errorf("the ZIP file holds no PDF files: %v", keys(files))
	}
	return files
}

// The landlord's way through the form, with the script: type, see the
// problem, fix it, see the preview change, download.
func TestBrowserLandlord(t *testing.T) {
	t.Parallel()
	tb, _ := tab(t, Config{Renders: 2}, "/")
	do(t, tb,
		typeInto("f-landlord-name", "Brf Linden"),
		typeInto("f-property-address", "Storgatan 7"),
		typeInto("f-property-postal_code", "4493"),
		typeInto("f-property-city", "Nödinge"),
		typeInto("f-qr-url", "https://example.se/linden"),
	)
	// The problem beside the postal code, in the loader's words, and in
	// the summary with a link to it.
	do(t, tb, chromedp.WaitVisible(chromedp.CSS("#f-property-postal_code-err .problem")))
	msg := eval[string](t, tb, `document.querySelector('#f-property-postal_code-err .problem').textContent`)
	if msg != `"4493" är inget svenskt postnummer (fem siffror, t.ex. 449 30)` {
		t.Errorf("beside the postal code: %q", msg)
	}
	if !eval[bool](t, tb, `document.getElementById('f-property-postal_code').getAttribute('aria-invalid') === 'true' &&
		!!document.querySelector('#summary a[href="#f-property-postal_code"]')`) {
		t.Errorf("the input is not marked invalid, or the summary does not link to it")
	}
	if *pictures != "" {
		shot(t, tb, "serve-problem.png", "f-property")
	}
	// Fixed: the problem goes, the pages come.
	do(t, tb, replace("f-property-postal_code", "449 30"),
		chromedp.WaitNotVisible(chromedp.ID("f-property-postal_code-err")),
		chromedp.WaitVisible(chromedp.CSS("#pages figure:nth-child(3) img")))
	before := eval[[]string](t, tb, `Array.from(document.querySelectorAll('#pages figcaption')).map(f => f.textContent)`)
	if fmt.Sprint(before) != "[Affisch · Svenska · A4 · sida 1 av 1 Folder · Svenska · A5 · sida 1 av 2 Folder · Svenska · A5 · sida 2 av 2]" {
		t.Errorf("the preview's pages: %q", before)
	}
	firstSrc := eval[string](t, tb, `document.querySelector('#pages img').src`)
	// An entrance: a poster for it, and the preview changes.
	do(t, tb, typeInto("f-property-entrances-0", "7A"))
	waitFor(t, tb, `document.querySelector('#pages figcaption') && document.querySelector('#pages figcaption').textContent.startsWith('Affisch 7A')`)
	if src := eval[string](t, tb, `document.querySelector('#pages img').src`); src == firstSrc {
		t.Errorf("the poster's picture did not change with its entrance")
	}
	if *pictures != "" {
		shot(t, tb, "serve-form.png", "f-landlord")
	}
	zipData := download(t, tb, chromedp.Click(chromedp.CSS(`.actions button[value="download"]`)))
	files := checkPDFs(t, zipData, []string{"Brf Linden", "Storgatan 7", "449 30 Nödinge"}, "https://example.se/linden")
	if files["storgatan-7-poster-7a-sv.pdf"] == nil || files["storgatan-7.yaml"] == nil {
		t.Errorf("the ZIP file holds %v", keys(files))
	}
}

// waitFor waits until a JavaScript condition holds.
func waitFor(t *testing.T, tb *hbrowser.Tab, cond string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !eval[bool](t, tb, "!!("+cond+")") {
		if time.Now().After(deadline) {
			t.Fatalf("waited in vain for %s", cond)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The basic way without JavaScript: the form, its problems from the
// server, the pages when checked, the download.
func TestBrowserWithoutJavaScript(t *testing.T) {
	t.Parallel()
	tb, u := tab(t, Config{Renders: 2}, "")
	if _, err := chromedp.Call(tb.Context(), emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := tb.Open(u + "/"); err != nil {
		t.Fatal(err)
	}
	if eval[bool](t, tb, `document.documentElement.classList.contains('js')`) {
		t.Fatal("the script ran")
	}
	do(t, tb,
		typeInto("f-landlord-name", "Brf Linden"),
		typeInto("f-property-address", "Storgatan 7"),
		typeInto("f-property-postal_code", "4493"),
		typeInto("f-property-city", "Nödinge"),
		typeInto("f-qr-url", "https://example.se/linden"),
		chromedp.Click(chromedp.CSS(`.actions button[value="check"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-property-postal_code-err .problem")),
	)
	// Nothing typed is lost.
	if v := eval[string](t, tb, `document.getElementById('f-landlord-name').value`); v != "Brf Linden" {
		t.Errorf("after the check the name is %q", v)
	}
	do(t, tb, replace("f-property-postal_code", "449 30"),
		chromedp.Click(chromedp.CSS(`.actions button[value="check"]`)),
		chromedp.WaitVisible(chromedp.CSS("#pages img")))
	if n := eval[int](t, tb, `Array.from(document.querySelectorAll('#pages img')).filter(i => i.complete && i.naturalWidth > 100).length`); n != 3 {
		t.Errorf("the checked form shows %d pictures of pages", n)
	}
	// With the office's print sheets: they come in the ZIP file, with
	// the posters, the leaflet and the property file.
	do(t, tb, chromedp.Click(chromedp.ID("f-doc-sheets-1")))
	zipData := download(t, tb, chromedp.Click(chromedp.CSS(`.actions button[value="download"]`)))
	files := checkPDFs(t, zipData, []string{"Brf Linden", "449 30 Nödinge"}, "https://example.se/linden")
	for _, name := range []string{"storgatan-7-poster-sv.pdf", "storgatan-7-leaflet-sv.pdf", "storgatan-7-print-office.pdf", "storgatan-7.yaml"} {
		if files[name] == nil {
			t.Errorf("the ZIP file lacks %s: %v", name, keys(files))
		}
	}

	// Next year: the ZIP file uploaded on a fresh page fills in the form
	// again, checked, with its pages.
	saved := filepath.Join(t.TempDir(), "storgatan-7.zip")
	if err := os.WriteFile(saved, zipData, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := tb.Open(u + "/"); err != nil {
		t.Fatal(err)
	}
	do(t, tb, chromedp.Click(chromedp.CSS("details.upload summary")),
		chromedp.SetUploadFiles(chromedp.ID("upload-files"), []string{saved}),
		chromedp.Click(chromedp.CSS(`details.upload button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#pages img")))
	for id, want := range map[string]string{"f-landlord-name": "Brf Linden", "f-property-postal_code": "449 30",
		"f-qr-url": "https://example.se/linden"} {
		if v := eval[string](t, tb, `document.getElementById('`+id+`').value`); v != want {
			t.Errorf("after the upload %s is %q, want %q", id, v, want)
		}
	}
	if n := eval[int](t, tb, `document.querySelectorAll('#pages img').length`); n != 3 {
		t.Errorf("the uploaded form shows %d pages", n)
	}
}

// With the keyboard alone: every input is reached with Tab, typed into,
// and the download started with Enter.
func TestBrowserKeyboard(t *testing.T) {
	t.Parallel()
	tb, _ := tab(t, Config{Renders: 2}, "/")
	type step struct{ id, text string }
	steps := []step{{"f-landlord-name", "Brf Linden"}, {"f-property-address", "Storgatan 7"},
		{"f-property-postal_code", "449 30"}, {"f-property-city", "Nödinge"}, {"f-qr-url", "https://example.se/linden"}}
	reached := map[string]bool{}
	for _, s := range steps {
		for i := 0; ; i++ {
			if i > 200 {
				t.Fatalf("Tab never reached %s", s.id)
			}
			do(t, tb, chromedp.KeyEvent("\t"))
			id := eval[string](t, tb, `document.activeElement.id || document.activeElement.value || ''`)
			reached[id] = true
			if id == s.id {
				break
			}
		}
		do(t, tb, chromedp.KeyEvent(s.text))
	}
	// Every input and button of the form on the way was reached.
	for i := 0; i < 200; i++ {
		do(t, tb, chromedp.KeyEvent("\t"))
		id := eval[string](t, tb, `document.activeElement.id || document.activeElement.value || ''`)
		reached[id] = true
		if id == "download" {
			break
		}
	}
	missed := eval[[]string](t, tb, `Array.from(document.querySelectorAll('#main input:not([type=hidden]), #main select, #main button'))
		.filter(e => e.tabIndex >= 0 && !e.closest('details:not([open])') && !(e.type === 'radio' && !e.checked))
		.map(e => e.id || e.value)`)
	for _, id := range missed {
		if !reached[id] {
			t.Errorf("Tab never reached %s", id)
		}
	}
	do(t, tb, chromedp.Focus(chromedp.CSS(`.actions button[value="download"]`)))
	zipData := download(t, tb, chromedp.KeyEvent("\r"))
	checkPDFs(t, zipData, []string{"Brf Linden"}, "https://example.se/linden")
}

// axe-core finds no violation of WCAG 2.2 AA on the form (empty, with
// problems, with its preview, in English, with a municipality's
// defaults) and on the municipality's page.
func TestBrowserAccessible(t *testing.T) {
	t.Parallel()
	defaults := filepath.Join("..", "examples", "ale-kommun", "ale-kommun.yaml")
	for _, c := range []struct {
		name string
		cfg  Config
		path string
		fill bool
	}{
		{"empty", Config{Renders: 1}, "/", false},
		{"english", Config{Renders: 1}, "/?lang=en", false},
		{"problems and preview", Config{Renders: 1}, "/", true},
		{"defaults", Config{Renders: 1, Defaults: defaults}, "/", true},
		{"municipality", Config{Renders: 1}, "/kommun", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb, _ := tab(t, c.cfg, c.path)
			if c.fill {
				do(t, tb, typeInto("f-landlord-name", "Brf Linden"), typeInto("f-property-postal_code", "4493"),
					chromedp.WaitVisible(chromedp.CSS("#summary h2")))
				do(t, tb, typeInto("f-property-address", "Storgatan 7"), typeInto("f-property-city", "Nödinge"),
					typeInto("f-qr-url", "https://example.se/linden"), replace("f-property-postal_code", "449 30"),
					chromedp.WaitVisible(chromedp.CSS("#pages img")))
			}
			res, err := tb.Axe(hbrowser.WCAG22AA...)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Violations) > 0 {
				t.Errorf("axe-core %s finds:\n%s", res.Version, hbrowser.Report(res.Violations))
			}
			for _, rule := range []string{"label", "color-contrast", "html-has-lang", "document-title"} {
				if !res.Passed(rule) {
					t.Errorf("axe-core's rule %s did not run and pass", rule)
				}
			}
			if blocked := tb.Blocked(); len(blocked) > 0 {
				t.Errorf("the page asked for %v", blocked)
			}
			if refused, _ := tb.Refused(); len(refused) > 0 {
				t.Errorf("the page's security policy refused %v", refused)
			}
		})
	}
}

// shot keeps a screenshot of what the window shows, scrolled to the
// element of id, for the README.
func shot(t *testing.T, tb *hbrowser.Tab, name, id string) {
	t.Helper()
	eval[bool](t, tb, `document.getElementById('`+id+`').scrollIntoView({block: 'start'}); true`)
	b, err := chromedp.Run(tb.Context(), chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*pictures, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
