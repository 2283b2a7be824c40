package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version is the release's version. A release sets it when it links the
// program: go build -ldflags "-X main.version=1.2.3". When it is empty the
// version comes from the module's build information.
var version string

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of huskurage",
		Long:    `version prints the version of huskurage, as --version does: the release's version, or the module version and source revision it was built from.`,
		Example: `  huskurage version`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(stdout, versionText())
			return err
		},
	}
}

// versionText is the line version and --version print.
func versionText() string {
	info, _ := debug.ReadBuildInfo()
	return versionLine(version, info)
}

// versionLine is "huskurage VERSION", and with the build information what
// the binary was built from: "huskurage v1.2.3", or "huskurage (devel)
// 3f2a9c1d4e5b 2026-11-02T10:00:00Z modified" for a build from a clone
// with changes not committed. stamped, when not empty, wins over the
// module version.
func versionLine(stamped string, info *debug.BuildInfo) string {
	v := stamped
	if v == "" && info != nil {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	parts := []string{"huskurage", v}
	if info != nil {
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" {
			parts = append(parts, rev[:min(12, len(rev))])
		}
		if t := settings["vcs.time"]; t != "" {
			parts = append(parts, t)
		}
		if settings["vcs.modified"] == "true" {
			parts = append(parts, "modified")
		}
	}
	return strings.Join(parts, " ")
}
