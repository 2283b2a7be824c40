package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"huskurage/property"
)

func newInitCmd(stdout io.Writer) *cobra.Command {
	force := false
	cmd := &cobra.Command{
		Use:   "init FILE.yaml",
		Short: "Write a commented starter property file",
		Long: `init writes a property file with every field explained in comments, filled
with an example building. Edit it, then run 'huskurage check' on it.`,
		Example: `  huskurage init my-house.yaml`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			if err := writeNew(path, property.Starter(), force); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s: edit it, then run 'huskurage check %s'\n", path, path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace the file if it exists")
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
