package output

import (
	"bufio"
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"huskurage/input"
)

// Dir is an output folder, locked for one run. Every name it writes stays
// inside it: the folder is opened with os.Root, which refuses "../" and
// symbolic links that lead out.
type Dir struct {
	path string
	root *os.Root
	fs   fileSystem // folder; a failing one in tests
	// folder is the file system of root (fs.go).
	folder rootFS
	lock   *os.File
	// NoSync skips flushing each file to the disk before its rename. The
	// rename still means no reader sees half a file; a batch of thousands
	// of files sets it and pays for durability once, with Sync.
	NoSync bool
}

// MaxRead is the most Read returns: far more than any file we write.
const MaxRead = 1 << 30

// Open creates the folder if needed, opens it, and locks it (see Lock):
// when another run holds the folder, the error wraps ErrInUse. Files
// that an interrupted run left staged are removed.
func Open(path string) (*Dir, error) {
	if path == "" {
		return nil, errors.New(`output folder "": no folder named (name one with -o, e.g. -o print)`)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, folderError(path, err)
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, folderError(path, err)
	}
	folder := openFolderFS(root, path)
	d := &Dir{path: path, root: root, fs: folder, folder: folder}
	if err := d.takeLock(); err != nil {
		folder.close()
		root.Close()
		return nil, err
	}
	d.removeStaged()
	return d, nil
}

// Close unlocks and releases the folder.
func (d *Dir) Close() error {
	d.releaseLock()
	d.folder.close()
	return d.root.Close()
}

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
//
// Each temporary name is new (a random part) and created exclusively, so
// two writers never share one, and a link planted in the folder is never
// followed: creating over any existing name fails, and a new name is
// drawn.
func (d *Dir) WriteAll(files []File) error {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	return d.writeSet(names, func(i int, w io.Writer) error {
		_, err := w.Write(files[i].Data)
		return err
	}, !d.NoSync)
}

// StreamAll is WriteAll for files too large to hold in memory (a
// batch's manifest of 100,000 rows): write gets a writer on each file's
// temporary file at once, and the files take their names together, only
// when write returns nil. An error of write's own is returned as it is.
func (d *Dir) StreamAll(names []string, write func(ws []io.Writer) error) error {
	for _, name := range names {
		if !plainName(name) {
			return fmt.Errorf("write %q: not a plain file name", name)
		}
	}
	var (
		staged []string
		files  []file
		ws     []io.Writer
	)
	cleanup := func() {
		for i, tmp := range staged {
			if i < len(files) && files[i] != nil {
				files[i].Close()
			}
			_ = d.fs.Remove(tmp)
		}
	}
	for _, name := range names {
		tmp, f, err := d.createTemp(name)
		if err != nil {
			cleanup()
			return d.writeError(name, err)
		}
		staged, files = append(staged, tmp), append(files, f)
		ws = append(ws, bufio.NewWriterSize(fsWriter{f}, 64<<10))
	}
	err := write(ws)
	for i := range ws {
		if err == nil {
			err = ws[i].(*bufio.Writer).Flush()
		}
	}
	for i, f := range files {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = &writeFailed{cerr}
		}
		files[i] = nil
	}
	if err != nil {
		cleanup()
		var we *writeFailed
		if errors.As(err, &we) {
			return d.writeError(names[0], we.err)
		}
		return err
	}
	return d.commit(names, staged)
}

// writeSet writes each of names through write(i, w) under a temporary
// name, then renames them all into place (see WriteAll).
func (d *Dir) writeSet(names []string, write func(i int, w io.Writer) error, sync bool) error {
	for _, name := range names {
		if !plainName(name) {
			return fmt.Errorf("write %q: not a plain file name", name)
		}
	}
	var staged []string
	for i, name := range names {
		tmp, err := d.stage(name, func(w io.Writer) error { return write(i, w) }, sync)
		if err != nil {
			for _, tmp := range staged {
				_ = d.fs.Remove(tmp)
			}
			return d.writeError(name, err)
		}
		staged = append(staged, tmp)
	}
	return d.commit(names, staged)
}

// commit renames the staged files into place as names, or, when one is
// in the way, removes them all and renames none.
func (d *Dir) commit(names, staged []string) error {
	cleanup := func() {
		for _, tmp := range staged {
			_ = d.fs.Remove(tmp)
		}
	}
	inTheWay := func(name string) bool {
		fi, err := d.fs.Lstat(name)
		return err == nil && fi.IsDir()
	}
	if len(names) > 1 {
		// A folder in the way would make the rename fail half way through
		// the set: look before renaming anything. (A single file's rename
		// fails whole, and is looked at only then: one call less for
		// every leaflet of a batch.)
		for _, name := range names {
			if inTheWay(name) {
				cleanup()
				return d.inTheWayError(name)
			}
		}
	}
	for i, name := range names {
		if err := d.fs.Rename(staged[i], name); err != nil {
			staged = staged[i:]
			cleanup()
			if inTheWay(name) {
				return d.inTheWayError(name)
			}
			return d.writeError(name, err)
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
	tmp, err := d.stage(name, write, false)
	if err == nil {
		if err = d.fs.Rename(tmp, name); err != nil {
			_ = d.fs.Remove(tmp)
		}
	}
	if err != nil {
		var we *writeFailed
		if errors.As(err, &we) {
			return d.writeError(name, we.err)
		}
		return fmt.Errorf("write %s: %w", d.Path(name), err)
	}
	return nil
}

// writeFailed marks an error of the file system, as against one of the
// function that produces a streamed file's bytes.
type writeFailed struct{ err error }

func (w *writeFailed) Error() string { return w.err.Error() }
func (w *writeFailed) Unwrap() error { return w.err }

// fsWriter marks the errors of the file it writes to.
type fsWriter struct{ w io.Writer }

func (f fsWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil {
		err = &writeFailed{err}
	}
	return n, err
}

// Read returns the contents of a regular file in the folder, of at most
// MaxRead bytes.
func (d *Dir) Read(name string) ([]byte, error) {
	return d.ReadAtMost(name, MaxRead)
}

// ReadAtMost returns the contents of a regular file in the folder of at
// most limit bytes; see package input for what it refuses.
func (d *Dir) ReadAtMost(name string, limit int64) ([]byte, error) {
	return input.ReadIn(d.root, name, limit)
}

// stage writes a new temporary file through write and returns its name.
// On failure nothing is left behind.
func (d *Dir) stage(name string, write func(w io.Writer) error, sync bool) (string, error) {
	tmp, f, err := d.createTemp(name)
	if err != nil {
		return "", &writeFailed{err}
	}
	err = write(fsWriter{f})
	if err == nil && sync {
		if err = f.Sync(); err != nil {
			err = &writeFailed{err}
		}
	} else if err == nil {
		if of, ok := f.(*os.File); ok {
			startWriteback(of)
		}
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = &writeFailed{cerr}
	}
	if err != nil {
		_ = d.fs.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// tempSuffix ends the name of every temporary file: "." + 16 hex digits
// + ".tmp". A file of this form in a locked folder was left by a run
// that ended before renaming it (see removeStaged).
const tempSuffix = ".tmp"

// createTemp creates ".NAME.RANDOM.tmp" exclusively: it fails rather
// than open anything that exists, a link included. A clash with an
// existing name (one chance in 2^64 unless planted) draws a new name.
func (d *Dir) createTemp(name string) (string, file, error) {
	var err error
	for range 5 {
		var rnd [8]byte
		_, _ = rand.Read(rnd[:])
		tmp := "." + name + "." + hex.EncodeToString(rnd[:]) + tempSuffix
		var f file
		f, err = d.fs.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			return tmp, f, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	return "", nil, err
}

// isTemp reports whether name has the form of our temporary files.
func isTemp(name string) bool {
	rest, ok := strings.CutSuffix(name, tempSuffix)
	if !ok || !strings.HasPrefix(name, ".") || len(rest) < 1+1+1+16 {
		return false
	}
	random := rest[len(rest)-16:]
	if rest[len(rest)-17] != '.' {
		return false
	}
	_, err := hex.DecodeString(random)
	return err == nil && strings.ToLower(random) == random
}

// removeStaged removes temporary files that a run which ended early (a
// crash, a kill) left behind. It runs with the lock held, so no other
// run of ours is writing them.
//
// Only names of that form are looked at: a folder of 10,000 leaflets
// from an earlier run costs no call for each (the file system here does
// not give the type of a name with it: each would be an lstat).
func (d *Dir) removeStaged() {
	names, err := d.Names()
	if err != nil {
		return
	}
	for _, name := range names {
		if !isTemp(name) {
			continue
		}
		if fi, err := d.fs.Lstat(name); err == nil && (fi.Mode().IsRegular() || fi.Mode()&fs.ModeSymlink != 0) {
			_ = d.fs.Remove(name)
		}
	}
}

// Names returns the names in the folder, sorted, without looking at
// what each is (see List).
func (d *Dir) Names() ([]string, error) {
	f, err := d.root.Open(".")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	return names, nil
}

// List returns the entries of the folder, sorted by name.
func (d *Dir) List() ([]fs.DirEntry, error) { return d.list() }

func (d *Dir) list() ([]fs.DirEntry, error) {
	f, err := d.root.Open(".")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// Remove removes the file name from the folder.
func (d *Dir) Remove(name string) error {
	if !plainName(name) {
		return fmt.Errorf("remove %q: not a plain file name", name)
	}
	if err := d.fs.Remove(name); err != nil {
		p, h := reason(err)
		return &Error{Op: "remove", Path: d.Path(name), Problem: p, Hint: h, Err: err}
	}
	return nil
}

// Lstat describes the file name in the folder, without following a link.
func (d *Dir) Lstat(name string) (fs.FileInfo, error) { return d.fs.Lstat(name) }

// SyncFiles flushes the named files of the folder to the disk, and then
// the folder itself, which holds their names: after a batch written with
// NoSync, once for all its files. Only these files: a sync of the whole
// file system (syncfs) would wait for every other program's writes too.
// A name no longer in the folder is passed over. The files are flushed
// on several goroutines, since each mostly waits for the disk.
func (d *Dir) SyncFiles(names []string) error {
	fail := func(err error) error {
		return fmt.Errorf("output folder %s: flushing the files to the disk failed: %s", d.path, explain(err))
	}
	if !flushAtEnd {
		return nil // flushed one by one as they were written
	}
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		work  = make(chan string)
	)
	for range syncers {
		wg.Go(func() {
			for name := range work {
				if err := d.syncFile(name); err != nil {
					mu.Lock()
					first = cmp.Or(first, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, name := range names {
		work <- name
	}
	close(work)
	wg.Wait()
	if first != nil {
		return fail(first)
	}
	f, err := d.root.Open(".")
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	if err := syncFolder(f); err != nil {
		return fail(err)
	}
	return nil
}

// syncers is how many files are flushed at once: enough to keep a disk's
// queue full, as each flush waits for its own writes.
const syncers = 8

func (d *Dir) syncFile(name string) error {
	if d.folder.at != nil && plainPart(name) {
		if done, err := syncAt(d.folder.atFd, name); done {
			return err
		}
	}
	f, err := d.root.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func plainName(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".")
}
