package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"huskurage/icc"
	"huskurage/layout"
)

// A print shop's file is PDF/X-4 (ISO 15930-7), the standard that says a
// file holds everything a press needs and nothing it cannot print:
//
//   - its colours are the press's inks (see cmyk.go): DeviceCMYK only;
//   - an output intent names the printing condition it was made for,
//     FOGRA39 (offset on coated paper), with that condition's ICC profile
//     embedded (icc/FOGRA39-huskurage.icc);
//   - every page has a TrimBox (where it is cut) and a BleedBox (how far
//     its backgrounds reach beyond that) inside its MediaBox;
//   - the document says it is PDF/X-4 (GTS_PDFXVersion) in its
//     information and in XMP metadata, with the XMP keys PDF/X-4 asks
//     for, says it is not trapped (/Trapped /False: the shop traps if it
//     wants to), and has a trailer /ID;
//   - every font is embedded (as in every file we make), nothing is
//     encrypted, there is no transparency, and the header says PDF 1.6.
//
// Render with Options.CMYK draws the inks, the boxes and the logo in CMYK
// (pressFinish); the Joiner made by NewPDFXJoiner writes the rest, for one
// document (ToPDFX) or for a batch's print file.

// PDFX is what a print-shop file says about itself.
type PDFX struct {
	Title string
	Lang  string // BCP 47, or ""
	// Date is its creation and modification date; zero means
	// DefaultDate.
	Date time.Time
}

// PDFXVersion is the standard the print-shop files claim.
const PDFXVersion = "PDF/X-4"

// outputCondition is the registered name of the printing condition, as
// the ICC's registry of characterisation data has it.
const outputCondition = "FOGRA39"

// NewPDFXJoiner starts a PDF/X-4 file on w, made of the pages of
// documents that Render made with Options.CMYK (or of PDF/X files made
// so).
func NewPDFXJoiner(w io.Writer, x PDFX) *Joiner {
	if x.Date.IsZero() {
		x.Date = DefaultDate
	}
	j := newJoiner(w, x.Title, "1.6", sha256.New())
	j.pdfx = &x
	j.lang = x.Lang
	return j
}

// ToPDFX returns doc, made by Render with Options.CMYK, as a PDF/X-4 file.
func ToPDFX(doc []byte, x PDFX) ([]byte, error) {
	var buf bytes.Buffer
	j := NewPDFXJoiner(&buf, x)
	if err := j.Add(doc); err != nil {
		return nil, err
	}
	if err := j.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// iccStream is the profile as a compressed stream's data, made once.
var iccStream = sync.OnceValue(func() []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(icc.FOGRA39().Bytes())
	zw.Close()
	return z.Bytes()
})

// closePDFX writes the objects a PDF/X file has besides its pages — the
// output profile and the XMP metadata — and returns what the catalog,
// the information and the trailer add to their dictionaries.
// With ua its XMP claims PDF/UA-1 too (the joined structure is kept).
func (j *Joiner) closePDFX(ua bool) (catalog, info, trailer string) {
	x := j.pdfx
	// The document's identity: a hash of its pages, so that the same
	// pages always give the same file.
	sum := j.sum.Sum(nil)
	id := hex.EncodeToString(sum[:16])
	uuid := fmt.Sprintf("uuid:%s-%s-%s-%s-%s", id[:8], id[8:12], id[12:16], id[16:20], id[20:32])

	profileN := j.next
	j.offsets = append(j.offsets, j.n)
	z := iccStream()
	j.write(fmt.Appendf(nil, "%d 0 obj\n<</N 4\n/Alternate /DeviceCMYK\n/Filter /FlateDecode\n/Length %d>>\nstream\n", profileN, len(z)))
	j.write(z)
	j.write([]byte("\nendstream\nendobj\n"))

	xmpN := profileN + 1
	meta := xmpPacket(xmpInfo{title: x.Title, lang: j.lang, date: x.Date, pdfx: true, ua: ua, uuid: uuid})
	j.offsets = append(j.offsets, j.n)
	j.write(fmt.Appendf(nil, "%d 0 obj\n<</Type /Metadata\n/Subtype /XML\n/Length %d>>\nstream\n", xmpN, len(meta)))
	j.write(meta)
	j.write([]byte("\nendstream\nendobj\n"))
	j.next = xmpN + 1

	catalog = fmt.Sprintf("\n/OutputIntents [<</Type /OutputIntent\n/S /GTS_PDFX\n/OutputConditionIdentifier (%s)\n"+
		"/OutputCondition (Offset printing on coated paper, ISO 12647-2:2004/Amd 1)\n/RegistryName (http://www.color.org)\n"+
		"/Info %s\n/DestOutputProfile %d 0 R>>]\n/Metadata %d 0 R",
		outputCondition, pdfString(icc.FOGRA39().Description()), profileN, xmpN)
	date := pdfDate(x.Date)
	info = fmt.Sprintf("\n/Creator (huskurage)\n/CreationDate (%s)\n/ModDate (%s)\n/Trapped /False\n/GTS_PDFXVersion (%s)", date, date, PDFXVersion)
	trailer = fmt.Sprintf("\n/ID [<%s> <%s>]", id, id)
	return catalog, info, trailer
}

// pdfDate writes t as a PDF date in UTC.
func pdfDate(t time.Time) string {
	return "D:" + t.UTC().Format("20060102150405") + "+00'00'"
}

var (
	pageTypeTag = []byte("/Type /Page\n")
	imageTag    = []byte("/Subtype /Image")
	headerTag   = regexp.MustCompile(`^%PDF-1\.\d`)
	firstObject = regexp.MustCompile(`\n\d+ 0 obj\n`)
)

// pressFinish gives each page of a document that fpdf drew in CMYK its
// TrimBox and BleedBox, and puts the logo in CMYK in place of its
// placeholder (inks is nil when the document has no logo). A page
// without a trim is trimmed at its edges.
func pressFinish(pdf []byte, doc *layout.Doc, inks *cmykLogo) ([]byte, error) {
	objs, trailer, err := readObjects(pdf)
	if err != nil {
		return nil, err
	}
	catalog := objs[submatchInt(rootRef, trailer)]
	tree := objs[submatchInt(pagesRef, catalog)]
	m := kidsList.FindSubmatch(tree)
	if m == nil {
		return nil, fmt.Errorf("press: no pages")
	}
	kids := objectRef.FindAllSubmatch(m[1], -1)
	if len(kids) != len(doc.Pages) {
		return nil, fmt.Errorf("press: %d pages in the file, %d in the layout", len(kids), len(doc.Pages))
	}
	const k = 72 / 25.4
	for i, ref := range kids {
		n, _ := strconv.Atoi(string(ref[1]))
		p := doc.Pages[i]
		trim := layout.Box{X1: p.W, Y1: p.H}
		if p.Trim != nil {
			trim = *p.Trim
		}
		bleed := trim
		if p.Bleed != nil {
			bleed = *p.Bleed
		}
		box := func(b []byte, name string, x layout.Box) []byte {
			b = fmt.Appendf(b, "/%s [", name)
			b = appendF(b, x.X0*k, 3)
			b = append(b, ' ')
			b = appendF(b, (p.H-x.Y1)*k, 3)
			b = append(b, ' ')
			b = appendF(b, x.X1*k, 3)
			b = append(b, ' ')
			b = appendF(b, (p.H-x.Y0)*k, 3)
			return append(b, "]\n"...)
		}
		body, ok := objs[n]
		at := bytes.Index(body, pageTypeTag)
		if !ok || at < 0 {
			return nil, fmt.Errorf("press: page %d is not a page object", i+1)
		}
		at += len(pageTypeTag)
		var nb []byte
		nb = append(nb, body[:at]...)
		nb = box(nb, "TrimBox", trim)
		nb = box(nb, "BleedBox", bleed)
		objs[n] = append(nb, body[at:]...)
	}
	images := 0
	for n, body := range objs {
		if !bytes.Contains(body[:min(len(body), 80)], imageTag) {
			continue
		}
		images++
		if inks == nil {
			return nil, fmt.Errorf("press: an image that is not the logo")
		}
		var nb []byte
		nb = fmt.Appendf(nb, "<</Type /XObject\n/Subtype /Image\n/Width %d\n/Height %d\n/ColorSpace /DeviceCMYK\n/BitsPerComponent 8\n/Filter /FlateDecode\n/Length %d>>\nstream\n", inks.w, inks.h, len(inks.z))
		nb = append(nb, inks.z...)
		objs[n] = append(nb, "\nendstream\n"...)
	}
	if inks != nil && images != 1 {
		return nil, fmt.Errorf("press: %d images for one logo", images)
	}
	// The objects again, in the order of their numbers.
	loc := firstObject.FindIndex(pdf)
	if loc == nil || !headerTag.Match(pdf) {
		return nil, fmt.Errorf("press: no header")
	}
	out := make([]byte, 0, len(pdf)+len(doc.Pages)*100)
	out = append(out, pdf[:loc[0]+1]...)
	copy(out, "%PDF-1.6")
	nums := make([]int, 0, len(objs))
	for n := range objs {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	size := nums[len(nums)-1] + 1
	offsets := make([]int, size)
	for _, n := range nums {
		offsets[n] = len(out)
		out = strconv.AppendInt(out, int64(n), 10)
		out = append(out, " 0 obj\n"...)
		out = append(out, objs[n]...)
		out = append(out, "endobj\n"...)
	}
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for _, off := range offsets[1:] {
		if off == 0 {
			out = append(out, "0000000000 65535 f \n"...)
			continue
		}
		out = appendPadded(out, off)
		out = append(out, " 00000 n \n"...)
	}
	t := string(trailer)
	end := strings.Index(t, "startxref")
	if !strings.HasPrefix(t, "trailer") || end < 0 {
		return nil, fmt.Errorf("press: no trailer")
	}
	out = append(out, t[:end]...)
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", xref)
	return out, nil
}
