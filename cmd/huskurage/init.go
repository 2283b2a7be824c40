package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"huskurage/property"
)

func newInitCmd(stdout io.Writer) *cobra.Command {
	force := false
	lang := property.StarterLanguages[0]
	cmd := &cobra.Command{
		Use:   "init FILE.yaml",
		Short: "Write a commented starter property file",
		Long: `init writes a property file with every field explained in comments, filled
with an example building. The example values are marked, and check and build
refuse each one until it is replaced with your own. The comments are in
Swedish, or in English with --lang en.`,
		Example: `  huskurage init my-house.yaml
  huskurage init --lang en my-house.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("--lang", lang, property.StarterLanguages); err != nil {
				return err
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
	cmd.Flags().StringVar(&lang, "lang", lang, "language of the comments: "+strings.Join(property.StarterLanguages, " or "))
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(property.StarterLanguages, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// writeNew writes data to path through a temporary file in the same
// folder, so that a half-written file never takes the place of a good one.
// Without replace, an existing file is left alone and is an error.
func writeNew(path string, data []byte, replace bool) error {
	if _, err := os.Lstat(path); err == nil && !replace {
		return fmt.Errorf("%s already exists (choose another name, or add --force to replace it)", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if replace {
		return os.Rename(tmp.Name(), path)
	}
	// A hard link fails if path has appeared meanwhile, where a rename
	// would silently replace it.
	if err := os.Link(tmp.Name(), path); err != nil {
		if os.IsExist(err) {
			return fmt.Errorf("%s already exists (choose another name, or add --force to replace it)", path)
		}
		return err
	}
	return nil
}
