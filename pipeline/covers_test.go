package pipeline

import (
	"testing"
	"unicode/utf8"

	"huskurage/typeset"
)

// TestBuilderCovers checks the Builder's remembered answers against the
// fonts themselves for every rune, asked twice (the first answer is
// worked out, the second remembered), and for runes that are not
// characters at all.
func TestBuilderCovers(t *testing.T) {
	t.Parallel()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	bl, err := New()
	if err != nil {
		t.Fatal(err)
	}
	yes := 0
	for round := range 2 {
		for r := rune(-2); r <= utf8.MaxRune+2; r++ {
			want := fonts.Covers(r)
			if got := bl.Covers(r); got != want {
				t.Fatalf("round %d: Covers(%U) = %v, the fonts say %v", round, r, got, want)
			}
			if want && round == 0 {
				yes++
			}
		}
	}
	if yes < 1000 {
		t.Errorf("only %d runes covered: the fonts were not asked", yes)
	}
}
