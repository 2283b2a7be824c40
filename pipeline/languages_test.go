package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/templates"
)

// Every language: the example's poster and leaflet build, every font is
// embedded, the emergency line and each step's title come back from
// pdftotext with real letters, in logical order, and the QR code decodes.
func TestEveryLanguage(t *testing.T) {
	t.Parallel()
	url := readRaw(t, "../examples/ale-storgatan.yaml").QR.URL
	unmark := strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "")
	for _, code := range templates.Codes() {
		// Each language on its own, with its own Builder (one is not
		// safe for two goroutines): their PDF tools run at once.
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			b, p := loadExample(t, "../examples/ale-storgatan.yaml")
			dir := t.TempDir()
			l, _ := templates.Load(code)
			files, err := b.Build(t.Context(), p, Options{Lang: code})
			if err != nil {
				t.Errorf("%s: %v", code, err)
				return
			}
			for _, f := range files {
				if f.Kind == kind.Poster && !strings.Contains(f.Name, "-7a-") {
					continue
				}
				path := filepath.Join(dir, f.Name)
				os.WriteFile(path, f.Data, 0o644)
				text := unmark.Replace(collapse(pdfText(t, path)))
				for _, key := range []string{"emergency_label", "step_knock_title", "step_neighbours_title", "step_police_title"} {
					// Exact, placed vowel marks (أولاً) included: they are
					// drawn as glyphs of their own, and given back in their
					// words with ActualText.
					want, got := collapse(l.Text(key)), text
					if !strings.Contains(got, want) {
						t.Errorf("%s %s: pdftotext lacks %s %q", code, f.Name, key, want)
					}
				}
				// A paragraph of several sentences and lines: letters and
				// marks exact and in order (أحياناً), but pdftotext's bidi
				// may swap a full stop and the space after it in a
				// right-to-left line, so punctuation and spaces are left out.
				if want := noPunct(l.Text("step_knock_text")); !strings.Contains(noPunct(text), want) {
					t.Errorf("%s %s: pdftotext lacks step_knock_text %q", code, f.Name, want)
				}
				if !strings.Contains(text, "112") {
					t.Errorf("%s %s: no 112", code, f.Name)
				}
				for _, r := range text {
					if (r >= 0xFB50 && r <= 0xFEFF) || (r >= 0xE000 && r <= 0xF8FF) {
						t.Errorf("%s %s: %U is a presentation form or private-use character", code, f.Name, r)
						break
					}
				}
				for i, pg := range f.Doc.Pages {
					for _, it := range pg.Items {
						if it.Kind == layout.KindQR {
							if got := decodeQR(t, path, i+1); got != url {
								t.Errorf("%s %s: zbarimg read %q from page %d", code, f.Name, got, i+1)
							}
						}
					}
				}
				fonts := string(run(t, "pdffonts", path))
				if strings.Contains(fonts, " no  ") && strings.Count(fonts, " yes ") == 0 {
					t.Errorf("%s: fonts not embedded:\n%s", code, fonts)
				}
			}
		})
	}
}

func hasMark(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}

// lettersOnly drops spaces and zero width joiners, keeping letters and marks in order.
func lettersOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200d' {
			return -1
		}
		return r
	}, s)
}

// noPunct keeps letters, marks and digits, in order.
func noPunct(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}
