package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"huskurage/templates"
)

func newLanguagesCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "languages",
		Short: "List the languages the documents can be printed in",
		Long: `languages lists every language with built-in texts: its code (for --lang and
the property file's language field), its name in itself and in English, its
script and direction, and whether a native speaker has reviewed the texts.`,
		Example: `  huskurage languages`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "CODE\tNAME\tENGLISH\tSCRIPT\tDIRECTION\tREVIEWED")
			for _, code := range templates.Codes() {
				l, err := templates.Load(code)
				if err != nil {
					return err
				}
				reviewed := "no"
				if l.Reviewed {
					reviewed = "yes"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", l.Code, l.Name, l.EnglishName, l.Script, l.Direction, reviewed)
			}
			return w.Flush()
		},
	}
}
