package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	dockind "huskurage/kind"
	"huskurage/property"
	"huskurage/templates"
)

// ExampleID is the id of the example row that Template writes. A row with
// this id is refused, so that the example never reaches a printed page.
const ExampleID = "exempel"

// templateColumns are the columns of the workbook `init` writes: every
// known column, with two contacts.
func templateColumns() []Column {
	var out []Column
	for _, c := range Columns {
		out = append(out, c)
	}
	for _, c := range Columns {
		if strings.HasPrefix(c.Field, "contacts.") {
			c2 := c
			c2.Swedish = strings.Replace(c.Swedish, "1", "2", 1)
			c2.English = strings.Replace(c.English, "1", "2", 1)
			c2.Example = ""
			out = append(out, c2)
		}
	}
	return out
}

// exampleValue is what the example row holds in a column.
func exampleValue(c Column) string {
	switch c.Field {
	case "id":
		return ExampleID
	case "landlord.logo", "contacts.remove":
		return "" // a file the clerk has not got; a contact to remove
	}
	return c.Example
}

// Template returns a spreadsheet for a clerk to fill in: for ".csv" the
// header row and an example row, as Swedish Excel saves CSV (';', a byte
// order mark, CRLF); for ".xlsx" a workbook whose first sheet,
// Fastigheter, has the header row (frozen), the example row and data
// validation where Excel has it (a language from the list, postal codes
// of five or six characters, whole numbers of apartments), with the
// code columns formatted as text so that leading zeros stay; and whose
// second sheet, Förklaring, explains every column.
func Template(ext string) ([]byte, error) {
	cols := templateColumns()
	if strings.EqualFold(ext, ".csv") || strings.EqualFold(ext, ".tsv") {
		var b bytes.Buffer
		b.WriteString("\xEF\xBB\xBF")
		w := csv.NewWriter(&b)
		w.Comma = ';'
		if strings.EqualFold(ext, ".tsv") {
			w.Comma = '\t'
		}
		w.UseCRLF = true
		var head, ex []string
		for _, c := range cols {
			head = append(head, c.Swedish)
			ex = append(ex, exampleValue(c))
		}
		_ = w.Write(head)
		_ = w.Write(ex)
		w.Flush()
		return b.Bytes(), w.Error()
	}
	f := excelize.NewFile()
	defer f.Close()
	const data, help = "Fastigheter", "Förklaring"
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDE8EE"}}})
	if err != nil {
		return nil, err
	}
	asText, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // @: text
	if err != nil {
		return nil, err
	}
	head := make([]any, len(cols))
	ex := make([]any, len(cols))
	for i, c := range cols {
		head[i], ex[i] = c.Swedish, exampleValue(c)
		col := columnLetters(i + 1)
		width := float64(max(12, len([]rune(c.Swedish))+2, len([]rune(c.Example))+2))
		if err := f.SetColWidth(data, col, col, min(width, 40)); err != nil {
			return nil, err
		}
		if c.kind == code || c.kind == entrances || c.Field == "id" {
			if err := f.SetColStyle(data, col, asText); err != nil {
				return nil, err
			}
		}
		if err := validation(f, data, col, c); err != nil {
			return nil, err
		}
	}
	if err := f.SetSheetRow(data, "A1", &head); err != nil {
		return nil, err
	}
	if err := f.SetRowStyle(data, 1, 1, bold); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(data, "A2", &ex); err != nil {
		return nil, err
	}
	if err := f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}

	if _, err := f.NewSheet(help); err != nil {
		return nil, err
	}
	rows := [][]any{
		{"Kolumn", "Krävs", "Vad du skriver", "Exempel", "English"},
	}
	for _, c := range Columns {
		req := "nej"
		if c.Required {
			req = "ja, om inte --defaults ger det"
		}
		rows = append(rows, []any{c.Swedish, req, c.Format, c.Example, c.English})
	}
	rows = append(rows, []any{},
		[]any{"Varje rad är en fastighet. Raden med id " + ExampleID + " är ett exempel: skriv över den, eller ta bort den."},
		[]any{"Kontakt 2 … Kontakt 12: som Kontakt 1. Tomma celler betyder \"inte angivet\": värdet från --defaults används."},
		[]any{"Text på fler språk: en kolumn som \"QR-text (ar)\" eller \"Kontakt 1 not (en)\". Språkkoder: " + strings.Join(templates.Codes(), ", ") + "."},
		[]any{"Rubriker får skrivas på svenska eller engelska, med stora eller små bokstäver. Spara som Excel-arbetsbok (.xlsx) eller CSV UTF-8."},
	)
	for i, r := range rows {
		if err := f.SetSheetRow(help, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return nil, err
		}
	}
	if err := f.SetRowStyle(help, 1, 1, bold); err != nil {
		return nil, err
	}
	for col, w := range map[string]float64{"A": 22, "B": 28, "C": 60, "D": 30, "E": 18} {
		if err := f.SetColWidth(help, col, col, w); err != nil {
			return nil, err
		}
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// validation adds Excel's data validation to a column of the data sheet,
// where Excel has a kind that fits.
func validation(f *excelize.File, sheet, col string, c Column) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, MaxRows+1))
	switch c.Field {
	case "languages":
		// Several languages are written "sv, ar", which a list does not
		// hold: a warning that lets the clerk go on.
		if err := dv.SetDropList(templates.Codes()); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleInformation, "Språk",
			"Välj ett språk i listan. Flera språk skrivs med komma emellan: sv, ar.")
	case "property.postal_code":
		if err := dv.SetRange(5, 6, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Postnummer", "Fem siffror: 44930 eller 449 30.")
	case "property.apartments":
		if err := dv.SetRange(1, property.MaxApartments, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Antal lägenheter", "Ett heltal: antal lägenheter i fastigheten.")
	default:
		return nil
	}
	return f.AddDataValidation(sheet, dv)
}

// ManifestRow is one written file, for Manifest.
type ManifestRow struct {
	Property string
	Source   string // the file the property came from
	Row      int    // its row, for a spreadsheet; 0 otherwise
	File     string
	Kind     string
	Lang     string
	Size     string
	Pages    int
	Copies   int  // copies to print
	Unknown  bool // the number of copies is not known (no apartments given)
}

// Manifest returns a workbook with a row for each file written, for a
// clerk to open in Excel: property, source and row, file, kind, language,
// paper, pages and copies to print. Its headers are in Swedish.
func Manifest(rows []ManifestRow) ([]byte, error) {
	var buf bytes.Buffer
	err := WriteManifest(&buf, func(yield func(ManifestRow) error) error {
		for _, r := range rows {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteManifest writes the workbook Manifest makes to w, with the rows
// that rows yields, one at a time: excelize's stream writer keeps a
// workbook of 100,000 rows on disk instead of as cells in memory (about
// 150 MB).
func WriteManifest(w io.Writer, rows func(yield func(ManifestRow) error) error) error {
	f := excelize.NewFile()
	defer f.Close()
	const name = "Filer"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for col, w := range []float64{24, 28, 6, 44, 12, 8, 8, 7, 16} {
		if err := sw.SetColWidth(col+1, col+1, w); err != nil {
			return err
		}
	}
	head := []any{"Fastighet", "Källa", "Rad", "Fil", "Slag", "Språk", "Format", "Sidor", "Antal att trycka"}
	if err := sw.SetRow("A1", head, excelize.RowOpts{StyleID: bold}); err != nil {
		return err
	}
	n := 1
	err = rows(func(r ManifestRow) error {
		n++
		var row, copies any
		if r.Row > 0 {
			row = r.Row
		}
		switch {
		case r.Unknown:
			copies = "okänt"
		case r.Copies > 0:
			copies = r.Copies
		}
		cells := []any{r.Property, r.Source, row, r.File, kindName(r.Kind), r.Lang, r.Size, r.Pages, copies}
		return sw.SetRow("A"+strconv.Itoa(n), cells)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// kindName is a kind of file in the manifest in Swedish: a document's
// by its kind (package kind), or a property's print sheets, or the print file.
func kindName(name string) string {
	if k := dockind.Named(name); k != nil {
		return k.Cover.In("sv").One
	}
	switch name {
	case "sheets":
		return "tryckark"
	case "print":
		return "tryckfil"
	}
	return name
}
