package layout_test

// Our rendering checked against an independent shaper. Each string is set
// on one line the way a poster sets it (typeset shapes it, layout makes
// the text item, render/pdf draws it) and rasterised with pdftoppm; the
// same string is rendered by pango-view (HarfBuzz, through fontconfig
// that sees only our own font files). Both images are cropped to their
// ink, scaled to one size, blurred a little and compared. Two renderings
// that pango makes wrong on purpose — the letters unjoined, the letters
// in reverse order — must score clearly worse, so the test can fail.

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"huskurage/internal/ink"
	"huskurage/layout"
	"huskurage/render/pdf"
	"huskurage/templates"
	"huskurage/typeset"
)

var pangoOut = flag.String("pango.out", "", "also write the compared images (ours, pango's, the controls) to this folder")

const (
	pangoSize = 20.0 // points
	pangoDPI  = 144  // both rasterisers: 40 pixels to the em
	// pangoPass is the least ink overlap (see similarity) at which our
	// line counts as the same picture as pango's. Calibrated on the
	// strings below (go test -v prints the scores): our lines scored
	// 0.899 to 0.999, pango's wrong renderings (letters unjoined or in
	// reverse order) 0.329 to 0.516.
	pangoPass = 0.75
)

// pangoTools are the programs the comparison runs and their Debian
// packages. A missing one fails the test: a check that cannot run must
// not pass (scripts/test.sh installs them).
var pangoTools = []struct{ name, pkg string }{
	{"pdftoppm", "poppler-utils"},
	{"pango-view", "pango1.0-tools"},
}

type pangoCase struct {
	name string
	lang string
	text string
	font typeset.FontID
	rtl  bool
	// joins: the script joins its letters (Arabic), so a rendering with
	// the letters kept apart is a wrong one. Ethiopic letters never join.
	joins bool
}

// pangoCases are real phrases from the templates, and a few composed
// from their words for what is hard to draw: Sorani ێ and ڵ, lam-alef,
// a Persian word with a zero-width non-joiner, a phone number inside
// Arabic text.
func pangoCases(t *testing.T) []pangoCase {
	t.Helper()
	var cases []pangoCase
	add := func(code, name string, font typeset.FontID, text string) {
		l, err := templates.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(text, "=") {
			key := text[1:]
			if text = l.Text(key); text == "" {
				t.Fatalf("%s: no text %s", code, key)
			}
		}
		cases = append(cases, pangoCase{
			name: code + "-" + name, lang: code, text: text, font: font,
			rtl: l.Direction == "rtl", joins: l.Script == "Arab",
		})
		if c := cases[len(cases)-1]; c.joins != c.rtl {
			t.Fatalf("%s: script %s, direction %s: which controls apply?", code, l.Script, l.Direction)
		}
	}
	add("ar", "title", typeset.Bold, "=step_knock_title")
	add("ar", "police", typeset.Bold, "=step_police_title")
	add("ar", "lam-alef", typeset.Regular, "لا تذهبوا وحدكم. اطلبوا من جار آخر أن يرافقكم")
	add("ar", "phone", typeset.Regular, "اتصلوا بالخدمات الاجتماعية على 0303-70 30 00 في أيام العمل")
	add("fa", "title", typeset.Bold, "=step_police_title")
	add("fa", "zwnj", typeset.Regular, "=steps_heading") // می‌توانید
	add("ckb", "title", typeset.Bold, "=step_police_title")
	add("ckb", "letters", typeset.Regular, "ھەندێک جار لە دەرگادانێک بەسە، بەڵام نیگەرانی منداڵێکن؟")
	add("am", "title", typeset.Bold, "=step_knock_title")
	add("am", "sentence", typeset.Regular, "ብቻዎን አይሂዱ። ሌላ ጎረቤት አብሮዎት እንዲሄድ ይጠይቁ")
	add("am", "police", typeset.Regular, "=police_line")
	add("ti", "title", typeset.Bold, "=step_neighbours_title")
	add("ti", "tagline", typeset.Regular, "=tagline")
	add("ti", "sentence", typeset.Regular, "በይንኹም ኣይትኺዱ። ካልእ ጎረቤት ምሳኹም ክኸይድ ሕተቱ")
	return cases
}

func TestPangoAgrees(t *testing.T) {
	for _, tool := range pangoTools {
		if _, err := exec.LookPath(tool.name); err != nil {
			t.Fatalf("%s is not installed: install the Debian package %s (apt-get install %s)", tool.name, tool.pkg, tool.pkg)
		}
	}
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	pv := newPangoView(t)
	out := *pangoOut
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	type result struct {
		name                     string
		good, unjoined, reversed float64
	}
	var (
		mu      sync.Mutex
		results []result
	)
	t.Run("strings", func(t *testing.T) {
		for _, c := range pangoCases(t) {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				if out != "" {
					dir = out
				}
				ours := renderOurs(t, fonts, c, filepath.Join(dir, c.name+"-ours"))
				theirs := pv.render(t, c.text, c.font, c.rtl, filepath.Join(dir, c.name+"-pango.png"))
				r := result{name: c.name, unjoined: math.NaN()}
				r.good = similarity(ours, theirs)
				if r.good < pangoPass {
					t.Errorf("%q differs from pango's rendering: ink overlap %.3f, want at least %.2f", c.text, r.good, pangoPass)
				}
				// The controls: pango's own rendering of a wrong line must
				// fail the same comparison, with room to spare.
				if c.joins {
					bad := pv.render(t, unjoined(c.text), c.font, c.rtl, filepath.Join(dir, c.name+"-unjoined.png"))
					r.unjoined = similarity(ours, bad)
					if r.unjoined > pangoPass-0.1 {
						t.Errorf("%q with its letters unjoined scores %.3f, too close to the threshold %.2f: the comparison cannot tell", c.text, r.unjoined, pangoPass)
					}
				}
				bad := pv.render(t, reverse(c.text), c.font, c.rtl, filepath.Join(dir, c.name+"-reversed.png"))
				r.reversed = similarity(ours, bad)
				if r.reversed > pangoPass-0.1 {
					t.Errorf("%q in reverse order scores %.3f, too close to the threshold %.2f: the comparison cannot tell", c.text, r.reversed, pangoPass)
				}
				mu.Lock()
				results = append(results, r)
				mu.Unlock()
			})
		}
	})
	slices.SortFunc(results, func(a, b result) int { return strings.Compare(a.name, b.name) })
	t.Logf("ink overlap with pango's rendering (pass at %.2f):", pangoPass)
	t.Logf("%-14s %6s %9s %9s", "string", "ours", "unjoined", "reversed")
	for _, r := range results {
		unj := "-" // Ethiopic letters do not join
		if !math.IsNaN(r.unjoined) {
			unj = fmt.Sprintf("%.3f", r.unjoined)
		}
		t.Logf("%-14s %6.3f %9s %9.3f", r.name, r.good, unj, r.reversed)
	}
}

// renderOurs sets c on one line as a poster would, draws it into a PDF
// page just large enough and returns the page rasterised by pdftoppm;
// the PNG is written to base+".png".
func renderOurs(t *testing.T, fonts *typeset.Fonts, c pangoCase, base string) ink.Map {
	t.Helper()
	e := typeset.NewEngine(fonts)
	items := layout.TextLine(e, c.text, c.font, pangoSize, 10, 10, c.rtl)
	if len(items) != 1 {
		t.Fatalf("%q: %d lines, want 1", c.text, len(items))
	}
	it := items[0]
	doc := &layout.Doc{Kind: "pango-test", Title: c.name, Lang: c.lang,
		Pages: []layout.Page{{W: it.W + 20, H: it.H + 20, Items: items}}}
	var buf bytes.Buffer
	if err := pdf.New(fonts, pdf.Options{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".pdf", buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	command(t, nil, "pdftoppm", "-png", "-r", fmt.Sprint(pangoDPI), "-singlefile", base+".pdf", base)
	return readInk(t, base+".png")
}

// readInk reads a PNG file's ink.
func readInk(t *testing.T, path string) ink.Map {
	t.Helper()
	m, err := ink.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// similarity compares our line with pango's (ink.Similarity at our em).
// One kerning pair is set differently: go-text v0.3.5 leaves out Noto
// Sans Ethiopic's pairs ይ+ን, −80/1000 em, and ይ+ት, −40, which HarfBuzz
// applies, so "በይንኹም ኣይትኺዱ" is 0.12 em longer than pango's (its set
// digest, harfbuzz/set_digest.go addRange, stops adding ranges once one
// of its three masks is full and then skips the subtable that holds
// them); ink.Similarity lets each stretch of a line shift to allow for it.
func similarity(a, b ink.Map) float64 {
	return ink.Similarity(a, b, pangoSize*pangoDPI/72)
}

// pangoView runs pango-view on our font files only.
type pangoView struct{ env []string }

// newPangoView writes a fontconfig configuration whose one font folder
// holds the fonts as we embed them (typeset.Fonts: the Noto subsets of
// assets/fonts, Ethiopic with its larger em): pango cannot fall back on a
// font of the machine's, and draws with exactly the fonts we embed.
func newPangoView(t *testing.T) *pangoView {
	t.Helper()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	fontDir := t.TempDir()
	for face := 0; face < fonts.Faces(); face++ {
		for _, id := range []typeset.FontID{typeset.Regular, typeset.Bold} {
			name := filepath.Join(fontDir, fmt.Sprintf("family%d-%s.ttf", face, id))
			if err := os.WriteFile(name, fonts.Data(id, face), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	err = os.WriteFile(conf, []byte(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>`+fontDir+`</dir>
  <cachedir>`+filepath.Join(dir, "cache")+`</cachedir>
</fontconfig>
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"FONTCONFIG_FILE=" + conf}
	for _, kv := range os.Environ() {
		// No display is needed (-q), and none is used if there is one.
		if !strings.HasPrefix(kv, "FONTCONFIG_") && !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	pv := &pangoView{env: env}
	// Once before the parallel runs, which then share fontconfig's cache.
	pv.render(t, "Huskurage", typeset.Regular, false, filepath.Join(dir, "warm.png"))
	return pv
}

// render draws text on one line at our size and resolution, with no
// hinting (our PDF has none) and grey antialiasing like pdftoppm's, and
// returns the image written to path. Ligatures are off as in typeset
// (noLigatures): a required ligature such as lam-alef stays.
func (pv *pangoView) render(t *testing.T, text string, font typeset.FontID, rtl bool, path string) ink.Map {
	t.Helper()
	desc := "Noto Sans"
	if font == typeset.Bold {
		desc += " Bold"
	}
	desc += fmt.Sprintf(" %g", pangoSize)
	if rtl {
		text = isolateNumbers(text)
	}
	markup := `<span font_features="liga=0, clig=0, dlig=0">` + escapeMarkup(text) + `</span>`
	args := []string{"-q", "-o", path, "--font", desc, "--dpi", fmt.Sprint(pangoDPI),
		"--hinting=none", "--hint-metrics=off", "--subpixel-positions", "--antialias=gray",
		"--markup", "-t", markup}
	if rtl {
		args = append(args, "--rtl")
	}
	command(t, pv.env, "pango-view", args...)
	return readInk(t, path)
}

// numbers are phone numbers and other figures with their spaces and
// dashes, as typeset keeps them.
var numbers = regexp.MustCompile(`\+?[0-9][0-9 \-–]*[0-9]`)

// isolateNumbers puts each number between U+2066 LEFT-TO-RIGHT ISOLATE
// and U+2069 POP DIRECTIONAL ISOLATE. We print a phone number inside
// right-to-left text as it is written, left to right in one piece
// (README: "Phone numbers … keep their left-to-right order"); the plain
// Unicode bidi algorithm, which pango follows, would show the groups of
// "0303-70 30 00" after Arabic letters in reverse order ("00 30 70-0303"
// read from the left). The isolates ask pango for what we do on purpose.
func isolateNumbers(s string) string {
	return numbers.ReplaceAllString(s, "\u2066$0\u2069")
}

func escapeMarkup(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// command runs a program with env (nil: ours), failing the test when it
// does not exit with 0.
func command(t *testing.T, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, msg)
	}
}

// unjoined puts a zero-width non-joiner between every two letters: each
// letter then takes its isolated form.
func unjoined(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if i > 0 && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(r) {
			b.WriteRune('\u200c')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// reverse returns s with its characters in reverse order.
func reverse(s string) string {
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
}
