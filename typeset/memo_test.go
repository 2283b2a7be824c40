package typeset

import (
	"fmt"
	"reflect"
	"testing"

	"huskurage/internal/memo"
)

// An engine whose caches turn over many times (a few entries a
// generation) wraps and measures every text as an engine that never saw
// a text before: what a batch's leaflets share (the policy, headings)
// and what each has of its own (an address, a landlord, a phone), at the
// sizes and widths a layout tries, in Swedish and Arabic.
func TestCachedIsFresh(t *testing.T) {
	t.Parallel()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(f)
	e.paras = memo.New[paraKey, *para](6)
	e.wraps = memo.New[wrapKey, wrapped](20)
	shared := []string{
		"Vi som bor här har Huskurage. Det betyder att vi inte tittar bort när en granne far illa.",
		"Ring polisen på 112 om det är akut.",
		"Kvinnofridslinjen",
		"إذا كنت قلقاً على جارك، اتصل بالشرطة على 112.",
	}
	turned, hits := 0, 0
	for doc := range 40 {
		own := []string{
			fmt.Sprintf("Storgatan %d · 449 %02d Nödinge", 1+doc%200, doc%100),
			fmt.Sprintf("Bostadsbolaget %d", doc%37),
			fmt.Sprintf("0303-70 %02d %02d", doc%100, doc/100),
		}
		for i, s := range append(own, shared...) {
			dir := LTR
			if i == len(own)+len(shared)-1 {
				dir = RTL
			}
			for _, size := range []float64{11, 9.5} {
				for _, width := range []float64{150, 1e9} {
					before := e.wraps.Len()
					got := e.Wrap(s, dir, Regular, size, width)
					switch after := e.wraps.Len(); {
					case after < before:
						turned++
					case after == before:
						hits++
					}
					fresh := NewEngine(f)
					if want := fresh.Wrap(s, dir, Regular, size, width); !reflect.DeepEqual(got, want) {
						t.Fatalf("document %d, %q at %g pt in %g: cached lines differ from a fresh engine's", doc, s, size, width)
					}
				}
				gw, gs := e.LongestWord(s, dir, Bold, size)
				if fw, fs := NewEngine(f).LongestWord(s, dir, Bold, size); gw != fw || gs != fs {
					t.Fatalf("document %d, %q: longest word %g %q, fresh %g %q", doc, s, gw, gs, fw, fs)
				}
			}
		}
	}
	if hits == 0 {
		t.Fatal("the caches never answered: the test proves nothing")
	}
	if turned == 0 {
		t.Fatal("the caches never turned a generation: the test proves nothing")
	}
}
