package icc

import (
	"bytes"
	"encoding/binary"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// xicclu looks every line of in up with ArgyllCMS's xicclu (the tool that
// made the profile reads its tables as any CMM does) and returns the
// numbers after the last "->" of each line of its output.
func xicclu(t *testing.T, profile string, in [][]float64, args ...string) [][]float64 {
	t.Helper()
	var stdin bytes.Buffer
	for _, v := range in {
		for i, x := range v {
			if i > 0 {
				stdin.WriteByte(' ')
			}
			stdin.WriteString(strconv.FormatFloat(x, 'f', 6, 64))
		}
		stdin.WriteByte('\n')
	}
	cmd := exec.Command("xicclu", append(args, profile)...)
	cmd.Stdin = &stdin
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("xicclu %v (from Debian's argyll, which scripts/test.sh installs): %v", args, err)
	}
	var got [][]float64
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		i := strings.LastIndex(line, "->")
		if i < 0 {
			continue
		}
		var v []float64
		for _, f := range strings.Fields(line[i+2:]) {
			if x, err := strconv.ParseFloat(f, 64); err == nil {
				v = append(v, x)
			}
		}
		got = append(got, v)
	}
	if len(got) != len(in) {
		t.Fatalf("xicclu %v: %d results for %d inputs:\n%s", args, len(got), len(in), out)
	}
	return got
}

const profilePath = "FOGRA39-huskurage.icc"

// Our lookups agree with ArgyllCMS's on the same tables: inks to Lab
// (A2B1) and Lab to inks (B2A1 relative colorimetric, B2A0 perceptual),
// over a sweep that includes points between the grid's.
func TestTablesAgreeWithArgyll(t *testing.T) {
	t.Parallel()
	p := FOGRA39()
	var inks [][]float64
	steps := []float64{0, 0.13, 0.5, 0.77, 1}
	for _, c := range steps {
		for _, m := range steps {
			for _, y := range steps {
				for _, k := range steps {
					inks = append(inks, []float64{c, m, y, k})
				}
			}
		}
	}
	for i, want := range xicclu(t, profilePath, inks, "-ff", "-ir", "-pl") {
		got := p.ToLab(CMYK(inks[i]))
		if d := math.Abs(got.L-want[0]) + math.Abs(got.A-want[1]) + math.Abs(got.B-want[2]); d > 0.01 {
			t.Errorf("inks %v: Lab %.3f, Argyll %.3f", inks[i], got, want)
		}
	}
	var labs [][]float64
	for L := 0.0; L <= 100; L += 12.5 {
		for a := -100.0; a <= 100; a += 33 {
			for b := -100.0; b <= 100; b += 33 {
				labs = append(labs, []float64{L, a, b})
			}
		}
	}
	for _, tc := range []struct {
		intent Intent
		flag   string
	}{{RelativeColorimetric, "-ir"}, {Perceptual, "-ip"}} {
		for i, want := range xicclu(t, profilePath, labs, "-fb", tc.flag, "-pl") {
			got := p.FromLab(Lab{labs[i][0], labs[i][1], labs[i][2]}, tc.intent)
			for c := range 4 {
				if math.Abs(got[c]-want[c]) > 1e-4 {
					t.Errorf("%s Lab %v: inks %.4f, Argyll %.4f", tc.flag, labs[i], got, want)
					break
				}
			}
		}
	}
}

// sRGB to Lab agrees with Argyll's own sRGB profile to a small fraction
// of a visible difference (ΔE 1).
func TestSRGBToLab(t *testing.T) {
	t.Parallel()
	var rgb [][]float64
	var in [][3]uint8
	for _, v := range []uint8{0, 26, 74, 128, 176, 255} {
		for _, w := range []uint8{0, 99, 255} {
			for _, x := range []uint8{0, 163, 255} {
				in = append(in, [3]uint8{v, w, x})
				rgb = append(rgb, []float64{float64(v) / 255, float64(w) / 255, float64(x) / 255})
			}
		}
	}
	for i, want := range xicclu(t, "/usr/share/color/argyll/ref/sRGB.icm", rgb, "-ff", "-ir", "-pl") {
		got := SRGBToLab(in[i][0], in[i][1], in[i][2])
		if d := math.Hypot(math.Hypot(got.L-want[0], got.A-want[1]), got.B-want[2]); d > 0.3 {
			t.Errorf("sRGB %v: Lab %.2f, Argyll %.2f (ΔE %.2f)", in[i], got, want, d)
		}
	}
}

// The profile is what the README says: FOGRA39's coated paper, its white
// the paper (no ink), its black ink alone a dark grey, not black.
func TestFOGRA39(t *testing.T) {
	t.Parallel()
	p := FOGRA39()
	if !strings.Contains(p.Description(), "FOGRA39") {
		t.Errorf("description %q does not name FOGRA39", p.Description())
	}
	if n := len(p.Bytes()); n > 64<<10 {
		t.Errorf("the profile is %d bytes; it goes into every print-shop file, keep it under 64 KiB", n)
	}
	if ink := p.FromSRGB(255, 255, 255, RelativeColorimetric); max(ink[0], ink[1], ink[2], ink[3]) > 0.001 {
		t.Errorf("white paper takes no ink, got %v", ink)
	}
	// Solid black alone is about L 18 on coated paper.
	if l := p.ToLab(CMYK{0, 0, 0, 1}).L; l < 12 || l > 24 {
		t.Errorf("solid black alone: L %.1f", l)
	}
	// The emergency red prints without cyan.
	if ink := p.FromSRGB(0xa3, 0x16, 0x1a, RelativeColorimetric); ink[0] > 0.02 || ink[1] < 0.8 {
		t.Errorf("red: inks %.3f", ink)
	}
}

// BlackOnly finds the amount of black ink that prints a lightness: the
// inverse of the profile's black ramp.
func TestBlackOnly(t *testing.T) {
	t.Parallel()
	p := FOGRA39()
	for _, k := range []float64{0.05, 0.2, 0.417, 0.5, 0.87, 0.99} {
		l := p.ToLab(CMYK{0, 0, 0, k}).L
		if got := p.BlackOnly(l); math.Abs(got-k) > 0.002 {
			t.Errorf("L %.2f is printed by %.3f black; BlackOnly says %.3f", l, k, got)
		}
	}
	if p.BlackOnly(100) != 0 || p.BlackOnly(5) != 1 {
		t.Errorf("white %v, darker than solid black %v", p.BlackOnly(100), p.BlackOnly(5))
	}
}

func TestParseRefuses(t *testing.T) {
	t.Parallel()
	good := FOGRA39().Bytes()
	wrongClass := bytes.Clone(good)
	copy(wrongClass[12:], "mntr")
	noTags := bytes.Clone(good[:132])
	binary.BigEndian.PutUint32(noTags, 132)
	binary.BigEndian.PutUint32(noTags[128:], 0)
	for name, data := range map[string][]byte{
		"short":         good[:100],
		"cut":           good[:len(good)-10],
		"not a printer": wrongClass,
		"no tables":     noTags,
	} {
		if _, err := Parse(data); err == nil {
			t.Errorf("%s: no error", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
