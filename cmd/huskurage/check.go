package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"huskurage/build"
)

func newCheckCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "check PROPERTY.yaml...",
		Short: "Check property files without writing anything",
		Long: `check reads each property file, checks every field, and lays out and renders
its documents in memory, so that it finds everything build would refuse
(text that does not fit, a link too long for its QR code). It writes no file.`,
		Example: `  huskurage check examples/ale-storgatan.yaml
  huskurage check --poster-size A3 properties/*.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.files = args
			return runCheck(o, stdout, stderr)
		},
	}
	addDocFlags(cmd, o)
	return cmd
}

func runCheck(o *buildOptions, stdout, stderr io.Writer) error {
	if err := o.check(); err != nil {
		return err
	}
	b, err := build.New()
	if err != nil {
		return err
	}
	failed := 0
	for _, path := range o.files {
		files, _, err := buildOne(b, path, o, time.Time{})
		if err != nil {
			failed++
			report(stderr, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: ok, %d documents\n", path, len(files))
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "%d of %d property files have problems\n", failed, len(o.files))
		return errReported
	}
	return nil
}
