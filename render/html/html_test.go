package html

import (
	"bytes"
	"errors"
	"html/template"
	"strconv"
	"strings"
	"testing"

	"huskurage/layout"
	"huskurage/property"
	"huskurage/qr"
	"huskurage/typeset"
)

func TestTelURL(t *testing.T) {
	t.Parallel()
	for number, want := range map[string]template.URL{
		"112":              "tel:112",
		"114\u00a014":      "tel:11414",
		"0303-70 30 00":    "tel:0303703000",
		"+46 303-70 30 00": "tel:+46303703000",
		"020-50 50 50":     "tel:020505050",
	} {
		if got := telURL(number); got != want {
			t.Errorf("telURL(%q) = %q, want %q", number, got, want)
		}
	}
}

// A sentence's numbers are links where the structure says; the rest of
// its numbers are kept whole on a line.
func TestSpans(t *testing.T) {
	t.Parallel()
	say := func(ss []span) string {
		var b strings.Builder
		for _, s := range ss {
			switch {
			case s.Tel != "":
				b.WriteString("[" + s.S + "→" + string(s.Tel) + "]")
			case s.LTR:
				b.WriteString("<" + s.S + ">")
			default:
				b.WriteString(s.S)
			}
		}
		return b.String()
	}
	got := say(spans(layout.Node{Text: "Ring 112 om det är akut, annars 114 14 (inte 449 30).", Tels: []string{"112", "114 14"}}, false))
	if want := "Ring [112→tel:112] om det är akut, annars [114 14→tel:11414] (inte 449\u00a030)."; got != want {
		t.Errorf("spans: %q, want %q", got, want)
	}
	got = say(spans(layout.Node{Text: "اتصلوا بالرقم 112 أو 114 14. تم التحقق في 2026-11-25، 8–16.", Tels: []string{"112", "114 14"}}, true))
	if want := "اتصلوا بالرقم [112→tel:112] أو [114 14→tel:11414]. تم التحقق في <2026-11-25>، <8–16>."; got != want {
		t.Errorf("spans right to left: %q, want %q", got, want)
	}
}

func TestDirection(t *testing.T) {
	t.Parallel()
	for lang, want := range map[string]string{"sv": "ltr", "sv-x-ll": "ltr", "ar": "rtl", "fa": "rtl", "ckb": "rtl",
		"am": "ltr", "ti": "ltr", "uk": "ltr", "so": "ltr", "": "ltr"} {
		if got := direction(lang); got != want {
			t.Errorf("direction(%q) = %q, want %q", lang, got, want)
		}
	}
	for lang, want := range map[string]string{"ar": arabicStack, "ckb": arabicStack, "am": ethiopicStack, "ti": ethiopicStack, "sv": ""} {
		if got := fontStack(lang); got != want {
			t.Errorf("fontStack(%q) = %q, want %q", lang, got, want)
		}
	}
}

// doc is a small document: a band with a title, a paragraph on the
// paper, a logo and a QR code.
func doc() *layout.Doc {
	white, ink, accent := layout.Color{255, 255, 255}, layout.Color{26, 26, 26}, layout.Color{29, 78, 99}
	text := func(node int, s string, x, y, size float64, c layout.Color) layout.Item {
		return layout.Item{Kind: layout.KindText, X: x, Y: y, W: 50, H: 5, Ascent: 4, Size: size, Fill: &c,
			Runs: []layout.Run{{Text: s}}, Node: node}
	}
	bold := func(it layout.Item) layout.Item { it.Font = typeset.Bold; return it }
	return &layout.Doc{Kind: "leaflet", Lang: "sv", Title: "Huskurage – Storgatan 7", Subject: "Om Huskurage",
		Logo: &property.Image{Format: "PNG", Width: 2, Height: 1, Data: []byte("png")},
		Pages: []layout.Page{{W: 148, H: 210, Items: []layout.Item{
			{Kind: layout.KindRect, X: 0, Y: 0, W: 148, H: 30, Fill: &accent},
			bold(text(1, "Huskurage", 10, 15, 30, white)),
			text(2, "Ring 112.", 10, 50, 10, ink),
			text(3, "Storgatan <7>", 10, 60, 10, ink),
			{Kind: layout.KindImage, X: 10, Y: 80, W: 20, H: 10, Node: 4},
			{Kind: layout.KindQR, X: 10, Y: 100, W: 30, H: 30, MinModule: 0.5, Data: "https://example.org/h", Node: 6},
		}}},
		Nodes: []layout.Node{
			{Role: layout.RoleDocument, Kids: []int{1, 2, 3, 4, 5}},
			{Role: layout.RoleH1, Text: "Huskurage"},
			{Role: layout.RoleP, Text: "Ring 112.", Tels: []string{"112"}},
			{Role: layout.RoleP, Text: "Storgatan <7>", Lang: "ar"},
			{Role: layout.RoleFigure, Alt: "Bostads AB"},
			{Role: layout.RoleLink, URI: "https://example.org/h", Alt: "QR", Kids: []int{6}},
			{Role: layout.RoleFigure, Alt: "QR"},
		},
	}
}

func TestPage(t *testing.T) {
	t.Parallel()
	r := New()
	a, err := r.Bytes(doc())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, doc()); err != nil || !bytes.Equal(a, buf.Bytes()) {
		t.Errorf("Render and Bytes differ, or Render fails: %v", err)
	}
	page := string(a)
	code, err := qr.Encode("https://example.org/h", 30, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	n := strconv.Itoa(code.Size() + 2*qr.QuietZone)
	for _, want := range []string{
		`<html lang="sv" dir="ltr">`,
		`<title>Huskurage – Storgatan 7</title>`,
		`<h1 class="t0 bd b1">Huskurage</h1>`,
		`<p class="t1">Ring <a href="tel:112" dir="ltr">112</a>.</p>`,
		`<p lang="ar" dir="rtl" class="t1">Storgatan &lt;7&gt;</p>`,
		`<img class="logo" src="data:image/png;base64,cG5n" alt="Bostads AB" width="2" height="1">`,
		`<p class="qr"><a href="https://example.org/h"><svg viewBox="0 0 ` + n + " " + n + `" aria-hidden="true"`,
		`.t0{font-size:3rem;color:#ffffff;font-weight:700}`,
		`.b1{background:#1d4e63;color:#ffffff;border-radius:0}`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if t.Failed() {
		t.Log(page)
	}
}

func TestPageErrors(t *testing.T) {
	t.Parallel()
	d := doc()
	d.Nodes = nil
	if _, err := New().Bytes(d); err == nil || !strings.Contains(err.Error(), "no structure") {
		t.Errorf("a layout without structure: %v", err)
	}
	d = doc()
	d.Logo = nil
	if _, err := New().Bytes(d); err == nil || !strings.Contains(err.Error(), "has none") {
		t.Errorf("a logo placed but missing: %v", err)
	}
	d = doc()
	d.Pages[0].Items[5].Data = strings.Repeat("x", 3000)
	var fe *layout.FieldError
	if _, err := New().Bytes(d); !errors.As(err, &fe) || fe.Field != "" && !strings.Contains(fe.Hint, "at most") {
		t.Errorf("a link too long for its QR code: %v", err)
	}
	d = doc()
	d.Nodes[0].Kids = append(d.Nodes[0].Kids, 1)
	if _, err := New().Bytes(d); err == nil || !strings.Contains(err.Error(), "not a node of its own") {
		t.Errorf("a node that is a kid twice: %v", err)
	}
}

// A link without a target is not a link, but what it holds is kept.
func TestLinkWithoutTarget(t *testing.T) {
	t.Parallel()
	d := doc()
	d.Nodes[5].URI = ""
	b, err := New().Bytes(d)
	if err != nil {
		t.Fatal(err)
	}
	if page := string(b); strings.Contains(page, `class="qr"`) || !strings.Contains(page, "<div>\n<svg viewBox=") {
		t.Errorf("a link without a target: want its QR code in a div, not a link:\n%s", page[strings.Index(page, "<main>"):])
	}
}
