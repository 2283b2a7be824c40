package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"huskurage/templates"
)

// An Arabic poster: the step titles come back exactly, with no
// presentation forms, and "114 14" reads left to right on the page.
func TestArabicPoster(t *testing.T) {
	b, p := loadExample(t, "../examples/goteborg-brf-kastanjen.yaml")
	files, err := b.Build(p, Options{Lang: "ar", Only: "poster"})
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
