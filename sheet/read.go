package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"huskurage/property"
)

// Options say how to read a spreadsheet.
type Options struct {
	// Sheet names the workbook's sheet to read; "" means the first
	// visible one.
	Sheet string
	// Encoding is "" (UTF-8, with or without a byte order mark) or
	// "windows-1252", for a CSV file saved by an older Excel.
	Encoding string
	// UnzipLimit is the most bytes a workbook may unpack to, all of it
	// read in memory; 0 means 1 GiB, with parts above 16 MiB unpacked to
	// temporary files (excelize's own threshold). A server that writes
	// nothing to disk sets it.
	UnzipLimit int64
	// EncodingChoice is the label of the web form's choice of
	// Windows-1252, named in the hint for a CSV file that is not UTF-8;
	// "" names the command line's flag ("read it with --encoding
	// windows-1252"). The web form has no flags.
	EncodingChoice string
	// Columns maps a municipality's own headers, normalised, to known
	// ones; see LoadColumns.
	Columns map[string]string
}

// Encodings are the values Options.Encoding takes.
var Encodings = []string{"utf-8", "windows-1252"}

// Limits that keep a sheet gone wrong from taking all the memory: the rows
// of a sheet are kept as text, and 100,000 properties are more than any
// municipality has.
const (
	MaxRows      = 100000
	MaxCellBytes = 64 << 20 // all the kept text of one sheet
)

// Is reports whether path names a spreadsheet this package reads, by its
// extension: .xlsx, .csv or .tsv, in any case.
func Is(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".csv", ".tsv":
		return true
	}
	return false
}

// Table is a sheet read into memory: what each column stands for and the
// rows, as text.
type Table struct {
	File  string // the path, as given
	Sheet string // the workbook sheet read; "" for CSV
	// Rows are the rows that hold anything, in order, without the header.
	Rows []Row
	// Duplicates are rows that give the same id as an earlier row: an
	// error for the whole sheet, found before anything is written.
	Duplicates property.ErrorList

	cols   []column // by column index; Column nil for a column without a header
	idCol  int      // the id column, from 0; -1 when there is none
	header int      // the header's row
	csv    bool
	opts   Options
	data   []byte // the file's bytes, for a sheet given in memory (ReadData)
	ref    string // the sheet's name as a cell reference starts: Fastigheter!
}

// Row is one row of a sheet: one property.
type Row struct {
	Num int // its row in the sheet, or its line in a CSV file
	// ID is the property's id: from the id column, or made from the
	// address (and entrance or row where needed).
	ID    string
	made  bool     // ID was made, not given
	from  string   // what a made ID was made from: "the address"
	cells []string // by column index
	// problems are what was found while reading, before the row is
	// checked as a property (a merged cell, a value under no header).
	problems property.ErrorList
}

// IDs returns every row's id, in row order.
func (t *Table) IDs() []string {
	out := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = r.ID
	}
	return out
}

// Source names a row for a manifest: "fastigheter.xlsx:14".
func (t *Table) Source(i int) string {
	return fmt.Sprintf("%s:%d", t.File, t.Rows[i].Num)
}

// IDPos is where row i gives its id: its cell in the id column, or the
// row when the id was made.
func (t *Table) IDPos(i int) property.Position {
	r := t.Rows[i]
	if t.idCol >= 0 && !r.made {
		return t.pos(r.Num, t.idCol+1)
	}
	return t.pos(r.Num, rowStartCol)
}

// Row returns the number of row i in the sheet (its line in a CSV file).
func (t *Table) Row(i int) int { return t.Rows[i].Num }

// rowStartCol marks a node that stands for a whole row rather than a cell.
const rowStartCol = 1 << 30

// pos is the position of a cell; col counts from 1.
func (t *Table) pos(row, col int) property.Position {
	p := property.Position{File: t.File, Line: row, Col: col}
	switch {
	case col == rowStartCol && t.csv:
		p.Col = 1
	case col == rowStartCol:
		p.Col, p.Cell = 1, fmt.Sprintf("%sA%d", t.ref, row)
	case t.csv:
		p.Cell = fmt.Sprintf("%d:%d", row, col)
		if c := col - 1; c < len(t.cols) && t.cols[c].header != "" {
			p.Cell += " (" + t.cols[c].header + ")"
		}
	default:
		p.Cell = fmt.Sprintf("%s%s%d", t.ref, columnLetters(col), row)
	}
	return p
}

// sheetRef is how a cell reference names a sheet: Fastigheter!, or
// 'Två ord'! for a name that is not one word.
func sheetRef(name string) string {
	plain := name != ""
	for _, r := range name {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && r != '\u00a0') {
			plain = false
		}
	}
	if plain {
		return name + "!"
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'!"
}

// Read reads the spreadsheet at path: the header row, which names the
// columns, and every row after it that holds anything. A problem with the
// file as a whole (it cannot be read, a header is unknown, there are no
// rows) is an ErrorList and no table. Rows are checked one by one by
// Property; two rows with the same id are in Table.Duplicates.
func Read(path string, opts Options) (*Table, error) {
	t := &Table{File: path, opts: opts}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return t.fail(property.Textf("file not found"), property.Textf("check the path; `huskurage init --spreadsheet FILE.xlsx` writes one to fill in"))
	case err != nil:
		return t.fail(property.Textf("cannot read the file: %v", pathErrText(err)), property.Text{})
	case fi.IsDir():
		return t.fail(property.Textf("is a folder, not a spreadsheet"), property.Textf("name the .xlsx or .csv file"))
	case !fi.Mode().IsRegular():
		return t.fail(property.Textf("is not a regular file"), property.Textf("name the .xlsx or .csv file"))
	}
	return t.read()
}

// ReadData reads a spreadsheet held in memory, as Read reads a file:
// name names it in messages and says its type by its extension (see Is).
// A web server reads an upload so, without writing it to disk. The
// caller limits data's size.
func ReadData(name string, data []byte, opts Options) (*Table, error) {
	t := &Table{File: name, opts: opts, data: data}
	if data == nil {
		t.data = []byte{}
	}
	return t.read()
}

func (t *Table) fail(problem, hint property.Text) (*Table, error) {
	return nil, property.ErrorList{property.NewError(property.Position{File: t.File, Line: 1, Col: 1}, "", problem, hint)}
}

// read reads the table's file, or its data.
func (t *Table) read() (*Table, error) {
	fail := t.fail
	path := t.File
	var err error
	r := &reader{t: t}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		err = r.readXLSX()
	default:
		t.csv = true
		err = r.readCSV(strings.EqualFold(filepath.Ext(path), ".tsv"))
	}
	if err != nil {
		return nil, err
	}
	if len(r.errs) > 0 {
		r.errs.Sort()
		return nil, r.errs
	}
	if t.header == 0 {
		where := property.Textf("the file is empty")
		if !t.csv {
			where = property.Textf("the sheet %q is empty", t.Sheet)
		}
		return fail(where, property.Textf("write the header row and a row for each property; `huskurage init --spreadsheet FILE.xlsx` writes a workbook to fill in"))
	}
	if len(t.Rows) == 0 {
		return nil, property.ErrorList{property.NewError(t.pos(t.header, rowStartCol), "", property.Textf("has a header row but no properties"),
			property.Textf("add a row for each property under the header"))}
	}
	t.assignIDs()
	return t, nil
}

func pathErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// reader reads a sheet's rows into a Table.
type reader struct {
	t     *Table
	errs  property.ErrorList
	bytes int
	stop  bool
}

// row takes one row of cells, as text; num is its row or line.
func (r *reader) row(num int, cells []string) {
	t := r.t
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank || r.stop {
		return
	}
	if t.header == 0 {
		r.headerRow(num, cells)
		return
	}
	if len(t.Rows) == MaxRows {
		r.errs.AddText(t.pos(num, rowStartCol), "", property.Textf("the sheet has more than %d properties", MaxRows),
			property.Textf("split it into several files"))
		r.stop = true
		return
	}
	row := Row{Num: num, cells: make([]string, len(t.cols))}
	for i, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if i >= len(t.cols) || t.cols[i].Column == nil {
			row.problems.AddText(t.pos(num, i+1), "", property.Textf("this column has no header"), property.Textf("write the column's name in the header row, or empty the column"))
			continue
		}
		r.bytes += len(c)
		row.cells[i] = strings.Clone(c)
	}
	if r.bytes > MaxCellBytes {
		r.errs.AddText(t.pos(num, rowStartCol), "", property.Textf("the sheet holds more than %d MiB of text", MaxCellBytes>>20),
			property.Textf("is this the right file? split it into several files"))
		r.stop = true
		return
	}
	t.Rows = append(t.Rows, row)
}

// headerRow reads the header: what each column stands for.
func (r *reader) headerRow(num int, cells []string) {
	t := r.t
	t.header = num
	t.cols = make([]column, len(cells))
	first := map[string]int{} // what a column fills -> its column
	for i, h := range cells {
		h = strings.Join(strings.Fields(h), " ")
		if h == "" {
			continue
		}
		key := normal(h)
		if to, ok := t.opts.Columns[key]; ok {
			key = normal(to)
		}
		at := t.pos(num, i+1)
		if t.csv {
			at.Cell += " (" + h + ")"
		}
		c, ok := lookup(key)
		if !ok {
			r.errs.AddText(at, "", property.Textf("unknown column %q", clip(h)), headerHint(h))
			continue
		}
		c.header = h
		id := fmt.Sprintf("%s/%d/%s", c.Field, c.contact, c.lang)
		if j, dup := first[id]; dup {
			r.errs.AddText(at, "", property.Textf("column %q says again what column %s says (%q)", clip(h), columnName(t, j), t.cols[j].header),
				property.Textf("keep one of them"))
			continue
		}
		first[id] = i
		t.cols[i] = c
	}
}

// columnName names column i (from 0) for a message: "B", or "3" in CSV.
func columnName(t *Table, i int) string {
	if t.csv {
		return fmt.Sprint(i + 1)
	}
	return columnLetters(i + 1)
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// readXLSX reads the sheet of a workbook, row by row as the library
// streams them, so that a large sheet is not held as XML in memory.
func (r *reader) readXLSX() error {
	t := r.t
	fail := func(problem, hint property.Text) error {
		return property.ErrorList{property.NewError(property.Position{File: t.File, Line: 1, Col: 1}, "", problem, hint)}
	}
	// Dates are shown as Swedish Excel shows them; the unzipped size is
	// capped, against a zip bomb.
	xo := excelize.Options{ShortDatePattern: "yyyy-mm-dd", LongDatePattern: "yyyy-mm-dd", UnzipSizeLimit: 1 << 30}
	if n := t.opts.UnzipLimit; n > 0 {
		xo.UnzipSizeLimit, xo.UnzipXMLSizeLimit = n, n
	}
	var (
		f   *excelize.File
		err error
	)
	if t.data != nil {
		f, err = excelize.OpenReader(bytes.NewReader(t.data), xo)
	} else {
		f, err = excelize.OpenFile(t.File, xo)
	}
	if err != nil {
		switch {
		case strings.Contains(err.Error(), "unzip size exceeds"): // excelize's words; it has no error value for it
			return fail(property.Textf("the workbook unpacks to more than %d MiB, the most read here", xo.UnzipSizeLimit>>20),
				property.Textf("keep only the sheet of properties in it, without pictures; a sheet of 500 properties is well under 1 MiB"))
		case errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "zip"):
			return fail(property.Textf("is not an Excel workbook (.xlsx)"),
				property.Textf("save it from the spreadsheet program as Excel workbook (.xlsx), or as CSV UTF-8; an ODS file saved as XLSX is read too"))
		case errors.Is(err, excelize.ErrWorkbookPassword):
			return fail(property.Textf("the workbook is protected with a password"), property.Textf("save a copy without the password"))
		default:
			return fail(property.Textf("cannot read the workbook: %v", pathErrText(err)), property.Textf("save it again as Excel workbook (.xlsx)"))
		}
	}
	defer f.Close()
	name, problem := chooseSheet(f, t.opts.Sheet)
	if !problem.IsZero() {
		return fail(problem, sheetHint(f))
	}
	t.Sheet, t.ref = name, sheetRef(name)
	rows, err := f.Rows(name)
	if err != nil {
		return fail(property.Textf("cannot read the sheet: %v", err.Error()), property.Textf("save it again as Excel workbook (.xlsx)"))
	}
	num := 0
	for rows.Next() {
		num++
		cells, err := rows.Columns()
		if err != nil {
			rows.Close()
			return fail(property.Textf("cannot read row %d: %v", num, err), property.Textf("save it again as Excel workbook (.xlsx)"))
		}
		r.row(num, cells)
	}
	if err := rows.Close(); err != nil {
		return fail(property.Textf("cannot read the sheet: %v", err.Error()), property.Textf("save it again as Excel workbook (.xlsx)"))
	}
	return r.merged(name)
}

// chooseSheet returns the sheet to read: the one named, or the first
// visible one. A hidden sheet is read only when it is named.
func chooseSheet(f *excelize.File, want string) (string, property.Text) {
	list := f.GetSheetList()
	if want != "" {
		for _, s := range list {
			if strings.EqualFold(s, want) {
				return s, property.Text{}
			}
		}
		return "", property.Textf("has no sheet %q", want)
	}
	for _, s := range list {
		if visible, err := f.GetSheetVisible(s); err == nil && visible {
			return s, property.Text{}
		}
	}
	return "", property.Textf("has no visible sheet")
}

func sheetHint(f *excelize.File) property.Text {
	return property.Textf("its sheets are %s; choose one with --sheet NAME", quoteAll(f.GetSheetList()))
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// merged applies the sheet's merged cells. Excel keeps a merged range's
// value in its first cell only. A range down one column (a landlord
// written once beside the rows of its buildings) gives its value to
// every row it covers; a range across columns, or one in the header, is
// an error, since which column holds the value is a guess.
func (r *reader) merged(name string) error {
	t := r.t
	ranges, err := mergedRanges(t, name)
	if err != nil || len(ranges) == 0 {
		return nil
	}
	byNum := make(map[int]int, len(t.Rows))
	for i, row := range t.Rows {
		byNum[row.Num] = i
	}
	for _, m := range ranges {
		from, to, _ := strings.Cut(m, ":")
		if to == "" {
			to = from
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || r2 < t.header {
			continue
		}
		at := t.pos(max(r1, t.header), c1)
		switch {
		case r1 <= t.header:
			r.errs.AddText(at, "", property.Textf("the header's cells %s are merged", m), property.Textf("unmerge them and give each column its own header"))
			continue
		case c1 != c2:
			i, ok := byNum[r1]
			if !ok {
				continue
			}
			t.Rows[i].problems.AddText(at, "", property.Textf("cells %s are merged across columns", m),
				property.Textf("unmerge them (Sammanfoga och centrera › Dela upp celler) and write each value in its own column"))
			continue
		}
		i, ok := byNum[r1]
		if !ok || c1 > len(t.cols) {
			continue
		}
		v := t.Rows[i].cells[c1-1]
		for row := r1 + 1; row <= r2; row++ {
			if j, ok := byNum[row]; ok && t.Rows[j].cells[c1-1] == "" {
				t.Rows[j].cells[c1-1] = v
			}
		}
	}
	return nil
}

// readCSV reads a CSV file: its separator is the one of ; , and tab that
// the header line has most of (tab for .tsv when it has none), its text
// UTF-8 with or without a byte order mark, or Windows-1252 when the
// options say so; lines end with LF or CRLF.
func (r *reader) readCSV(tsv bool) error {
	t := r.t
	fail := func(line, col int, problem, hint property.Text) error {
		return property.ErrorList{property.NewError(property.Position{File: t.File, Line: line, Col: col}, "", problem, hint)}
	}
	var in io.Reader
	if t.data != nil {
		in = bytes.NewReader(t.data)
	} else {
		file, err := os.Open(t.File)
		if err != nil {
			return fail(1, 1, property.Textf("cannot read the file: %v", pathErrText(err)), property.Text{})
		}
		defer file.Close()
		in = file
	}
	cp1252 := strings.EqualFold(t.opts.Encoding, "windows-1252")
	if cp1252 {
		in = charmap.Windows1252.NewDecoder().Reader(in)
	}
	br := bufio.NewReaderSize(in, 1<<16)
	head, _ := br.Peek(1 << 16)
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return fail(1, 1, property.Textf("the file is in UTF-16"), property.Textf("save it as CSV UTF-8"))
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return fail(1, 1, property.Textf("is a workbook, not a CSV file"), property.Textf("name it .xlsx"))
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		_, _ = br.Discard(3)
		head = head[3:]
	}
	cr := csv.NewReader(br)
	cr.Comma = separator(head, tsv)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return fail(pe.Line, pe.Column, property.Textf("cannot read the CSV file: %v", pe.Err.Error()), property.Textf("check the quotes (\") on this line"))
		}
		if err != nil {
			return fail(1, 1, property.Textf("cannot read the file: %v", pathErrText(err)), property.Text{})
		}
		line, _ := cr.FieldPos(0)
		for i, c := range rec {
			if !cp1252 && !utf8.ValidString(c) {
				l, _ := cr.FieldPos(i)
				bad := c[badByte(c)]
				hint := property.Textf("save it as CSV UTF-8; it may have been saved as Latin-1 or Windows-1252: then read it with --encoding windows-1252")
				if t.opts.EncodingChoice != "" {
					hint = property.Textf("save it as CSV UTF-8; it may have been saved as Latin-1 or Windows-1252: then choose Windows-1252 under \u201c%s\u201d and send the file again", t.opts.EncodingChoice)
				}
				return fail(l, i+1, property.Textf("the file is not valid UTF-8 (byte 0x%02X)", bad), hint)
			}
		}
		r.row(line, rec)
		if r.stop {
			break
		}
	}
	return nil
}

// badByte returns the index of the first byte of s that is not UTF-8.
func badByte(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return 0
}

// separator picks the field separator from the first line: the one of
// ; , and tab that occurs most outside quotes.
func separator(head []byte, tsv bool) rune {
	counts := map[rune]int{}
	quoted := false
	for _, b := range head {
		if b == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && (b == '\n' || b == '\r') {
			break
		}
		if !quoted && (b == ';' || b == ',' || b == '\t') {
			counts[rune(b)]++
		}
	}
	best := ','
	if tsv {
		best = '\t'
	}
	for _, c := range []rune{'\t', ';', ','} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}
