package main

import (
	"os"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// cmdMkxlsx writes a workbook as a clerk's Excel keeps it, from a text
// file of rows with cells separated by ';': mkxlsx SHEET TEXTFILE FILE.xlsx.
// A cell written #44930 is a number, as Excel keeps what is typed into a
// cell not formatted as text.
func cmdMkxlsx(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: mkxlsx SHEET TEXTFILE FILE.xlsx")
	}
	data, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	f := excelize.NewFile()
	defer f.Close()
	ts.Check(f.SetSheetName("Sheet1", args[0]))
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		var cells []any
		for _, c := range strings.Split(line, ";") {
			if n, err := strconv.Atoi(strings.TrimPrefix(c, "#")); err == nil && strings.HasPrefix(c, "#") {
				cells = append(cells, n)
			} else {
				cells = append(cells, c)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		ts.Check(f.SetSheetRow(args[0], cell, &cells))
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[2])))
}
