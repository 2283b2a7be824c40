package main

import (
	"fmt"
	"io"
	"os"

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
			flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(path, flag, 0o644)
			if os.IsExist(err) {
				return fmt.Errorf("%s already exists (choose another name, or add --force to replace it)", path)
			}
			if err != nil {
				return err
			}
			if _, err := f.Write(property.Starter()); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s: edit it, then run 'huskurage check %s'\n", path, path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace the file if it exists")
	return cmd
}
