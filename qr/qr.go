// Package qr makes the QR codes the documents carry, and holds the rule
// for a readable one: modules of at least a minimum size, at error
// correction level Q, or M when the link is too long for Q. The layout
// asks it whether a link fits, so that check finds a link too long
// without rendering; the renderers draw the modules it returns. It is
// the only package that knows the QR encoder (github.com/skip2/go-qrcode).
package qr

import (
	"fmt"
	"strings"
	"sync"

	qrcode "github.com/skip2/go-qrcode"
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
// modules of at least the minimum size. (go-qrcode's High is level Q.)
var levels = [...]struct {
	level qrcode.RecoveryLevel
	name  string
}{{qrcode.High, "Q"}, {qrcode.Medium, "M"}}

// Encode returns the code of data for a square of side mm (quiet zone
// included) at the highest error correction level at which its modules
// are at least minModule mm. A link that fits at no level is a
// *TooLongError.
//
// Only the code printed is built: qrcode.New chooses the version, and so
// the size, without building the symbol, and building it (Reed–Solomon,
// eight masks scored) is almost all the cost. Codes are cached by link
// and level as well as by size: a property's poster and leaflet, a
// layout that tries a larger code and then a smaller one, and the
// renderer after the layout share one code. The Code returned is shared:
// do not change it.
func Encode(data string, side, minModule float64) (*Code, error) {
	k := sizeKey{data, side, minModule}
	if c, ok := codes.bySize(k); ok {
		return c, nil
	}
	i, q := choose(data, side, minModule)
	if i < 0 {
		return nil, &TooLongError{Length: len(data), Side: side, Max: MaxLength(side, minModule)}
	}
	c, ok := codes.level(levelKey{data, i})
	if !ok {
		c = build(q, i)
	}
	codes.put(k, levelKey{data, i}, c)
	return c, nil
}

// encode is Encode without the cache.
func encode(data string, side, minModule float64) (*Code, error) {
	i, q := choose(data, side, minModule)
	if i < 0 {
		return nil, &TooLongError{Length: len(data), Side: side, Max: MaxLength(side, minModule)}
	}
	return build(q, i), nil
}

// choose returns the index in levels of the level to print data at, and
// the encoder's code for it with its symbol not yet built, or -1 where
// no level fits.
func choose(data string, side, minModule float64) (int, *qrcode.QRCode) {
	for i, l := range levels {
		q, err := qrcode.New(data, l.level)
		if err != nil {
			continue // too long for this level
		}
		if fits(modules(q.VersionNumber), side, minModule) {
			return i, q
		}
	}
	return -1, nil
}

// modules returns the number of modules in a row of a code of version v.
func modules(v int) int { return 17 + 4*v }

// build builds the symbol of q, at levels[i]: the cost of a code. q is
// built once: Bitmap changes it.
func build(q *qrcode.QRCode, i int) *Code {
	// Before the first Bitmap: afterwards it has no effect.
	q.DisableBorder = true
	return &Code{Modules: q.Bitmap(), Level: levels[i].name}
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
	ok := func(n int) bool {
		// Level M, the lowest we print, holds the most. The version
		// says the size: no symbol is built.
		q, err := qrcode.New("https://"+strings.Repeat("a", n-8), qrcode.Medium)
		return err == nil && fits(modules(q.VersionNumber), side, minModule)
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
		data  string
		level int // index in levels
	}
)

// codes are the codes of recent links, shared by the goroutines of a
// batch. Building a code takes about 0.7 ms of CPU for a link of 40
// bytes, a quarter of a leaflet.
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

func (c *cache) put(s sizeKey, l levelKey, v *Code) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sizes == nil || len(c.sizes) >= 256 {
		c.sizes, c.levels = make(map[sizeKey]*Code), make(map[levelKey]*Code)
	}
	c.sizes[s], c.levels[l] = v, v
}
