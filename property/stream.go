package property

import (
	"bytes"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// LoadStream reads a file that holds one property or several, each in a
// YAML document of its own: a line of three dashes, ---, starts the next
// one. Logo paths are relative to the file's folder.
//
// Each document is checked as Load checks a file, and problems are
// reported with the line and column in the whole file. When the file
// holds more than one property, each needs an id of its own (the file
// name cannot give one to all of them); two properties with the same id
// are an error in the later one. Documents that hold nothing but
// comments, such as after a trailing ---, are skipped; a file with no
// property at all is an error.
//
// A property with problems does not stop the others: LoadStream returns
// the good properties, in the order of the file, and an ErrorList with
// the problems of the others (nil when there are none). Both can be
// non-nil. A problem with the file as a whole (not found, too big, not
// UTF-8 text) is an ErrorList with no properties.
func LoadStream(path string, opts Options) ([]*Property, error) {
	src, e := readLimited(path)
	if e != nil {
		return nil, ErrorList{e}
	}
	return ParseStream(src, path, filepath.Dir(path), opts)
}

// ParseStream checks a stream of properties held in memory, as
// LoadStream does; file and dir are as for Parse.
func ParseStream(src []byte, file, dir string, opts Options) ([]*Property, error) {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return nil, ErrorList{NewError(Position{File: file, Line: 1, Col: 1}, "", Textf("the file is in UTF-16"), Textf("save it as UTF-8"))}
	}

	type document struct {
		l    *loader
		root *yaml.Node // nil after a syntax error
	}
	var docs []document
	for _, pc := range splitDocuments(src) {
		l := newLoader(file, dir, opts, propertyFile)
		l.inStream = true
		l.offset = pc.line - 1
		l.start = Position{File: file, Line: pc.doc, Col: 1}
		var root *yaml.Node
		if pc.blank {
			l.checkBytes(pc.src) // as Parse checks comments
		} else {
			root = l.decode(pc.src)
		}
		if root == nil && len(l.errs) == 0 {
			continue // nothing but comments
		}
		docs = append(docs, document{l, root})
	}
	if len(docs) == 0 {
		return nil, ErrorList{NewError(Position{File: file, Line: 1, Col: 1}, "", Textf("file is empty"),
			Textf("start from `huskurage init`"))}
	}

	var (
		props   []*Property
		errs    ErrorList
		hidden  int                // properties whose problems are left out
		firstAt Position           // where the first of them starts
		ids     = map[string]int{} // id -> line it is first given on
	)
	for _, d := range docs {
		l := d.l
		l.needID = len(docs) > 1
		// Once enough problems are kept, later properties are still
		// checked, to return the good ones, but their problems are
		// only counted.
		l.muted = len(errs) >= keepErrors
		if d.root != nil {
			l.check(d.root)
		}
		if id := l.p.ID; id != "" {
			at := l.p.Pos("id")
			if line, dup := ids[id]; dup {
				l.add(at, "id", Textf("id %q appears twice (first on line %d)", id, line),
					Textf("give each property its own id"))
			} else {
				ids[id] = at.Line
			}
		}
		switch {
		case !l.failed():
			l.p.Warnings.Sort()
			props = append(props, l.p)
		case l.muted:
			if hidden == 0 {
				firstAt = l.start
			}
			hidden++
		default:
			errs = append(errs, l.result()...)
		}
	}
	if hidden > 0 {
		errs = append(errs, NewError(firstAt, "", Textf("and problems in %d more properties", hidden),
			Textf("fix these first")))
	}
	return props, errs.Err()
}

// piece is the text of one document of a stream.
type piece struct {
	src  []byte
	line int // the line of the file that src starts on
	// blank is set when src holds nothing but blank lines, comments and
	// a bare --- line, so that there is nothing to parse.
	blank bool
	// doc is the line the document starts on: its --- line, or 1 for the
	// first document, as for Parse.
	doc int
}

// splitDocuments cuts a stream into its documents, so that each is
// parsed on its own and a syntax error in one does not stop the others.
// A line that starts with --- followed by a space, a tab or the end of
// the line starts a document, as in YAML, where such a line cannot be
// part of any value. Comments and directives (%YAML) before the first
// document belong to it, and directives between documents to the one
// after them. Lines end with \n, \r\n or \r, as for the YAML parser.
func splitDocuments(src []byte) []piece {
	var out []piece
	cur, curStart := piece{line: 1, doc: 1, blank: true}, 0
	prologue := true // cur holds only blank lines, comments and directives
	runStart, runLine, runDirective := -1, 0, false
	line := 1
	for i := 0; i < len(src); line++ {
		end := i
		for end < len(src) && src[end] != '\n' && src[end] != '\r' {
			end++
		}
		next := end
		if next < len(src) {
			next++
			if src[end] == '\r' && next < len(src) && src[next] == '\n' {
				next++
			}
		}
		text := src[i:end]
		if i == 0 {
			// The first document keeps the byte order mark, which
			// decode drops as Parse does.
			text = bytes.TrimPrefix(text, []byte("\xEF\xBB\xBF"))
		}
		trimmed := bytes.TrimLeft(text, " \t")
		switch {
		case isDocumentStart(text):
			if !prologue {
				cut, cutLine := i, line
				if runDirective {
					cut, cutLine = runStart, runLine
				}
				cur.src = src[curStart:cut]
				out = append(out, cur)
				cur, curStart = piece{line: cutLine, doc: line, blank: true}, cut
			}
			if rest := bytes.TrimLeft(text[3:], " \t"); len(rest) > 0 && rest[0] != '#' {
				cur.blank = false // --- {id: x, ...}
			}
			prologue = false
			runStart, runDirective = -1, false
		case len(trimmed) == 0 || trimmed[0] == '#' || text[0] == '%':
			if runStart < 0 {
				runStart, runLine = i, line
			}
			if len(text) > 0 && text[0] == '%' {
				runDirective = true
				cur.blank = false // a directive needs a document after it
			}
			if bytes.IndexByte(text[:len(text)-len(trimmed)], '\t') >= 0 {
				cur.blank = false // the parser may refuse a tab
			}
		default:
			prologue = false
			cur.blank = false
			runStart, runDirective = -1, false
		}
		i = next
	}
	cur.src = src[curStart:]
	return append(out, cur)
}

// isDocumentStart reports whether a line is a YAML document start marker.
func isDocumentStart(text []byte) bool {
	return bytes.HasPrefix(text, []byte("---")) && (len(text) == 3 || text[3] == ' ' || text[3] == '\t')
}
