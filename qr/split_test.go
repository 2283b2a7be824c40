package qr

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	goqr "github.com/piglig/go-qr"
)

// A link split by the kinds of its characters gets go-qr's own segments:
// for pairs of links of the same kinds (the second made by changing
// characters for others of the same kind, as ?hus=00417 and ?hus=00418
// differ), the second split from the first's cuts equals
// MakeSegmentsOptimally's, at versions of each group, with digits,
// capitals, lower case and the characters kanji mode takes (a backslash);
// data too long for the version gets go-qr's error. Both kinds of result
// are checked to occur.
func TestSplitByKinds(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 11))
	const chars = "0123456789ABCDEFXYZ $%*+-./:abcdefxyz?=&_~\\"
	byKind := map[byte][]byte{}
	for i := range len(chars) {
		k := kinds[chars[i]]
		byKind[k] = append(byKind[k], chars[i])
	}
	if len(byKind) < 4 {
		t.Fatalf("kinds of %q: %v; want at least four", chars, byKind)
	}
	// A cache of the test's own: other tests split links at once.
	splits := &splitCache{m: map[splitKey]splitResult{}}
	splitASCII := splits.split
	hits, tooLong, multi := 0, 0, 0
	for i := range 3000 {
		n := 1 + rng.IntN(60)
		if i%10 == 0 {
			n = 1 + rng.IntN(400)
		}
		a := make([]byte, n)
		for j := range a {
			// Runs of one kind, as links have them.
			if j > 0 && rng.IntN(3) > 0 {
				a[j] = a[j-1]
				continue
			}
			a[j] = chars[rng.IntN(len(chars))]
		}
		b := make([]byte, n)
		for j, c := range a {
			same := byKind[kinds[c]]
			b[j] = same[rng.IntN(len(same))]
		}
		v := []int{1, 5, 9, 10, 20, 27, 40}[i%7]
		clear(splits.m)
		if _, err := splitASCII(string(a), v); err != nil && !errors.Is(err, goqr.ErrDataTooLong) {
			t.Fatal(err)
		}
		got, err := splitASCII(string(b), v)
		want, wantErr := goqr.MakeSegmentsOptimally(string(b), goqr.Low, v, v)
		if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("%q at version %d: error %v, go-qr's %v", b, v, err, wantErr)
		}
		if err != nil {
			tooLong++
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q (after %q) at version %d: segments differ from go-qr's", b, a, v)
		}
		if len(splits.m) == 1 {
			hits++
		}
		if len(want) > 1 {
			multi++
		}
	}
	// The same link at every version, one after the other: a split is
	// kept for its version.
	for i := range 300 {
		b := []byte("https://example.org/HUS?id=")
		for range 3 + i {
			b = append(b, "0123456789"[rng.IntN(10)])
		}
		for _, v := range []int{1, 5, 9, 10, 20, 27, 40} {
			got, err := splitASCII(string(b), v)
			want, wantErr := goqr.MakeSegmentsOptimally(string(b), goqr.Low, v, v)
			if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
				t.Fatalf("%q at version %d: %d segments (%v), go-qr's %d (%v)", b, v, len(got), err, len(want), wantErr)
			}
		}
	}
	if hits < 2000 || tooLong < 50 || multi < 500 {
		t.Errorf("%d splits from kept cuts, %d too long, %d of several segments: want more of each", hits, tooLong, multi)
	}
}
