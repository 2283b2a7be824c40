package pdf

import (
	"bufio"
	"bytes"
	"fmt"
	"hash"
	"io"
	"regexp"
	"sort"
	"strconv"
)

// Joiner writes one PDF made of the pages of several PDFs that Render
// made, one input at a time, so that a batch of thousands of documents
// never has to be held in memory: only the offsets of the objects are
// kept. Each input's objects are renumbered and copied as they are; its
// catalog, page tree and document information are replaced by the
// joined file's own.
type Joiner struct {
	w       *bufio.Writer
	n       int64 // bytes written
	offsets []int64
	pages   []int
	next    int // next free object number
	title   string
	err     error
	// pdfx, when set, makes the file PDF/X (see pdfx.go); sum hashes
	// what is written, for its /ID.
	pdfx *PDFX
	sum  hash.Hash
	// lang is the file's language: the one it was given, else its
	// first input's.
	lang string
	// The structure of tagged inputs (see tagged.go) is kept: each
	// input's document element becomes a Part, in its own language,
	// of the joined file's document (joinedDoc); their parent trees
	// are joined, each input's keys after the last one's (keys).
	// untagged is set when an input has no structure: the file then
	// claims none.
	tagged, untagged bool
	keys             int
	parents          []byte // the joined parent tree's Nums
	parts            []int
}

// Objects of the joined file with numbers of their own: the page tree
// and the structure's root and document element; the catalog and info
// come last.
const (
	joinedRoot       = 1
	joinedStructRoot = 2
	joinedDoc        = 3
)

// NewJoiner starts a joined PDF on w; title goes into its information,
// and its language is its first input's.
func NewJoiner(w io.Writer, title string) *Joiner { return newJoiner(w, title, "1.7", nil) }

func newJoiner(w io.Writer, title, version string, sum hash.Hash) *Joiner {
	j := &Joiner{w: bufio.NewWriterSize(w, 1<<16), next: joinedDoc + 1, title: title, offsets: []int64{0, 0, 0, 0}, sum: sum}
	j.write([]byte("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n"))
	return j
}

func (j *Joiner) write(b []byte) {
	if j.err != nil {
		return
	}
	n, err := j.w.Write(b)
	j.n += int64(n)
	if j.sum != nil {
		j.sum.Write(b[:n])
	}
	j.err = err
}

var (
	objectRef  = regexp.MustCompile(`(\d+) 0 R`)
	kidsList   = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	mediaBox   = regexp.MustCompile(`/MediaBox \[[^\]]*\]`)
	rootRef    = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRef    = regexp.MustCompile(`/Info (\d+) 0 R`)
	pagesRef   = regexp.MustCompile(`/Pages (\d+) 0 R`)
	parentRef  = regexp.MustCompile(`/Parent \d+ 0 R`)
	streamHead = []byte("stream\n")
	structRoot = regexp.MustCompile(`/StructTreeRoot (\d+) 0 R`)
	parentTree = regexp.MustCompile(`/ParentTree (\d+) 0 R`)
	nextKey    = regexp.MustCompile(`/ParentTreeNextKey (\d+)`)
	rootKids   = regexp.MustCompile(`/K \[(\d+) 0 R\]`)
	numsList   = regexp.MustCompile(`(?s)/Nums \[(.*)\]`)
	structKey  = regexp.MustCompile(`/StructParents? (\d+)`)
	langKey    = regexp.MustCompile(`/Lang \(([A-Za-z0-9-]*)\)`)
	startXref  = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
	xrefEntry  = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf]) ?\n`)
)

// Add appends every page of doc, a PDF made by Render.
func (j *Joiner) Add(doc []byte) error {
	if j.err != nil {
		return j.err
	}
	objs, trailer, err := readObjects(doc)
	if err != nil {
		return err
	}
	root := submatchInt(rootRef, trailer)
	info := submatchInt(infoRef, trailer)
	catalog, ok := objs[root]
	if !ok {
		return fmt.Errorf("join: no catalog")
	}
	tree := submatchInt(pagesRef, catalog)
	treeBody, ok := objs[tree]
	if !ok {
		return fmt.Errorf("join: no page tree")
	}
	box := mediaBox.Find(treeBody)
	var kids []int
	if m := kidsList.FindSubmatch(treeBody); m != nil {
		for _, r := range objectRef.FindAllSubmatch(m[1], -1) {
			n, _ := strconv.Atoi(string(r[1]))
			kids = append(kids, n)
		}
	}
	base := j.next
	renum := func(n int) int { return base + n }
	maxN := 0
	for n := range objs {
		maxN = max(maxN, n)
	}
	isPage := map[int]bool{}
	for _, k := range kids {
		isPage[k] = true
	}
	// What else the catalog refers to (a PDF/X file's metadata and
	// output profile, the structure's root) belongs to that file, not to
	// its pages: the joined file has its own.
	own := map[int]bool{}
	for _, r := range objectRef.FindAllSubmatch(catalog, -1) {
		if n, _ := strconv.Atoi(string(r[1])); n != tree && !isPage[n] {
			own[n] = true
		}
	}
	lang := ""
	if m := langKey.FindSubmatch(catalog); m != nil {
		lang = string(m[1])
	}
	if j.lang == "" {
		j.lang = lang
	}
	// The structure: its root and parent tree are the joined file's,
	// its document element a Part of the joined document.
	part, keys := -1, 0
	if sr := submatchInt(structRoot, catalog); sr > 0 {
		rootBody := objs[sr]
		part = submatchInt(rootKids, rootBody)
		pt := submatchInt(parentTree, rootBody)
		keys = submatchInt(nextKey, rootBody)
		m := numsList.FindSubmatch(objs[pt])
		if part < 0 || m == nil || keys < 0 {
			return fmt.Errorf("join: a structure tree that is not ours")
		}
		own[pt] = true
		// The keys move after the last input's; the references to
		// elements are renumbered below, with everything else's.
		nums := m[1]
		nums = regexp.MustCompile(`(?m)^(\d+) `).ReplaceAllFunc(nums, func(k []byte) []byte {
			n, _ := strconv.Atoi(string(bytes.TrimSpace(k)))
			return []byte(strconv.Itoa(n+j.keys) + " ")
		})
		j.parents = append(j.parents, objectRef.ReplaceAllFunc(nums, func(ref []byte) []byte {
			old, _ := strconv.Atoi(string(objectRef.FindSubmatch(ref)[1]))
			return []byte(strconv.Itoa(renum(old)) + " 0 R")
		})...)
		j.parts = append(j.parts, renum(part))
		j.tagged = true
	} else {
		j.untagged = true
	}
	for n := 1; n <= maxN; n++ {
		body, ok := objs[n]
		for len(j.offsets) <= renum(n) {
			j.offsets = append(j.offsets, 0)
		}
		if !ok || n == root || n == tree || n == info || own[n] {
			continue // left as a free entry
		}
		// Rewrite references in the dictionary only, never in stream data.
		dict, rest := body, []byte(nil)
		if i := bytes.Index(body, streamHead); i >= 0 && bytes.HasSuffix(bytes.TrimRight(body[:i], "\n "), []byte(">>")) {
			dict, rest = body[:i], body[i:]
		}
		dict = objectRef.ReplaceAllFunc(dict, func(ref []byte) []byte {
			old, _ := strconv.Atoi(string(objectRef.FindSubmatch(ref)[1]))
			return []byte(strconv.Itoa(renum(old)) + " 0 R")
		})
		if part >= 0 {
			// Pages and annotations: their keys in the joined parent
			// tree.
			dict = structKey.ReplaceAllFunc(dict, func(k []byte) []byte {
				m := structKey.FindSubmatch(k)
				v, _ := strconv.Atoi(string(m[1]))
				return []byte(string(k[:len(k)-len(m[1])]) + strconv.Itoa(v+j.keys))
			})
		}
		if n == part {
			// The input's document is a Part of the joined one, in its
			// language.
			dict = regexp.MustCompile(`/P \d+ 0 R`).ReplaceAll(dict, []byte("/P "+strconv.Itoa(joinedDoc)+" 0 R"))
			dict = bytes.Replace(dict, []byte("/S /Document"), []byte("/S /Part"), 1)
			if lang != "" {
				dict = bytes.Replace(dict, []byte("/S /Part"), []byte("/S /Part\n/Lang "+string(appendString(nil, lang))), 1)
			}
		}
		if isPage[n] {
			dict = parentRef.ReplaceAll(dict, []byte(fmt.Sprintf("/Parent %d 0 R", joinedRoot)))
			if box != nil && !mediaBox.Match(dict) {
				dict = bytes.Replace(dict, []byte("/Type /Page"), append([]byte("/Type /Page\n"), box...), 1)
			}
		}
		j.offsets[renum(n)] = j.n
		j.write([]byte(fmt.Sprintf("%d 0 obj\n", renum(n))))
		j.write(dict)
		j.write(rest)
		j.write([]byte("endobj\n"))
	}
	for _, k := range kids {
		j.pages = append(j.pages, renum(k))
	}
	j.next = base + maxN + 1
	j.keys += keys
	return j.err
}

// Close writes the page tree, catalog, information and cross-reference
// table, and flushes.
func (j *Joiner) Close() error {
	if j.err != nil {
		return j.err
	}
	if len(j.pages) == 0 {
		return fmt.Errorf("join: no pages")
	}
	var kids bytes.Buffer
	for _, p := range j.pages {
		fmt.Fprintf(&kids, "%d 0 R ", p)
	}
	j.offsets[joinedRoot] = j.n
	j.write([]byte(fmt.Sprintf("%d 0 obj\n<</Type /Pages\n/Kids [%s]\n/Count %d\n>>\nendobj\n", joinedRoot, kids.String(), len(j.pages))))
	var catalog, info, trailer string
	ua := j.tagged && !j.untagged
	if ua {
		// The structure's root, its document and the joined parent
		// tree.
		tree := j.next
		j.next++
		j.offsets[joinedStructRoot] = j.n
		j.write(fmt.Appendf(nil, "%d 0 obj\n<</Type /StructTreeRoot\n/K [%d 0 R]\n/ParentTree %d 0 R\n/ParentTreeNextKey %d>>\nendobj\n",
			joinedStructRoot, joinedDoc, tree, j.keys))
		var parts bytes.Buffer
		for _, p := range j.parts {
			fmt.Fprintf(&parts, " %d 0 R", p)
		}
		j.offsets[joinedDoc] = j.n
		j.write(fmt.Appendf(nil, "%d 0 obj\n<</Type /StructElem\n/S /Document\n/P %d 0 R\n/K [%s]>>\nendobj\n", joinedDoc, joinedStructRoot, parts.Bytes()))
		j.offsets = append(j.offsets, j.n)
		j.write(fmt.Appendf(nil, "%d 0 obj\n<</Nums [%s]>>\nendobj\n", tree, j.parents))
		catalog = fmt.Sprintf("\n/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>", joinedStructRoot)
	}
	if j.lang != "" {
		catalog += "\n/Lang " + string(appendString(nil, j.lang))
	}
	if j.pdfx != nil {
		c, i, t := j.closePDFX(ua)
		catalog, info, trailer = catalog+c, i, t
	} else if ua {
		// XMP, for the title and the PDF/UA identification.
		meta := xmpPacket(xmpInfo{title: j.title, lang: j.lang, date: DefaultDate, ua: true})
		n := j.next
		j.next++
		j.offsets = append(j.offsets, j.n)
		j.write(fmt.Appendf(nil, "%d 0 obj\n<</Type /Metadata\n/Subtype /XML\n/Length %d>>\nstream\n", n, len(meta)))
		j.write(meta)
		j.write([]byte("\nendstream\nendobj\n"))
		catalog += fmt.Sprintf("\n/Metadata %d 0 R", n)
	}
	infoN, catN := j.next, j.next+1
	j.offsets = append(j.offsets, j.n)
	j.write([]byte(fmt.Sprintf("%d 0 obj\n<</Title %s\n/Producer (huskurage)%s>>\nendobj\n", infoN, pdfString(j.title), info)))
	j.offsets = append(j.offsets, j.n)
	j.write([]byte(fmt.Sprintf("%d 0 obj\n<</Type /Catalog\n/Pages %d 0 R%s>>\nendobj\n", catN, joinedRoot, catalog)))
	xref := j.n
	j.write([]byte(fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(j.offsets))))
	for _, off := range j.offsets[1:] {
		if off == 0 {
			j.write([]byte("0000000000 65535 f \n"))
		} else {
			j.write([]byte(fmt.Sprintf("%010d 00000 n \n", off)))
		}
	}
	j.write([]byte(fmt.Sprintf("trailer\n<</Size %d\n/Root %d 0 R\n/Info %d 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", len(j.offsets), catN, infoN, trailer, xref)))
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}

// pdfString writes s as a PDF text string in UTF-16BE with a byte order
// mark, so that any character survives.
func pdfString(s string) string { return string(appendUTF16(nil, s)) }

// appendUTF16 appends s as pdfString writes it, without fmt: a tagged
// leaflet's alternative texts took a tenth of its structure's time.
func appendUTF16(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, "<FEFF"...)
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		b = append(b, hex[r>>12], hex[r>>8&15], hex[r>>4&15], hex[r&15])
	}
	return append(b, '>')
}

func submatchInt(re *regexp.Regexp, b []byte) int {
	m := re.FindSubmatch(b)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// readObjects returns the bodies of the objects of a PDF made by Render
// (between "N 0 obj\n" and "endobj"), by object number, and its trailer.
func readObjects(pdf []byte) (map[int][]byte, []byte, error) {
	m := startXref.FindSubmatch(pdf)
	if m == nil {
		return nil, nil, fmt.Errorf("join: no startxref")
	}
	xrefAt, _ := strconv.Atoi(string(m[1]))
	if xrefAt <= 0 || xrefAt >= len(pdf) || !bytes.HasPrefix(pdf[xrefAt:], []byte("xref\n")) {
		return nil, nil, fmt.Errorf("join: bad xref offset")
	}
	p := xrefAt + len("xref\n")
	nl := bytes.IndexByte(pdf[p:], '\n')
	var first, count int
	if nl < 0 {
		return nil, nil, fmt.Errorf("join: cut xref")
	}
	if _, err := fmt.Sscanf(string(pdf[p:p+nl]), "%d %d", &first, &count); err != nil || first != 0 {
		return nil, nil, fmt.Errorf("join: xref subsection")
	}
	p += nl + 1
	offsets := map[int]int{}
	for i := 0; i < count; i++ {
		e := xrefEntry.FindSubmatch(pdf[p:])
		if e == nil {
			return nil, nil, fmt.Errorf("join: xref entry %d", i)
		}
		p += len(e[0])
		if i == 0 || string(e[3]) != "n" {
			continue
		}
		off, _ := strconv.Atoi(string(e[1]))
		head := fmt.Sprintf("%d 0 obj\n", i)
		if off+len(head) > xrefAt || string(pdf[off:off+len(head)]) != head {
			return nil, nil, fmt.Errorf("join: object %d is not where the xref says", i)
		}
		offsets[i] = off
	}
	// Each object runs to the start of the next one (or the xref); its
	// body ends at the last "endobj" before that, so that stream data,
	// whatever bytes it holds, is never searched.
	starts := make([]int, 0, len(offsets))
	for _, off := range offsets {
		starts = append(starts, off)
	}
	sort.Ints(starts)
	next := func(off int) int {
		i := sort.SearchInts(starts, off+1)
		if i < len(starts) {
			return starts[i]
		}
		return xrefAt
	}
	objs := map[int][]byte{}
	for n, off := range offsets {
		start := off + len(fmt.Sprintf("%d 0 obj\n", n))
		chunk := pdf[start:next(off)]
		end := bytes.LastIndex(chunk, []byte("endobj"))
		if end < 0 {
			return nil, nil, fmt.Errorf("join: object %d has no end", n)
		}
		objs[n] = chunk[:end]
	}
	return objs, pdf[p:], nil
}
