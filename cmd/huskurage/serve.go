package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"huskurage/web"
)

// serveOptions are the flags of serve.
type serveOptions struct {
	addr     string
	defaults string
	renders  int
}

func newServeCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web form in which a landlord makes the poster in a browser",
		Long: `serve runs the web form: a landlord fills in the property in a browser, sees
the pages as they will print, and downloads the posters, the leaflet and the
property file as a ZIP file; a municipality uploads its spreadsheet and gets
the whole batch. It opens nothing itself: open the address it prints.

The server keeps no state and writes nothing to disk; several may stand
behind one load balancer. SIGTERM or Ctrl-C stops it once the requests
under way are answered.`,
		Example: `  huskurage serve
  huskurage serve --addr :8080 --defaults ale-kommun.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.renders < 0 || o.renders > 256 {
				return usageError("--renders %d: choose 1 to 256, or 0 for one per CPU", o.renders)
			}
			return runServe(cmd.Context(), o, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "the address to listen on; :8080 for every network interface")
	f.StringVar(&o.defaults, "defaults", "", "a file of shared values under every property, shown in the form as inherited")
	f.IntVar(&o.renders, "renders", 0, "documents made at once (0: one per CPU); requests beyond wait, then get 503")
	return cmd
}

// runServe serves until SIGTERM or Ctrl-C, then lets the requests under
// way finish (for up to 30 s).
func runServe(ctx context.Context, o *serveOptions, stdout, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	s, err := web.New(web.Config{Defaults: o.defaults, Renders: o.renders, Log: log})
	if err != nil {
		return err // a defaults file's problems: bad input
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return usageError("--addr %s: %v", o.addr, err)
	}
	srv := s.HTTPServer(o.addr)
	fmt.Fprintf(stdout, "huskurage serve: http://%s/ (Ctrl-C stops it)\n", ln.Addr())
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	log.Info("stopping: finishing the requests under way")
	shut, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("stopping the server: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
