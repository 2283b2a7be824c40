package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// A small TrueType subsetter. It keeps glyph ids as they are and empties
// the outlines of glyphs that are not kept, so hmtx and the glyph ids the
// shaper chose stay valid. It writes a new Unicode cmap that maps exactly
// the given characters to the given glyphs, and drops the tables a PDF
// viewer does not use (layout, hinting).

// sfnt is a parsed TrueType font: its tables by tag.
type sfnt struct {
	tables    map[string][]byte
	numGlyphs int
	longLoca  bool
	upem      int
}

func parseSFNT(data []byte) (*sfnt, error) {
	if len(data) < 12 {
		return nil, errors.New("font: too short")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("font: not a TrueType font (version %#x)", v)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("font: table directory cut short")
	}
	f := &sfnt{tables: make(map[string][]byte, n)}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, fmt.Errorf("font: table %q outside the file", tag)
		}
		f.tables[tag] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("font: no %q table", t)
		}
	}
	head := f.tables["head"]
	if len(head) < 54 || len(f.tables["maxp"]) < 6 {
		return nil, errors.New("font: head or maxp table too short")
	}
	f.upem = int(binary.BigEndian.Uint16(head[18:]))
	f.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	f.numGlyphs = int(binary.BigEndian.Uint16(f.tables["maxp"][4:]))
	return f, nil
}

// glyph returns the outline data of glyph gid.
func (f *sfnt) glyph(gid int) []byte {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var start, end int
	if f.longLoca {
		if 4*gid+8 > len(loca) {
			return nil
		}
		start = int(binary.BigEndian.Uint32(loca[4*gid:]))
		end = int(binary.BigEndian.Uint32(loca[4*gid+4:]))
	} else {
		if 2*gid+4 > len(loca) {
			return nil
		}
		start = 2 * int(binary.BigEndian.Uint16(loca[2*gid:]))
		end = 2 * int(binary.BigEndian.Uint16(loca[2*gid+2:]))
	}
	if start > end || end > len(glyf) {
		return nil
	}
	return glyf[start:end]
}

// components returns the glyphs a composite glyph is made of.
func components(g []byte) []int {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	const (
		argsAreWords = 0x0001
		haveScale    = 0x0008
		moreComps    = 0x0020
		haveXYScale  = 0x0040
		haveTwoByTwo = 0x0080
	)
	var out []int
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, int(binary.BigEndian.Uint16(g[p+2:])))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComps == 0 {
			break
		}
	}
	return out
}

// mapping is one character of a subset and the glyph that draws it.
type mapping struct {
	r   rune
	gid int
}

// subset returns a TrueType font with the outlines of the given glyphs
// (and the glyphs they are built from), and a cmap of exactly m.
func (f *sfnt) subset(m []mapping) ([]byte, error) { return f.subsetAs(m, false) }

// subsetAs is subset; with symbolic set the cmap is a (3,0) subtable, in
// which the characters of m are codes 0xF000 + byte, as PDF readers look
// glyphs up in a symbolic TrueType font.
func (f *sfnt) subsetAs(m []mapping, symbolic bool) ([]byte, error) {
	keep := make([]bool, f.numGlyphs)
	keep[0] = true // .notdef
	var visit func(gid int, depth int)
	visit = func(gid, depth int) {
		if gid < 0 || gid >= f.numGlyphs || keep[gid] && gid != 0 || depth > 8 {
			return
		}
		keep[gid] = true
		for _, c := range components(f.glyph(gid)) {
			visit(c, depth+1)
		}
	}
	for _, e := range m {
		visit(e.gid, 0)
	}
	// glyf and a long loca.
	var glyf []byte
	loca := make([]byte, 4*(f.numGlyphs+1))
	for gid := 0; gid < f.numGlyphs; gid++ {
		binary.BigEndian.PutUint32(loca[4*gid:], uint32(len(glyf)))
		if keep[gid] {
			glyf = append(glyf, f.glyph(gid)...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*f.numGlyphs:], uint32(len(glyf)))

	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	post := make([]byte, 32)
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
	if old := f.tables["post"]; len(old) >= 32 {
		copy(post[4:32], old[4:32]) // italic angle, underline, fixed pitch
	}
	tables := map[string][]byte{
		"head": head,
		"hhea": f.tables["hhea"],
		"maxp": f.tables["maxp"],
		"hmtx": f.tables["hmtx"],
		"loca": loca,
		"glyf": glyf,
		"cmap": cmap4(m, symbolic),
		"post": post,
	}
	for _, t := range []string{"OS/2", "name"} {
		if b := f.tables[t]; b != nil {
			tables[t] = b
		}
	}
	return writeSFNT(tables), nil
}

// cmap4 builds a cmap with one (3,1) format 4 subtable mapping each
// character of m (BMP only) to its glyph.
func cmap4(m []mapping, symbolic bool) []byte {
	sorted := make([]mapping, 0, len(m))
	for _, e := range m {
		if e.r > 0 && e.r < 0xFFFF {
			sorted = append(sorted, e)
		}
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].r < sorted[j].r })
	segs := len(sorted) + 1 // one segment a character, and the final 0xFFFF
	sub := make([]byte, 16+8*segs)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*segs))
	search, sel := binarySearch(segs)
	be.PutUint16(sub[8:], uint16(2*search))
	be.PutUint16(sub[10:], uint16(sel))
	be.PutUint16(sub[12:], uint16(2*segs-2*search))
	ends := sub[14:]
	starts := sub[16+2*segs:]
	deltas := sub[16+4*segs:]
	// idRangeOffsets (after deltas) stay zero.
	for i, e := range sorted {
		be.PutUint16(ends[2*i:], uint16(e.r))
		be.PutUint16(starts[2*i:], uint16(e.r))
		be.PutUint16(deltas[2*i:], uint16(e.gid-int(e.r)))
	}
	last := segs - 1
	be.PutUint16(ends[2*last:], 0xFFFF)
	be.PutUint16(starts[2*last:], 0xFFFF)
	be.PutUint16(deltas[2*last:], 1)
	out := make([]byte, 12, 12+len(sub))
	be.PutUint16(out[2:], 1) // one subtable
	be.PutUint16(out[4:], 3) // Windows
	be.PutUint16(out[6:], 1) // Unicode BMP
	if symbolic {
		be.PutUint16(out[6:], 0) // Symbol
	}
	be.PutUint32(out[8:], 12) // offset
	return append(out, sub...)
}

// writeSFNT lays tables out in tag order with correct checksums.
func writeSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	be := binary.BigEndian
	out := make([]byte, 12+16*n)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	search, sel := binarySearch(n)
	be.PutUint16(out[6:], uint16(16*search))
	be.PutUint16(out[8:], uint16(sel))
	be.PutUint16(out[10:], uint16(16*n-16*search))
	headAt := 0
	for i, t := range tags {
		b := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(b))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(b)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// binarySearch returns the largest power of two not above n and its log2,
// from which TrueType's table directory and cmap format 4 derive their
// searchRange, entrySelector and rangeShift.
func binarySearch(n int) (search, sel int) {
	search = 1
	for search*2 <= n {
		search *= 2
		sel++
	}
	return search, sel
}
