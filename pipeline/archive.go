package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"huskurage/property"
	"huskurage/render/pdf"
	"huskurage/sheet"
)

// Input is a file held in memory, as a web server receives it: its name,
// which names it in messages and says what it is (a spreadsheet by its
// extension, see sheet.Is; else a file of one or more properties), and
// its bytes.
type Input struct {
	Name string
	Data []byte
}

// Archive runs a batch of inputs held in memory, as Batch runs files,
// and writes to w, as a ZIP archive, what Batch writes into a folder:
// every property's documents (and print sheets), the print file behind
// its cover sheet when req.Sheets asks for it, and the manifest
// (manifest.csv, manifest.json, manifest.xlsx). Nothing is written to
// disk: defaults are given already read (req.Defaults is not used), and
// logos are read from files (nil: none can be). Properties are made one
// after another in the order of the inputs, so that the same inputs give
// the same bytes, and req.Progress is told of each. Problems with single
// properties are in the report, as Batch's are, and the others are made.
// The error is for what stops the whole batch: two properties of one id
// (nothing is written then), ctx (the archive is not finished), or w.
func Archive(ctx context.Context, inputs []Input, defaults *property.Defaults, files fs.FS, req Request, w io.Writer) (*Report, error) {
	bl, err := req.builder()
	if err != nil {
		return nil, err
	}
	bl.Files = files
	names := make([]string, len(inputs))
	index := map[string]int{}
	tabs := newTables()
	ids := make([][]property.ID, len(inputs))
	for i, in := range inputs {
		names[i] = in.Name
		index[in.Name] = i
		if !sheet.Is(in.Name) {
			ids[i] = property.ScanIDs(in.Data, in.Name)
			continue
		}
		t, err := sheet.ReadData(in.Name, in.Data, req.Spreadsheet)
		if err != nil {
			tabs.errs[i] = err
			continue
		}
		tabs.tabs[i] = t
		for k, id := range t.IDs() {
			ids[i] = append(ids[i], property.ID{ID: id, Pos: t.IDPos(k)})
		}
	}
	if err := tabs.duplicates(len(inputs)); err != nil {
		return nil, err
	}
	if err := duplicateIDs(names, ids, tabs); err != nil {
		return nil, err
	}
	rep := &Report{}
	var written []ManifestFile // the manifest's rows
	defer func() { rep.Written = len(written) }()
	for _, list := range ids {
		rep.Properties += max(1, len(list))
	}
	a := &archive{zw: zip.NewWriter(w), date: req.Docs.Date}
	if a.date.IsZero() {
		a.date = pdf.DefaultDate
	}
	bt := &batch{req: req}
	done := 0
	tell := func(r Result) {
		done++
		if r.Err != nil {
			rep.Failures = append(rep.Failures, r)
		}
		if req.Progress != nil {
			req.Progress(done, max(done, rep.Properties), r)
		}
	}
	var (
		orders []OrderProperty
		sheets [][]byte // each property's print sheets, for the print file
	)
	// made takes one property's documents into the archive.
	made := func(r Result, set []File) error {
		for k, f := range r.Files {
			if err := a.add(f.File, set[k].Data); err != nil {
				return err
			}
			if f.Kind == sheetsKind {
				sheets = append(sheets, set[k].Data)
			}
		}
		written = append(written, r.Files...)
		rep.Built++
		orders = append(orders, r.Order)
		tell(r)
		return nil
	}
	for i, in := range inputs {
		if t := tabs.tabs[i]; t != nil {
			for k := range t.Rows {
				if err := ctx.Err(); err != nil {
					return rep, err
				}
				p, err := t.Property(k, bl.PropertyOptions(defaults))
				if err != nil {
					tell(Result{Source: in.Name, Seq: k, Row: t.Row(k), Err: err})
					continue
				}
				r, set := bt.makeArchived(ctx, bl, in.Name, k, p)
				r.Row = t.Row(k)
				if r.Err != nil {
					tell(r)
					continue
				}
				if err := made(r, set); err != nil {
					return rep, err
				}
			}
			continue
		}
		if err := tabs.errs[i]; err != nil {
			tell(Result{Source: in.Name, Seq: -1, Err: err})
			continue
		}
		props, lerr := bl.ParseStream(in.Data, in.Name, defaults)
		if lerr != nil {
			tell(Result{Source: in.Name, Seq: -1, Err: lerr})
		}
		for seq, p := range props {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
			r, set := bt.makeArchived(ctx, bl, in.Name, seq, p)
			if r.Err != nil {
				tell(r)
				continue
			}
			if err := made(r, set); err != nil {
				return rep, err
			}
		}
	}
	tabs.sources(written, index)
	if req.Sheets != "" && len(orders) > 0 {
		order := PrintOrder{Mode: req.Sheets, Lang: coverLang(defaults), Properties: orders}
		var buf bytes.Buffer
		pages, err := joinPrintFile(&buf, bl, req, order, sheets)
		if err != nil {
			return rep, err
		}
		name := "print-sheets-" + req.Sheets + ".pdf"
		sum := sha256.Sum256(buf.Bytes())
		written = append(written, ManifestFile{File: name, Kind: printKind, Pages: pages,
			Bytes: buf.Len(), SHA256: hex.EncodeToString(sum[:])})
		if err := a.add(name, buf.Bytes()); err != nil {
			return rep, err
		}
	}
	// The manifest, made by the batch's own writers from the rows held
	// here (an archive is bounded by its upload, so they fit in memory).
	var c, j, x bytes.Buffer
	if err := encodeManifest(&c, &j, rowsOf(written)); err != nil {
		return rep, err
	}
	if err := encodeManifestXLSX(&x, rowsOf(written), len(written)); err != nil {
		return rep, fmt.Errorf("%s: %w", manifestXLSX, err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{manifestCSV, c.Bytes()}, {manifestJSON, j.Bytes()}, {manifestXLSX, x.Bytes()}} {
		if err := a.add(f.name, f.data); err != nil {
			return rep, err
		}
	}
	return rep, a.zw.Close()
}

// makeArchived makes one property's files, as a batch does, and keeps
// them with their layouts for the archive.
func (b *batch) makeArchived(ctx context.Context, bl *Builder, source string, seq int, p *property.Property) (Result, []File) {
	r, set := b.makeOne(ctx, bl, source, seq, p)
	if r.Err != nil {
		return r, nil
	}
	out := make([]File, len(set))
	for i, f := range set {
		out[i] = File{Name: f.Name, Data: f.Data}
	}
	return r, out
}

// joinPrintFile writes the print file of order to w: its cover sheet,
// then every property's print sheets, in order. It returns the pages.
func joinPrintFile(w io.Writer, b *Builder, req Request, order PrintOrder, sheets [][]byte) (int, error) {
	cover, err := b.CoverSheet(order, req.Docs)
	if err != nil {
		return 0, err
	}
	j := pdf.NewJoiner(w, cover.Doc.Title)
	if req.Sheets == SheetsShop {
		j = pdf.NewPDFXJoiner(w, pdf.PDFX{Title: cover.Doc.Title, Lang: cover.Lang, Date: req.Docs.Date})
	}
	if err := j.Add(cover.Data); err != nil {
		return 0, err
	}
	pages := len(cover.Doc.Pages)
	for _, data := range sheets {
		if err := j.Add(data); err != nil {
			return 0, err
		}
	}
	for _, p := range order.Properties {
		for _, d := range p.Docs {
			pages += d.Sheets
		}
	}
	return pages, j.Close()
}

// archive writes files into a ZIP archive with a fixed date, so that the
// same files give the same bytes.
type archive struct {
	zw   *zip.Writer
	date time.Time
}

// add writes one file. PDF files, pictures and workbooks are compressed
// already and are stored as they are; text is deflated.
func (a *archive) add(name string, data []byte) error {
	method := zip.Deflate
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf", ".png", ".jpg", ".jpeg", ".xlsx", ".zip":
		method = zip.Store
	}
	fw, err := a.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: a.date})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	_, err = fw.Write(data)
	return err
}
