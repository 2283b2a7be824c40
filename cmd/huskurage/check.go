package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"huskurage/batch"
)

func newCheckCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "check PROPERTY.yaml...",
		Short: "Check property files without writing anything",
		Long: `check reads each property file, checks every field, and lays out and renders
its documents in memory, so that it finds everything build would refuse
(text that does not fit, a link too long for its QR code). It writes no file.

Like batch, it takes folders and files that hold several properties
separated by ---. With --defaults the shared values are merged in, and
--show ID prints one property as it will be printed, with where each
inherited value came from.`,
		Example: `  huskurage check examples/ale-storgatan.yaml
  huskurage check --poster-size A3 properties/*.yaml
  huskurage check --defaults ale-kommun.yaml --show storgatan-7 properties/*.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.files = args
			return runCheck(cmd.Context(), o, stdout, stderr)
		},
	}
	addDocFlags(cmd, o)
	addDefaultsFlag(cmd, o)
	cmd.Flags().StringVar(&o.show, "show", "", "print the property with this id as it will be printed, defaults merged in")
	return cmd
}

func runCheck(ctx context.Context, o *buildOptions, stdout, stderr io.Writer) error {
	ctx, stop := interruptible(ctx)
	defer stop()
	b, defaults, err := o.builder(stderr)
	if err != nil {
		return err
	}
	failed, shown := 0, false
	paths, err := batch.Files(o.files)
	if err != nil {
		return err
	}
	paths = batch.Without(paths, o.defaults)
	for _, path := range paths {
		props, err := b.LoadStream(path, defaults)
		if err != nil {
			failed++
			report(stderr, err)
		}
		for _, p := range props {
			if o.show == "" {
				warn(stderr, p)
			}
			if o.show != "" {
				if p.ID == o.show {
					fmt.Fprint(stdout, p.Summary())
					shown = true
				}
				continue
			}
			files, err := b.Build(ctx, p, o.docOptions(time.Time{}))
			if ctx.Err() != nil {
				fmt.Fprintf(stderr, "interrupted: %s and the files after it were not checked\n", path)
				return errReported
			}
			if err != nil {
				failed++
				report(stderr, err)
				continue
			}
			if len(props) == 1 {
				fmt.Fprintf(stdout, "%s: ok, %d documents\n", path, len(files))
			} else {
				fmt.Fprintf(stdout, "%s: %s: ok, %d documents\n", path, p.ID, len(files))
			}
		}
	}
	if o.show != "" && !shown {
		fmt.Fprintf(stderr, "no property with id %q in %s\n", o.show, strings.Join(o.files, ", "))
		return errReported
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "%d of %d property files have problems\n", failed, len(paths))
		return errReported
	}
	return nil
}
