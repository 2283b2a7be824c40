package main

import (
	"strings"

	"github.com/spf13/cobra"

	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/sheet"
)

// spreadsheetFlags say how check and batch read spreadsheets.
type spreadsheetFlags struct {
	sheet    string
	encoding string
	columns  string
	opts     sheet.Options // made from the flags by spreadsheet()
}

func addSpreadsheetFlags(cmd *cobra.Command, o *buildOptions) {
	f := cmd.Flags()
	f.StringVar(&o.spreadsheet.sheet, "sheet", "", "the workbook sheet to read (default: the first visible one)")
	f.StringVar(&o.spreadsheet.encoding, "encoding", "", "the encoding of a CSV file: utf-8 (the default) or windows-1252 (an older Excel's)")
	f.StringVar(&o.spreadsheet.columns, "columns", "", "a file that maps your own column headers to ours, one a line (Gatuadress: Adress)")
	_ = cmd.RegisterFlagCompletionFunc("encoding", cobra.FixedCompletions(sheet.Encodings, cobra.ShellCompDirectiveNoFileComp))
}

// spreadsheet checks the spreadsheet flags and reads the --columns file;
// a problem in that file is an input error, a wrong value a usage error.
func (o *buildOptions) spreadsheetOptions() error {
	s := &o.spreadsheet
	if s.encoding != "" {
		if err := oneOf("--encoding", strings.ToLower(s.encoding), sheet.Encodings); err != nil {
			return &failure{status: exitUsage, err: err}
		}
	}
	s.opts = sheet.Options{Sheet: s.sheet, Encoding: strings.ToLower(s.encoding)}
	if s.columns == "" {
		return nil
	}
	cols, err := sheet.LoadColumns(s.columns)
	if err != nil {
		return err
	}
	s.opts.Columns = cols
	return nil
}

// load reads the properties of one input of check: a property file, or
// the rows of a spreadsheet. Each property that cannot be read is one
// error, so that check counts it once.
func (o *buildOptions) load(b *pipeline.Builder, path string, defaults *property.Defaults) ([]*property.Property, []error) {
	if !sheet.Is(path) {
		props, err := b.LoadStream(path, defaults)
		if err != nil {
			return props, []error{err}
		}
		return props, nil
	}
	t, err := sheet.Read(path, o.spreadsheet.opts)
	if err != nil {
		return nil, []error{err}
	}
	var errs []error
	if len(t.Duplicates) > 0 {
		errs = append(errs, t.Duplicates)
	}
	var props []*property.Property
	for i := range t.Rows {
		p, err := t.Property(i, b.PropertyOptions(defaults))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		props = append(props, p)
	}
	return props, errs
}

// refuseSpreadsheets is build's answer to a spreadsheet: build takes one
// property a file.
func refuseSpreadsheets(files []string) error {
	for _, f := range files {
		if sheet.Is(f) {
			return usageError("%s: build takes property files; a spreadsheet's rows are built by 'huskurage batch %s -o FOLDER' (and checked by 'huskurage check %s')", f, f, f)
		}
	}
	return nil
}
