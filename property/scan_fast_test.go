package property

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkBytesSlow is checkBytes as it was first written, rune by rune:
// the one in load.go must report exactly what this does.
func (l *loader) checkBytesSlow(src []byte) bool {
	if len(src) >= 2 && (src[0] == 0xFF && src[1] == 0xFE || src[0] == 0xFE && src[1] == 0xFF) {
		l.add(l.at(1, 1), "", Textf("the file is in UTF-16"), Textf("save it as UTF-8"))
		return false
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			l.add(l.at(line, col), "", Textf("the file is not valid UTF-8 (byte 0x%02X)", src[i]),
				Textf("save it as UTF-8; it may have been saved as Latin-1 or Windows-1252"))
			return false
		case r == '\n':
			line, col = line+1, 1
		case r == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			line, col = line+1, 1
		case r == '\t':
			col++
		case r == '\uFEFF' && i == 0:
		case unicode.IsControl(r):
			l.add(l.at(line, col), "", Textf("control character %U is not allowed", r),
				Textf("remove it; it may have come along when text was copied from another program"))
			return false
		case r == '\u2028' || r == '\u2029':
			l.add(l.at(line, col), "", Textf("line separator %U is not allowed", r),
				Textf("use an ordinary line break"))
			return false
		default:
			col++
		}
		i += size
	}
	return true
}

// checkSpacesSlow is checkSpaces as it was first written: every line
// looked at.
func (l *loader) checkSpacesSlow(src []byte) bool {
	ok := true
	for i, ln := range splitLines(src) {
		col, r := oddSpace(ln.text)
		if col == 0 {
			continue
		}
		problem := Textf("the space character %U where YAML needs an ordinary space", r)
		if r == '\u00A0' {
			problem = Textf("a non-breaking space (U+00A0) where YAML needs an ordinary space")
		}
		l.add(l.at(i+1, col), "", problem,
			Textf("retype the spaces at the start of the line and after the colon or dash; it may have come along when text was copied from a web page or a document"))
		ok = false
	}
	return ok
}

// randomSource makes text of the pieces a property file is made of, and
// of the characters checkBytes and checkSpaces look for: line ends of
// every kind, tabs, controls, odd spaces, a byte order mark, broken
// UTF-8, and letters from outside ASCII.
func randomSource(r *rand.Rand) []byte {
	pieces := []string{"landlord:", "  name: ", "Bostads AB", "- ", ": ", "#", "\n", "\r\n", "\r", "\t",
		"\u00a0", "\u2003", "\u3000", "\u0085", "ä", "ሰ", "ع", "  ", "-", "\"x\"", "https://example.org/a?b=1",
		"\u200b", "\u0301", "\u2028", "\u2029"}
	// Refused by checkBytes wherever they are.
	rare := []string{"\v", "\f", "\x00", "\x1f", "\x7f", "\u0080", "\u2028", "\u2029", "\ufeff", "\xff", "\xc3", "\xe2\x80"}
	var src []byte
	if r.IntN(8) == 0 {
		src = append(src, "\ufeff"...)
	}
	for range r.IntN(40) {
		p := pieces[r.IntN(len(pieces))]
		switch r.IntN(60) {
		case 0:
			p = rare[r.IntN(len(rare))]
		case 1, 2, 3, 4, 5:
			p = pieces[r.IntN(6)] // mostly ordinary text
		}
		src = append(src, p...)
	}
	return src
}

// TestScanSame checks the fast checkBytes and checkSpaces against the
// slow ones over many varied texts: the same answer and the same
// problems at the same places.
func TestScanSame(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 28))
	bad := [2]int{}
	for range 40000 {
		src := randomSource(r)
		slow, fast := newLoader("p.yaml", "", Options{}, propertyFile), newLoader("p.yaml", "", Options{}, propertyFile)
		if s, f := slow.checkBytesSlow(src), fast.checkBytes(src); s != f || !reflect.DeepEqual(slow.errs, fast.errs) {
			t.Fatalf("checkBytes(%q): slow %v %v, fast %v %v", src, s, slow.errs, f, fast.errs)
		} else if !s {
			bad[0]++
			continue
		}
		if s, f := slow.checkSpacesSlow(src), fast.checkSpaces(src); s != f || !reflect.DeepEqual(slow.errs, fast.errs) {
			t.Fatalf("checkSpaces(%q): slow %v %v, fast %v %v", src, s, slow.errs, f, fast.errs)
		} else if !s {
			bad[1]++
		}
	}
	if bad[0] < 1000 || bad[1] < 1000 || 40000-bad[0]-bad[1] < 1000 {
		t.Errorf("%d texts refused by checkBytes, %d by checkSpaces, of 40,000: the test tests too little", bad[0], bad[1])
	}
}

// TestHasOddSpaceEveryRune checks hasOddSpace, which decodes only runes
// whose first byte may start an odd space, against isOddSpace for every
// rune, alone and after a multi-byte letter.
func TestHasOddSpaceEveryRune(t *testing.T) {
	t.Parallel()
	odd := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		want := isOddSpace(r)
		if want {
			odd++
		}
		alone := utf8.AppendRune(nil, r)
		after := utf8.AppendRune([]byte("gå "), r)
		if hasOddSpace(alone) != want || hasOddSpace(after) != want {
			t.Errorf("hasOddSpace(%U) = %v, %v after a letter; isOddSpace says %v", r, hasOddSpace(alone), hasOddSpace(after), want)
		}
	}
	if odd < 20 {
		t.Errorf("only %d odd spaces: isOddSpace finds too few", odd)
	}
}
