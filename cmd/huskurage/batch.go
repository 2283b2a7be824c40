package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"huskurage/internal/gctuning"
	"huskurage/pipeline"
	"huskurage/property"
)

type batchOptions struct {
	buildOptions
	jobs  int
	clean bool
}

func newBatchCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch PATH... -o FOLDER",
		Short: "Build the documents of many properties in one run",
		Long: `batch builds every property it is given: property files, and folders, read
recursively for *.yaml and *.yml files in a stable order. A file may hold
several properties separated by ---, each with its own id. --defaults
names a file of shared values that lie under every property. Properties
are built in parallel and each property's files are written together.

A spreadsheet named on the command line (.xlsx, .csv or .tsv; folders give
only YAML files) holds one property a row, its columns named by a header
row in Swedish or English (see the README); --sheet chooses a workbook's
sheet, --encoding windows-1252 reads an older Excel's CSV, --columns maps
your own headers. Problems name the cell: fastigheter.xlsx:Fastigheter!C14.

Before anything is written, batch checks that no two properties share an id.
A property with a problem gets no files; every other property is written,
every problem is listed at the end, and the exit status is 1 (3 if a write
failed). The output folder gets manifest.csv and manifest.json: every file
in it, with its property, pages, size and SHA-256; and manifest.xlsx, the
same for Excel with the copies to print. Rows of an earlier
manifest stay for the files this run did not write while they are
unchanged; files the manifest does not list are named in a warning.
--clean first removes the files an earlier manifest lists (only those, and
only if unchanged). Ctrl-C stops after the properties being written; no
half-written file is left, and the exit status is 130. A second run into a
folder that a run is writing to is refused.`,
		Example: `  huskurage batch fastigheter.xlsx --defaults ale-kommun.yaml -o print --print-sheets shop
  huskurage batch properties/ --defaults ale-kommun.yaml -o print
  huskurage batch properties/ -o print --only leaflet -j 2 --quiet
  huskurage batch properties/ -o print --print-sheets shop`,
		Args: needFiles("property file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.files = args
			return runBatch(cmd.Context(), o, stdout, stderr)
		},
	}
	addDocFlags(cmd, &o.buildOptions)
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", ".", "output folder (created if missing)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print only problems")
	f.IntVarP(&o.jobs, "jobs", "j", cpus(), "properties built at once, 1 to the number of CPUs")
	addOnlyFlag(cmd, &o.buildOptions)
	f.BoolVar(&o.clean, "clean", false, "first remove the files an earlier manifest in the output folder lists (nothing else)")
	addSheetsFlag(cmd, &o.buildOptions)
	addDefaultsFlag(cmd, &o.buildOptions)
	addSpreadsheetFlags(cmd, &o.buildOptions)
	return cmd
}

func runBatch(ctx context.Context, o *batchOptions, stdout, stderr io.Writer) error {
	if o.out == "" {
		return usageError(`-o "": name the output folder, e.g. -o print`)
	}
	date, err := sourceDate()
	if err != nil {
		return err
	}
	if err := o.checkJobs(stderr); err != nil {
		return err
	}
	if err := o.prepare(); err != nil {
		return err
	}
	if err := o.spreadsheetOptions(); err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	req := o.request(date)
	req.Jobs, req.Clean = o.jobs, o.clean
	var (
		bar      *progressbar.ProgressBar
		progress func(done, total int, r pipeline.Result)
	)
	switch {
	case o.quiet:
	case isTerminal(stderr):
		progress = func(done, total int, r pipeline.Result) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr),
					progressbar.OptionSetDescription("properties"), progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(done)
		}
	default:
		progress = func(done, total int, r pipeline.Result) {
			status := fmt.Sprintf("%d files", len(r.Files))
			if r.Err != nil {
				status = "failed: " + firstProblem(r.Err)
			}
			source := r.Source
			if r.Row > 0 {
				source = fmt.Sprintf("%s:%d", source, r.Row) // a spreadsheet's row
			}
			fmt.Fprintf(stderr, "[%d/%d] %s: %s\n", done, total, source, status)
		}
	}
	// The process's collector is tuned for a batch while it runs (see
	// package gctuning); the pipeline itself leaves process settings
	// alone.
	gc := gctuning.Start(o.jobs)
	defer gc.Restore()
	req.Progress = func(done, total int, r pipeline.Result) {
		if done%256 == 0 {
			gc.Check()
		}
		if progress != nil {
			progress(done, total, r)
		}
	}
	rep, err := pipeline.Batch(ctx, o.files, req)
	if bar != nil {
		_ = bar.Finish()
	}
	if rep == nil { // stopped before anything was written
		return err
	}
	status := exitOK
	for _, f := range rep.Failures {
		status = worst(status, exitStatus(f.Err))
		report(stderr, f.Err)
	}
	folderNotes(stderr, o.out, rep)
	if err != nil { // the manifest or the print file could not be written
		report(stderr, err)
		return reported(worst(status, exitStatus(err)))
	}
	if !o.quiet {
		fmt.Fprintf(stdout, "%d files for %d properties in %s (manifest.csv, manifest.json, manifest.xlsx)\n",
			rep.Written, rep.Built, o.out)
	}
	switch {
	case rep.Stopped != nil:
		fmt.Fprintf(stderr, "stopped, since the output folder failed: %v\n", rep.Stopped)
		fmt.Fprintf(stderr, "%d of %d properties were not started; the manifest lists the files that were written\n",
			max(0, rep.Properties-rep.Built-len(rep.Failures)), rep.Properties)
		return reported(worst(status, exitFault))
	case rep.Interrupted:
		fmt.Fprintf(stderr, "interrupted: the files listed in the manifest were written, the rest were not\n")
		return reported(exitInterrupted)
	case len(rep.Failures) > 0:
		fmt.Fprintf(stderr, "problems: %d (listed above); nothing was written for them\n", len(rep.Failures))
	}
	return reported(status)
}

// cpus is the number of CPUs this program may use (GOMAXPROCS, which
// follows a container's CPU limit), the default and largest -j.
func cpus() int { return runtime.GOMAXPROCS(0) }

// checkJobs checks -j: below 1 is a usage error; above the number of CPUs
// it is lowered to that number, with a note, since a build keeps one CPU
// busy and more builders at once only take memory (a million of them
// once ran out of it).
func (o *batchOptions) checkJobs(stderr io.Writer) error {
	if o.jobs < 1 {
		return usageError("-j %d: give 1 or more properties to build at once (the default is %d, one per CPU)", o.jobs, cpus())
	}
	if n := cpus(); o.jobs > n {
		if !o.quiet {
			cpu := "CPUs"
			if n == 1 {
				cpu = "CPU"
			}
			fmt.Fprintf(stderr, "note: -j %d is more than the %d %s this program may use; building %d at a time\n", o.jobs, n, cpu, n)
		}
		o.jobs = n
	}
	return nil
}

// firstProblem is the first line of an error, for a progress line; the
// whole error is printed at the end.
func firstProblem(err error) string {
	var list property.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		if len(list) > 1 {
			return fmt.Sprintf("%s (and %d more, listed at the end)", list[0].Error(), len(list)-1)
		}
		return list[0].Error()
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	return first
}

// folderNotes says what the output folder holds besides this run's
// files: what --clean removed, an earlier run's files the manifest still
// lists, and files it does not list.
func folderNotes(w io.Writer, out string, rep *pipeline.Report) {
	if rep.Removed != nil || rep.Changed != nil {
		fmt.Fprintf(w, "clean: removed %s that the earlier manifest listed\n", files(len(rep.Removed)))
	}
	if len(rep.Changed) > 0 {
		fmt.Fprintf(w, "clean: left %s that the earlier manifest listed but that changed since: %s\n",
			files(len(rep.Changed)), someNames(rep.Changed))
	}
	if rep.EarlierManifest != nil {
		fmt.Fprintf(w, "warning: %v\n", rep.EarlierManifest)
	}
	if rep.Kept > 0 {
		fmt.Fprintf(w, "note: the manifest also lists %s in %s from an earlier run, unchanged, that this run did not write (--clean removes them first)\n",
			files(rep.Kept), out)
	}
	if len(rep.Unlisted) > 0 {
		verb := "are"
		if len(rep.Unlisted) == 1 {
			verb = "is"
		}
		fmt.Fprintf(w, "warning: %s in %s %s not in the manifest, so not from this run or a listed earlier one: %s (move them away if they do not belong to this print)\n",
			files(len(rep.Unlisted)), out, verb, someNames(rep.Unlisted))
	}
}

func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// someNames lists up to five names, and how many more there are.
func someNames(names []string) string {
	if len(names) <= 5 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:5], ", "), len(names)-5)
}

func isTerminal(w io.Writer) bool {
	if t, ok := w.(*trackedWriter); ok {
		w = t.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
