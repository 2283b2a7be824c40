package icc

import "math"

// linear holds sRGB's 256 levels as linear light (IEC 61966-2-1).
var linear = func() (t [256]float64) {
	for i := range t {
		v := float64(i) / 255
		if v <= 0.04045 {
			t[i] = v / 12.92
		} else {
			t[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return t
}()

// d50 is the profile connection space's white.
var d50 = [3]float64{0.9642, 1, 0.8249}

// SRGBToLab returns the sRGB colour r, g, b in L*a*b* under D50, as an
// sRGB display profile gives it: sRGB's primaries adapted from D65 to
// D50 (Bradford), so that sRGB white is L 100, a 0, b 0.
func SRGBToLab(r, g, b uint8) Lab {
	R, G, B := linear[r], linear[g], linear[b]
	x := 0.4360747*R + 0.3850649*G + 0.1430804*B
	y := 0.2225045*R + 0.7168786*G + 0.0606169*B
	z := 0.0139322*R + 0.0971045*G + 0.7141733*B
	fx, fy, fz := labF(x/d50[0]), labF(y/d50[1]), labF(z/d50[2])
	return Lab{L: 116*fy - 16, A: 500 * (fx - fy), B: 200 * (fy - fz)}
}

func labF(t float64) float64 {
	const e = 216.0 / 24389
	if t > e {
		return math.Cbrt(t)
	}
	return (24389.0/27*t + 16) / 116
}
