package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"huskurage/templates"
)

func newLanguagesCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "languages [CODE...]",
		Short: "List the languages the documents can be printed in",
		Long: `languages lists every language with built-in texts: its code (for --lang and
the property file's language field), its name in itself and in English, its
script and direction, and whether a native speaker has reviewed the texts.

With codes, it shows those languages in full: what a native reviewer should
check first, so that a municipality can hand the file (templates/CODE.yaml)
to its interpreter service, and every text.`,
		Example: `  huskurage languages
  huskurage languages ar so`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return showLanguages(stdout, args)
			}
			w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "CODE\tNAME\tENGLISH\tSCRIPT\tDIRECTION\tREVIEWED")
			for _, code := range templates.Codes() {
				l, err := templates.Load(code)
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", l.Code, l.Name, l.EnglishName, l.Script, l.Direction, reviewed(l))
			}
			return w.Flush()
		},
	}
}

func reviewed(l *templates.Language) string {
	if l.Reviewed {
		return "yes"
	}
	return "no"
}

// showLanguages prints each language's review state, its notes for a
// reviewer and its texts.
func showLanguages(w io.Writer, codes []string) error {
	for i, code := range codes {
		if err := oneOf("language", code, templates.Codes()); err != nil {
			return &failure{status: exitUsage, err: err}
		}
		l, err := templates.Load(code)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s: %s (%s), %s, %s\n", l.Code, l.Name, l.EnglishName, l.Script, l.Direction)
		if l.Reviewed {
			fmt.Fprintln(w, "Reviewed by a native speaker.")
		} else {
			fmt.Fprintln(w, "Not reviewed by a native speaker yet. A reviewer should check first:")
			for _, n := range l.ReviewNotes {
				fmt.Fprintf(w, "  - %s\n", n)
			}
		}
		fmt.Fprintln(w, "Texts:")
		for _, k := range templates.Keys {
			fmt.Fprintf(w, "  %s: %s\n", k, strings.ReplaceAll(l.Text(k), "\n", " "))
		}
	}
	return nil
}
