package layout

import (
	"errors"
	"math"
	"strings"
	"testing"

	"huskurage/content"
	"huskurage/typeset"
)

// fake measures every character as half an em and breaks at spaces, so
// the designs can be tested without fonts.
type fake struct{}

func (fake) Metrics(_ typeset.FontID, size float64) typeset.Metrics {
	return typeset.Metrics{Ascent: 0.8 * size, Descent: 0.2 * size, LineHeight: 1.2 * size}
}

func (fake) Wrap(s string, _ typeset.Direction, _ typeset.FontID, size, max float64) []typeset.Line {
	var lines []typeset.Line
	var cur []string
	width := func(ws []string) float64 { return float64(len([]rune(strings.Join(ws, " ")))) * size / 2 }
	for _, w := range strings.Fields(s) {
		if len(cur) > 0 && width(append(cur, w)) > max {
			lines = append(lines, typeset.Line{Width: width(cur), Runs: []typeset.Run{{Text: strings.Join(cur, " ")}}})
			cur = nil
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		lines = append(lines, typeset.Line{Width: width(cur), Runs: []typeset.Run{{Text: strings.Join(cur, " ")}}})
	}
	return lines
}

func (f fake) LongestWord(s string, dir typeset.Direction, font typeset.FontID, size float64) (float64, string) {
	best, word := 0.0, ""
	for _, w := range strings.Fields(s) {
		if l := f.Wrap(w, dir, font, size, math.Inf(1)); len(l) > 0 && l[0].Width > best {
			best, word = l[0].Width, w
		}
	}
	return best, word
}

func doc() content.Document {
	t := func(s string) content.Text { return content.Text{S: s} }
	return content.Document{
		Lang: "sv", Direction: "ltr",
		Title: t("Huskurage"), Tagline: t("Vi bryr oss om varandra."), Intro: t("Kort inledning om Huskurage."),
		EmergencyLabel: t("Akut? Ring polisen först."), PoliceLine: t("Polisen: 114 14"),
		StepsHeading: t("Det här kan du göra"),
		Steps: []content.Step{
			{Icon: "knock", Title: t("Knacka på"), Body: t("Bara om det inte är farligt för dig.")},
			{Icon: "neighbours", Title: t("Ta hjälp"), Body: t("Be en granne följa med.")},
			{Icon: "police", Title: t("Ring polisen"), Body: t("Ring 112 när det är akut.")},
		},
		ChildHeading: t("Oro för ett barn?"), ChildText: t("Gör en orosanmälan."), ChildFallback: t("Ring socialtjänsten."),
		ContactsHeading: t("Lokala kontakter"), SupportHeading: t("Stödlinjer"),
		LandlordHeading: t("Hyresvärd"), LandlordName: content.Text{S: "Bostads AB", Field: "landlord.name"},
		Address:   []content.Text{{S: "Storgatan 7", Field: "property.address"}},
		QRURL:     content.Text{S: "https://example.org/h", Field: "qr.url"},
		QRCaption: t("Läs mer"),
		Accent:    content.DefaultAccent,
	}
}

func sizes(d *Doc) (body, number float64) {
	body = math.Inf(1)
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind != KindText {
				continue
			}
			if len(it.Runs) == 1 && it.Runs[0].Text == content.EmergencyNumber {
				number = it.Size
			} else {
				body = math.Min(body, it.Size)
			}
		}
	}
	return body, number
}

func TestDesignsRespectMinimumSizes(t *testing.T) {
	for _, tc := range []struct {
		kind, size      string
		minBody, min112 float64
		pages           int
	}{
		{"poster", "A4", 11, 36, 1},
		{"poster", "A3", 11 * 297 / 210, 36 * 297 / 210, 1},
		{"leaflet", "A5", 8, 0, 2},
		{"leaflet", "A6", 8, 0, 2},
	} {
		for _, contacts := range []int{0, 3, 6} {
			d := doc()
			for i := 0; i < contacts; i++ {
				d.Contacts = append(d.Contacts, content.Entry{
					Name:    content.Text{S: "Kontakt med ett ganska långt namn", Field: "contacts[0].name"},
					Phone:   content.Text{S: "0303-70 30 00", Field: "contacts[0].phone"},
					Details: []content.Text{{S: "vardagar 8–16, och en anteckning som tar plats", Field: "contacts[0].note"}},
				})
			}
			lay := Poster
			if tc.kind == "leaflet" {
				lay = Leaflet
			}
			out, err := lay(d, tc.size, fake{})
			if err != nil {
				var fe *FieldError
				if contacts == 6 && errors.As(err, &fe) && strings.HasPrefix(fe.Field, "contacts[") {
					continue // too much for this size, and the error names the field
				}
				t.Fatalf("%s %s with %d contacts: %v", tc.size, tc.kind, contacts, err)
			}
			if len(out.Pages) != tc.pages {
				t.Errorf("%s %s: %d pages, want %d", tc.size, tc.kind, len(out.Pages), tc.pages)
			}
			body, number := sizes(out)
			if body < tc.minBody-0.01 {
				t.Errorf("%s %s with %d contacts: smallest text %.2f pt, minimum %.2f", tc.size, tc.kind, contacts, body, tc.minBody)
			}
			if number < tc.min112-0.01 || number == 0 {
				t.Errorf("%s %s: 112 at %.2f pt, minimum %.2f", tc.size, tc.kind, number, tc.min112)
			}
			if err := out.Check(); err != nil {
				t.Errorf("%s %s with %d contacts: %v", tc.size, tc.kind, contacts, err)
			}
		}
	}
}

// Far too much text is an error that names the user's field with the
// most lines, not a page that overflows.
func TestOverflowNamesField(t *testing.T) {
	d := doc()
	for i := 0; i < 40; i++ {
		d.Contacts = append(d.Contacts, content.Entry{
			Name:    content.Text{S: "Kontakt", Field: "contacts[3].name"},
			Phone:   content.Text{S: "010-123 45 67", Field: "contacts[3].phone"},
			Details: []content.Text{{S: strings.Repeat("mycket lång anteckning ", 4), Field: "contacts[3].note"}},
		})
	}
	for _, tc := range []struct {
		lay  func(content.Document, string, Measurer) (*Doc, error)
		size string
	}{{Poster, "A4"}, {Poster, "A3"}, {Leaflet, "A5"}, {Leaflet, "A6"}} {
		_, err := tc.lay(d, tc.size, fake{})
		var fe *FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("got %v, want a FieldError", err)
		}
		if fe.Field != "contacts[3].note" || !strings.Contains(fe.Problem, "too much text") {
			t.Errorf("error %q: want field contacts[3].note and 'too much text'", fe.Error())
		}
	}
}

func TestUnknownSize(t *testing.T) {
	if _, err := Poster(doc(), "A5", fake{}); err == nil || !strings.Contains(err.Error(), "A4") {
		t.Errorf("A5 poster: got %v, want an error listing A4 and A3", err)
	}
	if _, err := Leaflet(doc(), "Letter", fake{}); err == nil {
		t.Error("Letter leaflet: want an error")
	}
}

// Text grows to use the room it has, and shrinks, down to the minimum,
// when there is more of it.
func TestTextScalesWithContent(t *testing.T) {
	short, err := Leaflet(doc(), "A5", fake{})
	if err != nil {
		t.Fatal(err)
	}
	d := doc()
	for i := 0; i < 9; i++ {
		d.Contacts = append(d.Contacts, content.Entry{Name: content.Text{S: "Kontakt"}, Phone: content.Text{S: "010-123 45 67"},
			Details: []content.Text{{S: strings.Repeat("en anteckning ", 6)}}})
	}
	long, err := Leaflet(d, "A5", fake{})
	if err != nil {
		t.Fatal(err)
	}
	if !(long.Scale < short.Scale) {
		t.Errorf("scale with more text %.3f, with less %.3f: want smaller", long.Scale, short.Scale)
	}
}

func TestFit(t *testing.T) {
	k, ok := fit(0.5, 1.2, func(k float64) bool { return k <= 0.8 })
	if !ok || k > 0.8 || k < 0.79 {
		t.Errorf("fit = %v, %v; want just under 0.8", k, ok)
	}
	if _, ok := fit(0.5, 1.2, func(float64) bool { return false }); ok {
		t.Error("fit reported success when nothing fits")
	}
	if k, ok := fit(0.5, 1.2, func(float64) bool { return true }); !ok || k != 1.2 {
		t.Errorf("fit = %v, %v; want the maximum", k, ok)
	}
}

func TestCheckFindsOverlap(t *testing.T) {
	text := func(x, y float64, s string) Item {
		return Item{Kind: KindText, X: x, Y: y, W: 20, H: 5, Ascent: 4, Runs: []Run{{Text: s}}}
	}
	d := &Doc{Pages: []Page{{W: 100, H: 100, Items: []Item{text(10, 10, "a"), text(15, 12, "b")}}}}
	if err := d.Check(); err == nil || !strings.Contains(err.Error(), "overlaps") {
		t.Errorf("Check = %v, want an overlap", err)
	}
	d.Pages[0].Items = []Item{text(90, 10, "edge")}
	if err := d.Check(); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("Check = %v, want outside the page", err)
	}
	grey := Color{200, 200, 200}
	d.Pages[0].Items = []Item{{Kind: KindRect, X: 0, Y: 0, W: 25, H: 20, Fill: &grey}, text(10, 10, "half in")}
	if err := d.Check(); err == nil || !strings.Contains(err.Error(), "panel") {
		t.Errorf("Check = %v, want text sticking out of a panel", err)
	}
	d.Pages[0].Items = []Item{text(10, 10, "a"), text(10, 15, "b")}
	if err := d.Check(); err != nil {
		t.Errorf("lines that touch: %v", err)
	}
}

// A right-to-left document is the mirror image of the design: the QR
// code moves from the right of the header to the left, icons to the right.
func TestRightToLeftIsMirrored(t *testing.T) {
	ltr, err := Poster(doc(), "A4", fake{})
	if err != nil {
		t.Fatal(err)
	}
	d := doc()
	d.Direction = "rtl"
	rtl, err := Poster(d, "A4", fake{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(p Page, kind string) Item {
		for _, it := range p.Items {
			if it.Kind == kind {
				return it
			}
		}
		t.Fatalf("no %s", kind)
		return Item{}
	}
	q1, q2 := find(ltr.Pages[0], KindQR), find(rtl.Pages[0], KindQR)
	if q1.X < 105 || q2.X > 105 || math.Abs(q2.X-(210-q1.X-q1.W)) > 0.01 {
		t.Errorf("QR at x=%.1f left to right, %.1f right to left; want mirrored", q1.X, q2.X)
	}
	c1, c2 := find(ltr.Pages[0], KindCircle), find(rtl.Pages[0], KindCircle)
	if math.Abs(c2.X-(210-c1.X)) > 0.01 {
		t.Errorf("icon at %.1f and %.1f; want mirrored", c1.X, c2.X)
	}
	if err := rtl.Check(); err != nil {
		t.Error(err)
	}
}

// A link too long for a readable QR code is found by the layout, for every
// design that draws the code, with the field and the longest link that
// fits: check need not render a PDF to find it.
func TestLayoutRefusesQRLinkTooLong(t *testing.T) {
	long := "https://example.org/" + strings.Repeat("a", 600)
	for _, tc := range []struct {
		name string
		lay  func(content.Document) (*Doc, error)
	}{
		{"A4 poster", func(d content.Document) (*Doc, error) { return Poster(d, "A4", fake{}) }},
		{"A5 leaflet", func(d content.Document) (*Doc, error) { return Leaflet(d, "A5", fake{}) }},
		{"A3 bilingual poster", func(d content.Document) (*Doc, error) {
			return BilingualPoster([2]content.Document{d, d}, "A3", fake{})
		}},
		{"A5 leaflet sides", func(d content.Document) (*Doc, error) {
			return LeafletSides([2]content.Document{d, d}, "A5", fake{})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := doc()
			if _, err := tc.lay(d); err != nil {
				t.Fatalf("a short link: %v", err)
			}
			d.QRURL.S = long
			_, err := tc.lay(d)
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "qr.url" || !strings.Contains(fe.Problem, "too long for a readable") ||
				!strings.Contains(fe.Hint, "at most ") {
				t.Fatalf("got %v, want a qr.url error with the longest link that fits", err)
			}
		})
	}
}

// dirs is a measurer that records the direction each text was wrapped
// in, so that a test can see which direction the layout asked for.
type dirs struct {
	fake
	seen map[string]typeset.Direction
}

func (d dirs) Wrap(s string, dir typeset.Direction, font typeset.FontID, size, max float64) []typeset.Line {
	if prev, ok := d.seen[s]; ok && prev != dir {
		d.seen[s] = 255 // asked in both directions
	} else {
		d.seen[s] = dir
	}
	return d.fake.Wrap(s, dir, font, size, max)
}

func (d dirs) LongestWord(s string, dir typeset.Direction, font typeset.FontID, size float64) (float64, string) {
	d.Wrap(s, dir, font, size, math.Inf(1))
	return d.fake.LongestWord(s, dir, font, size)
}

// The layout tells the measurer the direction of every text it wraps, as
// a parameter: any measurer, not only our engine, sets the Arabic part of
// a two-language poster right to left and the Swedish part left to right.
func TestMeasurerIsToldTheDirection(t *testing.T) {
	t.Parallel()
	sv, ar := doc(), doc()
	ar.Lang, ar.Direction = "ar", "rtl"
	ar.Intro = content.Text{S: "مقدمة قصيرة عن هوسكوراج."}
	m := dirs{seen: map[string]typeset.Direction{}}
	if _, err := BilingualPoster([2]content.Document{sv, ar}, "A3", m); err != nil {
		t.Fatal(err)
	}
	if got, ok := m.seen[ar.Intro.S]; !ok || got != typeset.RTL {
		t.Errorf("the Arabic intro was wrapped in direction %v (asked: %v), want RTL", got, ok)
	}
	if got, ok := m.seen[sv.Intro.S]; !ok || got != typeset.LTR {
		t.Errorf("the Swedish intro was wrapped in direction %v (asked: %v), want LTR", got, ok)
	}
	// A whole Arabic leaflet: everything right to left.
	m = dirs{seen: map[string]typeset.Direction{}}
	if _, err := Leaflet(ar, "A5", m); err != nil {
		t.Fatal(err)
	}
	for s, dir := range m.seen {
		if dir != typeset.RTL {
			t.Errorf("%q on an Arabic leaflet was wrapped in direction %v, want RTL", s, dir)
		}
	}
}
