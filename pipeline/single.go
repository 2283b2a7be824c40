package pipeline

import (
	"context"
	"fmt"

	"huskurage/output"
	"huskurage/property"
)

// Check runs the pipeline on every property of inputs, as Batch finds
// them (files, folders, streams of properties, spreadsheet rows), but
// writes nothing: each property is read, checked and made in memory, so
// that everything a build would refuse is found. What became of each
// property, and of each input or row that gave none, goes to
// req.Progress. The error is for what stops the whole check: a folder
// with no property files, the defaults file, or *Interrupted.
func Check(ctx context.Context, inputs []string, req Request) error {
	b, err := req.builder()
	if err != nil {
		return err
	}
	defaults, err := req.defaults(b)
	if err != nil {
		return err
	}
	paths, err := Discover(inputs, req.Defaults)
	if err != nil {
		return err
	}
	done := 0
	tell := func(r Result) {
		done++
		if req.Progress != nil {
			req.Progress(done, done, r)
		}
	}
	for i, path := range paths {
		props, errs := b.read(path, defaults, req.Spreadsheet)
		for _, err := range errs {
			tell(Result{Source: path, Seq: -1, Err: err})
		}
		for seq, p := range props {
			r := Result{Source: path, ID: p.ID, Seq: seq, Of: len(props), Property: p, Warnings: p.Warnings}
			if !req.ReadOnly {
				r.Docs, _, r.Err = req.makeDocs(ctx, b, p)
				if ctx.Err() != nil {
					return &Interrupted{At: path, Rest: len(paths) - i - 1}
				}
				if r.Err == nil {
					r.Warnings = append(r.Warnings, DocWarnings(p, r.Docs)...)
				}
			}
			tell(r)
		}
	}
	return nil
}

// Write runs the pipeline on property files, one property a file, as
// the build command does: each property's documents are made in memory,
// and written to req.Out together, only when all of them are good. A
// property whose id an earlier file used gets no files. The folder is
// made and locked when the first property is good. What became of each
// property goes to req.Progress. The error is for what stops the whole
// run: the output folder, the defaults file, or *Interrupted.
func Write(ctx context.Context, paths []string, req Request) error {
	b, err := req.builder()
	if err != nil {
		return err
	}
	defaults, err := req.defaults(b)
	if err != nil {
		return err
	}
	var dir *output.Dir
	defer func() {
		if dir != nil {
			dir.Close()
		}
	}()
	ids := map[string]string{} // property id → the file that used it first
	for i, path := range paths {
		r := Result{Source: path}
		p, err := b.Load(path, defaults)
		if err == nil {
			r.ID, r.Property, r.Warnings = p.ID, p, p.Warnings
			if req.Entrance != "" {
				err = chooseEntrance(p, req.Entrance)
			}
		}
		if err == nil {
			r.Docs, _, err = req.makeDocs(ctx, b, p)
			r.Warnings = append(r.Warnings, DocWarnings(p, r.Docs)...)
		}
		if ctx.Err() != nil {
			// Ctrl-C: what was written is whole; nothing of this one.
			return &Interrupted{At: path, Rest: len(paths) - i - 1}
		}
		if err == nil {
			if first, dup := ids[p.ID]; dup {
				err = property.ErrorList{{Pos: p.Pos("id"), Field: "id",
					Problem: fmt.Sprintf("%q is already the id of %s, and their files would overwrite each other", p.ID, first),
					Hint:    "give each property its own id"}}
			} else {
				ids[p.ID] = path
			}
		}
		if err == nil && dir == nil {
			if dir, err = output.Open(req.Out); err != nil {
				dir = nil
				return err
			}
		}
		if err == nil {
			set := make([]output.File, len(r.Docs))
			for i, f := range r.Docs {
				set[i] = output.File{Name: f.Name, Data: f.Data}
			}
			if err = dir.WriteAll(set); err == nil {
				for _, f := range r.Docs {
					r.Paths = append(r.Paths, dir.Path(f.Name))
				}
			}
		}
		r.Err = err
		if req.Progress != nil {
			req.Progress(i+1, len(paths), r)
		}
	}
	return nil
}
