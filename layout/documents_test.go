package layout

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"huskurage/content"
)

// fitAbove asks what fit asks until it stops, and stops only when fit
// would find a scale below the floor or none.
func TestFitAbove(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		limit := 0.4 + r.Float64()*0.9 // fits up to here
		floor := r.Float64() * 1.3
		var asked, askedAbove []float64
		k, ok := fit(0.5, 1.2, func(k float64) bool { asked = append(asked, k); return k <= limit })
		k2, ok2, below := fitAbove(0.5, 1.2, floor, func(k float64) bool { askedAbove = append(askedAbove, k); return k <= limit })
		if !reflect.DeepEqual(asked[:len(askedAbove)], askedAbove) {
			t.Fatalf("limit %.3f floor %.3f: fit asked %v, fitAbove %v", limit, floor, asked, askedAbove)
		}
		switch {
		case below && ok && k >= floor:
			t.Fatalf("limit %.3f floor %.3f: fitAbove gave up, but fit found %.4f", limit, floor, k)
		case !below && (k2 != k || ok2 != ok):
			t.Fatalf("limit %.3f floor %.3f: fitAbove = %.4f, %v; fit = %.4f, %v", limit, floor, k2, ok2, k, ok)
		}
	}
}

// leafletBoth is Leaflet as it was before it gave up early: both fronts
// laid out in full, then compared.
func leafletBoth(doc content.Document, size string, m Measurer) (*Doc, error) {
	d, err := newDesign("leaflet", size)
	if err != nil {
		return nil, err
	}
	if doc.EasyRead {
		d.enlarge(easyReadScale)
	}
	both := func(d *design) (*Doc, error) {
		return orShorter([]content.Document{doc}, func(docs []content.Document) (*Doc, error) {
			withChild, err := lay(d, docs[0], m, sheets(docs[0], leafletFrontWithChild, leafletBackLists))
			alone, err2 := lay(d, docs[0], m, sheets(docs[0], leafletFront, leafletBack))
			switch {
			case err != nil:
				return alone, err2
			case err2 != nil || withChild.Scale >= alone.Scale-0.01:
				return withChild, nil
			}
			return alone, nil
		})
	}
	if d.qrSize < leafletQRLarge {
		large := *d
		large.qrSize = leafletQRLarge
		if out, err := both(&large); !tooMuchText(err) {
			return out, err
		}
	}
	return both(d)
}

// A leaflet that gives up on the front with social services as soon as
// it must lose is the leaflet that lays out both in full, with either
// front chosen, text made shorter, or refused.
func TestLeafletGivesUpEarlyAlike(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	fronts := map[bool]int{} // by whether social services are on the front
	refused := 0
	for i := range 300 {
		d := doc()
		d.Intro.S = strings.Repeat("Kort inledning om Huskurage. ", 1+r.IntN(6))
		d.ChildText.S = strings.Repeat("Gör en orosanmälan. ", 1+r.IntN(8))
		for range r.IntN(9) {
			d.Contacts = append(d.Contacts, content.Entry{Name: content.Text{S: "Kontakt"}, Phone: content.Text{S: "010-123 45 67"},
				Details: []content.Text{{S: strings.Repeat("en anteckning ", r.IntN(8))}}})
		}
		for range r.IntN(4) {
			d.Support = append(d.Support, content.Entry{Name: content.Text{S: "Stödlinje"}, Phone: content.Text{S: "020-50 50 50"}})
		}
		size := []string{"A5", "A6"}[r.IntN(2)]
		name := fmt.Sprintf("case %d (%s, %d contacts)", i, size, len(d.Contacts))
		want, werr := leafletBoth(d, size, fake{})
		got, gerr := Leaflet(d, size, fake{})
		if fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Fatalf("%s: error %v, want %v", name, gerr, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the layout differs from laying out both fronts", name)
		}
		if werr != nil {
			refused++
			continue
		}
		fronts[hasChildOnFront(want)]++
	}
	if fronts[true] == 0 || fronts[false] == 0 {
		t.Errorf("leaflets by social services on the front: %v; want both kinds among the cases", fronts)
	}
	t.Logf("social services on the front: %d, on the back: %d, refused: %d", fronts[true], fronts[false], refused)
}

// hasChildOnFront reports whether the heading about a child is on the
// leaflet's first page.
func hasChildOnFront(d *Doc) bool {
	for _, it := range d.Pages[0].Items {
		if it.Kind == KindText && len(it.Runs) > 0 && strings.HasPrefix(it.Runs[0].Text, "Oro") {
			return true
		}
	}
	return false
}
