package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// What fpdf writes is finished here, in one pass over its bytes:
//
//   - Page contents are compressed. fpdf makes a new zlib writer for every
//     stream it compresses, and each one allocates and clears about
//     600 KB; so fpdf writes them plain, and they are compressed here, in
//     cached chunks (chunks.go) with pooled writers. klauspost/compress's
//     level 1 takes less than half the time of compress/zlib's BestSpeed
//     on our pages (0.11 against 0.26 ms for a leaflet's two pages here)
//     and its output is smaller.
//   - Fonts are embedded. fpdf reads every font it is given from a JSON
//     definition (with 224 widths) and writes its objects again for
//     every document; for a batch of thousands that was a tenth of the
//     time. So fpdf is given each subset as a placeholder (a font with a
//     name and nothing else, which it writes as a one-line Type1 font
//     object), and here that object is replaced by the subset's own font
//     dictionary, and its widths, descriptor, encoding and compressed font
//     file, prepared once per subset (subsetFont), are appended. Text is
//     drawn with the subsets' own resource names, so those replace
//     fpdf's names (an F and a 40-digit hash) in the page resources.
//
// Offsets change, so the cross-reference table is written anew.

// compressed holds a page's compressed content until it is copied into
// the file.
var compressed = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// deflateContents compresses every stream of pdf whose dictionary holds
// nothing but its length (fpdf's page contents), and returns the file with
// offsets and cross-references corrected.
func deflateContents(pdf []byte) ([]byte, error) { return finish(pdf, nil, nil, nil) }

var (
	startxrefTag   = []byte("startxref\n")
	plainStreamTag = []byte("<</Length ")
	placeholderTag = []byte("<</Type /Font\n/BaseFont /")
	resourcesTag   = []byte("<<\n/ProcSet ")
	fontDictTag    = []byte("/Font <<\n")
	pageTag        = []byte("<</Type /Page\n")
	catalogTag     = []byte("<<\n/Type /Catalog\n")
	streamTag      = []byte(">>\nstream\n")
	endstreamTag   = []byte("\nendstream")
)

// finish compresses fpdf's page contents and puts the subsets of fonts
// (by placeholder name) in place of their placeholders, under their own
// resource names. Every font of fonts must be found, and no other
// placeholder. With tags, it makes the file a tagged PDF: the pages and
// the catalog get their keys, and the structure's objects follow the
// fonts' (see tagging).
//
// pages, when not nil, are the pages' contents, written past fpdf (see
// content.go): they fill pdf's empty page contents (see skeleton), in
// the order of the pages.
func finish(pdf []byte, fonts map[string]*docSubset, tags *tagging, pages [][]byte) ([]byte, error) {
	// The trailer ends "startxref\nN\n%%EOF\n".
	tail := bytes.LastIndex(pdf, startxrefTag)
	if tail < 0 {
		return nil, fmt.Errorf("finish: no startxref")
	}
	xrefAt, ok := digits(pdf[tail+len(startxrefTag):], '\n')
	if !ok || xrefAt <= 0 || xrefAt >= tail || !bytes.HasPrefix(pdf[xrefAt:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("finish: bad xref offset")
	}
	// The table: "xref\n0 N\n" then N entries of 20 bytes.
	p := xrefAt + len("xref\n0 ")
	count, ok := digits(pdf[p:], '\n')
	if !ok || count < 1 {
		return nil, fmt.Errorf("finish: bad xref subsection")
	}
	p += len(strconv.Itoa(count)) + 1
	if p+20*count > tail {
		return nil, fmt.Errorf("finish: cut xref")
	}
	offsets := make([]int, count)
	for i := 1; i < count; i++ {
		e := pdf[p+20*i : p+20*i+20]
		off, ok := digits(e, ' ')
		if !ok || string(e[10:]) != " 00000 n \n" || off >= xrefAt {
			return nil, fmt.Errorf("finish: xref entry %d", i)
		}
		offsets[i] = off
	}
	trailer := pdf[p+20*count : tail]

	// Objects in file order.
	order := make([]int, 0, count)
	for i := 1; i < count; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })

	// The placeholders' object numbers, for the resources.
	placeholders := map[int]*docSubset{}
	size := len(pdf)
	for _, obj := range order {
		dict := pdf[offsets[obj]+len(strconv.Itoa(obj))+len(" 0 obj\n"):]
		if fonts != nil && bytes.HasPrefix(dict, placeholderTag) {
			name := dict[len(placeholderTag):]
			name = name[:max(0, bytes.IndexByte(name, '\n'))]
			f := fonts[string(name)]
			if f == nil {
				return nil, fmt.Errorf("finish: font %q has no subset", name)
			}
			placeholders[obj] = f
			size += f.sub.size()
		}
	}
	for _, c := range pages {
		size += len(c) // more than it compresses to
	}
	if len(placeholders) != len(fonts) {
		return nil, fmt.Errorf("finish: %d of %d fonts found", len(placeholders), len(fonts))
	}
	tagsFirst := 0
	if tags != nil {
		tagsFirst = count
		for _, f := range placeholders {
			tagsFirst += f.sub.objects()
		}
		tags.number(tagsFirst)
		tags.pageRefs = tags.pageRefs[:0]
		size += 4096 * (len(tags.nodes)/32 + 1)
	}
	out := make([]byte, 0, size)
	newOff := make([]int, count, count+4*len(fonts))
	head := xrefAt
	if len(order) > 0 {
		head = offsets[order[0]]
	}
	out = append(out, pdf[:head]...)
	if tags != nil && bytes.HasPrefix(out, []byte("%PDF-1.")) {
		copy(out, "%PDF-1.7") // the version PDF/UA-1 is written on
	}
	z := compressed.Get().(*bytes.Buffer)
	defer compressed.Put(z)
	type pending struct {
		font *subsetFont
		obj  int // the number of its first appended object
	}
	var appended []pending
	next := count // the next free object number
	renamed := false
	page := 0 // the number of page contents seen
	for k, obj := range order {
		start := offsets[obj]
		end := xrefAt
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		if start < head || end < start {
			return nil, fmt.Errorf("finish: object %d out of order", obj)
		}
		newOff[obj] = len(out)
		body := pdf[start:end]
		// Every object starts "N 0 obj\n".
		objHead := len(strconv.Itoa(obj)) + len(" 0 obj\n")
		if len(body) < objHead {
			return nil, fmt.Errorf("finish: object %d is cut", obj)
		}
		dict := body[objHead:]
		switch {
		case bytes.HasPrefix(dict, plainStreamTag):
			n, ok := digits(dict[len(plainStreamTag):], '>')
			at := len(plainStreamTag) + len(strconv.Itoa(n))
			if !ok || !bytes.HasPrefix(dict[at:], streamTag) {
				out = append(out, body...) // a stream with more in its dictionary
				continue
			}
			data := dict[at+len(streamTag):]
			if n > len(data) || !bytes.HasPrefix(data[n:], endstreamTag) {
				return nil, fmt.Errorf("finish: object %d: stream length %d does not match", obj, n)
			}
			content := data[:n]
			if pages != nil {
				if page >= len(pages) || n != 0 {
					return nil, fmt.Errorf("finish: page %d's content is not empty", page+1)
				}
				content = pages[page]
			}
			page++
			z.Reset()
			z.Write(appendZlib(z.AvailableBuffer(), content))
			out = append(out, body[:objHead]...)
			out = append(out, "<</Filter /FlateDecode /Length "...)
			out = strconv.AppendInt(out, int64(z.Len()), 10)
			out = append(out, streamTag...)
			out = append(out, z.Bytes()...)
			out = append(out, data[n:]...)
		case placeholders[obj] != nil:
			f := placeholders[obj].sub
			out = append(out, body[:objHead]...)
			out = f.appendFont(out, next)
			out = append(out, "\nendobj\n"...)
			appended = append(appended, pending{f, next})
			next += f.objects()
		case tags != nil && bytes.HasPrefix(dict, pageTag):
			out = append(out, body[:objHead+len(pageTag)]...)
			out = tags.pageKeys(out, len(tags.pageRefs))
			out = append(out, dict[len(pageTag):]...)
			tags.pageRefs = append(tags.pageRefs, obj)
		case tags != nil && bytes.HasPrefix(dict, catalogTag):
			out = append(out, body[:objHead+len(catalogTag)]...)
			out = tags.catalogKeys(out)
			out = append(out, dict[len(catalogTag):]...)
		case fonts != nil && bytes.HasPrefix(dict, resourcesTag):
			var err error
			if out, err = renameFonts(out, body, placeholders); err != nil {
				return nil, err
			}
			renamed = true
		default:
			out = append(out, body...)
		}
	}
	if len(fonts) > 0 && !renamed {
		return nil, fmt.Errorf("finish: no page resources")
	}
	if pages != nil && page != len(pages) {
		return nil, fmt.Errorf("finish: %d page contents for %d pages", page, len(pages))
	}
	for _, a := range appended {
		for i := range a.font.objects() {
			newOff = append(newOff, len(out))
			out = a.font.appendObject(out, a.obj, i)
		}
	}
	if tags != nil {
		if len(newOff) != tagsFirst || len(tags.pageRefs) != len(tags.mcids) {
			return nil, fmt.Errorf("finish: %d objects before the structure, want %d; %d pages, %d marked", len(newOff), tagsFirst, len(tags.pageRefs), len(tags.mcids))
		}
		out = tags.objects(out, &newOff)
	}
	newXref := len(out)
	out = append(out, "xref\n0 "...)
	out = strconv.AppendInt(out, int64(len(newOff)), 10)
	out = append(out, "\n0000000000 65535 f \n"...)
	for _, off := range newOff[1:] {
		out = appendPadded(out, off)
		out = append(out, " 00000 n \n"...)
	}
	if len(newOff) != count {
		// The trailer gives the table's size.
		old := []byte("/Size " + strconv.Itoa(count) + "\n")
		i := bytes.Index(trailer, old)
		if i < 0 {
			return nil, fmt.Errorf("finish: no /Size in the trailer")
		}
		out = append(out, trailer[:i]...)
		out = append(out, "/Size "...)
		out = strconv.AppendInt(out, int64(len(newOff)), 10)
		out = append(out, trailer[i+len(old)-1:]...)
	} else {
		out = append(out, trailer...)
	}
	out = append(out, startxrefTag...)
	out = strconv.AppendInt(out, int64(newXref), 10)
	out = append(out, "\n%%EOF\n"...)
	return out, nil
}

// renameFonts appends the resource dictionary body with the name of
// every font in it (fpdf writes "/F<hash> N 0 R", one to a line) replaced
// by the name its subset is drawn with.
func renameFonts(out, body []byte, placeholders map[int]*docSubset) ([]byte, error) {
	i := bytes.Index(body, fontDictTag)
	if i < 0 {
		return nil, fmt.Errorf("finish: no fonts in the page resources")
	}
	i += len(fontDictTag)
	out = append(out, body[:i]...)
	for n := 0; ; n++ {
		nl := bytes.IndexByte(body[i:], '\n')
		if nl < 0 {
			return nil, fmt.Errorf("finish: cut font resources")
		}
		line := body[i : i+nl]
		if bytes.Equal(line, []byte(">>")) {
			if n != len(placeholders) {
				return nil, fmt.Errorf("finish: %d font resources for %d fonts", n, len(placeholders))
			}
			break
		}
		// "/Fhash N 0 R"
		sp := bytes.IndexByte(line, ' ')
		var f *docSubset
		if sp > 0 && line[0] == '/' && bytes.HasSuffix(line, []byte(" 0 R")) {
			if obj, ok := digits(line[sp+1:], ' '); ok {
				f = placeholders[obj]
			}
		}
		if f == nil {
			return nil, fmt.Errorf("finish: font resource %q is not a subset", line)
		}
		out = append(out, '/')
		out = append(out, f.res...)
		out = append(out, line[sp:]...)
		out = append(out, '\n')
		i += nl + 1
	}
	return append(out, body[i:]...), nil
}

// digits reads the decimal number at the start of b, which must be
// followed by end.
func digits(b []byte, end byte) (int, bool) {
	n, i := 0, 0
	for ; i < len(b) && i < 18 && b[i] >= '0' && b[i] <= '9'; i++ {
		n = n*10 + int(b[i]-'0')
	}
	return n, i > 0 && i < len(b) && b[i] == end
}

// appendPadded appends n as ten digits.
func appendPadded(b []byte, n int) []byte {
	var d [10]byte
	for i := 9; i >= 0; i-- {
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, d[:]...)
}
