package qr

import (
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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
