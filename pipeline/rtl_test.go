package pipeline

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/templates"
)

// An Arabic poster: the step titles come back exactly, with no
// presentation forms, and "114 14" reads left to right on the page.
func TestArabicPoster(t *testing.T) {
	t.Parallel()
	b, p := loadExample(t, "../examples/goteborg-brf-kastanjen.yaml")
	files, err := b.Build(t.Context(), p, Options{Lang: "ar", Kinds: []*kind.Kind{kind.Poster}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), files[0].Name)
	os.WriteFile(path, files[0].Data, 0o644)
	text := strings.NewReplacer("\u202b", "", "\u202c", "").Replace(collapse(pdfText(t, path)))
	l, _ := templates.Load("ar")
	for _, key := range []string{"step_knock_title", "step_neighbours_title", "step_police_title", "steps_heading"} {
		if want := collapse(l.Text(key)); !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %s %q:\n%s", key, want, text)
		}
	}
	for _, r := range text {
		if r >= 0xFB50 && r <= 0xFEFF {
			t.Fatalf("presentation form %U in the text", r)
		}
	}
	// On the police line, "114" stands left of "14".
	bbox := string(run(t, "pdftotext", "-bbox", path, "-"))
	word := regexp.MustCompile(`xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>(114|14)</word>`)
	var x114, x14 float64
	var y114, y14 string
	for _, m := range word.FindAllStringSubmatch(bbox, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		if m[3] == "114" && x114 == 0 {
			x114, y114 = x, m[2]
		} else if m[3] == "14" && y14 == "" && m[2] == y114 {
			x14, y14 = x, m[2]
		}
	}
	if x114 == 0 || y14 == "" || !(x114 < x14) {
		t.Errorf("114 at x=%.1f, 14 at x=%.1f (same line: %v); want 114 14 left to right", x114, x14, y14 != "")
	}
}

// The entrance in Arabic has the first address line of an Arabic poster
// to itself and reads as one piece, "المدخل 7A", its number beside its
// label; the Swedish address follows on the next line. On a poster in
// Arabic and Swedish too.
func TestArabicEntrance(t *testing.T) {
	t.Parallel()
	b, p := loadExample(t, "../examples/ale-storgatan.yaml")
	unmark := strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "")
	for _, opts := range []Options{{Lang: "ar"}, {Pairs: map[*kind.Kind][]string{kind.Poster: {"ar", "sv"}}}} {
		f, err := b.Document(p, opts, kind.Poster, "7A")
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), f.Name)
		os.WriteFile(path, f.Data, 0o644)
		// Items are in visual order: 7A, then the entrance's word at the
		// right end of its line, nothing else on it.
		var entrance, street *layout.Item
		for _, it := range f.Doc.Pages[0].Items {
			if it.Kind != layout.KindText {
				continue
			}
			if strings.Contains(itemText(it), "7A") && entrance == nil {
				entrance = &it
			}
			if strings.Contains(itemText(it), "Kvarteret") && street == nil {
				street = &it
			}
		}
		if entrance == nil || street == nil {
			t.Fatalf("%s: no entrance or no street line", f.Name)
		}
		if !(entrance.Y < street.Y) {
			t.Errorf("%s: the entrance is not above the street: %q at %.1f, %q at %.1f", f.Name, itemText(*entrance), entrance.Y, itemText(*street), street.Y)
		}
		runs, seen7A := entrance.Runs, false
		for i, r := range runs {
			s := strings.TrimSpace(r.Text)
			switch {
			case i == 0 && s != "7A":
				t.Errorf("%s: the entrance line starts with %q at the left, want 7A: %q", f.Name, s, itemText(*entrance))
			case s == "7A":
				seen7A = true
			case s != "" && !isScript(s, unicode.Arabic):
				t.Errorf("%s: %q on the entrance line: %q", f.Name, s, itemText(*entrance))
			}
		}
		if !seen7A || !isScript(strings.TrimSpace(runs[len(runs)-1].Text), unicode.Arabic) {
			t.Errorf("%s: want 7A beside the Arabic word for entrance: %q", f.Name, itemText(*entrance))
		}
		if opts.Lang == "ar" {
			text := unmark.Replace(collapse(pdfText(t, path)))
			if !strings.Contains(text, "المدخل 7A Kvarteret Linden · Storgatan 7") {
				t.Errorf("%s: pdftotext lacks the address in reading order:\n%s", f.Name, text)
			}
		}
	}
}
