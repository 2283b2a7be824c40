package pipeline

import (
	"math"
	"slices"
	"strings"
	"testing"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/templates"
)

// Layout faults seen in trials, in every language: a list split over two
// columns with its heading on one side only, a leaflet front with an empty
// band while its back is at the smallest size, and a word alone on the
// last line of the QR code's caption.
func TestTrialLayoutFaults(t *testing.T) {
	t.Parallel()
	b, ale := loadExample(t, "../examples/ale-storgatan.yaml")
	// The trial's poster: two contacts and a logo.
	two := *ale
	two.Contacts = append(append([]property.Contact{}, ale.Contacts...),
		property.Contact{Name: "Fastighetsjouren", Phone: "070-174 06 22", Hours: property.Texts{"sv": "kvällar och helger"}})
	for _, code := range templates.Codes() {
		poster, err := b.Document(&two, Options{Lang: code}, kind.Poster, "7A")
		if err != nil {
			t.Errorf("%s poster: %v", code, err)
		} else {
			checkListsWhole(t, code, poster.Doc)
			checkCaption(t, code, poster.Doc)
		}
		leaflet, err := b.Document(ale, Options{Lang: code}, kind.Leaflet, "")
		if err != nil {
			t.Errorf("%s leaflet: %v", code, err)
		} else {
			checkFrontFilled(t, code, leaflet.Doc)
		}
	}
}

// checkListsWhole requires every entry of the support lines to stand in a
// column that also holds the list's heading.
func checkListsWhole(t *testing.T, code string, d *layout.Doc) {
	t.Helper()
	pg := d.Pages[0]
	l, _ := templates.Load(code)
	side := func(it layout.Item) bool { return it.X+it.W/2 < pg.W/2 }
	headed := map[bool]bool{}
	for _, it := range pg.Items {
		if it.Kind == layout.KindText && strings.TrimSpace(itemText(it)) != "" && sameWords(itemText(it), l.Text("support_heading")) {
			headed[side(it)] = true
		}
	}
	for _, it := range pg.Items {
		if it.Kind == layout.KindText && strings.HasPrefix(it.Field, "support_lines[") && !headed[side(it)] {
			t.Errorf("%s poster: %q stands in a column without the heading %q", code, itemText(it), l.Text("support_heading"))
			return
		}
	}
}

// checkCaption requires the QR code's caption not to end with a word
// alone on its last line.
func checkCaption(t *testing.T, code string, d *layout.Doc) {
	t.Helper()
	pg := d.Pages[0]
	var qr layout.Item
	for _, it := range pg.Items {
		if it.Kind == layout.KindQR {
			qr = it
		}
	}
	var lines []layout.Item
	for _, it := range pg.Items {
		// The caption: white text level with the code, ending right
		// beside it (starting, on a right-to-left page).
		beside := it.X+it.W <= qr.X && it.X+it.W > qr.X-8 || it.X >= qr.X+qr.W && it.X < qr.X+qr.W+8
		if it.Kind == layout.KindText && it.Fill != nil && *it.Fill == (layout.Color{0xff, 0xff, 0xff}) &&
			it.Y > qr.Y && it.Y-it.Ascent < qr.Y+qr.H && beside {
			lines = append(lines, it)
		}
	}
	if len(lines) == 0 {
		t.Errorf("%s poster: no caption beside the QR code", code)
		return
	}
	all := 0
	for _, it := range lines {
		all += len(strings.Fields(itemText(it)))
	}
	// A word alone is a fault when it is short beside the other lines;
	// the longest word of the caption may well fill a line of its own.
	last, widest := lines[len(lines)-1], 0.0
	for _, it := range lines {
		widest = math.Max(widest, it.W)
	}
	if len(lines) > 1 && all > 2 && len(strings.Fields(itemText(last))) < 2 && last.W < 0.6*widest {
		t.Errorf("%s poster: the caption's last line is one short word, %q", code, itemText(last))
	}
}

// checkFrontFilled requires a leaflet's front not to leave a band of more
// than 20 mm empty while its back is set at the smallest body size.
func checkFrontFilled(t *testing.T, code string, d *layout.Doc) {
	t.Helper()
	front, back := d.Pages[0], d.Pages[1]
	bottom := 0.0
	for _, it := range front.Items {
		bottom = math.Max(bottom, it.Y-it.Ascent+it.H)
	}
	smallest := math.Inf(1)
	for _, it := range back.Items {
		if it.Kind == layout.KindText {
			smallest = math.Min(smallest, it.Size)
		}
	}
	if band := front.H - 10 - bottom; band > 20 && smallest <= 8.05 {
		t.Errorf("%s leaflet: the front leaves %.0f mm empty while the back has text at %.1f pt", code, band, smallest)
	}
}

// sameWords compares texts by their letters, ignoring spaces and order: a
// right-to-left line's runs stand in the order they are seen.
func sameWords(a, b string) bool {
	letters := func(s string) string {
		rs := []rune(strings.Join(strings.Fields(s), ""))
		slices.Sort(rs)
		return string(rs)
	}
	return letters(a) == letters(b)
}
