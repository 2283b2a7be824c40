package qr

import (
	"reflect"
	"sync"

	goqr "github.com/piglig/go-qr"
)

// Splitting a link into segments. go-qr's MakeSegmentsOptimally finds the
// split into numeric, alphanumeric, byte and kanji segments that takes
// the fewest bits, by a search over every character that costs more than
// the rest of a code's making (about 40 of 110 us for a link of 40 bytes).
// The split it finds depends only on which modes can hold each character
// and on the version's group (the sizes of the segments' headers): links
// as a municipality prints them, one per building (…?hus=00417), differ
// in characters of the same kinds, and share their split. So the split is
// kept by the kinds of the link's characters, and a link of the same
// kinds is cut in the same places, each piece made into a segment by
// go-qr as its search would have. A test checks the segments against
// go-qr's own on many links.

// kinds holds, for each ASCII byte, which of go-qr's modes can encode it
// (bit 0 numeric, 1 alphanumeric, 2 kanji), as go-qr's own makers say.
var kinds = func() (k [128]byte) {
	for c := range k {
		s := string(rune(c))
		if _, err := goqr.MakeNumeric(s); err == nil {
			k[c] |= 1
		}
		if _, err := goqr.MakeAlphanumeric(s); err == nil {
			k[c] |= 2
		}
		if _, err := goqr.MakeKanji(s); err == nil {
			k[c] |= 4
		}
	}
	return k
}()

// mode is a segment's mode, as the maker that makes it.
type mode uint8

const (
	modeByte mode = iota
	modeNumeric
	modeAlphanumeric
	modeKanji
	modes
)

func (m mode) make(s string) (*goqr.QrSegment, error) {
	switch m {
	case modeNumeric:
		return goqr.MakeNumeric(s)
	case modeAlphanumeric:
		return goqr.MakeAlphanumeric(s)
	case modeKanji:
		return goqr.MakeKanji(s)
	}
	return goqr.MakeBytes([]byte(s))
}

// cutAt is a piece of a split: characters up to end, in mode.
type cutAt struct {
	end  int
	mode mode
}

type splitKey struct {
	kinds string // a byte of kinds for each character
	v     int    // the version the split is for
}

// splitResult is a split, or the error go-qr gave (the data too long).
type splitResult struct {
	cuts []cutAt
	err  error
}

// splitCache keeps the splits of up to 256 kinds of links, and starts
// afresh when full.
type splitCache struct {
	sync.Mutex
	m map[splitKey]splitResult
}

// splits are the splits of a batch's goroutines.
var splits = &splitCache{m: map[splitKey]splitResult{}}

// splitASCII is go-qr's MakeSegmentsOptimally(data, goqr.Low, v, v) for
// ASCII data, with the split kept by the kinds of data's characters.
func splitASCII(data string, v int) ([]*goqr.QrSegment, error) { return splits.split(data, v) }

func (splits *splitCache) split(data string, v int) ([]*goqr.QrSegment, error) {
	kb := make([]byte, len(data))
	for i := range len(data) {
		kb[i] = kinds[data[i]]
	}
	key := splitKey{string(kb), v}
	splits.Lock()
	r, ok := splits.m[key]
	splits.Unlock()
	if ok {
		if r.err != nil {
			return nil, r.err
		}
		return cut(data, r.cuts)
	}
	segs, err := goqr.MakeSegmentsOptimally(data, goqr.Low, v, v)
	if err == nil {
		cuts, ok := cutsOf(data, segs)
		if !ok {
			return segs, nil // not understood: not kept
		}
		r = splitResult{cuts: cuts}
	} else {
		r = splitResult{err: err}
	}
	splits.Lock()
	if len(splits.m) >= 256 {
		clear(splits.m)
	}
	splits.m[key] = r
	splits.Unlock()
	return segs, err
}

// cut makes the segments of data cut at cuts.
func cut(data string, cuts []cutAt) ([]*goqr.QrSegment, error) {
	segs := make([]*goqr.QrSegment, len(cuts))
	start := 0
	for i, c := range cuts {
		s, err := c.mode.make(data[start:c.end])
		if err != nil {
			return nil, err
		}
		segs[i], start = s, c.end
	}
	return segs, nil
}

// cutsOf returns where and in which mode segs, go-qr's split of ASCII
// data, cut it. go-qr does not export a segment's length or mode: the
// length is read, and the mode is the one whose maker makes the same
// segment of the piece.
func cutsOf(data string, segs []*goqr.QrSegment) ([]cutAt, bool) {
	cuts := make([]cutAt, len(segs))
	start := 0
	for i, s := range segs {
		f := reflect.ValueOf(s).Elem().FieldByName("numChars")
		if !f.IsValid() || !f.CanInt() {
			return nil, false
		}
		end := start + int(f.Int())
		if end <= start || end > len(data) {
			return nil, false
		}
		found := false
		for m := range modes {
			if t, err := m.make(data[start:end]); err == nil && reflect.DeepEqual(t, s) {
				cuts[i], found = cutAt{end, m}, true
				break
			}
		}
		if !found {
			return nil, false
		}
		start = end
	}
	return cuts, start == len(data)
}
