package qr

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	goqr "github.com/piglig/go-qr"
	qrcode "github.com/skip2/go-qrcode"
)

// A long link that would make modules too small is refused with the
// longest length that fits; one byte less fits.
func TestLimits(t *testing.T) {
	t.Parallel()
	c, err := Encode("https://example.org/huskurage", 30, 0.5)
	if err != nil || c.Size() == 0 || c.Level != "Q" {
		t.Fatalf("short link: %v, level %v", err, c)
	}
	if m := c.Module(30); m < 0.5 {
		t.Errorf("modules of %.3f mm, under the minimum 0.5", m)
	}
	max := MaxLength(30, 0.5)
	if max < 40 || max > 300 {
		t.Errorf("max length %d at 30 mm looks wrong", max)
	}
	ok := "https://" + strings.Repeat("a", max-8)
	if _, err := Encode(ok, 30, 0.5); err != nil {
		t.Errorf("a link of exactly %d bytes should fit: %v", max, err)
	}
	long := "https://" + strings.Repeat("a", max-7)
	_, err = Encode(long, 30, 0.5)
	var tl *TooLongError
	if !errors.As(err, &tl) || tl.Length != max+1 || tl.Max != max ||
		!strings.Contains(tl.Problem(), "too long for a readable 30 mm QR code") ||
		!strings.Contains(tl.Hint(), "at most "+strconv.Itoa(max)+" characters") {
		t.Errorf("too long link: got %v, want an error saying at most %d", err, max)
	}
}

// A link too long for level Q at its size is printed at level M, which
// holds more in the same modules, before it is refused: the longest link
// that fits needs level M.
func TestFallsBackToLevelM(t *testing.T) {
	t.Parallel()
	side, min := 30.0, 0.5
	max := MaxLength(side, min)
	c, err := Encode("https://"+strings.Repeat("b", max-8), side, min)
	if err != nil {
		t.Fatal(err)
	}
	if c.Level != "M" || c.Module(side) < min {
		t.Errorf("the longest link: level %s, modules of %.3f mm; want level M, at least %.1f mm", c.Level, c.Module(side), min)
	}
}

// The modules read back as the link with zbarimg, the reader users have.
func TestDecodes(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Fatal("zbarimg is not installed: apt-get install zbar-tools")
	}
	link := "https://example.org/huskurage/brf-aspen?x=1"
	c, err := Encode(link, 30, 0.4)
	if err != nil {
		t.Fatal(err)
	}
	const px = 4 // pixels to a module
	n := c.Size() + 2*QuietZone
	img := image.NewGray(image.Rect(0, 0, n*px, n*px))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for r, row := range c.Modules {
		for col, dark := range row {
			if !dark {
				continue
			}
			for y := 0; y < px; y++ {
				for x := 0; x < px; x++ {
					img.SetGray((col+QuietZone)*px+x, (r+QuietZone)*px+y, color.Gray{})
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), "code.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command("zbarimg", "-q", "--raw", path).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != link {
		t.Errorf("zbarimg read %q, want %q", got, link)
	}
}

// Only the code printed is built: a link too long for level Q at its
// size is built at level M alone, a link that fits level Q at Q alone,
// and a code already made at the right level is not built again. Building
// the symbol (Reed–Solomon, eight masks scored) is nearly all the cost.
func TestBuildsOnlyTheCodePrinted(t *testing.T) {
	t.Parallel()
	side, min := 30.0, 0.4
	long := "https://" + strings.Repeat("c", MaxLength(side, min)-8)
	for _, tc := range []struct {
		link, level string
	}{{"https://example.org/huskurage?hus=00042", "Q"}, {long, "M"}} {
		built := map[goqr.Ecc]int{}
		counting := coder{build: func(segs []*goqr.QrSegment, ecc goqr.Ecc, lo, hi int) (*goqr.QrCode, error) {
			q, err := goQR.build(segs, ecc, lo, hi)
			if err == nil {
				built[ecc]++
			}
			return q, err
		}}
		made := map[levelKey]*Code{}
		cached := func(k levelKey) (*Code, bool) { c, ok := made[k]; return c, ok }
		c, err := counting.encode(tc.link, side, min, cached)
		if err != nil || c.Level != tc.level {
			t.Fatalf("%d bytes: %v, level %v; want level %s", len(tc.link), err, c, tc.level)
		}
		want := map[goqr.Ecc]int{map[string]goqr.Ecc{"Q": goqr.Quartile, "M": goqr.Medium}[tc.level]: 1}
		if !reflect.DeepEqual(built, want) {
			t.Errorf("%d bytes, level %s: built %v, want one code at the level printed", len(tc.link), tc.level, built)
		}
		made[levelKey{tc.link, c.Level}] = c
		again, err := counting.encode(tc.link, side+0.5, min, cached)
		if err != nil || again != c || !reflect.DeepEqual(built, want) {
			t.Errorf("%d bytes at %g mm: %v, %p (want %p); built %v: the code of the same level was built again", len(tc.link), side+0.5, err, again, c, built)
		}
	}
}

// The same link at the same level is one code whatever the square: the
// modules do not depend on the size they are printed at, so a property's
// poster (36 mm) and leaflet (30 mm), or a layout that tries a larger
// and then a smaller code, encode the link once.
func TestOneCodeForEverySize(t *testing.T) {
	t.Parallel()
	link := "https://example.org/huskurage?hus=one-code"
	poster, err := Encode(link, 36, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	leaflet, err := Encode(link, 30, 0.4)
	if err != nil {
		t.Fatal(err)
	}
	if poster.Level != "Q" || leaflet != poster {
		t.Errorf("the poster's and the leaflet's code (both level Q) are two codes: %p level %s, %p level %s", poster, poster.Level, leaflet, leaflet.Level)
	}
	// Where the square is too small for level Q, the same link is another
	// code, at level M, and asked again at the larger size, level Q.
	long := "https://" + strings.Repeat("d", MaxLength(22, 0.4)-8)
	for _, side := range []float64{22, 60, 22} {
		c, err := Encode(long, side, 0.4)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[float64]string{22: "M", 60: "Q"}[side]; c.Level != want || c.Module(side) < 0.4 {
			t.Errorf("at %g mm: level %s, modules of %.3f mm; want level %s, at least 0.4 mm", side, c.Level, c.Module(side), want)
		}
	}
}

// The codes are no larger than those of github.com/skip2/go-qrcode, the
// encoder we used before (its version is what qrcode.New chooses): a
// larger code would have smaller modules, and a link that was printed
// would be refused. Links of every shape we print: short and long, with
// numbers that a numeric segment holds in fewer bits, punycoded hosts,
// percent-encoded paths, capitals that an alphanumeric segment holds.
func TestNoLargerThanSkip2(t *testing.T) {
	t.Parallel()
	hosts := []string{"example.se", "www.ale.se", "xn--bostder-8wa.example.se", "xn--hyresgst-freningen-gteborg-lhc22cka.se", "WWW.EXAMPLE.SE"}
	paths := []string{"", "/huskurage", "/hyresg%C3%A4ster/trygghet/huskurage", "/HUSKURAGE/"}
	queries := []func(i int) string{
		func(int) string { return "" },
		func(i int) string { return fmt.Sprintf("?hus=%d", i) },
		func(i int) string { return fmt.Sprintf("?hus=ALE-%06d&uppgang=A", i) },
		func(i int) string { return fmt.Sprintf("/%d/%d", i, 7*i) },
		func(i int) string { return fmt.Sprintf("?id=%d%s", i, strings.Repeat("1234567890", 8)) },
	}
	n := 0
	for _, h := range hosts {
		for _, p := range paths {
			for i, q := range queries {
				for _, pad := range []int{0, 37, 150} {
					link := "https://" + h + p + strings.Repeat("x", pad) + q(1000*i+pad)
					for _, l := range []struct {
						ecc   goqr.Ecc
						skip2 qrcode.RecoveryLevel
					}{{goqr.Quartile, qrcode.High}, {goqr.Medium, qrcode.Medium}} {
						ref, err := qrcode.New(link, l.skip2)
						if err != nil {
							t.Fatal(err)
						}
						var s segments
						c, err := s.encode(goQR, link, l.ecc, goqr.MaxVersion)
						if err != nil {
							t.Fatalf("%s at level %d: %v", link, l.ecc, err)
						}
						if c.Size() > modules(ref.VersionNumber) {
							t.Errorf("%s at level %d: %d modules, skip2 %d", link, l.ecc, c.Size(), modules(ref.VersionNumber))
						}
						n++
					}
				}
			}
		}
	}
	if n != 2*len(hosts)*len(paths)*len(queries)*3 {
		t.Errorf("compared %d codes", n)
	}
}

// A link longer than version 27 holds is encoded when the square is large
// enough (go-qr's optimal split loops for ever on such data when asked
// for versions up to 40), and refused, not hung on, when it is not.
func TestLongLink(t *testing.T) {
	t.Parallel()
	link := "https://example.se/" + strings.Repeat("a", 1500)
	c, err := encode1(link, 250, 0.4)
	if err != nil || c.Size() < modules(27) {
		t.Fatalf("1,519 bytes in 250 mm: %v, %v", err, c)
	}
	var tl *TooLongError
	if _, err := encode1(link, 40, 0.4); !errors.As(err, &tl) {
		t.Errorf("1,519 bytes in 40 mm: %v, want a TooLongError", err)
	}
}

// encode1 is Encode without the cache.
func encode1(data string, side, minModule float64) (*Code, error) {
	return goQR.encode(data, side, minModule, func(levelKey) (*Code, bool) { return nil, false })
}

// BenchmarkEncode encodes a new link each time, as a batch whose
// properties each have their own link does: short, with a punycoded host,
// and long enough for level M at the A6 leaflet's 22 mm.
func BenchmarkEncode(b *testing.B) {
	for _, l := range []struct{ name, link string }{
		{"short", "https://example.org/huskurage?hus=%05d"},
		{"punycode", "https://xn--bostder-8wa.example.se/huskurage?hus=%05d"},
		{"level-M", "https://www.example-bostader.se/hyresgaster/trygghet/huskurage?fastighet=Storgatan-12&uppgang=A&hus=%05d"},
	} {
		b.Run(l.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := Encode(fmt.Sprintf(l.link, i), 22, 0.4); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Data that no property holds (the loader wants an ASCII https link) is
// still encoded, not a panic: a page made by hand may carry it. Bytes
// outside ASCII, even invalid UTF-8, are encoded byte for byte. Each code
// is no larger than skip2's. An empty link is an error (go-qr's optimal
// split panics on empty text).
func TestOddData(t *testing.T) {
	t.Parallel()
	if c, err := encode1("", 30, 0.4); err == nil || !strings.Contains(err.Error(), "no link") {
		t.Errorf("an empty link: %v, %v; want an error that says there is no link", c, err)
	}
	for _, data := range []string{"\x00\x01\t", "https://ex.se/\xff\xfe", "räksmörgås", "HTTPS://EX.SE/123", "0123456789"} {
		c, err := encode1(data, 30, 0.4)
		if err != nil {
			t.Errorf("%q: %v", data, err)
			continue
		}
		ref, err := qrcode.New(data, qrcode.High)
		if err != nil {
			t.Fatal(err)
		}
		if c.Level != "Q" || c.Size() > modules(ref.VersionNumber) {
			t.Errorf("%q: level %s, %d modules; want level Q, at most skip2's %d", data, c.Level, c.Size(), modules(ref.VersionNumber))
		}
	}
}

// FuzzEncode: any data in any square gives a code or an error, never a
// panic, and a code is square, of a QR version's size, readable at the
// square's size, and for ASCII data (every link the loader accepts) no
// larger than skip2's. Data with bytes outside ASCII is one byte segment,
// where skip2 may put its digits and capitals in segments of their own.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"https://example.org/huskurage?hus=00042", "https://xn--bostder-8wa.example.se/", "HTTPS://EX.SE/0123456789", "r\xe4ksm\xf6rg\xe5s", ""} {
		f.Add(s, 30.0)
	}
	f.Fuzz(func(t *testing.T, data string, side float64) {
		c, err := encode1(data, side, 0.4)
		if err != nil {
			return
		}
		n := c.Size()
		if (n-17)%4 != 0 || n < modules(1) || n > modules(40) || c.Module(side) < 0.4 {
			t.Fatalf("%q in %g mm: %d modules, %.3f mm", data, side, n, c.Module(side))
		}
		for _, row := range c.Modules {
			if len(row) != n {
				t.Fatalf("%q: a row of %d modules in a code of %d", data, len(row), n)
			}
		}
		level := map[string]qrcode.RecoveryLevel{"Q": qrcode.High, "M": qrcode.Medium}[c.Level]
		if ref, err := qrcode.New(data, level); err == nil && ascii(data) && n > modules(ref.VersionNumber) {
			t.Errorf("%q at level %s: %d modules, skip2 %d", data, c.Level, n, modules(ref.VersionNumber))
		}
	})
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
