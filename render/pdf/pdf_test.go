package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"hash/adler32"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"

	"huskurage/assets"
	"huskurage/internal/memo"
	"huskurage/layout"
	"huskurage/typeset"
)

// The subset is a font that go-text parses, whose cmap maps exactly the
// chosen characters, and which keeps outlines only for their glyphs.
func TestSubsetKeepsChosenGlyphs(t *testing.T) {
	sf, err := parseSFNT(assets.NotoSansRegular)
	if err != nil {
		t.Fatal(err)
	}
	full, err := font.ParseTTF(bytes.NewReader(assets.NotoSansRegular))
	if err != nil {
		t.Fatal(err)
	}
	var m []mapping
	for _, r := range "Hå1" {
		gid, _ := full.NominalGlyph(r)
		m = append(m, mapping{r: r, gid: int(gid)})
	}
	data, err := sf.subset(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) >= len(assets.NotoSansRegular)/2 {
		t.Errorf("subset is %d bytes, the font %d: not much of a subset", len(data), len(assets.NotoSansRegular))
	}
	sub, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	for _, e := range m {
		gid, ok := sub.NominalGlyph(e.r)
		if !ok || int(gid) != e.gid {
			t.Errorf("cmap: %q → %d, %v; want %d", e.r, gid, ok, e.gid)
		}
		if out := sub.GlyphData(gid); out == nil {
			t.Errorf("no outline for %q", e.r)
		}
	}
	if _, ok := sub.NominalGlyph('x'); ok {
		t.Error("cmap maps 'x', which was not chosen")
	}
	ss, _ := parseSFNT(data)
	gidX, _ := full.NominalGlyph('x')
	if len(ss.glyph(int(gidX))) != 0 {
		t.Error("the outline of 'x' was kept")
	}
	// å is a composite in Noto Sans: its parts must come along.
	gidA, _ := full.NominalGlyph('å')
	for _, c := range components(sf.glyph(int(gidA))) {
		if len(ss.glyph(c)) == 0 {
			t.Errorf("component glyph %d of å was dropped", c)
		}
	}
}

func TestParseSFNTRejectsJunk(t *testing.T) {
	for _, junk := range [][]byte{nil, []byte("not a font at all"), make([]byte, 64)} {
		if _, err := parseSFNT(junk); err == nil {
			t.Errorf("parseSFNT(%q) succeeded", junk)
		}
	}
}

func TestCodePages(t *testing.T) {
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	set, err := fontSetFor(fonts)
	if err != nil {
		t.Fatal(err)
	}
	f, err := set.file(typeset.Regular, 0)
	if err != nil {
		t.Fatal(err)
	}
	pieces, err := f.encode("Nödinge – 0303")
	if err != nil {
		t.Fatal(err)
	}
	if len(pieces) != 1 || pieces[0].page != 0 || pieces[0].text != "N\xf6dinge \x96 0303" {
		t.Errorf("Swedish text should be WinAnsi on page 0, got %+v", pieces)
	}
	pieces, err = f.encode("Київ")
	if err != nil {
		t.Fatal(err)
	}
	if len(pieces) != 1 || pieces[0].page == 0 {
		t.Errorf("Cyrillic should be on a later page, got %+v", pieces)
	}
	if _, err := f.encode("ก"); err == nil {
		t.Error("a character the font lacks must be an error, not a box")
	}
	for i, p := range f.pages[1:] {
		if !strings.HasPrefix(p.diff, "32 /uni") {
			t.Errorf("page %d differences start %q", i+1, p.diff[:10])
		}
	}
}

func TestDeflateContents(t *testing.T) {
	content := "BT /F1 12 Tf 72 712 Td (Hej) Tj ET\n"
	var pdf bytes.Buffer
	pdf.WriteString("%PDF-1.4\n")
	off1 := pdf.Len()
	pdf.WriteString("1 0 obj\n<</Length " + itoa(len(content)) + ">>\nstream\n" + content + "\nendstream\nendobj\n")
	off2 := pdf.Len()
	pdf.WriteString("2 0 obj\n<</Type /Catalog>>\nendobj\n")
	xref := pdf.Len()
	pdf.WriteString("xref\n0 3\n0000000000 65535 f \n" + pad(off1) + " 00000 n \n" + pad(off2) + " 00000 n \n")
	pdf.WriteString("trailer\n<<\n/Size 3\n/Root 2 0 R\n>>\nstartxref\n" + itoa(xref) + "\n%%EOF\n")

	out, err := deflateContents(pdf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	i := strings.Index(s, "2 0 obj")
	if !strings.Contains(s, "\n"+pad(i)+" 00000 n \n") {
		t.Errorf("xref does not point at object 2 (now at %d):\n%s", i, s[strings.Index(s, "xref"):])
	}
	x := strings.Index(s, "xref\n")
	if !strings.HasSuffix(s, "startxref\n"+itoa(x)+"\n%%EOF\n") {
		t.Errorf("startxref does not point at xref (%d)", x)
	}
	start := strings.Index(s, "stream\n") + len("stream\n")
	end := strings.Index(s, "\nendstream")
	zr, err := zlib.NewReader(strings.NewReader(s[start:end]))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if string(plain) != content || !strings.Contains(s, "/Filter /FlateDecode") {
		t.Errorf("content after round trip %q", plain)
	}
	if _, err := deflateContents([]byte("%PDF-1.4\nno xref here")); err == nil {
		t.Error("a file without startxref must be an error")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func pad(n int) string { return fmt.Sprintf("%010d", n) }

// setChunkCache empties the chunk cache and makes it hold n chunks a
// generation.
func setChunkCache(n int) {
	chunkCache.mu.Lock()
	defer chunkCache.mu.Unlock()
	chunkCache.m = memo.New[chunkKey, zChunk](n)
}

// With a cache that turns over every page or two, the pages of a batch
// (a shared body, an address, a QR code of their own) compress to the
// bytes they give with nothing cached.
func TestAppendZlibCacheTurns(t *testing.T) {
	setChunkCache(6)
	defer setChunkCache(chunksKept)
	var body strings.Builder
	for i := range 200 {
		fmt.Fprintf(&body, "q 0.102 g BT /F1 11.25 Tf 28.346 %d.5 Td [(policy line %d) 20.0 (of text)] TJ ET Q\n", i, i%37)
	}
	for doc := range 50 {
		var own strings.Builder
		fmt.Fprintf(&own, "BT /F2 11.75 Tf 28.346 483.953 Td [(Storgatan %d \xb7 449 %02d N\xf6dinge)] TJ ET\n", doc, doc%100)
		for y := range 33 {
			for x := 0; x < 33; x += 1 + (x*y+doc)%5 {
				fmt.Fprintf(&own, "%d %d %d 1.02 re\n", x, y, 1+(x+doc)%3)
			}
		}
		page := []byte(body.String() + own.String() + body.String()[:4000])
		cached := appendZlib(nil, page)
		chunkCache.mu.Lock()
		fresh := chunkCache.m
		chunkCache.m = memo.New[chunkKey, zChunk](6)
		chunkCache.mu.Unlock()
		uncached := appendZlib(nil, page)
		chunkCache.mu.Lock()
		chunkCache.m = fresh
		chunkCache.mu.Unlock()
		if !bytes.Equal(cached, uncached) {
			t.Fatalf("page %d: %d bytes with the cache, %d without: they differ", doc, len(cached), len(uncached))
		}
	}
}

// Page contents compressed in cached chunks read back whole, and give the
// same bytes whether their chunks were cached or not.
func TestAppendZlibChunks(t *testing.T) {
	var page strings.Builder
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&page, "q 0.102 g BT /F1 11.25 Tf 28.346 %d.5 Td [(line %d) 20.0 (of text)] TJ ET Q\n", i, i%37)
	}
	long := strings.Repeat("x", 3*maxChunk) // a chunk cut in no line end
	for _, data := range []string{"", "one line\n", "no line end", page.String(), long + "\n" + page.String(), page.String() + long} {
		setChunkCache(chunksKept)
		cold := appendZlib(nil, []byte(data))
		warm := appendZlib(nil, []byte(data))
		if !bytes.Equal(cold, warm) {
			t.Errorf("%d bytes: cached chunks give other bytes", len(data))
		}
		zr, err := zlib.NewReader(bytes.NewReader(warm))
		if err != nil {
			t.Fatalf("%d bytes: %v", len(data), err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || string(got) != data {
			t.Errorf("%d bytes: read back %d bytes, %v", len(data), len(got), err)
		}
	}
	// A changed line changes its own chunk only: most of the stream is
	// the same bytes.
	a := appendZlib(nil, []byte(page.String()))
	b := appendZlib(nil, []byte(strings.Replace(page.String(), "(line 5)", "(line 55)", 1)))
	a, b = a[:len(a)-4], b[:len(b)-4] // less the checksums
	same := 0
	for same < len(a) && same < len(b) && a[len(a)-1-same] == b[len(b)-1-same] {
		same++
	}
	if same < len(a)/2 {
		t.Errorf("a change in line 5 changed %d of %d compressed bytes", len(a)-same, len(a))
	}
}

func TestAdler32Join(t *testing.T) {
	x := bytes.Repeat([]byte("huskurage "), 7000) // more than 65,521 bytes
	y := bytes.Repeat([]byte{0xff, 0x00, 0x7f}, 30000)
	for _, split := range [][2][]byte{{x, y}, {y, x}, {nil, x}, {x, nil}, {x[:1], y[:1]}} {
		a, b := split[0], split[1]
		want := adler32.Checksum(append(bytes.Clone(a), b...))
		if got := adler32Join(adler32.Checksum(a), adler32.Checksum(b), len(b)); got != want {
			t.Errorf("join of %d and %d bytes = %08x, want %08x", len(a), len(b), got, want)
		}
	}
}

// Text is set at the size the layout gives, to the thousandth of a point
// it keeps: a size cut to two decimals (11.625 written 11.62) draws every
// glyph a little smaller than the layout measured, and a line drifts
// from where the layout put its runs.
func TestTextSizeExact(t *testing.T) {
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	ink := layout.Color{0, 0, 0}
	doc := &layout.Doc{Kind: "test", Title: "T", Pages: []layout.Page{{W: 148, H: 210, Items: []layout.Item{
		{Kind: layout.KindText, X: 20, Y: 30, W: 100, H: 5, Ascent: 4, Size: 11.625, Fill: &ink, Runs: []layout.Run{{Text: "Hej"}}},
	}}}}
	out, err := New(fonts, Options{}).Bytes(doc)
	if err != nil {
		t.Fatal(err)
	}
	content := strings.Join(streams(t, out), "\n")
	if !strings.Contains(content, " 11.625 Tf ") {
		t.Errorf("the text is not set at 11.625 pt; page content:\n%s", content)
	}
}

// streams returns the contents of the compressed streams of a PDF that
// decompress.
func streams(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	s := string(pdf)
	for {
		i := strings.Index(s, "stream\n")
		if i < 0 {
			return out
		}
		s = s[i+len("stream\n"):]
		j := strings.Index(s, "\nendstream")
		if j < 0 {
			return out
		}
		if zr, err := zlib.NewReader(strings.NewReader(s[:j])); err == nil {
			if b, err := io.ReadAll(zr); err == nil {
				out = append(out, string(b))
			}
		}
		s = s[j:]
	}
}

// The characters a font's code pages hold are read from its character
// map: exactly those that asking the font for each character from U+0020
// to U+FFFF finds, for every embedded font.
func TestMappedAsEveryCharacterAsked(t *testing.T) {
	t.Parallel()
	fonts, err := typeset.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []typeset.FontID{typeset.Regular, typeset.Bold} {
		for face := 0; face < fonts.Faces(); face++ {
			fnt, err := fonts.Font(id, face)
			if err != nil {
				t.Fatal(err)
			}
			var want []rune
			for r := rune(0x20); r <= 0xFFFF; r++ {
				if _, ok := fnt.NominalGlyph(r); ok {
					want = append(want, r)
				}
			}
			var got []rune
			for _, r := range mapped(fnt) {
				if _, ok := fnt.NominalGlyph(r); ok {
					got = append(got, r)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s family %d: %d characters from the map, %d asked for", id, face, len(got), len(want))
			}
		}
	}
}
