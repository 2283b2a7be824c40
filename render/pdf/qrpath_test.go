package pdf

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"huskurage/qr"
)

// qrPathAsBefore is qrPath as it was first written, with strconv: the
// reference for the path written from the table of small numbers.
func qrPathAsBefore(c *qr.Code) []byte {
	var b []byte
	n := c.Size()
	for r, row := range c.Modules {
		for col := 0; col < n; {
			if !row[col] {
				col++
				continue
			}
			start := col
			for col < n && row[col] {
				col++
			}
			b = strconv.AppendInt(b, int64(start), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(r), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(col-start), 10)
			b = append(b, " 1.02 re\n"...)
		}
	}
	return append(b, "f Q"...)
}

// The path of a code is the same as strconv writes it: codes of links of
// every length (versions 1 to 40, so up to 177 modules a row), and made-up
// codes of every size with runs at the edges.
func TestQRPathIsStrconv(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(14, 5))
	var codes []*qr.Code
	for _, n := range []int{10, 30, 60, 120, 250, 500, 900, 1400, 2000} {
		link := fmt.Sprintf("https://example.org/huskurage?hus=%d&", n)
		for len(link) < n {
			link += string(rune('a' + rng.IntN(26)))
		}
		c, err := qr.Encode(link, 200, 0.1)
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, c)
	}
	for n := 1; n <= 200; n += 1 + n/10 {
		c := &qr.Code{Modules: make([][]bool, n)}
		for r := range c.Modules {
			c.Modules[r] = make([]bool, n)
			for col := range c.Modules[r] {
				c.Modules[r][col] = rng.IntN(3) > 0 || r == n-1
			}
		}
		codes = append(codes, c)
	}
	if codes[len(codes)-1].Size() < 177 {
		t.Fatal("no code as large as a QR code gets")
	}
	for _, c := range codes {
		if got, want := string(qrPath(c)), string(qrPathAsBefore(c)); got != want {
			t.Fatalf("code of %d modules: the path differs\n%.200s\nwant\n%.200s", c.Size(), got, want)
		}
	}
}
