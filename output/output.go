// Package output writes finished files into an output folder so that a
// reader never sees half a file: each file is written under a temporary
// name in the same folder, synced, and renamed into place.
package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Dir is an output folder. Every name it writes stays inside it: the
// folder is opened with os.Root, which refuses "../" and symbolic links
// that lead out.
type Dir struct {
	path string
	root *os.Root
	// NoSync skips flushing each file to the disk before its rename. The
	// rename still means no reader sees half a file; a batch of thousands
	// of files sets it and pays for durability once, with Sync.
	NoSync bool
}

// Open creates the folder if needed and opens it.
func Open(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	return &Dir{path: path, root: root}, nil
}

// Close releases the folder.
func (d *Dir) Close() error { return d.root.Close() }

// Path returns the path of name inside the folder, for messages.
func (d *Dir) Path(name string) string { return filepath.Join(d.path, name) }

// File is one file to write.
type File struct {
	Name string // a plain file name
	Data []byte
}

// Write stores data as name, replacing an earlier file of that name only
// once the new one is complete. name is a plain file name.
func (d *Dir) Write(name string, data []byte) error {
	return d.WriteAll([]File{{name, data}})
}

// WriteAll stores a set of files that belong together (the documents of
// one property): every file is first written under a temporary name, and
// only when all of them are complete are they renamed into place. When
// any cannot be written, none is put in place.
func (d *Dir) WriteAll(files []File) error {
	for _, f := range files {
		if !plainName(f.Name) {
			return fmt.Errorf("write %q: not a plain file name", f.Name)
		}
	}
	var staged []string
	cleanup := func() {
		for _, tmp := range staged {
			_ = d.root.Remove(tmp)
		}
	}
	for _, f := range files {
		tmp := "." + f.Name + ".tmp"
		if err := d.stage(tmp, f.Data); err != nil {
			_ = d.root.Remove(tmp)
			cleanup()
			return fmt.Errorf("write %s: %w", d.Path(f.Name), err)
		}
		staged = append(staged, tmp)
	}
	inTheWay := func(name string) bool {
		fi, err := d.root.Lstat(name)
		return err == nil && fi.IsDir()
	}
	if len(files) > 1 {
		// A folder in the way would make the rename fail half way through
		// the set: look before renaming anything. (A single file's rename
		// fails whole, and is looked at only then: one call less for
		// every leaflet of a batch.)
		for _, f := range files {
			if inTheWay(f.Name) {
				cleanup()
				return fmt.Errorf("write %s: a folder of that name is in the way", d.Path(f.Name))
			}
		}
	}
	for i, f := range files {
		if err := d.root.Rename(staged[i], f.Name); err != nil {
			staged = staged[i:]
			cleanup()
			if inTheWay(f.Name) {
				return fmt.Errorf("write %s: a folder of that name is in the way", d.Path(f.Name))
			}
			return fmt.Errorf("write %s: %w", d.Path(f.Name), err)
		}
	}
	return nil
}

// Stream writes the file name through write, which gets a writer on a
// temporary file; the file takes its name only when write returns nil.
func (d *Dir) Stream(name string, write func(w io.Writer) error) error {
	if !plainName(name) {
		return fmt.Errorf("write %q: not a plain file name", name)
	}
	tmp := "." + name + ".tmp"
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", d.Path(name), err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = d.root.Rename(tmp, name)
	}
	if err != nil {
		_ = d.root.Remove(tmp)
		return fmt.Errorf("write %s: %w", d.Path(name), err)
	}
	return nil
}

// Read returns the contents of a file in the folder.
func (d *Dir) Read(name string) ([]byte, error) {
	return d.root.ReadFile(name)
}

func (d *Dir) stage(tmp string, data []byte) error {
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil && !d.NoSync {
		err = f.Sync()
	} else if err == nil {
		startWriteback(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Sync flushes the folder's files to the disk: after a batch written
// with NoSync.
func (d *Dir) Sync() error {
	f, err := d.root.Open(".")
	if err != nil {
		return err
	}
	defer f.Close()
	return syncFS(f)
}

func plainName(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".")
}
