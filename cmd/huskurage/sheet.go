package main

import (
	"strings"

	"github.com/spf13/cobra"

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
