package pdf

import (
	"fmt"
	"slices"
	"testing"

	"huskurage/typeset"
)

// A run from the cache is the run encoded afresh, in its own font: the
// same text in the other weight or family has other widths (or other
// codes, or no characters at all), and never gets this one's entry. The
// codes each page uses are those of its pieces.
func TestEncodedRunsAsEncoded(t *testing.T) {
	t.Parallel()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	set, err := fontSetFor(fonts)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Huskurage", "Storgatan 7, 449 30 Nödinge", "Ring 112 – polisen", "ሁስኩራገ 112", "هوسکوراژ", "Ÿ€ŠžœĞğİıŞş", "0303-70 30 00", "a"}
	for i := range 40 {
		texts = append(texts, fmt.Sprintf("Bostadsbolaget %d, Åvägen %d", i, i*7))
	}
	type font struct {
		id   typeset.FontID
		face int
	}
	var order []font
	for face := range set.families() {
		for _, id := range []typeset.FontID{typeset.Regular, typeset.Bold} {
			order = append(order, font{id, face})
		}
	}
	compared := 0
	for round := range 2 { // the second round from the cache
		for i, text := range texts {
			for j := range order {
				f := order[(i+j+round)%len(order)]
				file, err := set.file(f.id, f.face)
				if err != nil {
					t.Fatal(err)
				}
				want, wantErr := file.encode(text)
				got, err := set.encoded(f.id, f.face, text)
				if (err == nil) != (wantErr == nil) {
					t.Fatalf("%q in %v/%d: error %v, encode's %v", text, f.id, f.face, err, wantErr)
				}
				if err != nil {
					continue
				}
				if !slices.Equal(got.pieces, want) {
					t.Fatalf("%q in %v/%d: %v, encode %v", text, f.id, f.face, got.pieces, want)
				}
				var used []pageCodes
				for _, pc := range want {
					k := slices.IndexFunc(used, func(u pageCodes) bool { return u.page == pc.page })
					if k < 0 {
						k = len(used)
						used = append(used, pageCodes{page: pc.page})
					}
					for _, c := range []byte(pc.text) {
						used[k].codes[c/64] |= 1 << (c % 64)
					}
				}
				if !slices.Equal(got.used, used) {
					t.Fatalf("%q in %v/%d: codes %v, want %v", text, f.id, f.face, got.used, used)
				}
				compared++
			}
		}
	}
	if compared < len(texts)*2*2/2 { // each text in Noto Sans's two weights, twice
		t.Fatalf("only %d runs compared", compared)
	}
}
