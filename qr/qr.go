// Package qr makes the QR codes the documents carry, and holds the rule
// for a readable one: modules of at least a minimum size, at error
// correction level Q, or M when the link is too long for Q. The layout
// asks it whether a link fits, so that check finds a link too long
// without rendering; the renderers draw the modules it returns. It is
// the only package that knows the QR encoder (github.com/piglig/go-qr).
package qr

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	goqr "github.com/piglig/go-qr"
)

// QuietZone is the white margin a reader needs around a code, in
// modules, on each side. The square a layout gives a code includes it.
const QuietZone = 4

// Code is a QR code: its modules, without the quiet zone.
type Code struct {
	// Modules are the rows of the code, true for a dark module; the
	// code is square.
	Modules [][]bool
	// Level is the error correction level: "Q" or "M".
	Level string
}

// Size returns the number of modules in a row, without the quiet zone.
func (c *Code) Size() int { return len(c.Modules) }

// Module returns the size of one module, in the unit of side: the side
// of the square that holds the code with its quiet zone.
func (c *Code) Module(side float64) float64 { return side / float64(len(c.Modules)+2*QuietZone) }

// levels are tried in order: the most error correction that still gives
// modules of at least the minimum size.
var levels = [...]struct {
	ecc  goqr.Ecc
	name string
}{{goqr.Quartile, "Q"}, {goqr.Medium, "M"}}

// Encode returns the code of data for a square of side mm (quiet zone
// included) at the highest error correction level at which its modules
// are at least minModule mm. A link that fits at no level is a
// *TooLongError.
//
// Only the code printed is built: a level too large for the square is
// refused while the version is chosen, before the symbol (Reed–Solomon,
// eight masks scored), which is nearly all the cost. Codes are cached by
// link and level as well as by size: a property's poster and leaflet, a
// layout that tries a larger code and then a smaller one, and the
// renderer after the layout share one code. The Code returned is shared:
// do not change it.
func Encode(data string, side, minModule float64) (*Code, error) {
	k := sizeKey{data, side, minModule}
	if c, ok := codes.bySize(k); ok {
		return c, nil
	}
	c, err := goQR.encode(data, side, minModule, codes.level)
	if err != nil {
		return nil, err
	}
	codes.put(k, c)
	return c, nil
}

// coder makes codes with build, which is go-qr's EncodeSegments in
// goQR: it builds the symbol of the least version from lo to hi that
// holds segs, with mask 0 (newCode then masks it), or returns an error wrapping goqr.ErrDataTooLong, having
// built nothing, when none does. (A test counts the symbols built.)
type coder struct {
	build func(segs []*goqr.QrSegment, ecc goqr.Ecc, lo, hi int) (*goqr.QrCode, error)
}

var goQR = coder{build: func(segs []*goqr.QrSegment, ecc goqr.Ecc, lo, hi int) (*goqr.QrCode, error) {
	return goqr.EncodeSegments(segs, ecc, lo, hi, 0, false) // mask 0: masked chooses (mask.go)
}}

// encode returns the code of data for the square, taking a code of the
// right level from cached where it has one.
func (c coder) encode(data string, side, minModule float64, cached func(levelKey) (*Code, bool)) (*Code, error) {
	if data == "" {
		// A code that opens nothing is no use on a page (and go-qr's
		// optimal split panics on empty text).
		return nil, errors.New("the QR code has no link")
	}
	vmax := maxVersion(side, minModule)
	var s segments
	for _, l := range levels {
		if code, ok := cached(levelKey{data, l.name}); ok {
			// A code has the least version its data needs: if it is
			// too large, so is every code of the level.
			if fits(code.Size(), side, minModule) {
				return code, nil
			}
			continue
		}
		q, err := s.encode(c, data, l.ecc, vmax)
		if errors.Is(err, goqr.ErrDataTooLong) {
			continue // too long for this level in this square
		}
		if err != nil {
			return nil, fmt.Errorf("QR code of %q: %w", data, err)
		}
		return newCode(q, l.ecc, l.name)
	}
	return nil, &TooLongError{Length: len(data), Side: side, Max: MaxLength(side, minModule)}
}

// groups are the ranges of versions within which a segment's header has
// one size, and so one split of the data into segments is the shortest.
var groups = [...]struct{ lo, hi int }{{1, 9}, {10, 26}, {27, 40}}

// segments are the data's segments for each of groups, made when first
// needed: the same for every level.
type segments [len(groups)][]*goqr.QrSegment

// encode returns the code of data at level ecc of the least version, up
// to vmax, or an error wrapping goqr.ErrDataTooLong if it needs more: then
// no symbol is built, since go-qr chooses the version first.
func (s *segments) encode(c coder, data string, ecc goqr.Ecc, vmax int) (*goqr.QrCode, error) {
	for g, r := range groups {
		if r.lo > vmax {
			break
		}
		hi := min(r.hi, vmax)
		if s[g] == nil {
			segs, err := split(data, hi)
			if errors.Is(err, goqr.ErrDataTooLong) {
				continue // too long for the group even at level L
			}
			if err != nil {
				return nil, err
			}
			s[g] = segs
		}
		q, err := c.build(s[g], ecc, r.lo, hi)
		if !errors.Is(err, goqr.ErrDataTooLong) {
			return q, err
		}
	}
	return nil, fmt.Errorf("%w: more than version %d holds", goqr.ErrDataTooLong, vmax)
}

// split splits data into the segments (numeric, alphanumeric, byte) that
// take the fewest bits at version v and the others of its group, or
// returns an error wrapping goqr.ErrDataTooLong if they do not fit v at
// level L. go-qr's MakeSegmentsOptimally checks the capacity only at
// versions 1, 10 and 27 (and loops for ever on data longer than version
// 27 holds when asked for up to 40), so it is asked for one version at a
// time. Data outside ASCII is one byte segment, byte for byte.
func split(data string, v int) ([]*goqr.QrSegment, error) {
	for i := 0; i < len(data); i++ {
		if data[i] >= 0x80 {
			seg, err := goqr.MakeBytes([]byte(data))
			return []*goqr.QrSegment{seg}, err
		}
	}
	return splitASCII(data, v)
}

// newCode returns the code of q, a symbol of level ecc built with mask 0,
// under the mask of least penalty.
func newCode(q *goqr.QrCode, ecc goqr.Ecc, level string) (*Code, error) {
	rows, err := masked(q, ecc)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	return &Code{Modules: rows, Level: level}, nil
}

// modules returns the number of modules in a row of a code of version v.
func modules(v int) int { return 17 + 4*v }

// maxVersion returns the largest version whose modules are at least
// minModule in a square of side, or 0.
func maxVersion(side, minModule float64) int {
	v := goqr.MaxVersion
	for v > 0 && !fits(modules(v), side, minModule) {
		v--
	}
	return v
}

// fits reports whether a code of n modules a row has modules of at least
// minModule in a square of side with its quiet zone.
func fits(n int, side, minModule float64) bool {
	return side/float64(n+2*QuietZone) >= minModule
}

// TooLongError is a link too long for a readable code in its square.
type TooLongError struct {
	Length int     // the link's length in bytes
	Side   float64 // the square, in mm
	Max    int     // the longest https link that fits, in bytes
}

// Problem says what is wrong, for a person.
func (e *TooLongError) Problem() string {
	return fmt.Sprintf("the link is %d characters, too long for a readable %.0f mm QR code", e.Length, e.Side)
}

// Hint says how to fix it.
func (e *TooLongError) Hint() string {
	return fmt.Sprintf("use a link of at most %d characters, for example a short address on the landlord's own site", e.Max)
}

func (e *TooLongError) Error() string { return e.Problem() + " (" + e.Hint() + ")" }

// MaxLength returns the longest https link, in bytes, whose code has
// modules of at least minModule mm in a square of side mm.
func MaxLength(side, minModule float64) int {
	vmax := maxVersion(side, minModule)
	ok := func(n int) bool {
		// Level M, the lowest we print, holds the most, and the
		// largest version the most: the capacity is checked, no
		// symbol built.
		_, err := goqr.MakeSegmentsOptimally("https://"+strings.Repeat("a", n-8), goqr.Medium, vmax, vmax)
		return err == nil
	}
	// 2,400 bytes is past level M's capacity of 2,331.
	lo, hi := 8, 2400
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// sizeKey names a code by what Encode is asked; levelKey by what it is.
type (
	sizeKey struct {
		data            string
		side, minModule float64
	}
	levelKey struct {
		data, level string
	}
)

// codes are the codes of recent links, shared by the goroutines of a
// batch. Building a code takes about 0.13 ms of CPU for a link of 40
// bytes (0.32 ms when go-qr scored the masks itself, see mask.go).
var codes cache

// cache holds the codes of at most 256 questions and starts afresh when
// full. Two goroutines asking for the same new code at once may both
// build it; the modules are the same.
type cache struct {
	mu     sync.Mutex
	sizes  map[sizeKey]*Code
	levels map[levelKey]*Code
}

func (c *cache) bySize(k sizeKey) (*Code, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.sizes[k]
	return v, ok
}

func (c *cache) level(k levelKey) (*Code, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.levels[k]
	return v, ok
}

func (c *cache) put(k sizeKey, v *Code) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sizes == nil || len(c.sizes) >= 256 {
		c.sizes, c.levels = make(map[sizeKey]*Code), make(map[levelKey]*Code)
	}
	c.sizes[k], c.levels[levelKey{k.data, v.Level}] = v, v
}
