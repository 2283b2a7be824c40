package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"huskurage/pipeline"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "huskurage",
		Short: "Print Huskurage posters and leaflets for a property",
		Long: `huskurage prints Huskurage material: a stairwell poster for each entrance and a
door leaflet for each apartment, as print-ready PDF files, from one YAML file
that describes the property (landlord, address, local contacts, QR link).

Start with 'huskurage init my-house.yaml', edit the file, check it with
'huskurage check my-house.yaml', and build it with
'huskurage build my-house.yaml -o out'.`,
		Example: `  huskurage init my-house.yaml
  huskurage check my-house.yaml
  huskurage build my-house.yaml -o out`,
		Version:       versionText(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "print the version of huskurage")
	root.SetUsageTemplate(root.UsageTemplate() + exitStatusHelp)
	root.AddCommand(newBuildCmd(stdout, stderr), newBatchCmd(stdout, stderr), newCheckCmd(stdout, stderr),
		newInitCmd(stdout), newLanguagesCmd(stdout), newServeCmd(stdout, stderr), newVersionCmd(stdout))
	strictHelpAndCompletion(root)
	return root
}

// strictHelpAndCompletion makes cobra's help and completion commands
// refuse what they do not know ("help nothing", "completion nosh") as
// usage errors, where they printed help and ended with exit status 0.
func strictHelpAndCompletion(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			show := c.Run
			c.Run = nil
			c.RunE = func(c *cobra.Command, args []string) error {
				if _, _, err := root.Find(args); err != nil {
					return usageError("no help for %q: %v", strings.Join(args, " "), strings.TrimSpace(err.Error()))
				}
				show(c, args)
				return nil
			}
		case "completion":
			// Runnable, it checks its arguments (cobra.NoArgs): an
			// unknown shell is an unknown command.
			c.RunE = func(c *cobra.Command, args []string) error { return c.Help() }
		}
	}
}

// exitStatusHelp ends the top-level help; the README has the same list.
const exitStatusHelp = `{{if not .HasParent}}
Exit status:
  0  everything asked for was done
  1  a property, defaults or texts file has a problem (listed on stderr)
  2  a flag or an argument is wrong (the usage is shown)
  3  a file could not be written, output could not be printed, or
     huskurage itself failed (a fault to report)
  130  batch was interrupted (Ctrl-C); the manifest lists what was written
{{end}}`

// Exit statuses; exitStatusHelp and the README list them.
const (
	exitOK    = 0
	exitInput = 1 // a property, defaults or texts file has a problem
	exitUsage = 2 // a flag or an argument is wrong
	exitFault = 3 // a write failed (disk, standard output) or huskurage failed
	// exitInterrupted is what shells report for a program stopped by
	// Ctrl-C (128 + SIGINT): batch stopped early and says so.
	exitInterrupted = 130
)

// failure is the command line's one error type: an error with the exit
// status it calls for. A command that has printed its problems already
// returns a failure with no error, which only sets the status.
type failure struct {
	status int
	err    error // nil when the problems are printed
}

func (f *failure) Error() string {
	if f.err == nil {
		return "problems reported above"
	}
	return f.err.Error()
}

func (f *failure) Unwrap() error { return f.err }

// usageError is a flag or argument the command cannot take: run prints
// it with the command's usage line and an example.
func usageError(format string, args ...any) error {
	return &failure{status: exitUsage, err: fmt.Errorf(format, args...)}
}

// reported is the failure of a command that printed its problems, or nil
// for exitOK.
func reported(status int) error {
	if status == exitOK {
		return nil
	}
	return &failure{status: status}
}

// exitStatus is the one place that maps an error to the exit status:
// a failure carries its own; a problem in a file the user gave is bad
// input; anything else (a write that failed, a fault in huskurage) is 3.
func exitStatus(err error) int {
	var f *failure
	var noFiles *pipeline.NoFilesError
	var entrance *pipeline.EntranceError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &f):
		return f.status
	case errors.As(err, &noFiles):
		return exitUsage // a folder argument with nothing to read
	case errors.As(err, &entrance):
		return exitUsage // --entrance names one the property does not have
	case isInputError(err):
		return exitInput
	default:
		return exitFault
	}
}

// worst returns the exit status that says the most of two: a fault over
// a usage error over bad input over success.
func worst(a, b int) int { return max(a, b) }

// trackedWriter remembers the first write to it that failed, so that a
// command whose output was lost (a full disk, a closed pipe) does not end
// with exit status 0.
type trackedWriter struct {
	w   io.Writer
	err error
}

func (t *trackedWriter) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n, err := t.w.Write(p)
	if err != nil {
		t.err = err
	}
	return n, err
}

func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext runs the command line args and returns the exit status;
// ctx is the commands' context, which batch also stops on at Ctrl-C.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out, errOut := &trackedWriter{w: stdout}, &trackedWriter{w: stderr}
	root := newRootCmd(out, errOut)
	root.SetArgs(args)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &failure{status: exitUsage, err: err}
	})
	// Errors that cobra finds before a command runs (an unknown command,
	// a wrong number of arguments) are usage errors; started tells them
	// from the command's own.
	started := false
	prof := &cpuProfile{}
	root.PersistentFlags().StringVar(&prof.path, "cpuprofile", "", "write a CPU profile of the command to this file")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error { started = true; return prof.start() }
	cmd, err := root.ExecuteContextC(ctx)
	if perr := prof.stop(); perr != nil && err == nil {
		err = perr
	}
	if err != nil && !started {
		var f *failure
		if !errors.As(err, &f) {
			err = &failure{status: exitUsage, err: err}
		}
	}
	status := exitStatus(err)
	var f *failure
	switch {
	case err == nil:
	case errors.As(err, &f) && f.err == nil:
		// printed by the command
	case status == exitUsage:
		printUsageError(errOut, cmd, err)
	case isInputError(err):
		report(errOut, err)
	default:
		fmt.Fprintf(errOut, "huskurage: %v\n", err)
	}
	if out.err != nil {
		fmt.Fprintf(errOut, "huskurage: could not print to standard output: %s (check where the output goes: a full disk, a closed pipe)\n", systemText(out.err))
		status = worst(status, exitFault)
	}
	if errOut.err != nil {
		status = worst(status, exitFault)
	}
	return status
}

// printUsageError prints a usage error with the command's usage line and
// the first line of its examples.
func printUsageError(w io.Writer, cmd *cobra.Command, err error) {
	if cmd == nil {
		cmd = &cobra.Command{Use: "huskurage"}
	}
	fmt.Fprintf(w, "%s: %s\n", cmd.CommandPath(), strings.TrimSpace(err.Error()))
	use, more := cmd.UseLine(), "every flag"
	if cmd.HasAvailableSubCommands() {
		use, more = cmd.CommandPath()+" [command]", "every command"
	}
	fmt.Fprintf(w, "Usage: %s\n", use)
	if ex, _, _ := strings.Cut(strings.TrimSpace(cmd.Example), "\n"); ex != "" {
		fmt.Fprintf(w, "Example: %s\n", strings.TrimSpace(ex))
	}
	fmt.Fprintf(w, "Run '%s --help' for %s.\n", cmd.CommandPath(), more)
}

// systemText is the operating system's reason for err without the call
// and path Go adds ("write /dev/stdout: no space left on device" becomes
// "no space left on device").
func systemText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// Arguments: cobra's validators, with messages that say what to give.

// needFiles wants one or more names of what: "property file" or
// "property file or folder".
func needFiles(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageError("give one or more %s", plural(what))
		}
		for i, a := range args {
			if a == "" {
				return usageError("argument %d is empty: give the name of a %s", i+1, what)
			}
		}
		return nil
	}
}

// plural makes "property file or folder" "property files or folders".
func plural(what string) string {
	words := strings.Split(what, " ")
	for i, w := range words {
		if i == len(words)-1 || i+1 < len(words) && words[i+1] == "or" {
			words[i] = w + "s"
		}
	}
	return strings.Join(words, " ")
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError("takes no arguments (got %q)", strings.Join(args, " "))
	}
	return nil
}

// lastDate is the last second a PDF date can hold: 9999-12-31 23:59:59 UTC.
var lastDate = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

// sourceDate returns the date to write into PDFs: SOURCE_DATE_EPOCH when
// it is set (reproducible builds), else the zero time, which the renderer
// turns into its fixed default date. A PDF date has four digits for the
// year, so the seconds must lie from 1970 to the end of 9999.
func sourceDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > lastDate.Unix() {
		return time.Time{}, usageError("SOURCE_DATE_EPOCH=%s: give whole seconds from 0 (1970-01-01) to %d (9999-12-31 23:59:59 UTC) (or unset it for the fixed default date)", s, lastDate.Unix())
	}
	return time.Unix(n, 0).UTC(), nil
}
