package qr

import (
	"math/bits"
	"sync"

	goqr "github.com/piglig/go-qr"
)

// Choosing the mask. A QR symbol is masked with the one of eight patterns
// whose result scores the least penalty (ISO/IEC 18004 7.8.3: runs, 2×2
// blocks, finder-like patterns, balance of dark and light). go-qr scores
// the eight one module at a time, and that was three quarters of a code's
// cost (0.24 of 0.32 ms of CPU for a 33-module code, a sixth of a varied
// leaflet's CPU). Here go-qr builds the symbol with mask 0, and the eight
// candidates are scored as rows and columns of bits: a 2×2 block and a
// dark module are counted 64 at a time, and runs are found a change at a
// time. The rules and their order are go-qr's to the point, so the mask
// chosen is go-qr's own (a test compares the two on thousands of codes).
//
// Masking turns over the data modules under a pattern and writes the
// format bits of the mask; neither depends on the data. So the symbol
// with mask m is the symbol with mask 0 with a fixed set of modules
// turned over, the same for every code of the version and level: that
// set is taken once from go-qr itself (a symbol of no data built with
// mask 0 and with mask m) and kept.

// row is a row or column of modules, bit x for module x (versions up to
// 40 have 177 modules a row).
type row [3]uint64

// grid is a symbol as rows and as columns.
type grid struct {
	n          int
	rows, cols []row
}

func newGrid(n int) grid {
	b := make([]row, 2*n)
	return grid{n: n, rows: b[:n:n], cols: b[n:]}
}

func (g *grid) set(x, y int) {
	g.rows[y][x>>6] |= 1 << (x & 63)
	g.cols[x][y>>6] |= 1 << (y & 63)
}

// gridOf returns q's modules as a grid.
func gridOf(q *goqr.QrCode) grid {
	n := q.Size()
	g := newGrid(n)
	for y := range n {
		for x := range n {
			if q.Module(x, y) {
				g.set(x, y)
			}
		}
	}
	return g
}

// flips are, for each mask, the modules it turns over against mask 0, as
// rows and as columns, of one version and level.
type flips [8]grid

// flipTables holds the flips of each level and version, made when first
// needed.
var flipTables [4][goqr.MaxVersion + 1]struct {
	once sync.Once
	f    *flips
	err  error
}

// flipsOf returns the flips of version v at level ecc.
func flipsOf(ecc goqr.Ecc, v int) (*flips, error) {
	t := &flipTables[ecc][v]
	t.once.Do(func() {
		segs := []*goqr.QrSegment{} // no data: the symbol is padding
		var f flips
		var base grid
		for m := range 8 {
			q, err := goqr.EncodeSegments(segs, ecc, v, v, m, false)
			if err != nil {
				t.err = err
				return
			}
			g := gridOf(q)
			if m == 0 {
				base = gridOf(q) // its own rows: g's become the flips
			}
			for i := range g.rows {
				g.rows[i] = xor(g.rows[i], base.rows[i])
				g.cols[i] = xor(g.cols[i], base.cols[i])
			}
			f[m] = g
		}
		t.f = &f
	})
	return t.f, t.err
}

func xor(a, b row) row { return row{a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2]} }

// masked returns the modules of q0, a symbol of level ecc built with mask
// 0, under the mask of least penalty, as go-qr would have chosen it.
func masked(q0 *goqr.QrCode, ecc goqr.Ecc) ([][]bool, error) {
	n := q0.Size()
	f, err := flipsOf(ecc, (n-17)/4)
	if err != nil {
		return nil, err
	}
	g0 := gridOf(q0)
	best := choose(&g0, f)
	cells := make([]bool, n*n)
	out := make([][]bool, n)
	for y := range out {
		out[y] = cells[y*n : (y+1)*n : (y+1)*n]
		r := xor(g0.rows[y], f[best].rows[y])
		for x := range out[y] {
			out[y][x] = r[x>>6]>>(x&63)&1 != 0
		}
	}
	return out, nil
}

// choose returns the mask of least penalty for g0, a symbol with mask 0
// and f its flips: the first of the least, as go-qr chooses.
func choose(g0 *grid, f *flips) int {
	n := g0.n
	c := newGrid(n)
	seq := make([]int, n+2)
	best, least := 0, int(^uint(0)>>1)
	for m := range f {
		for i := range n {
			c.rows[i] = xor(g0.rows[i], f[m].rows[i])
			c.cols[i] = xor(g0.cols[i], f[m].cols[i])
		}
		// Scoring stops once a mask cannot be the least, as go-qr's
		// does (at the same points, so with the same result).
		if p := penalty(&c, least, seq); p < least {
			best, least = m, p
		}
	}
	return best
}

// The penalty weights of ISO/IEC 18004 7.8.3.1.
const (
	penaltyRun    = 3  // N1: a run of five of a colour, and 1 for each more
	penaltyBlock  = 3  // N2: a 2×2 block of a colour
	penaltyFinder = 40 // N3: dark-light-dark-dark-dark-light-dark with light beside
	penaltyDark   = 10 // N4: each 5 % of imbalance past the first
)

// penalty returns the penalty of the symbol g, or a number no less than
// stop once it is known to be no less than stop. seq is room for runs.
func penalty(g *grid, stop int, seq []int) int {
	n := g.n
	res, dark := 0, 0
	for y, r := range g.rows {
		res += runs(r, n, seq)
		dark += bits.OnesCount64(r[0]) + bits.OnesCount64(r[1]) + bits.OnesCount64(r[2])
		switch {
		case y+1 == n:
		case n <= 64:
			// One word: bit x of same is set where the modules x, x+1
			// of both rows are of one colour.
			a, b := r[0], g.rows[y+1][0]
			same := ^(a ^ b) & ^(a ^ a>>1) & ^(b ^ b>>1) & (1<<(n-1) - 1)
			res += penaltyBlock * bits.OnesCount64(same)
		default:
			res += penaltyBlock * blocks(r, g.rows[y+1], n)
		}
	}
	if res >= stop {
		return res
	}
	for _, c := range g.cols {
		res += runs(c, n, seq)
	}
	if res >= stop {
		return res
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return res + k*penaltyDark
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// blocks returns the number of 2×2 blocks of one colour whose top rows
// are in a and bottom rows in b, rows of n modules.
func blocks(a, b row, n int) int {
	count := 0
	for i := range a {
		// Bit x of next: module x+1.
		var na, nb uint64
		na, nb = a[i]>>1, b[i]>>1
		if i+1 < len(a) {
			na |= a[i+1] << 63
			nb |= b[i+1] << 63
		}
		same := ^(a[i] ^ b[i]) & ^(na ^ nb) & ^(a[i] ^ na)
		// Blocks start at modules 0 to n-2.
		lo := i * 64
		if lo >= n-1 {
			break
		}
		if hi := n - 1 - lo; hi < 64 {
			same &= 1<<hi - 1
		}
		count += bits.OnesCount64(same)
	}
	return count
}

// runs returns the penalties of rules N1 (runs of five or more) and N3
// (finder-like patterns) of a row or column r of n modules, as go-qr
// counts them (see runsByLength), with seq as room for the runs' lengths.
//
// The rows of the codes we print (up to version 10, 57 modules) are scored
// here without listing their runs, all modules at once in one word:
//   - a run of l >= 5 modules holds l-4 windows of five equal modules and
//     starts once, so its penalty 3 + (l-5) is the number of such windows
//     plus 2 for each window that starts a run;
//   - a finder-like pattern of module m = 1 is 1011101 with light before
//     it and four light after it, or the other way round, light beyond
//     the row's edges; one of m >= 2 has a dark run of 3m >= 6, so a row
//     with six dark modules in a row is scored run by run instead, as are
//     larger codes' rows.
func runs(r row, n int, seq []int) int {
	const wide = 64 - 4 // the most modules: a pattern at n-7 reads module n+3
	w := r[0]
	// t: bit x set when modules x to x+5 are dark.
	t := w & (w >> 1)
	t &= t >> 2
	t &= w >> 4 & (w >> 5)
	if n > wide || t != 0 {
		return runsByLength(r, n, seq)
	}
	// e: bit x set when module x equals module x+1, for x in 0..n-2.
	e := ^(w ^ w>>1) & (1<<(n-1) - 1)
	// Five equal modules from x, and those that start a run (module x-1
	// differs, or x is 0).
	five := e & (e >> 1) & (e >> 2) & (e >> 3)
	starts := five &^ (e << 1)
	res := bits.OnesCount64(five) + 2*bits.OnesCount64(starts)
	// f: bit x set where modules x-1 to x+7 are 0 1011101 0 (light is
	// 0; below module 0 and past module n-1 all is light).
	l := ^w
	f := w & (l >> 1) & (w >> 2) & (w >> 3) & (w >> 4) & (l >> 5) & (w >> 6) & (l >> 7) & (l<<1 | 1)
	if f == 0 {
		return res
	}
	after := f & (l >> 8) & (l >> 9) & (l >> 10)        // three more light after
	before := f & (l<<2 | 3) & (l<<3 | 7) & (l<<4 | 15) // and before
	return res + penaltyFinder*(bits.OnesCount64(after)+bits.OnesCount64(before))
}

// runsByLength is runs, the way go-qr counts: run by run. For N3 the row
// is taken with light beyond each edge, n modules of it, joined to a light
// run at the edge; a pattern (dark m, light m, dark 3m, light m, dark m)
// is counted at the light run after it, once if that run is at least 4m
// and the one before the pattern at least m, and once more the other way
// round. seq (n+2 long) holds the lengths of runs.
func runsByLength(r row, n int, seq []int) int {
	// seq: the runs, light and dark in turn, from the light before the
	// row to the light after it.
	seq = seq[:n+2]
	k := 0
	if r[0]&1 != 0 {
		seq[0], k = n, 1 // the row starts dark
	}
	res, start := 0, 0
	for i := range r {
		lo := i * 64
		if lo >= n {
			break
		}
		// Bit x of change: module x differs from module x-1.
		prev := r[i] << 1
		if i > 0 {
			prev |= r[i-1] >> 63
		}
		change := r[i] ^ prev
		if i == 0 {
			change &^= 1 // module 0 starts the first run, it ends none
		}
		if hi := n - lo; hi < 64 {
			change &= 1<<hi - 1
		}
		for change != 0 {
			end := lo + bits.TrailingZeros64(change)
			change &= change - 1
			l := end - start
			if l >= 5 {
				res += penaltyRun + l - 5
			}
			seq[k], k = l, k+1
			start = end
		}
	}
	l := n - start
	if l >= 5 {
		res += penaltyRun + l - 5
	}
	seq[k], k = l, k+1
	if r[0]&1 == 0 {
		seq[0] += n // the row starts light
	}
	if k%2 == 1 {
		seq[k-1] += n // the row ends light
	} else {
		seq[k], k = n, k+1
	}
	// seq[t] is light for even t.
	for t := 6; t < k; t += 2 {
		m := seq[t-1]
		if seq[t-2] != m || seq[t-3] != 3*m || seq[t-4] != m || seq[t-5] != m {
			continue
		}
		if seq[t] >= 4*m && seq[t-6] >= m {
			res += penaltyFinder
		}
		if seq[t-6] >= 4*m && seq[t] >= m {
			res += penaltyFinder
		}
	}
	return res
}
