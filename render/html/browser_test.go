package html_test

// The web page as a reader's browser shows it: Debian's Chromium, headless,
// one browser for every case, a tab each, in parallel. Each page is
// served from a loopback server and checked with axe-core against WCAG
// 2.2 AA, its tel: links against the numbers the PDF of the same
// document prints (pdftotext), and for requests: every one besides the
// page itself is stopped and fails the test. Screenshots at a phone's
// width and a desktop's are taken; -pictures DIR keeps them (the README's
// picture is made so, by scripts/pictures.sh).

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"huskurage/content"
	"huskurage/internal/browser"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/render"
	"huskurage/templates"
	"huskurage/typeset"
)

var pictures = flag.String("pictures", "", "write the pages' screenshots into this folder")

// The browser is started by the first test that needs it, and stopped
// when the package's tests are done.
var chromium browser.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	chromium.Close()
	os.Exit(code)
}

// tab opens a tab of the shared browser, closed when t ends.
func tab(t *testing.T) *browser.Tab {
	t.Helper()
	tb := chromium.Tab(t)
	return tb
}

// page is a document made as the build makes it, as a web page and as a
// PDF.
type page struct {
	name   string // file name
	langs  []string
	prop   *property.Property
	html   []byte
	pdf    []byte
	layout *layout.Doc
}

var fonts = sync.OnceValues(typeset.Default)

// makePage lays out the leaflet of the property file in the languages
// (two: a leaflet with a side each) and renders it both ways.
func makePage(t *testing.T, file string, langs ...string) *page {
	t.Helper()
	f, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	p, err := property.Load(file, property.Options{Covers: f.Covers})
	if err != nil {
		t.Fatal(err)
	}
	var docs []content.Document
	for _, code := range langs {
		l, err := templates.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, content.Build(p, l, ""))
	}
	engine := typeset.NewEngine(f)
	var d *layout.Doc
	if len(docs) == 2 {
		d, err = layout.LeafletSides([2]content.Document(docs), "A5", engine)
	} else {
		d, err = layout.Leaflet(docs[0], "A5", engine)
	}
	if err != nil {
		t.Fatal(err)
	}
	out := &page{name: p.ID + "-leaflet-" + strings.Join(langs, "-") + ".html", langs: langs, prop: p, layout: d}
	for _, format := range []string{render.HTML, render.PDF} {
		r, err := render.New(format, f, render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := render.Bytes(r, d)
		if err != nil {
			t.Fatal(err)
		}
		if format == render.HTML {
			out.html = b
		} else {
			out.pdf = b
		}
	}
	return out
}

// serve serves files at their names from a loopback server, closed when
// t ends.
func serve(t *testing.T, files map[string][]byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := files[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// phoneLike finds what reads as a phone number in text: digit groups
// joined by single spaces or hyphens, with an optional leading +.
var phoneLike = regexp.MustCompile(`\+?[0-9]+(?:[ \x{a0}-][0-9]+)*`)

var isoDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// printedNumbers returns the phone numbers the PDF prints, as pdftotext
// reads them: what reads as a number with three digits or more, but the
// property's postal code and the date the numbers were checked.
func printedNumbers(t *testing.T, p *page) []string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, p.pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var nums []string
	for _, n := range phoneLike.FindAllString(string(out), -1) {
		n = strings.ReplaceAll(n, "\u00a0", " ")
		digits := len(regexp.MustCompile(`[0-9]`).FindAllString(n, -1))
		if digits < 3 || n == p.prop.Building.PostalCode || isoDate.MatchString(n) {
			continue
		}
		if !slices.Contains(nums, n) {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	return nums
}

// link is an <a> of the page.
type link struct {
	Text string `json:"text"`
	Href string `json:"href"`
}

func TestBrowser(t *testing.T) {
	t.Parallel()
	const ale, kastanjen = "../../examples/ale-storgatan.yaml", "../../examples/goteborg-brf-kastanjen.yaml"
	cases := []struct {
		file  string
		langs []string
		dir   string
	}{
		{ale, []string{"sv"}, "ltr"},
		{ale, []string{"ar"}, "rtl"},
		{ale, []string{"am"}, "ltr"},
		{ale, []string{"sv-x-ll"}, "ltr"},
		{ale, []string{"sv", "ar"}, "ltr"}, // a leaflet with a side in each
		{kastanjen, []string{"fa"}, "rtl"}, // no logo, one support line
		{kastanjen, []string{"ti"}, "ltr"},
	}
	pages := make([]*page, len(cases))
	files := map[string][]byte{}
	for i, c := range cases {
		pages[i] = makePage(t, c.file, c.langs...)
		files[pages[i].name] = pages[i].html
	}
	srv := serve(t, files)
	for i, c := range cases {
		p := pages[i]
		t.Run(strings.Join(c.langs, "+"), func(t *testing.T) {
			t.Parallel()
			tb := tab(t)
			if err := tb.Viewport(360, 740, true); err != nil {
				t.Fatal(err)
			}
			url := srv.URL + "/" + p.name
			if err := tb.Open(url); err != nil {
				t.Fatal(err)
			}
			checkPage(t, tb, p, c.langs, c.dir)
			checkTel(t, tb, p)
			checkAxe(t, tb, p)
			checkWidths(t, tb, p)
			// Nothing but the page was asked for: no style, font,
			// script, picture or icon from anywhere.
			if asked := tb.Asked(); !slices.Equal(asked, []string{url}) {
				t.Errorf("the page asked for %q, want only itself", asked)
			}
			if refused, err := tb.Refused(); err != nil || len(refused) > 0 {
				t.Errorf("the page tried to load %q (%v), which its security policy refused", refused, err)
			}
		})
	}
}

// checkPage checks the page's languages and directions, its QR code's
// link and its logo.
func checkPage(t *testing.T, tb *browser.Tab, p *page, langs []string, dir string) {
	t.Helper()
	got, err := browser.Eval[[]string](tb, `[document.documentElement.lang, document.documentElement.dir,
		...[...document.querySelectorAll('main [lang]')].map(e => e.lang + ' ' + (e.closest('[dir]').dir))]`)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != langs[0] || got[1] != dir {
		t.Errorf("<html lang=%q dir=%q>, want %q and %q", got[0], got[1], langs[0], dir)
	}
	if len(langs) == 2 && !slices.Contains(got[2:], langs[1]+" rtl") {
		t.Errorf("no part in %s, right to left: parts %q", langs[1], got[2:])
	}
	links, err := browser.Eval[[]link](tb, `[...document.querySelectorAll('a')].map(a => ({text: a.textContent, href: a.getAttribute('href')}))`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(links, func(l link) bool { return l.Href == p.prop.QR.URL && strings.Contains(l.Text, p.prop.QR.URL) }) {
		t.Errorf("no link to the QR code's %s: %v", p.prop.QR.URL, links)
	}
	logo, err := browser.Eval[[]string](tb, `[...document.images].map(i => i.complete && i.naturalWidth > 0 ? i.src.slice(0, 22) : 'broken')`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{}
	if p.prop.Landlord.Logo != nil {
		for range langs { // a side each
			want = append(want, "data:image/png;base64,")
		}
	}
	if !slices.Equal(logo, want) {
		t.Errorf("pictures %q, want %q (the logo, inline)", logo, want)
	}
}

// checkTel checks that every phone number the PDF prints is a tel: link
// on the page, wherever the page says it, with the number's digits (and
// a leading +) in the link; and that every tel: link is such a number.
func checkTel(t *testing.T, tb *browser.Tab, p *page) {
	t.Helper()
	printed := printedNumbers(t, p)
	if len(printed) < 4 {
		t.Fatalf("the PDF prints only %q: not a leaflet's numbers", printed)
	}
	links, err := browser.Eval[[]link](tb, `[...document.querySelectorAll('a[href^="tel:"]')].map(a => ({text: a.textContent, href: a.getAttribute('href')}))`)
	if err != nil {
		t.Fatal(err)
	}
	text, err := browser.Eval[string](tb, `document.body.textContent`)
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]int{}
	for _, l := range links {
		want := "tel:" + regexp.MustCompile(`[^0-9+]`).ReplaceAllString(l.Text, "")
		if l.Href != want {
			t.Errorf("the link %q goes to %q, want %q", l.Text, l.Href, want)
		}
		if !slices.Contains(printed, l.Text) {
			t.Errorf("the link %q is not a number the PDF prints (%q)", l.Text, printed)
		}
		linked[l.Text]++
	}
	for _, n := range printed {
		said := 0
		for _, m := range phoneLike.FindAllString(text, -1) {
			if m == n {
				said++
			}
		}
		if said == 0 || linked[n] != said {
			t.Errorf("%s: the page says it %d times, %d of them a link", n, said, linked[n])
		}
	}
}

// checkAxe runs axe-core's WCAG 2.2 A and AA rules: no violations, and
// the rules that concern what the page has must have run and passed.
func checkAxe(t *testing.T, tb *browser.Tab, p *page) {
	t.Helper()
	res, err := tb.Axe(browser.WCAG22AA...)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Violations) > 0 {
		t.Errorf("axe-core %s finds:\n%s", res.Version, browser.Report(res.Violations))
	}
	rules := []string{"color-contrast", "document-title", "html-has-lang", "html-lang-valid", "link-name",
		"link-in-text-block", "listitem", "meta-viewport", "target-size"}
	if slices.ContainsFunc(p.layout.Nodes[1:], func(n layout.Node) bool { return n.Lang != "" }) {
		rules = append(rules, "valid-lang") // a part in another language
	}
	if p.prop.Landlord.Logo != nil {
		rules = append(rules, "image-alt")
	}
	for _, rule := range rules {
		if !res.Passed(rule) {
			t.Errorf("axe-core's rule %s did not pass (incomplete:\n%s)", rule, browser.Report(res.Incomplete))
		}
	}
}

// checkWidths checks that the page fits a phone of 320 pixels without
// scrolling sideways, and takes its screenshots.
func checkWidths(t *testing.T, tb *browser.Tab, p *page) {
	t.Helper()
	for _, w := range []struct {
		width, height int
		mobile        bool
	}{{360, 740, true}, {320, 568, true}, {1280, 800, false}} {
		if err := tb.Viewport(w.width, w.height, w.mobile); err != nil {
			t.Fatal(err)
		}
		wide, err := browser.Eval[int](tb, `document.documentElement.scrollWidth`)
		if err != nil {
			t.Fatal(err)
		}
		if wide > w.width {
			t.Errorf("at %d pixels the page is %d wide: it scrolls sideways", w.width, wide)
		}
		if w.width == 320 {
			continue
		}
		shot, err := tb.Screenshot()
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.DecodeConfig(bytes.NewReader(shot))
		if err != nil || img.Width != w.width {
			t.Errorf("the screenshot at %d pixels: %v, %d wide", w.width, err, img.Width)
		}
		if *pictures != "" {
			name := strings.TrimSuffix(p.name, ".html") + fmt.Sprintf("-%d.png", w.width)
			if err := os.WriteFile(filepath.Join(*pictures, name), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The tab stops a page's requests for anything but itself, and says
// which: the check above can fail.
func TestBrowserStopsRequests(t *testing.T) {
	t.Parallel()
	srv := serve(t, map[string][]byte{
		"page.html": []byte(`<!DOCTYPE html><html lang="en"><title>t</title><link rel="stylesheet" href="/style.css">` +
			`<main><img src="/logo.png" alt="logo"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""></main></html>`),
		"style.css": []byte("main{}"),
		"logo.png":  []byte("x"),
	})
	tb := tab(t)
	if err := tb.Open(srv.URL + "/page.html"); err != nil {
		t.Fatal(err)
	}
	got := tb.Blocked()
	slices.Sort(got)
	if want := []string{srv.URL + "/logo.png", srv.URL + "/style.css"}; !slices.Equal(got, want) {
		t.Errorf("blocked %q, want %q", got, want)
	}
	loaded, err := browser.Eval[bool](tb, `document.images[0].complete && document.images[0].naturalWidth > 0`)
	if err != nil || loaded {
		t.Errorf("the logo loaded (%v): it was not stopped", err)
	}
}
