package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/templates"
)

type checkOptions struct {
	buildOptions
	json bool
}

func newCheckCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check PROPERTY.yaml...",
		Short: "Check property files without writing anything",
		Long: `check reads each property file, checks every field, and lays out and renders
its documents in memory, so that it finds everything build would refuse
(text that does not fit, a link too long for its QR code). It writes no file.

Like batch, it takes folders, files that hold several properties
separated by ---, and spreadsheets (.xlsx, .csv, .tsv) with a property a
row, each problem named by its cell. With --defaults the shared values are merged in, and
--show ID prints one property as it will be printed, with where each
inherited value came from.

It ends with a summary line: "300 properties ok, 1,196 documents", or
"298 properties ok, 2 with problems" on stderr after the problems. A file
whose properties cannot be read at all counts once. --json prints instead
every problem and warning for a program to read, with the same counts.`,
		Example: `  huskurage check examples/ale-storgatan.yaml
  huskurage check fastigheter.xlsx --defaults ale-kommun.yaml --show gota-alvs-vag-27
  huskurage check --poster-size A3 properties/*.yaml
  huskurage check --defaults ale-kommun.yaml --show storgatan-7 properties/*.yaml
  huskurage check --json properties/`,
		Args: needFiles("property file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.files = args
			return runCheck(cmd.Context(), o, stdout, stderr)
		},
	}
	addDocFlags(cmd, &o.buildOptions)
	addDefaultsFlag(cmd, &o.buildOptions)
	addOnlyFlag(cmd, &o.buildOptions)
	addSpreadsheetFlags(cmd, &o.buildOptions)
	cmd.Flags().StringVar(&o.show, "show", "", "print the property with this id as it will be printed, defaults merged in")
	cmd.Flags().BoolVar(&o.json, "json", false, "print the problems, warnings and counts as JSON on stdout")
	return cmd
}

// checkReport is what check found. Its JSON form is check --json's
// output; the field names are part of the command's interface.
type checkReport struct {
	OK           int             `json:"ok"`
	WithProblems int             `json:"with_problems"`
	Documents    int             `json:"documents"`
	Properties   []checkProperty `json:"properties"`
	Problems     []checkProblem  `json:"problems"`
}

// checkProperty is a property that passed.
type checkProperty struct {
	File      string `json:"file"`
	ID        string `json:"id"`
	Documents int    `json:"documents"`
}

// checkProblem is one problem or warning, placed in its file.
type checkProblem struct {
	Severity string `json:"severity"` // "error" or "warning"
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Cell     string `json:"cell,omitempty"` // a spreadsheet's cell: "Fastigheter!C14", "14:3 (Postnummer)"
	Field    string `json:"field"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

// add records the problems in err, which isInputError accepts.
func (r *checkReport) add(err error) {
	var list property.ErrorList
	var one *property.Error
	var problems templates.Problems
	switch {
	case errors.As(err, &list):
		r.addList("error", list)
	case errors.As(err, &one):
		r.addList("error", property.ErrorList{one})
	case errors.As(err, &problems):
		for _, p := range problems {
			r.Problems = append(r.Problems, checkProblem{Severity: "error", File: p.File, Line: p.Line, Column: p.Col,
				Field: p.Key, Message: p.Message})
		}
	}
}

func (r *checkReport) addList(severity string, list property.ErrorList) {
	for _, e := range list {
		r.Problems = append(r.Problems, checkProblem{Severity: severity, File: e.Pos.File, Line: e.Pos.Line,
			Column: e.Pos.Col, Cell: e.Pos.Cell, Field: e.Field, Message: e.Problem, Hint: e.Hint})
	}
}

// summary is the last line of check: "300 properties ok, 1,196
// documents", or with problems "298 properties ok, 2 with problems".
func (r *checkReport) summary() string {
	p := message.NewPrinter(language.English)
	ok := p.Sprintf("%d properties ok", r.OK)
	if r.OK == 1 {
		ok = "1 property ok"
	}
	if r.WithProblems > 0 {
		return p.Sprintf("%s, %d with problems", ok, r.WithProblems)
	}
	if r.Documents == 1 {
		return ok + ", 1 document"
	}
	return p.Sprintf("%s, %d documents", ok, r.Documents)
}

func (r *checkReport) writeJSON(w io.Writer) error {
	if r.Properties == nil {
		r.Properties = []checkProperty{}
	}
	if r.Problems == nil {
		r.Problems = []checkProblem{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func runCheck(ctx context.Context, o *checkOptions, stdout, stderr io.Writer) error {
	ctx, stop := interruptible(ctx)
	defer stop()
	if o.json && o.show != "" {
		return usageError("--json and --show do not go together (--show prints a property as YAML)")
	}
	r := &checkReport{}
	// say prints a line for a person; --json prints only the report.
	say := func(w io.Writer, format string, args ...any) {
		if !o.json {
			fmt.Fprintf(w, format, args...)
		}
	}
	status := exitOK
	problem := func(err error) {
		status = worst(status, exitStatus(err))
		switch {
		case !isInputError(err):
			fmt.Fprintf(stderr, "huskurage: %v\n", err)
		case o.json:
			r.add(err)
		default:
			report(stderr, err)
		}
	}
	warnings := func(list property.ErrorList) {
		if o.json {
			r.addList("warning", list)
		} else {
			warn(stderr, list)
		}
	}
	// A problem with a texts, defaults or --columns file: with --json,
	// it is the report's.
	fail := func(err error) error {
		if !o.json || !isInputError(err) {
			return err
		}
		problem(err)
		if err := r.writeJSON(stdout); err != nil {
			return err
		}
		return reported(status)
	}
	if err := o.prepare(); err != nil {
		return fail(err)
	}
	if err := o.spreadsheetOptions(); err != nil {
		return fail(err)
	}
	req := o.request(time.Time{})
	req.ReadOnly = o.show != "" // --show prints the property, it makes nothing
	shown := false
	req.Progress = func(_, _ int, res pipeline.Result) {
		p := res.Property
		switch {
		case p == nil:
			r.WithProblems++ // a file, row or stream that gives no property
			problem(res.Err)
		case o.show != "":
			if p.ID == o.show {
				fmt.Fprint(stdout, p.Summary())
				shown = true
			}
		case res.Err != nil:
			warnings(res.Warnings)
			r.WithProblems++
			problem(res.Err)
		default:
			warnings(res.Warnings)
			r.OK++
			r.Documents += len(res.Docs)
			r.Properties = append(r.Properties, checkProperty{File: res.Source, ID: p.ID, Documents: len(res.Docs)})
			if res.Of == 1 {
				say(stdout, "%s: ok, %d documents\n", res.Source, len(res.Docs))
			} else {
				say(stdout, "%s: %s: ok, %d documents\n", res.Source, p.ID, len(res.Docs))
			}
		}
	}
	err := pipeline.Check(ctx, o.files, req)
	var stopped *pipeline.Interrupted
	switch {
	case errors.As(err, &stopped):
		fmt.Fprintf(stderr, "interrupted: %s and the files after it were not checked\n", stopped.At)
		return reported(exitInterrupted)
	case err != nil:
		return fail(err)
	}
	if o.show != "" {
		if !shown && status == exitOK {
			return usageError("--show %s: no property with this id in %s", o.show, strings.Join(o.files, ", "))
		}
		return reported(status)
	}
	if o.json {
		if err := r.writeJSON(stdout); err != nil {
			return err
		}
	} else if r.WithProblems > 0 {
		fmt.Fprintln(stderr, r.summary())
	} else {
		fmt.Fprintln(stdout, r.summary())
	}
	return reported(status)
}
