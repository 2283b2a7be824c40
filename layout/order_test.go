package layout

import (
	"math/rand/v2"
	"slices"
	"testing"

	"huskurage/typeset"
)

// readingOrder gives the order a stable sort by place gives: for runs
// in order, in reverse (a right-to-left line), with clusters of several
// glyphs at one place, and shuffled, short and long.
func TestReadingOrderIsStable(t *testing.T) {
	t.Parallel()
	stable := func(runs []typeset.Run) []int {
		order := make([]int, len(runs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return runs[a].At - runs[b].At })
		return order
	}
	rng := rand.New(rand.NewPCG(1, 14))
	tested := 0
	for n := range 300 {
		for shape := range 4 {
			runs := make([]typeset.Run, n)
			at := 0
			for i := range runs {
				if rng.IntN(4) != 0 { // else a second glyph of the same cluster
					at += 1 + rng.IntN(3)
				}
				runs[i].At = at
			}
			switch shape {
			case 1:
				slices.Reverse(runs)
			case 2:
				rng.Shuffle(n, func(i, j int) { runs[i], runs[j] = runs[j], runs[i] })
			case 3: // right to left with a number left to right inside
				slices.Reverse(runs)
				if n > 6 {
					slices.Reverse(runs[n/3 : n/2])
				}
			}
			got := readingOrder(runs)
			want := stable(runs)
			if got == nil {
				if !slices.IsSorted(want) { // the identity: the runs are in order
					t.Fatalf("%d runs, shape %d: nil for runs out of order", n, shape)
				}
				continue
			}
			tested++
			if !slices.Equal(got, want) {
				t.Fatalf("%d runs, shape %d: %v, want %v", n, shape, got, want)
			}
		}
	}
	if tested < 500 {
		t.Fatalf("only %d orders compared", tested)
	}
}
