// Package output writes finished files into an output folder so that a
// reader never sees half a file: each file is written under a temporary
// name in the same folder, synced, and renamed into place.
package output

import (
	"fmt"
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

// Write stores data as name, replacing an earlier file of that name only
// once the new one is complete. name is a plain file name.
func (d *Dir) Write(name string, data []byte) error {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." || strings.HasPrefix(name, ".") {
		return fmt.Errorf("write %q: not a plain file name", name)
	}
	tmp := "." + name + ".tmp"
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", d.Path(name), err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
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
