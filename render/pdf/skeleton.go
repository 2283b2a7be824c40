package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"huskurage/internal/memo"
	"huskurage/layout"
)

// A document whose contents are written past fpdf (content.go) needs fpdf
// for nothing but its objects: pages, fonts (placeholders, see finish),
// resources, information and catalog. Making an fpdf document, adding its
// fonts (each read from JSON and named by a SHA-1 of JSON) and writing it
// out, all through fmt, was a sixth of such a document's time. skeleton
// writes those objects as fpdf writes them for what we ask of it, byte for
// byte; finish then fills them in as it does fpdf's. A test renders many
// documents both ways and compares the files.
//
// fpdf orders the fonts of the resource dictionary by its names for them
// (a SHA-1 of its own font definition), which only fpdf knows: fpdfFontName
// asks it, once per font.

// fpdfK is fpdf's conversion from millimetres to points.
const fpdfK = 72.0 / 25.4

// skeletonText reports whether fpdf writes s, an information string, as
// skeleton does: as UTF-16 with a byte order mark, which fpdf makes right
// only of valid UTF-8 in the Basic Multilingual Plane. Other documents are
// written by fpdf itself.
func skeletonText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r > 0xFFFF {
			return false
		}
	}
	return true
}

// docInfo is what the information dictionary and the catalog say.
type docInfo struct {
	title, subject, author, lang string
	date                         time.Time
}

// skeleton returns the file fpdf writes for a document of pages of sizes
// (mm; the first is the default), each with an empty content, whose fonts
// are the placeholders of families, in the order they were added, with
// the logo img if it is not nil.
func skeleton(b []byte, sizes []layout.Box, families []string, img *fpdfImage, info docInfo) ([]byte, error) {
	offsets := make([]int, 3, 3+2*len(sizes)+len(families)+2)
	obj := func(n int) {
		for len(offsets) <= n {
			offsets = append(offsets, 0)
		}
		offsets[n] = len(b)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " 0 obj\n"...)
	}
	b = append(b, "%PDF-1.3\n%µ¶\n"...)
	def := sizes[0]
	n := 2
	for _, s := range sizes {
		n++
		obj(n)
		b = append(b, "<</Type /Page\n/Parent 1 0 R\n"...)
		if s.X1 != def.X1 || s.Y1 != def.Y1 {
			b = append(b, "/MediaBox [0 0 "...)
			b = appendF(b, s.X1*fpdfK, 2)
			b = append(b, ' ')
			b = appendF(b, s.Y1*fpdfK, 2)
			b = append(b, "]\n"...)
		}
		b = append(b, "/Resources 2 0 R\n/Contents "...)
		b = strconv.AppendInt(b, int64(n+1), 10)
		b = append(b, " 0 R>>\nendobj\n"...)
		n++
		obj(n)
		b = append(b, "<</Length 0>>\nstream\n\nendstream\nendobj\n"...)
	}
	obj(1)
	b = append(b, "<</Type /Pages\n/Kids ["...)
	for i := range sizes {
		b = strconv.AppendInt(b, int64(3+2*i), 10)
		b = append(b, " 0 R "...)
	}
	b = append(b, "]\n/Count "...)
	b = strconv.AppendInt(b, int64(len(sizes)), 10)
	b = append(b, "\n/MediaBox [0 0 "...)
	b = appendF(b, def.X1*fpdfK, 2)
	b = append(b, ' ')
	b = appendF(b, def.Y1*fpdfK, 2)
	b = append(b, "]\n>>\nendobj\n"...)

	// The placeholders, by fpdf's key (the family in lower case), and
	// their names in the resources, by fpdf's name.
	type font struct {
		family, key, name string
		n                 int
	}
	fonts := make([]font, len(families))
	for i, f := range families {
		name, err := fpdfFontName(f)
		if err != nil {
			return nil, err
		}
		fonts[i] = font{family: f, key: strings.ToLower(f), name: name}
	}
	slices.SortStableFunc(fonts, func(x, y font) int { return strings.Compare(x.key, y.key) })
	for i := range fonts {
		n++
		obj(n)
		fonts[i].n = n
		b = append(b, "<</Type /Font\n/BaseFont /"...)
		b = append(b, fonts[i].family...)
		b = append(b, "\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>\nendobj\n"...)
	}
	if img != nil {
		n++
		obj(n)
		b = append(b, img.body...)
		b = append(b, "endobj\n"...)
	}
	slices.SortStableFunc(fonts, func(x, y font) int { return strings.Compare(x.name, y.name) })
	obj(2)
	b = append(b, "<<\n/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]\n/Font <<\n"...)
	for _, f := range fonts {
		b = append(b, "/F"...)
		b = append(b, f.name...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(f.n), 10)
		b = append(b, " 0 R\n"...)
	}
	b = append(b, ">>\n/XObject <<\n"...)
	if img != nil {
		b = append(b, "/I"+img.name+" "...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " 0 R\n"...)
	}
	b = append(b, ">>\n/ColorSpace <<\n>>\n>>\nendobj\n"...)

	n++
	obj(n)
	date := "(D:" + info.date.UTC().Format("20060102150405") + ")"
	b = append(b, "<<\n/Producer "...)
	b = appendTextString(b, "huskurage")
	b = append(b, "\n/Title "...)
	b = appendTextString(b, info.title)
	b = append(b, "\n/Subject "...)
	b = appendTextString(b, info.subject)
	b = append(b, "\n/Author "...)
	b = appendTextString(b, info.author)
	b = append(b, "\n/Creator "...)
	b = appendTextString(b, "huskurage")
	b = append(b, "\n/CreationDate "+date+"\n/ModDate "+date+"\n>>\nendobj\n"...)

	n++
	obj(n)
	b = append(b, "<<\n/Type /Catalog\n/Pages 1 0 R\n"...)
	if info.lang != "" {
		b = append(b, "/Lang ("+info.lang+")\n"...)
	}
	b = append(b, "/Names <<\n/EmbeddedFiles << /Names [\n  \n] >>\n>>\n>>\nendobj\n"...)

	xref := len(b)
	b = append(b, "xref\n0 "...)
	b = strconv.AppendInt(b, int64(n+1), 10)
	b = append(b, "\n0000000000 65535 f \n"...)
	for _, off := range offsets[1:] {
		b = appendPadded(b, off)
		b = append(b, " 00000 n \n"...)
	}
	b = append(b, "trailer\n<<\n/Size "...)
	b = strconv.AppendInt(b, int64(n+1), 10)
	b = append(b, "\n/Root "...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, " 0 R\n/Info "...)
	b = strconv.AppendInt(b, int64(n-1), 10)
	b = append(b, " 0 R\n>>\nstartxref\n"...)
	b = strconv.AppendInt(b, int64(xref), 10)
	return append(b, "\n%%EOF\n"...), nil
}

// appendTextString appends s (see skeletonText) as fpdf writes a text
// string it was given as UTF-8: UTF-16BE with a byte order mark, each
// byte a backslash, parenthesis or carriage return escaped.
func appendTextString(b []byte, s string) []byte {
	b = append(b, '(')
	put := func(c byte) {
		switch c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	put(0xFE)
	put(0xFF)
	for _, r := range s {
		put(byte(r >> 8))
		put(byte(r))
	}
	return append(b, ')')
}

// fpdfFontNames are fpdf's names of placeholders, by family.
var fpdfFontNames = struct {
	mu sync.Mutex
	m  *memo.Map[string, string]
}{m: memo.New[string, string](1024)}

var fpdfFontRef = regexp.MustCompile(`/F([0-9a-f]+) [0-9]+ 0 R`)

// fpdfFontName returns the name fpdf gives the placeholder of family in a
// document's resources: it writes a document with that font alone and
// reads the name from it.
func fpdfFontName(family string) (string, error) {
	fpdfFontNames.mu.Lock()
	name, ok := fpdfFontNames.m.Get(family)
	fpdfFontNames.mu.Unlock()
	if ok {
		return name, nil
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddFontFromBytes(family, "", placeholderJSON(family), nil)
	pdf.AddPage()
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		return "", fmt.Errorf("the name fpdf gives font %s: %w", family, err)
	}
	m := fpdfFontRef.FindAllSubmatch(fpdfResources(out.Bytes()), -1)
	if len(m) != 1 {
		return "", fmt.Errorf("the name fpdf gives font %s: %d fonts in its resources", family, len(m))
	}
	name = string(m[0][1])
	fpdfFontNames.mu.Lock()
	fpdfFontNames.m.Put(family, name)
	fpdfFontNames.mu.Unlock()
	return name, nil
}

// fpdfImage is a logo as fpdf writes it: its image object from its
// dictionary to its stream's end, and its name in the resources.
type fpdfImage struct {
	body []byte
	name string
}

// fpdfImages are logos as fpdf writes them, by their prepared data and
// kind; nil for a logo fpdf writes in more than one object.
var fpdfImages cache[[32]byte, *fpdfImage]

var fpdfImageRef = regexp.MustCompile(`/I([0-9a-f]+) ([0-9]+) 0 R\n`)

// fpdfImageOf returns l as fpdf writes it, asking fpdf once per logo; nil
// when fpdf writes it in more than one object (a palette, a soft mask),
// which skeleton does not: such a document is written by fpdf.
func fpdfImageOf(l preparedLogo) (*fpdfImage, error) {
	key := sha256.Sum256(append([]byte(l.kind+"\x00"), l.data...))
	if img, ok := fpdfImages.get(key); ok {
		return img, nil
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: l.kind}, bytes.NewReader(l.data))
	pdf.AddPage()
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		return nil, fmt.Errorf("logo as fpdf writes it: %w", err)
	}
	pdf0 := out.Bytes()
	img, err := readFpdfImage(pdf0)
	if err != nil {
		return nil, err
	}
	fpdfImages.put(key, img)
	return img, nil
}

// readFpdfImage reads the one image of a document fpdf wrote.
func readFpdfImage(pdf []byte) (*fpdfImage, error) {
	m := fpdfImageRef.FindAllSubmatch(fpdfResources(pdf), -1)
	if len(m) != 1 {
		return nil, fmt.Errorf("logo as fpdf writes it: %d images in the resources", len(m))
	}
	head := []byte("\n" + string(m[0][2]) + " 0 obj\n<</Type /XObject\n/Subtype /Image\n")
	at := bytes.Index(pdf, head)
	if at < 0 {
		return nil, fmt.Errorf("logo as fpdf writes it: no image object")
	}
	body := pdf[at+len(head)-len("<</Type /XObject\n/Subtype /Image\n"):]
	// The dictionary ends "/Length N>>", then the stream.
	end := bytes.Index(body, []byte(">>\nstream\n"))
	if end < 0 {
		return nil, fmt.Errorf("logo as fpdf writes it: no stream")
	}
	dict := body[:end]
	if bytes.Contains(dict, []byte(" 0 R")) {
		return nil, nil // a palette or a soft mask of its own
	}
	l := bytes.LastIndex(dict, []byte("/Length "))
	if l < 0 {
		return nil, fmt.Errorf("logo as fpdf writes it: no stream length")
	}
	n, err := strconv.Atoi(string(dict[l+len("/Length "):]))
	if err != nil || end+len(">>\nstream\n")+n > len(body) {
		return nil, fmt.Errorf("logo as fpdf writes it: bad stream length")
	}
	end += len(">>\nstream\n") + n
	if !bytes.HasPrefix(body[end:], []byte("\nendstream\nendobj\n")) {
		return nil, fmt.Errorf("logo as fpdf writes it: the stream's length does not match")
	}
	return &fpdfImage{body: bytes.Clone(body[:end+len("\nendstream\n")]), name: string(m[0][1])}, nil
}

// fpdfResources returns the resource dictionary of a document fpdf wrote
// (object 2, which follows the fonts and images), so that their names are
// not looked for in their data.
func fpdfResources(pdf []byte) []byte {
	i := bytes.Index(pdf, []byte("\n2 0 obj\n<<\n/ProcSet "))
	if i < 0 {
		return nil
	}
	pdf = pdf[i:]
	if j := bytes.Index(pdf, []byte("\nendobj\n")); j >= 0 {
		return pdf[:j]
	}
	return nil
}
