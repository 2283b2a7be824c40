package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"
)

// Exit statuses.
const (
	exitOK    = 0
	exitInput = 1 // a property file or an argument is wrong
)

// errReported is returned by a command that has already printed its
// problems; run only sets the exit status.
var errReported = errors.New("reported")

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
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newBuildCmd(stdout, stderr), newBatchCmd(stdout, stderr), newCheckCmd(stdout, stderr), newInitCmd(stdout), newLanguagesCmd(stdout))
	return root
}

func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintf(stderr, "huskurage: %v\n", err)
		}
		return exitInput
	}
	return exitOK
}

// sourceDate returns the date to write into PDFs: SOURCE_DATE_EPOCH when
// it is set (reproducible builds), else the zero time, which the renderer
// turns into its fixed default date.
func sourceDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
