package pipeline

import (
	"encoding/binary"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"huskurage/output"
)

// rowLog keeps the manifest rows of the files a batch writes in a
// scratch file of the output folder, appended as the files are written,
// and in memory only where each row is and whose it is: a batch of
// 100,000 properties would otherwise hold 100,000 rows (about 400 bytes
// each, with their strings) until its end. finish reads them back in
// property order.
type rowLog struct {
	mu   sync.Mutex
	s    *output.Scratch
	refs []rowRef // rows of files written, in the order they were
	end  int64
}

// rowRef is where a row is in the scratch file, and its place in the
// batch: its property's (input, then property in the input), then its
// own among the property's files.
type rowRef struct {
	place [2]int
	sub   int
	off   int64
	n     int32
}

// A row is kept in the scratch file as its strings, each its length
// (a uvarint) then its bytes, then its numbers (varints): Property,
// Source, File, Kind, Lang, Size, SHA256, Pages, Bytes, row, copies. It
// was JSON, whose encoding and decoding took more of a batch's time than
// writing the rows' manifest itself (0.04 ms a leaflet). A string is
// stored as JSON would have given it back (asJSONGives), so the
// manifest's bytes are as before.
var rowStrings = []func(*ManifestFile) *string{
	func(f *ManifestFile) *string { return &f.Property },
	func(f *ManifestFile) *string { return &f.Source },
	func(f *ManifestFile) *string { return &f.File },
	func(f *ManifestFile) *string { return &f.Kind },
	func(f *ManifestFile) *string { return &f.Lang },
	func(f *ManifestFile) *string { return &f.Size },
	func(f *ManifestFile) *string { return &f.SHA256 },
}

var rowNumbers = []func(*ManifestFile) *int{
	func(f *ManifestFile) *int { return &f.Pages },
	func(f *ManifestFile) *int { return &f.Bytes },
	func(f *ManifestFile) *int { return &f.row },
	func(f *ManifestFile) *int { return &f.copies },
}

// appendRow appends the row r as the scratch file holds it.
func appendRow(buf []byte, r ManifestFile) []byte {
	for _, s := range rowStrings {
		v := asJSONGives(*s(&r))
		buf = binary.AppendUvarint(buf, uint64(len(v)))
		buf = append(buf, v...)
	}
	for _, n := range rowNumbers {
		buf = binary.AppendVarint(buf, int64(*n(&r)))
	}
	return buf
}

// errBadRow is a row of the scratch file that cannot be read back: the
// file was changed behind our back.
var errBadRow = errors.New("a manifest row in the scratch file is damaged")

// parseRow reads a row that appendRow wrote.
func parseRow(data []byte) (ManifestFile, error) {
	var r ManifestFile
	for _, s := range rowStrings {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)-k) {
			return ManifestFile{}, errBadRow
		}
		*s(&r) = string(data[k : k+int(n)])
		data = data[k+int(n):]
	}
	for _, p := range rowNumbers {
		n, k := binary.Varint(data)
		if k <= 0 {
			return ManifestFile{}, errBadRow
		}
		*p(&r) = int(n)
		data = data[k:]
	}
	if len(data) != 0 {
		return ManifestFile{}, errBadRow
	}
	return r, nil
}

// asJSONGives returns s as a round trip through encoding/json gives it
// back: each byte that is not part of valid UTF-8 becomes U+FFFD.
func asJSONGives(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r) // RuneError for a bad byte, as json writes \ufffd
		i += size
	}
	return b.String()
}

func newRowLog(dir *output.Dir) (*rowLog, error) {
	s, err := dir.Scratch("manifest-rows")
	if err != nil {
		return nil, err
	}
	return &rowLog{s: s}, nil
}

// add appends a property's rows to the scratch file and returns where
// they are; they count once the files are written (keep).
func (l *rowLog) add(place [2]int, rows []ManifestFile) ([]rowRef, error) {
	var buf []byte
	refs := make([]rowRef, len(rows))
	for i, r := range rows {
		start := len(buf)
		buf = appendRow(buf, r)
		refs[i] = rowRef{place: place, sub: i, off: int64(start), n: int32(len(buf) - start)}
	}
	off, err := l.s.Append(buf)
	if err != nil {
		return nil, err
	}
	for i := range refs {
		refs[i].off += off
	}
	return refs, nil
}

// keep counts rows whose files were written.
func (l *rowLog) keep(refs []rowRef) {
	l.mu.Lock()
	l.refs = append(l.refs, refs...)
	l.mu.Unlock()
}

// len is the number of rows kept.
func (l *rowLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.refs)
}

// each calls f with every kept row, in property order, until f returns
// an error.
func (l *rowLog) each(f func(ManifestFile) error) error {
	l.mu.Lock()
	refs := l.refs
	l.mu.Unlock()
	slices.SortStableFunc(refs, func(a, b rowRef) int {
		switch {
		case less(a.place, b.place):
			return -1
		case less(b.place, a.place):
			return 1
		}
		return a.sub - b.sub
	})
	if len(refs) == 0 {
		return nil
	}
	r, c, err := l.s.Reader()
	if err != nil {
		return err
	}
	defer c.Close()
	win := rowWindow{r: r}
	for _, ref := range refs {
		data, err := win.at(ref.off, int(ref.n))
		if err != nil {
			return err
		}
		row, err := parseRow(data)
		if err != nil {
			return err
		}
		row.seq = ref.place[1]
		if err := f(row); err != nil {
			return err
		}
	}
	return nil
}

// rowWindow reads the scratch file a window at a time: the rows come
// in property order, nearly the order they were written in, so most are
// in the window read for the one before; a read for each row cost a
// system call for each (three for each leaflet of a batch).
type rowWindow struct {
	r     io.ReaderAt
	buf   []byte
	start int64 // where buf starts in the file
}

// rowWindowSize is how much is read at a time: some hundred rows, and
// little more work than a read of one when the rows come in no order.
const rowWindowSize = 32 << 10

// at returns the n bytes at off.
func (w *rowWindow) at(off int64, n int) ([]byte, error) {
	if off >= w.start && off+int64(n) <= w.start+int64(len(w.buf)) {
		return w.buf[off-w.start : off-w.start+int64(n)], nil
	}
	w.buf = slices.Grow(w.buf[:0], max(n, rowWindowSize))[:max(n, rowWindowSize)]
	got, err := w.r.ReadAt(w.buf, off)
	if got < n {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		w.buf = w.buf[:0]
		return nil, err
	}
	w.buf, w.start = w.buf[:got], off
	return w.buf[:n], nil
}

func (l *rowLog) close() { l.s.Close() }
