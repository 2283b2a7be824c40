package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
)

// mergedRanges returns the merged ranges ("A2:A4") of the named sheet of
// the table's workbook, reading the worksheet's XML as a stream.
// excelize's GetMergeCells unmarshals the whole worksheet first: for a
// sheet of 10,000 rows that was 60% of the time of reading it, and its
// memory grows with the rows, where the rows themselves are streamed.
// The ranges are in a <mergeCells> element after the rows: the stream is
// scanned for it as bytes (a '<' in a cell's text is escaped, so the
// bytes "<mergeCells" are always the element), and only what follows is
// decoded as XML.
func mergedRanges(t *Table, sheet string) ([]string, error) {
	var zr *zip.Reader
	if t.data != nil {
		r, err := zip.NewReader(bytes.NewReader(t.data), int64(len(t.data)))
		if err != nil {
			return nil, err
		}
		zr = r
	} else {
		rc, err := zip.OpenReader(t.File)
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		zr = &rc.Reader
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	target, err := sheetPart(parts, sheet)
	if err != nil {
		return nil, err
	}
	f, ok := parts[target]
	if !ok {
		return nil, errors.New("no worksheet " + target)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	rest, err := afterMarker(bufio.NewReaderSize(rc, 1<<16), "mergeCells")
	if err != nil || rest == nil {
		return nil, err
	}
	var out []string
	dec := xml.NewDecoder(rest)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, nil // a truncated tail: what was read
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "mergeCell" {
				for _, a := range el.Attr {
					if a.Name.Local == "ref" {
						out = append(out, a.Value)
					}
				}
			}
		case xml.EndElement:
			if el.Name.Local == "mergeCells" {
				return out, nil
			}
		}
	}
}

// afterMarker reads r up to the start tag of the element local (with or
// without a namespace prefix) and returns a reader from its '<' on, or
// nil when there is none.
func afterMarker(r *bufio.Reader, local string) (io.Reader, error) {
	var window []byte
	buf := make([]byte, 1<<16)
	for {
		n, err := r.Read(buf)
		window = append(window, buf[:n]...)
		if i := findStartTag(window, local); i >= 0 {
			return io.MultiReader(bytes.NewReader(window[i:]), r), nil
		}
		// Keep a tail long enough for a prefixed tag split between reads.
		if keep := 64; len(window) > keep {
			window = append(window[:0], window[len(window)-keep:]...)
		}
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// findStartTag returns where "<local" or "<prefix:local" starts in b,
// followed by a space, '>' or '/', or -1.
func findStartTag(b []byte, local string) int {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(local))
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(local)
		off = i + 1
		if end >= len(b) || !(b[end] == ' ' || b[end] == '>' || b[end] == '/') {
			continue
		}
		j := i - 1
		if j >= 0 && b[j] == ':' {
			for j--; j >= 0 && b[j] != '<' && b[j] != ' ' && b[j] != '>'; j-- {
			}
		}
		if j >= 0 && b[j] == '<' {
			return j
		}
	}
}

// sheetPart finds the worksheet part of a sheet by its name: the
// package's relationships name the workbook, the workbook's sheets name
// their relationships, and those the parts.
func sheetPart(parts map[string]*zip.File, sheet string) (string, error) {
	wb := "xl/workbook.xml"
	if rels, err := relationships(parts, "_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wb = r.target
			}
		}
	}
	f, ok := parts[wb]
	if !ok {
		return "", errors.New("no workbook part")
	}
	rc, err := f.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	rid := ""
	dec := xml.NewDecoder(rc)
	for rid == "" {
		tok, err := dec.Token()
		if err != nil {
			return "", errors.New("no sheet " + sheet + " in the workbook")
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "sheet" {
			name, id := "", ""
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "name":
					name = a.Value
				case "id":
					id = a.Value
				}
			}
			if name == sheet {
				rid = id
			}
		}
	}
	dir, base := path.Split(wb)
	rels, err := relationships(parts, dir+"_rels/"+base+".rels", dir)
	if err != nil {
		return "", err
	}
	for _, r := range rels {
		if r.id == rid {
			return r.target, nil
		}
	}
	return "", errors.New("no part for sheet " + sheet)
}

type relationship struct{ id, typ, target string }

// relationships reads a .rels part; targets are made relative to the
// package's root from dir.
func relationships(parts map[string]*zip.File, name, dir string) ([]relationship, error) {
	f, ok := parts[name]
	if !ok {
		return nil, errors.New("no " + name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var doc struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(rc).Decode(&doc); err != nil {
		return nil, err
	}
	out := make([]relationship, len(doc.Rels))
	for i, r := range doc.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Clean(dir + t)
		}
		out[i] = relationship{r.ID, r.Type, t}
	}
	return out, nil
}
