package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"
)

// fpdf makes a new zlib writer for every stream it compresses, and each
// one allocates and clears about 600 KB: on a leaflet that was a third of
// the time. So fpdf writes page contents uncompressed, and deflateContents
// compresses them afterwards with pooled writers and writes a new
// cross-reference table.

var zlibPool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

var (
	plainStream = regexp.MustCompile(`^(\d+) 0 obj\n<</Length (\d+)>>\nstream\n`)
	startXref   = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
	xrefEntry   = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf]) ?\n`)
)

// deflateContents compresses every stream of pdf whose dictionary holds
// nothing but its length (fpdf's page contents), and returns the file with
// offsets and cross-references corrected.
func deflateContents(pdf []byte) ([]byte, error) {
	m := startXref.FindSubmatch(pdf)
	if m == nil {
		return nil, fmt.Errorf("deflate: no startxref")
	}
	xrefAt, _ := strconv.Atoi(string(m[1]))
	if xrefAt <= 0 || xrefAt >= len(pdf) || !bytes.HasPrefix(pdf[xrefAt:], []byte("xref\n")) {
		return nil, fmt.Errorf("deflate: bad xref offset %d", xrefAt)
	}
	// Read the table: "xref\n0 N\n" then N entries of 20 bytes.
	p := xrefAt + len("xref\n")
	nl := bytes.IndexByte(pdf[p:], '\n')
	if nl < 0 {
		return nil, fmt.Errorf("deflate: cut xref")
	}
	var first, count int
	if _, err := fmt.Sscanf(string(pdf[p:p+nl]), "%d %d", &first, &count); err != nil || first != 0 {
		return nil, fmt.Errorf("deflate: xref subsection %q", pdf[p:p+nl])
	}
	p += nl + 1
	offsets := make([]int, count)
	for i := 0; i < count; i++ {
		e := xrefEntry.FindSubmatch(pdf[p:])
		if e == nil {
			return nil, fmt.Errorf("deflate: xref entry %d", i)
		}
		offsets[i], _ = strconv.Atoi(string(e[1]))
		p += len(e[0])
	}
	trailer := pdf[p:]
	tEnd := bytes.LastIndex(trailer, []byte("startxref\n"))
	if tEnd < 0 {
		return nil, fmt.Errorf("deflate: no trailer")
	}
	trailer = trailer[:tEnd]

	// Objects in file order.
	order := make([]int, 0, count)
	for i := 1; i < count; i++ {
		order = append(order, i)
	}
	sort.Slice(order, func(a, b int) bool { return offsets[order[a]] < offsets[order[b]] })

	out := bytes.NewBuffer(make([]byte, 0, len(pdf)))
	newOff := make([]int, count)
	head := len(pdf)
	if len(order) > 0 {
		head = offsets[order[0]]
	}
	out.Write(pdf[:head])
	zw := zlibPool.Get().(*zlib.Writer)
	defer zlibPool.Put(zw)
	for k, obj := range order {
		start := offsets[obj]
		end := xrefAt
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		if start < head || end < start || end > len(pdf) {
			return nil, fmt.Errorf("deflate: object %d out of order", obj)
		}
		newOff[obj] = out.Len()
		body := pdf[start:end]
		var sm [][]byte
		if bytes.Contains(body[:min(len(body), 40)], []byte("<</Length ")) {
			sm = plainStream.FindSubmatch(body[:min(len(body), 64)])
		}
		if sm == nil {
			out.Write(body)
			continue
		}
		n, _ := strconv.Atoi(string(sm[2]))
		data := body[len(sm[0]):]
		if n > len(data) || !bytes.HasPrefix(data[n:], []byte("\nendstream")) {
			return nil, fmt.Errorf("deflate: object %d: stream length %d does not match", obj, n)
		}
		var z bytes.Buffer
		zw.Reset(&z)
		zw.Write(data[:n])
		if err := zw.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "%s 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", sm[1], z.Len())
		out.Write(z.Bytes())
		out.Write(data[n:])
	}
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for i := 1; i < count; i++ {
		fmt.Fprintf(out, "%010d 00000 n \n", newOff[i])
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out.Bytes(), nil
}
