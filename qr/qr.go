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
var levels = []struct {
	level qrcode.RecoveryLevel
	name  string
}{{qrcode.High, "Q"}, {qrcode.Medium, "M"}}

// Encode returns the code of data for a square of side mm (quiet zone
// included) at the highest error correction level at which its modules
// are at least minModule mm. A link that fits at no level is a
// *TooLongError. Codes are cached: every poster and leaflet of a property,
// and often every property of a batch, carries the same link. The Code
// returned is shared: do not change it.
func Encode(data string, side, minModule float64) (*Code, error) {
	key := key{data, side, minModule}
	if c, ok := codes.get(key); ok {
		return c, nil
	}
	c, err := encode(data, side, minModule)
	if err != nil {
		return nil, err
	}
	codes.put(key, c)
	return c, nil
}

func encode(data string, side, minModule float64) (*Code, error) {
	for _, l := range levels {
		q, err := qrcode.New(data, l.level)
		if err != nil {
			continue // too long for this level
		}
		// Before the first Bitmap: afterwards it has no effect.
		q.DisableBorder = true
		bm := q.Bitmap()
		if fits(len(bm), side, minModule) {
			return &Code{Modules: bm, Level: l.name}, nil
		}
	}
	return nil, &TooLongError{Length: len(data), Side: side, Max: MaxLength(side, minModule)}
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
		// Level M, the lowest we print, holds the most.
		q, err := qrcode.New("https://"+strings.Repeat("a", n-8), qrcode.Medium)
		if err != nil {
			return false
		}
		q.DisableBorder = true
		return fits(len(q.Bitmap()), side, minModule)
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

type key struct {
	data            string
	side, minModule float64
}

// codes are the codes of recent links, shared by the goroutines of a
// batch. Encoding a link takes about 0.5 ms, a quarter of a leaflet.
var codes cache

// cache holds at most 256 codes and starts afresh when full.
type cache struct {
	mu sync.Mutex
	m  map[key]*Code
}

func (c *cache) get(k key) (*Code, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *cache) put(k key, v *Code) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= 256 {
		c.m = make(map[key]*Code)
	}
	c.m[k] = v
}
