package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/templates"
)

// pageText is pdftotext's text of one page, with the direction marks it
// adds taken out and white space collapsed.
func pageText(t *testing.T, path string, page int) string {
	t.Helper()
	n := strconv.Itoa(page)
	out := run(t, "pdftotext", "-f", n, "-l", n, "-enc", "UTF-8", path, "-")
	return strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "").Replace(collapse(string(out)))
}

// missingTexts reports the keys of lang whose text text lacks.
func missingTexts(text string, lang *templates.Language, keys ...string) []string {
	var out []string
	for _, key := range keys {
		want, got := collapse(lang.Text(key)), text
		if hasMark(want) && !strings.Contains(got, want) {
			// Known: where a word with a placed vowel mark (أولاً) ends
			// a wrapped line before a full stop, pdftotext's bidi moves
			// the mark to the stop at the line's start. The letters and
			// their order must still be exact.
			want, got = lettersStrict(want), lettersStrict(text)
		}
		if !strings.Contains(got, want) {
			out = append(out, key)
		}
	}
	return out
}

// lettersStrict keeps only letters and digits.
func lettersStrict(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

var frontKeys = []string{"emergency_label", "steps_heading", "step_knock_title", "step_neighbours_title",
	"step_police_title", "child_heading"}

func itemText(it layout.Item) string {
	var s strings.Builder
	for _, r := range it.Runs {
		s.WriteString(r.Text)
	}
	return s.String()
}

func isScript(s string, tab *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(tab, r) {
			return true
		}
	}
	return false
}

// decodeQR renders page of the PDF at path and returns what zbarimg reads.
func decodeQR(t *testing.T, path string, page int) string {
	t.Helper()
	prefix := strings.TrimSuffix(path, ".pdf") + "-qr" + strconv.Itoa(page)
	n := strconv.Itoa(page)
	run(t, "pdftoppm", "-png", "-r", "150", "-f", n, "-l", n, "-singlefile", path, prefix)
	cmd := exec.Command("zbarimg", "-q", "--raw", prefix+".png")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	_ = cmd.Run()
	return strings.TrimSuffix(stdout.String(), "\n")
}

// A bilingual poster: both languages complete on one page, each in its
// own column and direction, 112 once, the right-to-left language on the
// right whichever comes first, and the QR code still decoding.
func TestBilingualPoster(t *testing.T) {
	t.Parallel()
	requireTools(t)
	arabic := func(s string) bool { return isScript(s, unicode.Arabic) }
	ethiopic := func(s string) bool { return isScript(s, unicode.Ethiopic) }
	sorani := func(s string) bool { return strings.ContainsRune(s, 'ە') } // not in Persian
	cases := []struct {
		langs []string
		// lines of one language are told by mark; they must all lie in
		// the right half, or the left half when left is set.
		mark func(string) bool
		left bool
	}{
		{[]string{"sv", "ar"}, arabic, false},
		{[]string{"ar", "sv"}, arabic, false},
		{[]string{"en", "ti"}, ethiopic, false},
		{[]string{"ti", "en"}, ethiopic, true},
		{[]string{"fa", "ckb"}, sorani, true}, // the first right-to-left language on the right
		{[]string{"uk", "sv"}, nil, false},
	}
	for _, path := range examples(t) {
		raw := readRaw(t, path)
		for _, c := range cases {
			name := filepath.Base(path) + "/" + strings.Join(c.langs, "+")
			// Each case on its own, with its own Builder (one is not
			// safe for two goroutines): their PDF tools run at once.
			t.Run(strings.Join(c.langs, "+")+"/"+filepath.Base(path), func(t *testing.T) {
				t.Parallel()
				b, p := loadExample(t, path)
				dir := t.TempDir()
				f, err := b.Document(p, Options{Sizes: map[*kind.Kind]string{kind.Poster: "A3"}, Pairs: map[*kind.Kind][]string{kind.Poster: c.langs}}, kind.Poster, firstEntrance(raw))
				if err != nil {
					t.Errorf("%s: %v", name, err)
					return
				}
				if want := strings.Join(c.langs, "+"); f.Lang != want {
					t.Errorf("%s: Lang %q, want %q", name, f.Lang, want)
				}
				if len(f.Doc.Pages) != 1 {
					t.Fatalf("%s: %d pages, want 1", name, len(f.Doc.Pages))
				}
				pg := f.Doc.Pages[0]
				// 112 is drawn once, as the largest text on the page.
				big, n112, boxTop := 0.0, 0, 0.0
				for _, it := range pg.Items {
					if it.Kind == layout.KindText && it.Size > big && itemText(it) != "Huskurage" {
						big = it.Size
					}
					if it.Kind == layout.KindRect && it.Fill != nil && *it.Fill == (layout.Color{0xa3, 0x16, 0x1a}) {
						boxTop = it.Y
					}
				}
				for _, it := range pg.Items {
					if it.Kind == layout.KindText && it.Size == big {
						n112++
						if itemText(it) != "112" {
							t.Errorf("%s: the largest text is %q, want 112", name, itemText(it))
						}
						if mid := it.X + it.W/2; mid < pg.W*0.45 || mid > pg.W*0.55 {
							t.Errorf("%s: 112 is at x %.0f mm, not in the middle of the page", name, mid)
						}
					}
				}
				if n112 != 1 {
					t.Errorf("%s: %d large 112s, want one shared", name, n112)
				}
				// Below the header every line of the marked language lies in
				// its half.
				if c.mark != nil {
					found := 0
					for _, it := range pg.Items {
						if it.Kind != layout.KindText || it.Y < boxTop || !c.mark(itemText(it)) {
							continue
						}
						found++
						if left := it.X+it.W <= pg.W/2; left != c.left || (!left && it.X < pg.W/2) {
							t.Errorf("%s: %q at x %.0f–%.0f mm, in the wrong half", name, itemText(it), it.X, it.X+it.W)
							break
						}
					}
					if found < 10 {
						t.Errorf("%s: only %d marked lines below the header", name, found)
					}
				}
				// The second language's text says its language (for screen
				// readers); the first is the document's.
				// A contact's hours and note, which the property gives in
				// Swedish only, say Swedish wherever they stand in another
				// language's part.
				tagged, spans := map[string]int{}, map[string]int{}
				for _, it := range pg.Items {
					if it.Kind != layout.KindText {
						continue
					}
					spans[it.Lang]++
					if isContactDetail(it) {
						if !(it.Lang == "sv" || it.Lang == "" && c.langs[0] == "sv") {
							t.Errorf("%s: %q tagged %q, want Swedish", name, itemText(it), it.Lang)
						}
						continue
					}
					tagged[it.Lang]++
				}
				if tagged[c.langs[1]] < 10 || tagged[c.langs[0]] > 0 {
					t.Errorf("%s: text items by language tag: %v", name, tagged)
				}
				file := filepath.Join(dir, strings.ReplaceAll(name, "/", "-")+".pdf")
				if err := os.WriteFile(file, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				qdf := string(run(t, "qpdf", "--qdf", "--object-streams=disable", file, "-"))
				// The structure says the language: every line tagged with
				// it belongs to a node in that language, and the PDF marks
				// structure elements with it.
				for _, it := range pg.Items {
					if it.Kind == layout.KindText && it.Lang != "" && it.Node != 0 {
						if got := langInForce(f.Doc, it.Node); got != it.Lang {
							t.Errorf("%s: %q is in a structure node in %q, want %q", name, itemText(it), got, it.Lang)
						}
					}
				}
				if n := strings.Count(qdf, "/Lang ("+c.langs[1]+")"); n == 0 || spans[c.langs[1]] == 0 {
					t.Errorf("%s: %d structure elements in %s in the PDF, %d lines", name, n, c.langs[1], spans[c.langs[1]])
				}
				if bdc, emc := markedContent(qdf); bdc != emc {
					t.Errorf("%s: %d spans opened, %d closed", name, bdc, emc)
				}
				text := pageText(t, file, 1)
				for _, code := range c.langs {
					l, _ := templates.Load(code)
					if miss := missingTexts(text, l, frontKeys...); len(miss) > 0 {
						t.Errorf("%s: pdftotext lacks the %s texts %v", name, code, miss)
					}
				}
				if got := decodeQR(t, file, 1); got != raw.QR.URL {
					t.Errorf("%s: zbarimg read %q, want %q", name, got, raw.QR.URL)
				}
				if msg := string(run(t, "qpdf", "--check", file)); !strings.Contains(msg, "No syntax or stream encoding errors") {
					t.Errorf("%s: qpdf: %s", name, msg)
				}
			})
		}
	}
}

// A leaflet with a language on each side: each side complete in its
// language and direction, with its own QR code.
func TestLeafletSides(t *testing.T) {
	t.Parallel()
	requireTools(t)
	for _, path := range examples(t) {
		raw := readRaw(t, path)
		for _, langs := range [][]string{{"sv", "so"}, {"sv", "ar"}, {"en", "am"}, {"ckb", "pl"}} {
			name := filepath.Base(path) + "/" + strings.Join(langs, "+")
			t.Run(strings.Join(langs, "+")+"/"+filepath.Base(path), func(t *testing.T) {
				t.Parallel()
				b, p := loadExample(t, path)
				dir := t.TempDir()
				f, err := b.Document(p, Options{Pairs: map[*kind.Kind][]string{kind.Leaflet: langs}}, kind.Leaflet, "")
				if err != nil {
					t.Errorf("%s: %v", name, err)
					return
				}
				if len(f.Doc.Pages) != 2 {
					t.Fatalf("%s: %d pages, want 2", name, len(f.Doc.Pages))
				}
				file := filepath.Join(dir, strings.ReplaceAll(name, "/", "-")+".pdf")
				if err := os.WriteFile(file, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				for i, code := range langs {
					l, _ := templates.Load(code)
					other, _ := templates.Load(langs[1-i])
					text := pageText(t, file, i+1)
					if miss := missingTexts(text, l, frontKeys...); len(miss) > 0 {
						t.Errorf("%s: side %d lacks the %s texts %v", name, i+1, code, miss)
					}
					if miss := missingTexts(text, other, "emergency_label", "step_knock_title"); len(miss) == 0 {
						t.Errorf("%s: side %d also says the %s texts", name, i+1, langs[1-i])
					}
					if got := decodeQR(t, file, i+1); got != raw.QR.URL {
						t.Errorf("%s: side %d: zbarimg read %q, want %q", name, i+1, got, raw.QR.URL)
					}
					// The back says its language, the front is the document's;
					// a contact's hours and note in Swedish say Swedish on a
					// side in another language.
					for _, it := range f.Doc.Pages[i].Items {
						want := []string{"", code}[i]
						if isContactDetail(it) && code != "sv" {
							want = "sv"
						}
						if it.Kind == layout.KindText && it.Lang != want {
							t.Errorf("%s: side %d: %q tagged %q, want %q", name, i+1, itemText(it), it.Lang, want)
							break
						}
					}
					// A right-to-left side is the mirror image: 112 on the right.
					for _, it := range f.Doc.Pages[i].Items {
						if it.Kind == layout.KindText && itemText(it) == "112" && it.Size > 20 {
							if right := it.X > f.Doc.Pages[i].W/2; right != (l.Direction == "rtl") {
								t.Errorf("%s: side %d (%s): 112 at x %.0f mm", name, i+1, code, it.X)
							}
						}
					}
				}
			})
		}
	}
}

// The sizes that cannot hold two languages are refused with a reason.
func TestBilingualTooSmall(t *testing.T) {
	t.Parallel()
	b, p := loadExample(t, "../examples/ale-storgatan.yaml")
	_, err := b.Document(p, Options{Sizes: map[*kind.Kind]string{kind.Leaflet: "A6"}, Pairs: map[*kind.Kind][]string{kind.Leaflet: {"sv", "ar"}}}, kind.Leaflet, "")
	if err == nil || !strings.Contains(err.Error(), "A5 only") {
		t.Errorf("A6 leaflet with two sides: %v, want an error saying A5 only", err)
	}
	_, err = b.Document(p, Options{Sizes: map[*kind.Kind]string{kind.Poster: "A4"}, Pairs: map[*kind.Kind][]string{kind.Poster: {"sv", "ar"}}}, kind.Poster, "7A")
	if err == nil || !strings.Contains(err.Error(), "A3 only") {
		t.Errorf("A4 bilingual poster: %v, want an error saying A3 only", err)
	}
	// Too much text for A3: the field, its position and the ways out.
	long := strings.Repeat("Ring oss om du undrar något om ditt boende. ", 4)
	src := "id: lang\nlandlord:\n  name: Brf Lång\nproperty:\n  address: Långgatan 1\n  postal_code: \"411 01\"\n  city: Göteborg\n" +
		"contacts:\n"
	for i := 0; i < 6; i++ {
		src += fmt.Sprintf("  - name: Kontakt %d\n    phone: 031-123 45 6%d\n    note: %s\n", i, i, long)
	}
	src += "qr:\n  url: https://example.se/h\n"
	pp, err := property.Parse([]byte(src), "lang.yaml", ".", property.Options{Covers: b.Covers})
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Document(pp, Options{Sizes: map[*kind.Kind]string{kind.Poster: "A3"}, Pairs: map[*kind.Kind][]string{kind.Poster: {"sv", "ar"}}}, kind.Poster, "")
	if err == nil || !strings.Contains(err.Error(), "lang.yaml:") || !strings.Contains(err.Error(), "note") ||
		!strings.Contains(err.Error(), "leave out --poster-langs") {
		t.Errorf("A3 bilingual poster with long notes: %v, want a positioned error on a note that names the ways out", err)
	}
}

func firstEntrance(raw rawProperty) string {
	if len(raw.Property.Entrances) > 0 {
		return raw.Property.Entrances[0]
	}
	return ""
}

// isContactDetail reports whether it is a line of a contact's hours or
// note, which the examples give in Swedish only.
func isContactDetail(it layout.Item) bool {
	return it.Kind == layout.KindText && strings.HasPrefix(it.Field, "contacts[") &&
		(strings.Contains(it.Field, ".hours") || strings.Contains(it.Field, ".note"))
}
