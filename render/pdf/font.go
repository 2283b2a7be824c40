package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	"golang.org/x/text/encoding/charmap"

	"huskurage/internal/memo"
	"huskurage/typeset"
)

// How text gets into the PDF.
//
// fpdf's UTF-8 font path parses the whole TrueType file for every
// document and writes a 65,536-entry width table through encoding/json
// before it even starts: most of a leaflet's time. Its simple TrueType
// path takes a prepared font instead, so we prepare fonts ourselves, once
// per process: each embedded font is split into code pages of at most 224
// characters (codes 32–255). Page 0 is WinAnsi, which holds every letter
// Swedish and English need; later pages name their characters uniXXXX in
// the encoding's Differences, from which PDF readers and pdftotext get the
// characters back. Each document embeds, per page it uses, a subset with
// just the characters it draws; subsets are cached, since most documents
// of a batch draw the same characters.

// codesPerPage is the number of usable one-byte codes: 32 to 255.
const (
	firstCode    = 32
	codesPerPage = 256 - firstCode
)

// fontFile is one embedded font prepared for code pages.
type fontFile struct {
	id    typeset.FontID
	name  string // PostScript-like name, e.g. "NotoSans-Bold"
	sf    *sfnt
	face  *font.Face
	pages []*codePage
	where runeTable
	desc  fpdf.FontDescType
	// advance is every glyph's width in thousandths of an em, for glyphs
	// the shaper chose (contextual forms) that no character maps to.
	advance []int
}

type codePage struct {
	runes [256]rune // code → character; 0 is unused
	diff  string    // the encoding's Differences; "" for WinAnsi
}

// location is where a character stands in the code pages, with its glyph
// and width: everything later calls need, worked out while preparing, so
// that no go-text Face (which caches, and is not safe for concurrent use)
// is touched by the batch's goroutines.
type location struct {
	page  int
	code  byte
	gid   int
	width int // thousandths of an em
}

// runeTable maps characters of the Basic Multilingual Plane (the only
// ones code pages hold) to their locations: a two-level table, since
// looking characters up in a map was a tenth of the time spent on a
// document's fonts.
type runeTable struct {
	blocks [256]*[256]location
	has    [256]*[4]uint64
}

func (t *runeTable) get(r rune) (location, bool) {
	if r < 0 || r > 0xFFFF {
		return location{}, false
	}
	h := t.has[r>>8]
	if h == nil || h[r&0xFF/64]&(1<<(r%64)) == 0 {
		return location{}, false
	}
	return t.blocks[r>>8][r&0xFF], true
}

func (t *runeTable) set(r rune, loc location) {
	hi := r >> 8
	if t.blocks[hi] == nil {
		t.blocks[hi] = new([256]location)
		t.has[hi] = new([4]uint64)
	}
	t.blocks[hi][r&0xFF] = loc
	t.has[hi][r&0xFF/64] |= 1 << (r % 64)
}

// fontSet holds the prepared fonts and a cache of subsets. A font is
// prepared when a document first draws with it: a Swedish leaflet needs
// neither the Arabic nor the Ethiopic fonts, which are most of the work
// (a single build is one process, and a tenth of its time went to
// preparing fonts it never drew with).
type fontSet struct {
	fonts      *typeset.Fonts
	files      [2][]lazyFile // by weight, then family
	codePages  cache[subsetKey, *subsetFont]
	glyphPages cache[[32]byte, *subsetFont]
	runs       runCache
}

// runCache holds text runs in code-page pieces (see encoded).
type runCache struct {
	mu sync.Mutex
	m  *memo.Map[runKey, *encodedRun]
}

// runsKept is the number of runs in each of the run cache's generations:
// a Swedish leaflet draws about 100 runs, most of them the policy's,
// which every leaflet in its language draws; an address or a landlord
// goes after a generation.
const runsKept = 1024

type runKey struct {
	font typeset.FontID
	face int
	text string
}

// encodedRun is a text run in pieces by code page, and the codes it uses
// on each page. Documents share it: its pieces have no family.
type encodedRun struct {
	pieces []piece
	used   []pageCodes
}

type pageCodes struct {
	page  int
	codes [4]uint64 // bit per code
}

// encoded returns text in the font of weight id in family face as
// pieces by code page, from the cache when a document drew it lately:
// the texts of a batch's leaflets are mostly the same, and encoding them
// again, with the codes each uses, was a tenth of a leaflet's PDF.
func (s *fontSet) encoded(id typeset.FontID, face int, text string) (*encodedRun, error) {
	key := runKey{id, face, text}
	s.runs.mu.Lock()
	if s.runs.m == nil {
		s.runs.m = memo.New[runKey, *encodedRun](runsKept)
	}
	e, ok := s.runs.m.Get(key)
	s.runs.mu.Unlock()
	if ok {
		return e, nil
	}
	f, err := s.file(id, face)
	if err != nil {
		return nil, err
	}
	pieces, err := f.encode(text)
	if err != nil {
		return nil, err
	}
	e = &encodedRun{pieces: pieces}
	for _, pc := range pieces {
		i := slices.IndexFunc(e.used, func(u pageCodes) bool { return u.page == pc.page })
		if i < 0 {
			i = len(e.used)
			e.used = append(e.used, pageCodes{page: pc.page})
		}
		u := &e.used[i].codes
		for j := 0; j < len(pc.text); j++ {
			c := pc.text[j]
			u[c/64] |= 1 << (c % 64)
		}
	}
	key.text = strings.Clone(text) // not the layout's string, which may hold more
	s.runs.mu.Lock()
	s.runs.m.Put(key, e)
	s.runs.mu.Unlock()
	return e, nil
}

type subsetKey struct {
	font typeset.FontID
	face int
	page int
	used [4]uint64 // bit per code
}

// cache holds what recent documents prepared (font subsets, logos, QR
// codes) for the documents of a batch that need the same; shared by
// goroutines. It starts afresh when it holds max entries (256 if 0).
type cache[K comparable, V any] struct {
	max int
	mu  sync.Mutex
	m   map[K]V
}

func (c *cache[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *cache[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	limit := c.max
	if limit == 0 {
		limit = 256
	}
	if c.m == nil || len(c.m) >= limit {
		c.m = make(map[K]V)
	}
	c.m[k] = v
}

// subsetFont is one code page or glyph page of one font, prepared for
// embedding: fpdf gets the placeholder, and finish writes the rest.
type subsetFont struct {
	family      string // the family name fpdf knows it by
	placeholder []byte // fpdf's JSON font definition: a bare font named family
	dict        string // the font dictionary up to the number of its widths
	widths      string // the widths of codes 32 to 255
	desc        string // the descriptor up to the number of its font file
	file        string // the font file's stream, compressed
	diff        string // the encoding's Differences; "" for WinAnsi
	toUnicode   string // the ToUnicode CMap's stream, compressed
}

// objects is the number of objects appended for the font: widths,
// descriptor, font file, ToUnicode map, and its encoding if it has one.
func (s *subsetFont) objects() int {
	if s.diff != "" {
		return 5
	}
	return 4
}

// size is about the number of bytes the font adds to a file.
func (s *subsetFont) size() int {
	return len(s.dict) + len(s.widths) + len(s.desc) + len(s.file) + len(s.diff) + len(s.toUnicode) + 400
}

// appendFont appends the font dictionary, whose objects are numbered from
// first on.
func (s *subsetFont) appendFont(b []byte, first int) []byte {
	b = append(b, s.dict...)
	b = strconv.AppendInt(b, int64(first), 10)
	b = append(b, " 0 R\n/FontDescriptor "...)
	b = strconv.AppendInt(b, int64(first+1), 10)
	b = append(b, " 0 R\n/ToUnicode "...)
	b = strconv.AppendInt(b, int64(first+3), 10)
	if s.diff != "" {
		b = append(b, " 0 R\n/Encoding "...)
		b = strconv.AppendInt(b, int64(first+4), 10)
		b = append(b, " 0 R\n>>"...)
	} else {
		b = append(b, " 0 R\n/Encoding /WinAnsiEncoding\n>>"...)
	}
	return b
}

// appendObject appends the font's object i (of objects()), numbered
// first+i.
func (s *subsetFont) appendObject(b []byte, first, i int) []byte {
	b = strconv.AppendInt(b, int64(first+i), 10)
	b = append(b, " 0 obj\n"...)
	switch i {
	case 0:
		b = append(b, s.widths...)
	case 1:
		b = append(b, s.desc...)
		b = strconv.AppendInt(b, int64(first+2), 10)
		b = append(b, " 0 R>>"...)
	case 2:
		b = append(b, s.file...)
	case 3:
		b = append(b, s.toUnicode...)
	case 4:
		b = append(b, "<</Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences ["...)
		b = append(b, s.diff...)
		b = append(b, "]>>"...)
	}
	return append(b, "\nendobj\n"...)
}

var (
	setsMu sync.Mutex
	sets   = map[*typeset.Fonts]*fontSet{}
)

// fontSetFor returns the prepared fonts for fonts, each prepared once,
// when first asked for (file).
func fontSetFor(fonts *typeset.Fonts) (*fontSet, error) {
	setsMu.Lock()
	defer setsMu.Unlock()
	if s, ok := sets[fonts]; ok {
		return s, nil
	}
	s := &fontSet{fonts: fonts}
	for _, id := range []typeset.FontID{typeset.Regular, typeset.Bold} {
		s.files[id] = make([]lazyFile, fonts.Faces())
	}
	sets[fonts] = s
	return s, nil
}

// lazyFile is a font prepared on first use.
type lazyFile struct {
	once sync.Once
	f    *fontFile
	err  error
}

// file returns the prepared font of weight id in family face.
func (s *fontSet) file(id typeset.FontID, face int) (*fontFile, error) {
	l := &s.files[id][face]
	l.once.Do(func() {
		fnt, err := s.fonts.Font(id, face)
		if err != nil {
			l.err = err
			return
		}
		l.f, l.err = prepare(id, s.fonts.Data(id, face), fnt)
	})
	return l.f, l.err
}

// families is the number of font families.
func (s *fontSet) families() int { return len(s.files[typeset.Regular]) }

// prepare makes the code pages of the font data, already parsed as fnt.
func prepare(id typeset.FontID, data []byte, fnt *font.Font) (*fontFile, error) {
	sf, err := parseSFNT(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", id, err)
	}
	face := font.NewFace(fnt)
	f := &fontFile{id: id, sf: sf, face: face}
	f.name = psName(face, id)

	// Page 0: WinAnsi, for the characters the font has.
	p0 := &codePage{}
	dec := charmap.Windows1252
	for c := firstCode; c < 256; c++ {
		r := dec.DecodeByte(byte(c))
		if r == 0xFFFD || r == 0x7F || (c >= 0x80 && c <= 0x9F && r < 0x100) {
			continue
		}
		if gid, ok := face.NominalGlyph(r); ok {
			p0.runes[c] = r
			f.where.set(r, location{0, byte(c), int(gid), f.width(gid)})
		}
	}
	f.pages = append(f.pages, p0)
	// Later pages: every other character the font maps, in order.
	var page *codePage
	next := 256
	var diff strings.Builder
	for _, r := range mapped(fnt) {
		if _, done := f.where.get(r); done {
			continue
		}
		gid, ok := face.NominalGlyph(r)
		if !ok || (r >= 0xD800 && r <= 0xDFFF) {
			continue
		}
		if next == 256 {
			if page != nil {
				page.diff = diff.String()
			}
			page = &codePage{}
			f.pages = append(f.pages, page)
			next = firstCode
			diff.Reset()
			fmt.Fprintf(&diff, "%d", firstCode)
		}
		page.runes[next] = r
		fmt.Fprintf(&diff, " /uni%04X", r)
		f.where.set(r, location{len(f.pages) - 1, byte(next), int(gid), f.width(gid)})
		next++
	}
	if page != nil {
		page.diff = diff.String()
	}
	f.descriptor()
	f.advance = make([]int, sf.numGlyphs)
	for gid := range f.advance {
		f.advance[gid] = f.width(font.GID(gid))
	}
	return f, nil
}

// mapped returns the characters from U+0020 to U+FFFF that the font's
// character map lists, in order: read from the map rather than asked
// for each of the 65,504 characters (a test holds the two to the same
// answer).
func mapped(fnt *font.Font) []rune {
	var out []rune
	for it := fnt.Cmap.Iter(); it.Next(); {
		if r, _ := it.Char(); r >= 0x20 && r <= 0xFFFF {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// psName returns the font's name without spaces, e.g. "NotoSans-Bold".
func psName(face *font.Face, id typeset.FontID) string {
	d := face.Describe()
	name := strings.ReplaceAll(d.Family, " ", "")
	if id == typeset.Bold {
		return name + "-Bold"
	}
	return name + "-Regular"
}

// descriptor fills the PDF font descriptor from the font's tables, in
// thousandths of an em.
func (f *fontFile) descriptor() {
	be := binary.BigEndian
	scale := func(v int16) int { return int(v) * 1000 / f.sf.upem }
	head, hhea := f.sf.tables["head"], f.sf.tables["hhea"]
	f.desc.FontBBox.Xmin = scale(int16(be.Uint16(head[36:])))
	f.desc.FontBBox.Ymin = scale(int16(be.Uint16(head[38:])))
	f.desc.FontBBox.Xmax = scale(int16(be.Uint16(head[40:])))
	f.desc.FontBBox.Ymax = scale(int16(be.Uint16(head[42:])))
	if len(hhea) >= 8 {
		f.desc.Ascent = scale(int16(be.Uint16(hhea[4:])))
		f.desc.Descent = scale(int16(be.Uint16(hhea[6:])))
	}
	f.desc.CapHeight = f.desc.Ascent
	if os2 := f.sf.tables["OS/2"]; len(os2) >= 90 && be.Uint16(os2) >= 2 {
		f.desc.CapHeight = scale(int16(be.Uint16(os2[88:])))
	}
	f.desc.Flags = 32 // non-symbolic
	f.desc.StemV = 80
	if f.id == typeset.Bold {
		f.desc.StemV = 140
		f.desc.Flags |= 1 << 18 // force bold
	}
	if post := f.sf.tables["post"]; len(post) >= 12 {
		f.desc.ItalicAngle = int(int16(be.Uint16(post[4:])))
	}
	if gid, ok := f.face.NominalGlyph(' '); ok {
		f.desc.MissingWidth = f.width(gid)
	}
}

func (f *fontFile) width(gid font.GID) int {
	return int(float64(f.face.HorizontalAdvance(gid))*1000/float64(f.sf.upem) + 0.5)
}

// subset returns the embeddable subset of one code page with the codes in
// used, from the cache when an earlier document drew the same codes.
func (s *fontSet) subset(id typeset.FontID, face, page int, used [4]uint64) (*subsetFont, error) {
	key := subsetKey{id, face, page, used}
	if sub, ok := s.codePages.get(key); ok {
		return sub, nil
	}
	f, err := s.file(id, face)
	if err != nil {
		return nil, err
	}
	p := f.pages[page]
	var m []mapping
	var cw [256]int
	var uni [256]string
	for c := firstCode; c < 256; c++ {
		r := p.runes[c]
		if r == 0 {
			continue
		}
		loc, _ := f.where.get(r)
		cw[c] = loc.width
		if used[c/64]&(1<<(c%64)) != 0 {
			m = append(m, mapping{r: r, gid: loc.gid})
			uni[c] = string(r)
		}
	}
	ttf, err := f.sf.subset(m)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(append(ttf, p.diff...))
	sub, err := f.embedding(fmt.Sprintf("f%d-%d-%d-%x", id, face, page, sum[:4]), ttf, f.desc, cw, p.diff, &uni, sum)
	if err != nil {
		return nil, err
	}
	s.codePages.put(key, sub)
	return sub, nil
}

// piece is part of a text run that one code page can draw.
type piece struct {
	page   int
	text   string  // one byte per character, in the page's codes
	width  float64 // thousandths of an em
	family string  // the subset's font resource, for a glyph the shaper chose; "" for a run's piece, whose is in docFonts.family
}

// encode splits s into pieces by code page. Characters the font does not
// have are an error: they would be drawn as empty boxes.
func (f *fontFile) encode(s string) ([]piece, error) {
	out := make([]piece, 0, 1)
	var arr [128]byte
	buf := arr[:0]
	cur := -1
	w := 0.0
	flush := func() {
		if len(buf) > 0 {
			out = append(out, piece{page: cur, text: string(buf), width: w})
		}
		buf, w = buf[:0], 0
	}
	for _, r := range s {
		loc, ok := f.where.get(r)
		if !ok {
			return nil, fmt.Errorf("the font %s has no character %U %q", f.name, r, r)
		}
		if loc.page != cur {
			flush()
			cur = loc.page
		}
		buf = append(buf, loc.code)
		w += float64(loc.width)
	}
	flush()
	return out, nil
}

// glyphEntry is a glyph the shaper chose, with the text it stands for.
type glyphEntry struct {
	gid  int
	text string
	code int // where it stands on its glyph page
}

// glyphSubset returns the embeddable font of one glyph page: entries at
// codes 32 on, a symbolic font whose (3,0) cmap sends code c to its
// glyph, and an encoding whose names give each code's text back
// (uniXXXX, uniXXXXYYYY for a ligature, .notdef for none), so that
// joined Arabic letters are drawn as the shaper chose them and pdftotext
// still reads the letters themselves.
func (s *fontSet) glyphSubset(id typeset.FontID, face int, entries []glyphEntry) (*subsetFont, error) {
	key := make([]byte, 0, 16+len(entries)*12)
	key = binary.BigEndian.AppendUint32(key, uint32(id))
	key = binary.BigEndian.AppendUint32(key, uint32(face))
	for _, e := range entries {
		key = binary.BigEndian.AppendUint32(key, uint32(e.code))
		key = binary.BigEndian.AppendUint32(key, uint32(e.gid))
		key = binary.BigEndian.AppendUint32(key, uint32(len(e.text)))
		key = append(key, e.text...)
	}
	sum := sha256.Sum256(key)
	if sub, ok := s.glyphPages.get(sum); ok {
		return sub, nil
	}
	f, err := s.file(id, face)
	if err != nil {
		return nil, err
	}
	var m []mapping
	var cw [256]int
	var uni [256]string
	var diff strings.Builder
	for _, e := range entries {
		c := e.code
		m = append(m, mapping{r: rune(0xF000 + c), gid: e.gid})
		uni[c] = e.text
		if e.text == "" {
			uni[c] = "\u200d" // as glyphName says it
		}
		if e.gid >= 0 && e.gid < len(f.advance) {
			cw[c] = f.advance[e.gid]
		}
		if diff.Len() > 0 {
			diff.WriteByte(' ')
		}
		fmt.Fprintf(&diff, "%d /%s", c, glyphName(e.text))
	}
	ttf, err := f.sf.subsetAs(m, true)
	if err != nil {
		return nil, err
	}
	desc := f.desc
	desc.Flags = desc.Flags&^32 | 4 // symbolic
	sub, err := f.embedding(fmt.Sprintf("g%d-%d-%x", id, face, sum[:4]), ttf, desc, cw, diff.String(), &uni, sum)
	if err != nil {
		return nil, err
	}
	s.glyphPages.put(sum, sub)
	return sub, nil
}

// embedding prepares a subset font file for embedding: its font
// dictionary, widths, descriptor and encoding as PDF objects, and the file
// compressed, all but the object numbers done once per subset; and the
// placeholder fpdf is given instead (see finish). The subset tag comes from
// sum, so the same subset always gets the same name.
//
// uni gives each code's text, for the font's ToUnicode map.
func (f *fontFile) embedding(family string, ttf []byte, desc fpdf.FontDescType, cw [256]int, diff string, uni *[256]string, sum [32]byte) (*subsetFont, error) {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(ttf)
	zw.Close()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	name := string(tag) + "+" + f.name
	sub := &subsetFont{family: family, placeholder: placeholderJSON(family), diff: diff}
	sub.dict = "<</Type /Font\n/BaseFont /" + name + "\n/Subtype /TrueType\n/FirstChar 32 /LastChar 255\n/Widths "
	var w []byte
	w = append(w, '[')
	for c := 32; c < 256; c++ {
		w = strconv.AppendInt(w, int64(cw[c]), 10)
		w = append(w, ' ')
	}
	sub.widths = string(append(w, ']'))
	sub.desc = fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Ascent %d /Descent %d /CapHeight %d /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /StemV %d /MissingWidth %d /FontFile2 ",
		name, desc.Ascent, desc.Descent, desc.CapHeight, desc.Flags,
		desc.FontBBox.Xmin, desc.FontBBox.Ymin, desc.FontBBox.Xmax, desc.FontBBox.Ymax,
		desc.ItalicAngle, desc.StemV, desc.MissingWidth)
	sub.file = fmt.Sprintf("<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", z.Len(), len(ttf)) + z.String() + "\nendstream"
	z.Reset()
	zw.Reset(&z)
	zw.Write(toUnicode(uni))
	zw.Close()
	sub.toUnicode = fmt.Sprintf("<</Length %d\n/Filter /FlateDecode\n>>\nstream\n", z.Len()) + z.String() + "\nendstream"
	return sub, nil
}

// toUnicode returns a ToUnicode CMap that gives each code of a one-byte
// font the text uni holds for it: one character for a code page, the
// letters a chosen glyph stands for on a glyph page (two for a
// lam-alef). With it any extractor gets real letters, not only one that
// reads glyph names.
func toUnicode(uni *[256]string) []byte {
	var b []byte
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"...)
	const hex = "0123456789ABCDEF"
	var codes []int
	for c, s := range uni {
		if s != "" {
			codes = append(codes, c)
		}
	}
	// At most 100 mappings to a block, as the CMap format allows.
	for i := 0; i < len(codes); i += 100 {
		block := codes[i:min(i+100, len(codes))]
		b = strconv.AppendInt(b, int64(len(block)), 10)
		b = append(b, " beginbfchar\n"...)
		for _, c := range block {
			b = append(b, '<', hex[c>>4], hex[c&15], '>', ' ', '<')
			for _, u := range utf16.Encode([]rune(uni[c])) {
				b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

// glyphName is the glyph name that gives text back to a PDF reader.
func glyphName(text string) string {
	if text == "" {
		// Not .notdef: a reader would fall back to the base encoding and
		// read the code as a character of its own (WinAnsi reads unused
		// codes as bullets). The zero width joiner reads as nothing
		// visible.
		return "uni200D"
	}
	var b strings.Builder
	b.WriteString("uni")
	for _, r := range text {
		if r > 0xFFFF {
			return fmt.Sprintf("u%X", r)
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	return b.String()
}

// placeholderJSON is fpdf's definition of a bare font named family (see
// finish).
func placeholderJSON(family string) []byte {
	b, _ := json.Marshal(struct{ Tp, Name string }{"Core", family}) // strings: no error
	return b
}
