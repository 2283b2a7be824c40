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
	"image"
	"image/color"
	"image/png"
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
func renderOurs(t *testing.T, fonts *typeset.Fonts, c pangoCase, base string) inkMap {
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
func (pv *pangoView) render(t *testing.T, text string, font typeset.FontID, rtl bool, path string) inkMap {
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

// inkMap is how much ink covers each pixel of an image, from 0 (paper)
// to 1, row by row.
type inkMap struct {
	w, h int
	v    []float64
}

func readInk(t *testing.T, path string) inkMap {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	m := inkMap{w: b.Dx(), h: b.Dy(), v: make([]float64, b.Dx()*b.Dy())}
	for y := 0; y < m.h; y++ {
		for x := 0; x < m.w; x++ {
			g := color.Gray16Model.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray16)
			m.v[y*m.w+x] = 1 - float64(g.Y)/0xffff
		}
	}
	return m
}

// crop returns the smallest part of m that holds every pixel with more
// than a quarter of ink; an empty map when there is none.
func (m inkMap) crop() inkMap {
	r := image.Rectangle{Min: image.Pt(m.w, m.h)}
	for y := 0; y < m.h; y++ {
		for x := 0; x < m.w; x++ {
			if m.v[y*m.w+x] > 0.25 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if r.Empty() {
		return inkMap{}
	}
	c := inkMap{w: r.Dx(), h: r.Dy(), v: make([]float64, 0, r.Dx()*r.Dy())}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		c.v = append(c.v, m.v[y*m.w+r.Min.X:y*m.w+r.Max.X]...)
	}
	return c
}

// resize resamples m to w×h pixels, bilinearly.
func (m inkMap) resize(w, h int) inkMap {
	out := inkMap{w: w, h: h, v: make([]float64, w*h)}
	sx, sy := float64(m.w)/float64(w), float64(m.h)/float64(h)
	at := func(x, y int) float64 {
		return m.v[min(max(y, 0), m.h-1)*m.w+min(max(x, 0), m.w-1)]
	}
	for y := 0; y < h; y++ {
		fy := (float64(y)+0.5)*sy - 0.5
		y0 := int(math.Floor(fy))
		dy := fy - float64(y0)
		for x := 0; x < w; x++ {
			fx := (float64(x)+0.5)*sx - 0.5
			x0 := int(math.Floor(fx))
			dx := fx - float64(x0)
			top := at(x0, y0)*(1-dx) + at(x0+1, y0)*dx
			bottom := at(x0, y0+1)*(1-dx) + at(x0+1, y0+1)*dx
			out.v[y*w+x] = top*(1-dy) + bottom*dy
		}
	}
	return out
}

// blur averages each pixel with its neighbours up to r pixels away, in
// two passes of a box filter (close to a Gaussian), so that a shift of
// a pixel or two counts for little and a different shape for much.
func (m inkMap) blur(r int) inkMap {
	for range 2 {
		m = m.boxPass(r, 1, 0).boxPass(r, 0, 1)
	}
	return m
}

// boxPass averages along x (dx=1) or y (dy=1); pixels beyond the edge
// are paper.
func (m inkMap) boxPass(r, dx, dy int) inkMap {
	out := inkMap{w: m.w, h: m.h, v: make([]float64, len(m.v))}
	for y := 0; y < m.h; y++ {
		for x := 0; x < m.w; x++ {
			sum := 0.0
			for k := -r; k <= r; k++ {
				xx, yy := x+k*dx, y+k*dy
				if xx >= 0 && xx < m.w && yy >= 0 && yy < m.h {
					sum += m.v[yy*m.w+xx]
				}
			}
			out.v[y*m.w+x] = sum / float64(2*r+1)
		}
	}
	return out
}

// similarity compares two renderings of a line. Each is cropped to its
// ink, both are scaled to the mean of their sizes, their ink is scaled to
// the same total (pdftoppm draws a little lighter than cairo) and both are
// blurred by a twentieth of the em. The line is then cut into tiles one
// and a half em wide; each tile of b may move by up to a sixth of an em
// sideways and two pixels up or down to match a's, so that a kerning
// pair the two shapers set differently shifts the rest of the line
// without counting as a different picture. (One does: go-text v0.3.5
// leaves out Noto Sans Ethiopic's pairs ይ+ን, −80/1000 em, and ይ+ት, −40,
// which HarfBuzz applies, so "በይንኹም ኣይትኺዱ" is 0.12 em longer than
// pango's; its set digest, harfbuzz/set_digest.go addRange, stops adding
// ranges once one of its three masks is full and then skips the
// subtable that holds them.) The score is the ink overlap summed over the tiles,
// Σ min(a, b) / Σ max(a, b): 1 for the same picture, near 0 for pictures
// with nothing in common.
func similarity(a, b inkMap) float64 {
	a, b = a.crop(), b.crop()
	if a.w == 0 || b.w == 0 {
		return 0
	}
	em := pangoSize * pangoDPI / 72
	w, h := (a.w+b.w+1)/2, (a.h+b.h+1)/2
	r := max(1, int(math.Round(em/20)))
	a, b = a.resize(w, h).normalize().blur(r), b.resize(w, h).normalize().blur(r)
	tile, slide, lift := int(em*3/2), int(em/6), 2
	lo, hi := 0.0, 0.0
	for x0 := 0; x0 < w; x0 += tile {
		x1 := min(x0+tile, w)
		best, bestLo, bestHi := -1.0, 0.0, 0.0
		for dy := -lift; dy <= lift; dy++ {
			for dx := -slide; dx <= slide; dx++ {
				l, h := overlap(a, b, x0, x1, dx, dy)
				if h > 0 && l/h > best {
					best, bestLo, bestHi = l/h, l, h
				}
			}
		}
		lo += bestLo
		hi += bestHi
	}
	if hi == 0 {
		return 0
	}
	return lo / hi
}

// overlap sums min and max of a's ink in the columns [x0, x1) and b's
// ink dx, dy pixels away (paper beyond b's edges).
func overlap(a, b inkMap, x0, x1, dx, dy int) (lo, hi float64) {
	for y := 0; y < a.h; y++ {
		yb := y + dy
		for x := x0; x < x1; x++ {
			u, v := a.v[y*a.w+x], 0.0
			if xb := x + dx; xb >= 0 && xb < b.w && yb >= 0 && yb < b.h {
				v = b.v[yb*b.w+xb]
			}
			lo += math.Min(u, v)
			hi += math.Max(u, v)
		}
	}
	return lo, hi
}

// normalize scales m's ink to a mean of 1 over its area.
func (m inkMap) normalize() inkMap {
	sum := 0.0
	for _, v := range m.v {
		sum += v
	}
	if sum == 0 {
		return m
	}
	k := float64(len(m.v)) / sum
	out := inkMap{w: m.w, h: m.h, v: make([]float64, len(m.v))}
	for i, v := range m.v {
		out.v[i] = v * k
	}
	return out
}
