package typeset

import (
	"math"
	"strings"
	"testing"
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
		lines := e.Wrap(text, Regular, 11, width)
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
	l := e.Wrap("AVATAR", Bold, 20, math.Inf(1))
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
	plain := e.Measure("HHHH", Regular, 10)
	if lines := e.Wrap("HHHH", Regular, 10, math.Inf(1)); len(lines[0].Runs) != 1 {
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
		w := e.Measure(tc.whole, Regular, 10)
		for width := w; width < e.Measure(tc.text, Regular, 10); width += 7 {
			for _, l := range e.Wrap(tc.text, Regular, 10, width) {
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
	full := e.Measure(text, Regular, 10)
	for width := e.Measure("https://bostader.example.se/", Regular, 10); width < full; width += 5 {
		for _, l := range e.Wrap(text, Regular, 10, width) {
			s := joined(l)
			if strings.HasSuffix(s, ":") || strings.HasSuffix(s, "//") || strings.HasSuffix(s, "https") ||
				strings.HasSuffix(s, "bostader.") || strings.HasPrefix(s, "/") {
				t.Errorf("width %.0f: line %q breaks the link badly", width, s)
			}
		}
	}
	w, piece := e.LongestWord(text, Regular, 10)
	if piece != "https://bostader.example.se/" || w <= 0 {
		t.Errorf("LongestWord = %.1f, %q; want the scheme and host", w, piece)
	}
}

// A compound word with a hyphen may break after the hyphen.
func TestBreakAfterHyphenBetweenLetters(t *testing.T) {
	e := engine(t)
	text := "kontakt-center"
	lines := e.Wrap(text, Regular, 10, e.Measure("kontakt-", Regular, 10)+1)
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
		e.Wrap(text, Regular, 10, 300)
	}
}

// Ethiopic syllables are drawn larger than Latin capitals at the same
// size, by ethiopicScale, and the PDF's copy of the font says so too.
func TestEthiopicScale(t *testing.T) {
	e := engine(t)
	latin := e.Wrap("HEN", Regular, 10, math.Inf(1))[0]
	ethiopic := e.Wrap("ለግን", Regular, 10, math.Inf(1))[0]
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
	e.SetRTL(true)
	defer e.SetRTL(false)
	l := e.Wrap("أولاً", Regular, 10, math.Inf(1))[0]
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
		// Drawing order: right to left, the mark's glyph first.
		if text != "\u064bال" {
			t.Errorf("span text %q, want the fathatan, alef and lam", text)
		}
	}
	if spans != 1 {
		t.Errorf("%d spans in %+v, want 1", spans, l.Runs)
	}
}
