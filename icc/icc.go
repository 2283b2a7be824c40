package icc

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"
	"sync"
)

// Lab is a colour in CIE L*a*b* under D50, the profile connection space:
// L from 0 (black) to 100 (white), a and b about -128 to 127.
type Lab struct{ L, A, B float64 }

// CMYK is an amount of each ink, 0 (none) to 1 (solid).
type CMYK [4]float64

// Intent is how colours the press cannot print are brought into its
// gamut.
type Intent int

const (
	// Perceptual compresses the whole sRGB gamut into the press's,
	// keeping the relations between colours: for pictures.
	Perceptual Intent = iota
	// RelativeColorimetric prints every colour the press can print as it
	// is (white as the paper) and clips the rest: for a design's colours.
	RelativeColorimetric
)

// Profile is a CMYK output profile with Lab as its connection space.
type Profile struct {
	data  []byte
	desc  string
	toLab *lut               // A2B1: CMYK to Lab, relative colorimetric
	toInk [2]*lut            // B2A0, B2A1: Lab to CMYK, by Intent
	ramp  [rampN + 1]float64 // L* of K alone at k = i/rampN, from toLab
}

// rampN is how finely the lightness of black ink alone is tabulated.
const rampN = 1024

//go:embed FOGRA39-huskurage.icc
var fogra39Data []byte

var fogra39 = sync.OnceValues(func() (*Profile, error) { return Parse(fogra39Data) })

// FOGRA39 returns the profile of offset printing on coated paper (ISO
// 12647-2, FOGRA39) that huskurage's print-shop files are made for.
func FOGRA39() *Profile {
	p, err := fogra39()
	if err != nil {
		panic("icc: the embedded FOGRA39 profile: " + err.Error()) // a broken build, caught by the tests
	}
	return p
}

// Bytes returns the profile file, to embed in a document.
func (p *Profile) Bytes() []byte { return p.data }

// Description returns the profile's name as its desc tag gives it.
func (p *Profile) Description() string { return p.desc }

// Parse reads a CMYK output profile whose tables are lut16Type (what
// ArgyllCMS's colprof and most version 2 printer profiles write).
func Parse(data []byte) (*Profile, error) {
	if len(data) < 132 {
		return nil, fmt.Errorf("icc: %d bytes is too short for a profile", len(data))
	}
	be := binary.BigEndian
	if n := be.Uint32(data); int(n) != len(data) {
		return nil, fmt.Errorf("icc: the header gives %d bytes, the file has %d", n, len(data))
	}
	if string(data[36:40]) != "acsp" {
		return nil, fmt.Errorf("icc: not an ICC profile (no acsp signature)")
	}
	if class, space, pcs := string(data[12:16]), string(data[16:20]), string(data[20:24]); class != "prtr" || space != "CMYK" || pcs != "Lab " {
		return nil, fmt.Errorf("icc: a %q profile of %q to %q; want a CMYK printer profile (prtr) with Lab", class, space, pcs)
	}
	tags := map[string][]byte{}
	count := int(be.Uint32(data[128:]))
	if count > (len(data)-132)/12 {
		return nil, fmt.Errorf("icc: %d tags do not fit in the file", count)
	}
	for i := range count {
		e := data[132+12*i:]
		off, size := int(be.Uint32(e[4:])), int(be.Uint32(e[8:]))
		if off < 0 || size < 0 || off > len(data) || size > len(data)-off {
			return nil, fmt.Errorf("icc: tag %q lies outside the file", e[:4])
		}
		tags[string(e[:4])] = data[off : off+size]
	}
	p := &Profile{data: data, desc: textDesc(tags["desc"])}
	var err error
	read := func(sig string, in, out int) *lut {
		if err != nil {
			return nil
		}
		t, ok := tags[sig]
		if !ok {
			err = fmt.Errorf("icc: no %s table", sig)
			return nil
		}
		var l *lut
		if l, err = parseLut16(t, in, out); err != nil {
			err = fmt.Errorf("icc: %s: %w", sig, err)
		}
		return l
	}
	p.toLab = read("A2B1", 4, 3)
	p.toInk[Perceptual] = read("B2A0", 3, 4)
	p.toInk[RelativeColorimetric] = read("B2A1", 3, 4)
	if err != nil {
		return nil, err
	}
	for i := range p.ramp {
		p.ramp[i] = p.ToLab(CMYK{0, 0, 0, float64(i) / rampN}).L
	}
	for i := 1; i < len(p.ramp); i++ {
		if p.ramp[i] > p.ramp[i-1]+1e-9 {
			return nil, fmt.Errorf("icc: black ink alone gets lighter from %.1f%% to %.1f%%", 100*float64(i-1)/rampN, 100*float64(i)/rampN)
		}
	}
	return p, nil
}

// textDesc reads a version 2 textDescriptionType's ASCII name.
func textDesc(t []byte) string {
	if len(t) < 12 || string(t[:4]) != "desc" {
		return ""
	}
	n := int(binary.BigEndian.Uint32(t[8:]))
	if n <= 0 || n > len(t)-12 {
		return ""
	}
	s := t[12 : 12+n]
	for len(s) > 0 && s[len(s)-1] == 0 {
		s = s[:len(s)-1]
	}
	return string(s)
}

// FromLab returns the inks that print lab, by intent.
func (p *Profile) FromLab(lab Lab, intent Intent) CMYK {
	var in [3]float64
	// Lab in the version 2 16-bit encoding: L 0–100 to 0–0xFF00, a and b
	// -128–127.996 to 0–0xFFFF.
	in[0] = lab.L / 100 * 0xFF00 / 0xFFFF
	in[1] = (lab.A + 128) * 256 / 0xFFFF
	in[2] = (lab.B + 128) * 256 / 0xFFFF
	var out [4]float64
	p.toInk[intent].eval(in[:], out[:])
	return CMYK(out)
}

// ToLab returns the colour that the inks c print, relative to the paper
// (white paper is L 100).
func (p *Profile) ToLab(c CMYK) Lab {
	var out [3]float64
	p.toLab.eval(c[:], out[:])
	return Lab{
		L: out[0] * 0xFFFF / 0xFF00 * 100,
		A: out[1]*0xFFFF/256 - 128,
		B: out[2]*0xFFFF/256 - 128,
	}
}

// FromSRGB returns the inks that print the sRGB colour r, g, b by intent.
func (p *Profile) FromSRGB(r, g, b uint8, intent Intent) CMYK {
	return p.FromLab(SRGBToLab(r, g, b), intent)
}

// BlackOnly returns the amount of black ink that alone prints a grey of
// lightness l (relative to the paper): 0 for the paper's white or
// lighter, 1 for solid black or darker.
func (p *Profile) BlackOnly(l float64) float64 {
	r := p.ramp[:]
	if l >= r[0] {
		return 0
	}
	if l <= r[rampN] {
		return 1
	}
	// r falls from r[0] to r[rampN]: find the step that holds l.
	lo, hi := 0, rampN
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if r[mid] > l {
			lo = mid
		} else {
			hi = mid
		}
	}
	f := 0.0
	if d := r[lo] - r[hi]; d > 0 {
		f = (r[lo] - l) / d
	}
	return (float64(lo) + f) / rampN
}

// lut is a lut16Type table: a curve per input, a grid of points in the
// space of the inputs, and a curve per output; every value is 0–1.
type lut struct {
	in, out  int
	grid     int
	inCurve  [][]float64
	clut     []float64 // grid^in points of out values; the first input varies slowest
	outCurve [][]float64
}

func parseLut16(t []byte, in, out int) (*lut, error) {
	be := binary.BigEndian
	if len(t) < 52 || string(t[:4]) != "mft2" {
		return nil, fmt.Errorf("not a lut16Type table")
	}
	l := &lut{in: int(t[8]), out: int(t[9]), grid: int(t[10])}
	if l.in != in || l.out != out {
		return nil, fmt.Errorf("%d inputs and %d outputs, want %d and %d", l.in, l.out, in, out)
	}
	if l.grid < 2 {
		return nil, fmt.Errorf("a grid of %d points", l.grid)
	}
	// The matrix at 12–48 applies only to XYZ input; ours is Lab.
	nIn, nOut := int(be.Uint16(t[48:])), int(be.Uint16(t[50:]))
	if nIn < 2 || nOut < 2 {
		return nil, fmt.Errorf("curves of %d and %d entries", nIn, nOut)
	}
	points := 1
	for range l.in {
		points *= l.grid
	}
	need := 52 + 2*(l.in*nIn+points*l.out+l.out*nOut)
	if len(t) < need {
		return nil, fmt.Errorf("%d bytes, its tables need %d", len(t), need)
	}
	p := 52
	next := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(be.Uint16(t[p:])) / 0xFFFF
			p += 2
		}
		return v
	}
	for range l.in {
		l.inCurve = append(l.inCurve, next(nIn))
	}
	l.clut = next(points * l.out)
	for range l.out {
		l.outCurve = append(l.outCurve, next(nOut))
	}
	return l, nil
}

// curve looks x up in a table of evenly spaced values, between its points.
func curve(c []float64, x float64) float64 {
	x = math.Min(math.Max(x, 0), 1) * float64(len(c)-1)
	i := int(x)
	if i >= len(c)-1 {
		return c[len(c)-1]
	}
	f := x - float64(i)
	return c[i] + f*(c[i+1]-c[i])
}

// eval looks in up: through the input curves, the grid and the output
// curves. Between the grid's points it interpolates in the simplex (a
// tetrahedron for three inputs) of the cube around the point, as little
// CMS and ArgyllCMS do: n+1 points instead of the cube's 2^n corners.
func (l *lut) eval(in, out []float64) {
	const maxIn = 4
	var (
		frac    [maxIn]float64
		strides [maxIn]int
		order   [maxIn]int
	)
	stride := l.out
	for i := l.in - 1; i >= 0; i-- {
		strides[i] = stride
		stride *= l.grid
	}
	at := 0
	for i := range l.in {
		x := curve(l.inCurve[i], in[i]) * float64(l.grid-1)
		b := min(int(x), l.grid-2)
		frac[i] = x - float64(b)
		at += b * strides[i]
		// Inputs by their fraction, largest first (insertion sort).
		j := i
		for ; j > 0 && frac[order[j-1]] < frac[i]; j-- {
			order[j] = order[j-1]
		}
		order[j] = i
	}
	var sum [maxIn]float64
	w := 1 - frac[order[0]]
	for o := range l.out {
		sum[o] = w * l.clut[at+o]
	}
	for k := range l.in {
		at += strides[order[k]]
		w = frac[order[k]]
		if k+1 < l.in {
			w -= frac[order[k+1]]
		}
		for o := range l.out {
			sum[o] += w * l.clut[at+o]
		}
	}
	for o := range l.out {
		out[o] = curve(l.outCurve[o], sum[o])
	}
}
