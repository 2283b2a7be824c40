package property

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"huskurage/input"
	"huskurage/templates"
)

// Options change how a property file is checked.
type Options struct {
	// Covers reports whether the embedded fonts can draw r. When it is
	// non-nil, every text that may end up on paper must consist of runes
	// for which it returns true; an ordinary space is always allowed.
	Covers func(r rune) bool
	// Defaults, when non-nil, are merged under every property loaded
	// with these options; see Defaults for the rules. Load the defaults
	// with the same Covers as the properties: inherited values are not
	// checked again.
	Defaults *Defaults
	// Texts are the languages a property may ask for; nil means the
	// embedded ones (see templates.Set).
	Texts *templates.Set
	// Files, when not nil, is where a logo is read from instead of the
	// disk: a logo path names a file in it (a plain relative path, as
	// fs.ValidPath says), and nothing else is ever opened. A web server
	// passes the files it was sent, so that no path a user writes
	// reaches its disk.
	Files fs.FS
}

// Sanity limits. The layout checks later whether text fits on the page.
const (
	MaxFileSize   = 1 << 20     // bytes in a property file
	MaxLogoSize   = 5 << 20     // bytes in a logo file
	MaxLogoPixels = 4096 * 4096 // width × height of a logo
	MaxQRURL      = 2000        // bytes in qr.url
)

// Load reads and checks the property file at path. Logo paths in the file
// are relative to the file's folder. When anything is wrong, the error is
// an ErrorList holding every problem found, and the property is nil.
func Load(path string, opts Options) (*Property, error) {
	src, e := readLimited(path)
	if e != nil {
		return nil, ErrorList{e}
	}
	return Parse(src, path, filepath.Dir(path), opts)
}

// readLimited reads a property file after checking that it is a regular
// file of at most MaxFileSize bytes: a named pipe, a device such as
// /dev/zero or a folder is refused before it is read (see package input).
func readLimited(path string) ([]byte, *Error) {
	src, err := input.Read(path, MaxFileSize)
	if err == nil {
		return src, nil
	}
	at := Position{File: path, Line: 1, Col: 1}
	fail := func(problem, hint Text) ([]byte, *Error) {
		return nil, NewError(at, "", problem, hint)
	}
	var e *input.Error
	if !errors.As(err, &e) {
		return fail(Textf("cannot read the file: %v", pathErrText(err)), Text{})
	}
	switch e.Problem {
	case input.NotFound:
		return fail(Textf("file not found"), Textf("check the path; `huskurage init` writes a starter file"))
	case input.Folder:
		return fail(Textf("is a folder, not a property file"), Textf("name a .yaml file"))
	case input.Special:
		return fail(Textf("is %s, not a property file", specialText(e.What)), Textf("name a .yaml file"))
	case input.TooLarge:
		if e.Size < 0 {
			return fail(Textf("file is larger than 1 MiB, the most a property file may be"), Textf("is this the right file?"))
		}
		return fail(Textf("file is %s; a property file may be at most 1 MiB", sizeText(e.Size)),
			Textf("is this the right file?"))
	}
	return fail(Textf("cannot read the file: %v", e.Err.Error()), Text{})
}

// pathErrText drops the path from an *fs.PathError, since the error's
// position already names the file.
func pathErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// sizeText gives a file size in MiB, rounded up so that a file just over
// a limit never reads as equal to it.
func sizeText(n int64) sizeArg {
	return sizeArg((n*10 + 1<<20 - 1) >> 20)
}

// sizeArg is a size in tenths of a MiB, as a message's argument: "1.2
// MiB" in English, "1,2 MiB" in Swedish.
type sizeArg int64

func (a sizeArg) String() string { return fmt.Sprintf("%d.%d MiB", a/10, a%10) }

func (a sizeArg) in(lang string) (string, bool) {
	if lang == "sv" {
		return fmt.Sprintf("%d,%d MiB", a/10, a%10), true
	}
	return a.String(), true
}

// Parse checks a property file held in memory. file names it in errors and
// is the Source of the result; the default id is taken from its base name.
// dir is the folder that relative logo paths start from ("" for the
// current folder); absolute logo paths and paths with .. are allowed, since
// a landlord may keep one logo for many buildings. When anything is
// wrong, the error is an ErrorList holding every problem found, and the
// property is nil.
func Parse(src []byte, file string, dir string, opts Options) (*Property, error) {
	l := newLoader(file, dir, opts, propertyFile)
	l.parse(src)
	if errs := l.result(); errs != nil {
		return nil, errs
	}
	l.p.Warnings.Sort()
	return l.p, nil
}

// fileKind says what a loader reads: a property or a defaults file.
type fileKind int

const (
	propertyFile fileKind = iota
	defaultsFile
)

// loader holds the state of checking one document.
type loader struct {
	file string
	dir  string
	opts Options
	kind fileKind
	// defaults are merged under the property; nil when there are none
	// and always nil when reading a defaults file.
	defaults *Defaults
	// offset is how many lines of the file come before the text being
	// parsed: a document in a stream is parsed on its own.
	offset int
	// start is where the document starts: line 1, or its "---" line in
	// a stream. Problems with the document as a whole are reported here.
	start Position
	// inStream is set for a document read by ParseStream, and needID
	// when it is one of several there, so that it needs an id of its own.
	inStream, needID bool
	// muted is set when problems are only to be counted.
	muted bool
	// missingID is set when such a document has no id; it is reported
	// once the address is known, to suggest one.
	missingID bool
	// given holds the field paths the document gives a value for (not
	// null), so that defaults fill in only the others.
	given map[string]bool
	p     *Property
	errs  ErrorList
	// dropped counts problems found after keepErrors were kept, so that
	// a huge broken file costs little.
	dropped int
	// place, when set, turns a node's line and column into a position:
	// for a tree that another reader made (see ParseNode).
	place func(line, col int) Position
}

// posHint and givenHint are the room a loader's maps are made with: a
// property as a municipality writes it has 20 to 35 positions (a field,
// a contact, a list's item each) and 15 to 28 fields given. Made that
// big at once, they are not grown three times over (6% of checking a
// property in a batch).
const (
	posHint   = 32
	givenHint = 24
)

func newLoader(file, dir string, opts Options, kind fileKind) *loader {
	l := &loader{
		file:  file,
		dir:   dir,
		opts:  opts,
		kind:  kind,
		start: Position{File: file, Line: 1, Col: 1},
		given: make(map[string]bool, givenHint),
		p:     &Property{Source: file, pos: make(map[string]Position, posHint), notes: make(map[string]string)},
	}
	if kind == propertyFile {
		l.defaults = opts.Defaults
	}
	return l
}

// result returns the problems found, sorted and capped at maxErrors, or
// nil.
func (l *loader) result() ErrorList {
	if len(l.errs) == 0 {
		return nil
	}
	l.errs.Sort()
	if total := len(l.errs) + l.dropped; total > maxErrors {
		next := l.errs[maxErrors]
		l.errs = append(l.errs[:maxErrors:maxErrors], NewError(next.Pos, "",
			Textf("and %d more problems", total-maxErrors), Textf("fix these first")))
	}
	return l.errs
}

// keepErrors is how many problems a loader keeps before it only counts
// them; at most maxErrors of them are reported.
const (
	keepErrors = 1000
	maxErrors  = 50
)

func (l *loader) full() bool { return l.muted || len(l.errs) >= keepErrors }

// failed reports whether any problem was found.
func (l *loader) failed() bool { return len(l.errs) > 0 || l.dropped > 0 }

// at is the position of a line and column of the text being parsed.
func (l *loader) at(line, col int) Position {
	if l.place != nil {
		return l.place(line, col)
	}
	return Position{File: l.file, Line: line + l.offset, Col: col}
}

func (l *loader) posOf(n *yaml.Node) Position {
	line, col := n.Line, n.Column
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return l.at(line, col)
}

func (l *loader) add(pos Position, field string, problem, hint Text) {
	if l.full() {
		l.dropped++
		return
	}
	l.errs.AddText(pos, field, problem, hint)
}

func (l *loader) addAt(n *yaml.Node, field string, problem, hint Text) {
	l.add(l.posOf(n), field, problem, hint)
}

// warn records something that prints but that a person should look at;
// see Property.Warnings.
func (l *loader) warn(pos Position, field string, problem, hint Text) {
	l.p.Warnings.AddText(pos, field, problem, hint)
}

// parse checks a file that holds one document.
func (l *loader) parse(src []byte) {
	root := l.decode(src)
	if root == nil {
		if len(l.errs) == 0 {
			l.add(l.start, "", Textf("file is empty"), Textf("start from `huskurage init`"))
		}
		return
	}
	l.check(root)
}

// decode checks the bytes of src and parses its one YAML document. It
// returns the document's root, or nil when src holds nothing but
// comments or null, or when it reported a problem.
func (l *loader) decode(src []byte) *yaml.Node {
	if !l.checkBytes(src) || !l.checkSpaces(src) {
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if err == io.EOF {
		return nil
	}
	if err != nil {
		l.syntaxError(src, err)
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		l.syntaxError(src, err)
	case l.inStream:
		// A document in a stream: only "..." can have ended it.
		l.addAt(&next, "", Textf("found a second document after the end marker (...)"),
			Textf("start each property with a line of three dashes: ---"))
	default:
		l.addAt(&next, "", Textf("a property file holds one property; found a second document"),
			Textf("put each property in its own file"))
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil
		}
		root = root.Content[0]
	}
	if isNull(root) {
		return nil
	}
	return root
}

// checkBytes reports the first byte sequence that is not UTF-8 and the
// first control character, with their line and column (counted in
// characters, as the YAML parser counts them).
func (l *loader) checkBytes(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		l.add(l.at(1, 1), "", Textf("the file is in UTF-16"), Textf("save it as UTF-8"))
		return false
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		if c := src[i]; c >= 0x20 && c < 0x7F {
			// Printable ASCII, most of any file: the default case below,
			// without decoding.
			col++
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			l.add(l.at(line, col), "", Textf("the file is not valid UTF-8 (byte 0x%02X)", src[i]),
				Textf("save it as UTF-8; it may have been saved as Latin-1 or Windows-1252"))
			return false
		case r == '\n':
			line, col = line+1, 1
		case r == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			line, col = line+1, 1
		case r == '\t':
			col++
		case r == '\uFEFF' && i == 0:
			// A byte order mark at the start is harmless.
		case unicode.IsControl(r):
			l.add(l.at(line, col), "", Textf("control character %U is not allowed", r),
				Textf("remove it; it may have come along when text was copied from another program"))
			return false
		case r == '\u2028' || r == '\u2029':
			l.add(l.at(line, col), "", Textf("line separator %U is not allowed", r),
				Textf("use an ordinary line break"))
			return false
		default:
			col++
		}
		i += size
	}
	return true
}
