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

// A link too long for level Q at its size is encoded at level M alone:
// the code at Q, which is not printed, is never built. Building a code
// is the cost (Reed–Solomon and scoring eight masks), so encode allocates
// no more than the encoder does for the level-M code by itself. Not
// parallel: AllocsPerRun counts every goroutine's allocations.
func TestEncodesOnlyTheLevelUsed(t *testing.T) {
	side, min := 30.0, 0.4
	link := "https://" + strings.Repeat("c", MaxLength(side, min)-8)
	c, err := encode(link, side, min)
	if err != nil || c.Level != "M" {
		t.Fatalf("the longest link: %v, level %v; want level M", err, c)
	}
	alone := testing.AllocsPerRun(5, func() {
		q, err := qrcode.New(link, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		q.DisableBorder = true
		q.Bitmap()
	})
	ours := testing.AllocsPerRun(5, func() {
		if _, err := encode(link, side, min); err != nil {
			t.Fatal(err)
		}
	})
	if ours > alone*1.05+20 {
		t.Errorf("encoding a level-M link allocates %.0f times, the level-M code alone %.0f: a code was built that is not printed", ours, alone)
	}
}

// The same link at the same level is one code whatever the square: the
// modules do not depend on the size they are printed at, so a property's
// poster (36 mm) and leaflet (30 mm), or a layout that tries a larger
// and then a smaller code, encode the link once. The modules are the
// encoder's own for that level.
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
	// code, at level M.
	long := "https://" + strings.Repeat("d", MaxLength(22, 0.4)-8)
	small, err := Encode(long, 22, 0.4)
	if err != nil {
		t.Fatal(err)
	}
	large, err := Encode(long, 60, 0.4)
	if err != nil {
		t.Fatal(err)
	}
	if small.Level != "M" || large.Level != "Q" {
		t.Fatalf("levels %s at 22 mm and %s at 60 mm, want M and Q", small.Level, large.Level)
	}
	for _, c := range []*Code{leaflet, small, large} {
		data := link
		if c != leaflet {
			data = long
		}
		level := map[string]qrcode.RecoveryLevel{"Q": qrcode.High, "M": qrcode.Medium}[c.Level]
		q, err := qrcode.New(data, level)
		if err != nil {
			t.Fatal(err)
		}
		q.DisableBorder = true
		if want := q.Bitmap(); !reflect.DeepEqual(c.Modules, want) {
			t.Errorf("level %s code of %d bytes: modules differ from the encoder's", c.Level, len(data))
		}
	}
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
