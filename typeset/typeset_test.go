package typeset

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/go-text/typesetting/segmenter"

	"huskurage/assets"
	"huskurage/templates"
)

func engine(t testing.TB) *Engine {
	t.Helper()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return NewEngine(f)
}

func joined(l Line) string {
	var sb strings.Builder
	for _, r := range l.Runs {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

// Wrapping keeps every character, in order, and no line is wider than
// the limit.
func TestWrapKeepsTextAndWidth(t *testing.T) {
	e := engine(t)
	text := "Knacka eller ring på och fråga om allt är bra, men bara om det inte utsätter dig för fara. AVATAR Tower Yvonne"
	for _, width := range []float64{60, 120, 200, 400} {
		lines := e.Wrap(text, LTR, Regular, 11, width)
		var got []string
		for _, l := range lines {
			if l.Width > width+0.01 {
				t.Errorf("width %v: line %q is %.2f pt wide", width, joined(l), l.Width)
			}
			got = append(got, joined(l))
		}
		if s := strings.Join(got, " "); s != text {
			t.Errorf("width %v: lines join to %q, want %q", width, s, text)
		}
	}
}

// Runs start where the shaper put their first glyph: a kerned pair ("AV")
// cuts the line into several runs, and the sum of nominal advances of
// the runs matches the measured width.
func TestRunsFollowKerning(t *testing.T) {
	e := engine(t)
	l := e.Wrap("AVATAR", LTR, Bold, 20, math.Inf(1))
	if len(l) != 1 {
		t.Fatalf("got %d lines", len(l))
	}
	if len(l[0].Runs) < 2 {
		t.Fatalf("AVATAR kerns but came back as %d run(s): %+v", len(l[0].Runs), l[0].Runs)
	}
	for i := 1; i < len(l[0].Runs); i++ {
		if l[0].Runs[i].X <= l[0].Runs[i-1].X {
			t.Errorf("run %d starts at %.3f, before run %d at %.3f", i, l[0].Runs[i].X, i-1, l[0].Runs[i-1].X)
		}
	}
	plain := e.Measure("HHHH", LTR, Regular, 10)
	if lines := e.Wrap("HHHH", LTR, Regular, 10, math.Inf(1)); len(lines[0].Runs) != 1 {
		t.Errorf("unkerned text should be one run, got %+v", lines[0].Runs)
	}
	if plain <= 0 {
		t.Errorf("width of HHHH = %v", plain)
	}
}

// A phone number, a number after a word and a link never break apart.
func TestNoBreakInsideNumbersOrLinks(t *testing.T) {
	e := engine(t)
	for _, tc := range []struct{ text, whole string }{
		{"Ring socialtjänsten på 0303-70 30 00 om du är orolig för ett barn", "0303-70 30 00"},
		{"annars ringer du polisen på 114 14 när det inte är akut", "114 14"},
	} {
		w := e.Measure(tc.whole, LTR, Regular, 10)
		for width := w; width < e.Measure(tc.text, LTR, Regular, 10); width += 7 {
			for _, l := range e.Wrap(tc.text, LTR, Regular, 10, width) {
				s := joined(l)
				if strings.Contains(tc.text, s) && !strings.Contains(s, tc.whole) && overlapsPart(s, tc.whole) {
					t.Errorf("width %.0f: line %q splits %q", width, s, tc.whole)
				}
			}
		}
	}
}

// overlapsPart reports whether s starts or ends with a proper part of
// whole that is longer than one character.
func overlapsPart(s, whole string) bool {
	for i := 2; i < len(whole); i++ {
		if strings.HasSuffix(s, whole[:i]) || strings.HasPrefix(s, whole[len(whole)-i:]) {
			return true
		}
	}
	return false
}

// A link breaks, if it must, only after a slash inside its path: never
// after "https://" and never inside the host name.
func TestLinkBreaksOnlyInPath(t *testing.T) {
	e := engine(t)
	text := "Läs mer på https://bostader.example.se/huskurage/information i lugn och ro"
	full := e.Measure(text, LTR, Regular, 10)
	for width := e.Measure("https://bostader.example.se/", LTR, Regular, 10); width < full; width += 5 {
		for _, l := range e.Wrap(text, LTR, Regular, 10, width) {
			s := joined(l)
			if strings.HasSuffix(s, ":") || strings.HasSuffix(s, "//") || strings.HasSuffix(s, "https") ||
				strings.HasSuffix(s, "bostader.") || strings.HasPrefix(s, "/") {
				t.Errorf("width %.0f: line %q breaks the link badly", width, s)
			}
		}
	}
	w, piece := e.LongestWord(text, LTR, Regular, 10)
	if piece != "https://bostader.example.se/" || w <= 0 {
		t.Errorf("LongestWord = %.1f, %q; want the scheme and host", w, piece)
	}
}

// A compound word with a hyphen may break after the hyphen.
func TestBreakAfterHyphenBetweenLetters(t *testing.T) {
	e := engine(t)
	text := "kontakt-center"
	lines := e.Wrap(text, LTR, Regular, 10, e.Measure("kontakt-", LTR, Regular, 10)+1)
	if len(lines) != 2 || joined(lines[0]) != "kontakt-" {
		t.Errorf("got %d lines, first %q", len(lines), joined(lines[0]))
	}
}

func TestNormalize(t *testing.T) {
	decomposed := "Nödinge  \n Uppga\u030ang" // o-umlaut composed, a + ring decomposed
	if got, want := Normalize(decomposed), "Nödinge Uppgång"; got != want {
		t.Errorf("Normalize = %q, want %q", got, want)
	}
}

func TestCovers(t *testing.T) {
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AÅÄÖåäöéüÆØæøœŁłńśźżчїєґ0123456789–·€ሰላምابپچژگیێڵۆڕە" {
		if !f.Covers(r) {
			t.Errorf("fonts should cover %q", r)
		}
	}
	for _, r := range "ก中😀ᚠ" {
		if f.Covers(r) {
			t.Errorf("fonts should not cover %q", r)
		}
	}
}

func TestMetricsScale(t *testing.T) {
	e := engine(t)
	m10, m20 := e.Metrics(Regular, 10), e.Metrics(Regular, 20)
	if math.Abs(m20.LineHeight-2*m10.LineHeight) > 1e-9 || m10.Ascent <= 0 || m10.Descent <= 0 {
		t.Errorf("metrics at 10 pt %+v, at 20 pt %+v", m10, m20)
	}
	if m10.LineHeight < m10.Ascent+m10.Descent {
		t.Errorf("line height %v is less than ascent + descent", m10.LineHeight)
	}
}

func BenchmarkWrapCold(b *testing.B) {
	f, _ := Default()
	text := "Knacka eller ring på och fråga om allt är bra, men bara om det inte utsätter dig för fara. Ibland räcker en knackning för att våldet ska avbrytas."
	for b.Loop() {
		e := NewEngine(f)
		e.Wrap(text, LTR, Regular, 10, 300)
	}
}

// Ethiopic syllables are drawn larger than Latin capitals at the same
// size, by ethiopicScale, and the PDF's copy of the font says so too.
func TestEthiopicScale(t *testing.T) {
	e := engine(t)
	latin := e.Wrap("HEN", LTR, Regular, 10, math.Inf(1))[0]
	ethiopic := e.Wrap("ለግን", LTR, Regular, 10, math.Inf(1))[0]
	// ለ ግ ን are as tall as H in the font as made.
	if got, want := ethiopic.InkAscent/latin.InkAscent, ethiopicScale; math.Abs(got-want) > 0.01 {
		t.Errorf("Ethiopic ink / Latin capital ink = %.3f, want %.2f", got, want)
	}
	if ethiopic.Runs[0].Face != 1 {
		t.Fatalf("Ethiopic drawn by family %d, want 1", ethiopic.Runs[0].Face)
	}
	scaled := e.fonts.Data(Regular, 1)
	if _, err := scaleFont(scaled[:10], 2); err == nil {
		t.Errorf("scaleFont takes a truncated font")
	}
	// head.unitsPerEm is at offset 18 of the head table.
	upem := func(data []byte) int {
		n := int(data[4])<<8 | int(data[5])
		for i := 0; i < n; i++ {
			rec := data[12+16*i:]
			if string(rec[:4]) == "head" {
				off := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
				return int(data[off+18])<<8 | int(data[off+19])
			}
		}
		return 0
	}
	if got, want := upem(scaled), int(math.Round(1000/ethiopicScale)); got != want {
		t.Errorf("embedded Ethiopic font's em is %d units, want %d", got, want)
	}
	if got := upem(e.fonts.Data(Regular, 0)); got != 1000 {
		t.Errorf("Noto Sans's em changed to %d", got)
	}
}

// A cluster drawn by more glyphs than it has letters that have glyphs of
// their own (lam-alef with a vowel mark over it) is marked as one span,
// so that a PDF can give back its letters at once.
func TestClusterSpan(t *testing.T) {
	e := engine(t)
	dir := RTL
	l := e.Wrap("أولاً", dir, Regular, 10, math.Inf(1))[0]
	spans := 0
	for i, r := range l.Runs {
		if r.Span == 0 {
			continue
		}
		spans++
		if r.Span < 2 || i+r.Span > len(l.Runs) {
			t.Fatalf("run %d: span %d of %d runs", i, r.Span, len(l.Runs))
		}
		text := ""
		for _, o := range l.Runs[i : i+r.Span] {
			text += o.Text
			if o.Glyph == 0 {
				t.Errorf("a run inside the span: %+v, want a glyph the shaper chose", o)
			}
		}
		// Reading order: lam, alef, then the mark over them.
		if text != "لا\u064b" {
			t.Errorf("span text %q, want the lam, alef and fathatan", text)
		}
	}
	if spans != 1 {
		t.Errorf("%d spans in %+v, want 1", spans, l.Runs)
	}
}

// numberSamples are sentences in every script we print, with numbers
// written the ways people write them: spaces, hyphens, en dashes (spaced
// or not), no-break spaces, a country code with a bracketed zero, dates,
// postal codes and opening hours.
var numberSamples = []struct {
	text    string
	numbers []string
}{
	{"اتصلوا بالرقم 112 إذا كان الأمر طارئاً أو فيه تهديد، وإلا فبالرقم 114 14. لا يلزم أن تكونوا متأكدين.",
		[]string{"112", "114 14"}},
	// A prefix joined to a number; an entrance whose number is part of
	// its name.
	{"اتصلوا ب112 أو ب114 14 من المدخل 7A في أي وقت، أو بالرقم 020-50 50 50 للنساء.",
		[]string{"112", "114 14", "7A", "020-50 50 50"}},
	{"تماس بگیرید با 0303-70 30 00 یا از خارج با +46 (0)303-70 30 00 از دوشنبه تا جمعه 8–16، تاریخ 2026-11-25.",
		[]string{"0303-70 30 00", "+46 (0)303-70 30 00", "8–16", "2026-11-25"}},
	{"پەیوەندی بکە بە 020-50 50 50 یان 116 111، ناونیشان 449 30 Nödinge، کاتژمێر 08 – 16.",
		[]string{"020-50 50 50", "116 111", "449 30", "08 – 16"}},
	{"ለፖሊስ በ 114 14 ይደውሉ፣ ለአደጋ ጊዜ 112 ወይም 020-50 50 50 ቀን እና ሌሊት።",
		[]string{"114 14", "112", "020-50 50 50"}},
	{"Ring 0303\u00a070\u00a030\u00a000 eller 070 174 06 21 vardagar 8.00–16.30, från 2026-11-25, adress 449 30 Nödinge.",
		[]string{"0303 70 30 00", "070 174 06 21", "8.00–16.30", "2026-11-25", "449 30"}},
	{"Телефонуйте 08 – 123 456 78 або +46 (0)31-365 00 00 з-за кордону, поліція 114 14.",
		[]string{"08 – 123 456 78", "+46 (0)31-365 00 00", "114 14"}},
	// Arabic in a paragraph of a left-to-right document, as a landlord's
	// note in Arabic on a Swedish leaflet.
	{"يمكن الاتصال بالرقم 020-80 80 80 أو بالرقم +46 (0)31-365 00 00 من خارج السويد، من 8.00–16.30.",
		[]string{"020-80 80 80", "+46 (0)31-365 00 00", "8.00–16.30"}},
}

// A number is never broken across lines, in any script or direction, at
// any width at which it fits; and it reads left to right, whole, on its
// line.
func TestNumbersNeverBreak(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, rtl := range []bool{false, true} {
		dir := DirectionOf(rtl)
		for _, s := range numberSamples {
			widest := 0.0
			for _, n := range s.numbers {
				widest = math.Max(widest, e.Measure(n, dir, Regular, 10))
			}
			full := e.Measure(s.text, dir, Regular, 10)
			if full <= widest {
				t.Fatalf("%q is no wider than its numbers", s.text)
			}
			for width := widest; width < full+3; width += 3 {
				lines := e.Wrap(s.text, dir, Regular, 10, width)
				for _, n := range s.numbers {
					want := strings.Count(Normalize(s.text), n)
					got := 0
					for _, l := range lines {
						got += strings.Count(Normalize(joined(l)), n)
					}
					if got != want {
						var ls []string
						for _, l := range lines {
							ls = append(ls, joined(l))
						}
						t.Errorf("rtl %v, width %.0f: %q whole %d times in the lines, want %d:\n%s",
							rtl, width, n, got, want, strings.Join(ls, "\n"))
					}
				}
			}
		}
	}
}

// A number wider than the line stays whole, on a line of its own that is
// too wide (the layout then makes the text smaller or refuses it), and
// LongestWord reports it as the piece that may not break, in either
// direction.
func TestNumberWiderThanLine(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tc := range []struct {
		text, number string
		rtl          bool
	}{
		{"Ring +46 (0)303-70 30 00 nu", "+46 (0)303-70 30 00", false},
		{"اتصلوا بالرقم +46 (0)303-70 30 00 الآن", "+46 (0)303-70 30 00", true},
		{"اتصلوا بالرقم +46 (0)303-70 30 00 الآن", "+46 (0)303-70 30 00", false},
	} {
		dir := DirectionOf(tc.rtl)
		w := e.Measure(tc.number, dir, Regular, 10)
		found := false
		for _, l := range e.Wrap(tc.text, dir, Regular, 10, w/2) {
			if strings.Contains(joined(l), tc.number) {
				found = true
				if l.Width < w-0.01 {
					t.Errorf("%q: the number's line is %.1f pt wide, the number %.1f", tc.text, l.Width, w)
				}
			}
		}
		if !found {
			t.Errorf("rtl %v: %q broken at width %.1f", tc.rtl, tc.number, w/2)
		}
		lw, piece := e.LongestWord(tc.text, dir, Regular, 10)
		if piece != tc.number || math.Abs(lw-w) > 0.5 {
			t.Errorf("rtl %v: LongestWord(%q) = %.1f, %q; want %.1f, %q", tc.rtl, tc.text, lw, piece, w, tc.number)
		}
	}
}

// The general wrapper (right-to-left and mixed text) finds its breaks in
// the text breakText gives it: exactly where mayBreak allows one, no
// fewer and no more, for every text of every language and the number
// samples, in both directions.
func TestWrapperBreaksWhereWeDo(t *testing.T) {
	t.Parallel()
	e := engine(t)
	var texts []string
	for _, code := range templates.Codes() {
		l, err := templates.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		for k := range l.Texts {
			texts = append(texts, l.Text(k, "date", "2026-11-25", "entrance", "7A"))
		}
	}
	for _, s := range numberSamples {
		texts = append(texts, s.text)
	}
	var seg segmenter.Segmenter
	checked := 0
	for _, rtl := range []bool{false, true} {
		dir := DirectionOf(rtl)
		for _, s := range texts {
			p := e.paragraph(s, dir, Regular)
			if p == nil {
				continue
			}
			p.prepareGeneral(&e.lineSeg)
			got := make([]bool, len(p.runes)+1)
			seg.Init(p.wrapAt)
			for it := seg.LineIterator(); it.Next(); {
				if end := it.Line().Offset + len(it.Line().Text); end < len(p.runes) {
					got[end] = true
				}
			}
			for i := range got {
				if got[i] != p.breaks[i] {
					t.Errorf("rtl %v: %q: the wrapper may break before rune %d (%q): %v, we allow it: %v",
						rtl, s, i, string(p.runes[max(0, i-5):min(len(p.runes), i+5)]), got[i], p.breaks[i])
				}
			}
			checked++
		}
	}
	if checked < len(texts) {
		t.Errorf("checked %d texts of %d in two directions", checked, len(texts))
	}
}

// In a left-to-right paragraph, a number between two Arabic words stands
// between them as the bidi algorithm orders it (rule L2, three levels):
// the Arabic read right to left, so the first word is right of the
// number and the second left of it, while the number reads left to
// right.
func TestNumberInsideArabicOnLTRLine(t *testing.T) {
	t.Parallel()
	e := engine(t)
	// ب is only in the first Arabic word, ج only in the second.
	l := e.Wrap("Ring بالرقم 020-50 50 50 مجاناً nu", LTR, Regular, 10, math.Inf(1))
	if len(l) != 1 {
		t.Fatalf("%d lines", len(l))
	}
	x := func(sub string) float64 {
		for _, r := range l[0].Runs {
			if strings.Contains(r.Text, sub) {
				return r.X
			}
		}
		t.Fatalf("no run with %q in %+v", sub, l[0].Runs)
		return 0
	}
	first, number, second := x("ب"), x("020-50 50 50"), x("ج")
	if !(second < number && number < first) {
		t.Errorf("x of the second word %.1f, the number %.1f, the first word %.1f: want them in that order from the left", second, number, first)
	}
	if ring, nu := x("Ring"), x("nu"); !(ring < second && first < nu) {
		t.Errorf("Ring at %.1f and nu at %.1f are not at the line's ends", ring, nu)
	}
}

// The fonts after the first family are parsed only when a text needs
// them: a Swedish paragraph leaves the Arabic and Ethiopic fonts alone;
// an Arabic one parses, in the weight it is set in, the fonts asked for
// its letters in order, Ethiopic and then Arabic.
func TestFallbackFontsParsedWhenNeeded(t *testing.T) {
	t.Parallel()
	f, err := NewFonts(
		Family{Regular: assets.NotoSansRegular, Bold: assets.NotoSansBold},
		Family{Regular: assets.NotoSansEthiopicRegular, Bold: assets.NotoSansEthiopicBold, Scale: ethiopicScale},
		Family{Regular: assets.NotoSansArabicRegular, Bold: assets.NotoSansArabicBold},
	)
	if err != nil {
		t.Fatal(err)
	}
	parsed := func() (out []string) {
		for id := range f.fonts {
			for fam := range f.fonts[id] {
				if f.fonts[id][fam].font != nil {
					out = append(out, fmt.Sprintf("%s/%d", FontID(id), fam))
				}
			}
		}
		return out
	}
	e := NewEngine(f)
	e.Wrap("Ring polisen på 112 om det är akut.", LTR, Regular, 10, 200)
	e.Wrap("Ring polisen", LTR, Bold, 10, 200)
	if !f.Covers('å') {
		t.Error("Noto Sans does not cover å")
	}
	if got, want := parsed(), []string{"regular/0", "bold/0"}; !slices.Equal(got, want) {
		t.Errorf("after Swedish text, parsed %v; want %v", got, want)
	}
	if lines := e.Wrap("اتصل بالشرطة", RTL, Regular, 10, 200); len(lines) != 1 || lines[0].Runs[0].Face != 2 {
		t.Errorf("Arabic text set as %+v; want one line in the Arabic family (2)", lines)
	}
	if got, want := parsed(), []string{"regular/0", "regular/1", "regular/2", "bold/0"}; !slices.Equal(got, want) {
		t.Errorf("after Arabic text, parsed %v; want %v", got, want)
	}
}

// A fallback family that does not parse is found out by Check and Font;
// a character only it would have is not covered, and text of it is set
// in the first family rather than stopping the engine.
func TestFallbackFontThatDoesNotParse(t *testing.T) {
	t.Parallel()
	f, err := NewFonts(
		Family{Regular: assets.NotoSansRegular, Bold: assets.NotoSansBold},
		Family{Regular: []byte("not a font"), Bold: []byte("not a font")},
	)
	if err != nil {
		t.Fatalf("NewFonts = %v; the second family is parsed only when needed", err)
	}
	if err := f.Check(); err == nil || !strings.Contains(err.Error(), "family 1") {
		t.Errorf("Check = %v; want an error naming family 1", err)
	}
	if _, err := f.Font(Regular, 1); err == nil {
		t.Error("Font of the bad family: no error")
	}
	if f.Covers('ا') {
		t.Error("an Arabic letter is covered with no Arabic font")
	}
	if lines := NewEngine(f).Wrap("اتصل", RTL, Regular, 10, 200); len(lines) != 1 || lines[0].Runs[0].Face != 0 {
		t.Errorf("Arabic text with no Arabic font set as %+v; want one line in family 0", lines)
	}
	if _, err := NewFonts(Family{Regular: []byte("junk"), Bold: assets.NotoSansBold}); err == nil {
		t.Error("a first family that does not parse: no error from NewFonts")
	}
}

// Every embedded font parses.
func TestDefaultFontsParse(t *testing.T) {
	t.Parallel()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Check(); err != nil {
		t.Fatal(err)
	}
}

// A number is one span whatever space joins its groups: the address's
// no-break spaces (U+00A0, U+202F) too, around a dash or a bracket, so
// that a line with Arabic in it never lays its groups out right to left
// ("14 – 12" for "12 – 14").
func TestNumberSpansWithNoBreakSpaces(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"449\u00a030", "12\u00a0–\u00a014", "08\u00a0–\u00a0123\u00a0456", "+46\u00a0(0)303-70\u00a030\u00a000",
		"8.00\u202f–\u202f16.30", "0303-70 30 00", "114 14",
	} {
		text := "شارع " + s + " ب"
		spans := spanRanges(text)
		rs := []rune(text)
		if len(spans) != 1 || string(rs[spans[0].start:spans[0].end]) != s {
			var got []string
			for _, sp := range spans {
				got = append(got, string(rs[sp.start:sp.end]))
			}
			t.Errorf("%q: spans %q, want the one number", s, got)
		}
	}
}
