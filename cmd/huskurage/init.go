package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"huskurage/property"
	"huskurage/sheet"
)

func newInitCmd(stdout io.Writer) *cobra.Command {
	force, spreadsheet := false, false
	lang := property.StarterLanguages[0]
	cmd := &cobra.Command{
		Use:   "init FILE.yaml",
		Short: "Write a commented starter property file, or a spreadsheet to fill in",
		Long: `init writes a property file with every field explained in comments, filled
with an example building. The example values are marked, and check and build
refuse each one until it is replaced with your own. The comments are in
Swedish, or in English with --lang en.

With --spreadsheet it writes instead a spreadsheet for many properties, one
a row: FILE.xlsx is a workbook with the header row in Swedish, an example
row, a sheet that explains every column, and Excel's checks on languages,
postal codes and apartments; FILE.csv has the header and the example row,
as Swedish Excel saves CSV. The example row (id "exempel") is refused
until it is replaced.`,
		Example: `  huskurage init my-house.yaml
  huskurage init --lang en my-house.yaml
  huskurage init --spreadsheet fastigheter.xlsx`,
		Args: oneFileArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			if spreadsheet {
				return initSpreadsheet(stdout, args[0], force)
			}
			if err := oneOf("--lang", lang, property.StarterLanguages); err != nil {
				return &failure{status: exitUsage, err: err}
			}
			src, err := property.Starter(lang)
			if err != nil {
				return err
			}
			path := args[0]
			if err := writeNew(path, src, force); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s: replace the values marked %q, then run 'huskurage check %s'\n",
				path, strings.TrimSpace(strings.TrimPrefix(property.StarterMark(lang), "#")), path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace the file if it exists")
	cmd.Flags().BoolVar(&spreadsheet, "spreadsheet", false, "write a spreadsheet for many properties (FILE.xlsx or FILE.csv)")
	cmd.Flags().StringVar(&lang, "lang", lang, "language of the comments: "+strings.Join(property.StarterLanguages, " or "))
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(property.StarterLanguages, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// oneFileArg checks that init is given one file name.
func oneFileArg(cmd *cobra.Command, args []string) error {
	switch len(args) {
	case 0:
		return usageError("give the name of the file to write")
	case 1:
		if args[0] == "" {
			return usageError("give the name of the file to write (an empty name was given)")
		}
		return nil
	}
	return usageError("give one file name, not %d", len(args))
}

// writeNew writes data to path through a temporary file in the same
// folder, so that a half-written file never takes the place of a good one.
// Without replace, an existing file is left alone and is a usage error.
// Errors name path, never the temporary file.
func writeNew(path string, data []byte, replace bool) error {
	exists := func() error {
		return usageError("%s already exists (choose another name, or add --force to replace it)", path)
	}
	if fi, err := os.Lstat(path); err == nil {
		if fi.IsDir() {
			return usageError("%s is a folder (choose another name)", path)
		}
		if !replace {
			return exists()
		}
		// A rename would put the file in the place of a device
		// (/dev/null) or a pipe, or of a link instead of where it points.
		if !fi.Mode().IsRegular() {
			return usageError("%s is not a regular file (a device, a pipe or a link): choose another name", path)
		}
	}
	fail := func(err error) error { return cannotWrite(path, err) }
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if replace {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fail(err)
		}
		return nil
	}
	// A hard link fails if path has appeared meanwhile, where a rename
	// would silently replace it.
	if err := os.Link(tmp.Name(), path); err != nil {
		if os.IsExist(err) {
			return exists()
		}
		return fail(err)
	}
	return nil
}

// cannotWrite says why path could not be written, in terms of path and
// its folder (exit status 3).
func cannotWrite(path string, err error) error {
	dir := filepath.Dir(path)
	why := systemText(err) + " (choose a folder you can write to)"
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// The folder is missing, or the nearest one that is there is a
		// file; or it is there but takes no new files (/proc).
		for d := dir; ; d = filepath.Dir(d) {
			if fi, err := os.Stat(d); err == nil {
				switch {
				case !fi.IsDir():
					why = d + " is not a folder (choose another path)"
				case d != dir:
					why = "the folder " + dir + " does not exist (create it first, or choose another path)"
				}
				break
			}
			if d == filepath.Dir(d) {
				break
			}
		}
	case errors.Is(err, syscall.ENOTDIR):
		why = dir + " is not a folder (choose another path)"
		for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
			if fi, err := os.Stat(d); err == nil && !fi.IsDir() {
				why = d + " is not a folder (choose another path)"
			}
		}
	case errors.Is(err, fs.ErrExist), errors.Is(err, syscall.EISDIR):
		why = "it is a folder (choose another name)"
	}
	return &failure{status: exitFault, err: fmt.Errorf("cannot write %s: %s", path, why)}
}

// initSpreadsheet writes the spreadsheet `init --spreadsheet` makes.
func initSpreadsheet(stdout io.Writer, path string, force bool) error {
	ext := strings.ToLower(filepath.Ext(path))
	if !sheet.Is(path) {
		return usageError("%s: name the spreadsheet FILE.xlsx, FILE.csv or FILE.tsv", path)
	}
	data, err := sheet.Template(ext)
	if err != nil {
		return err
	}
	if err := writeNew(path, data, force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: write a row for each property over the example row (id %q), then run 'huskurage check %s'\n",
		path, sheet.ExampleID, path)
	return nil
}
