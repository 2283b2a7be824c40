package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"huskurage/property"
)

// defaults are what a municipality gives every row in these tests.
func defaults(t *testing.T) *property.Defaults {
	t.Helper()
	d, err := property.ParseDefaults([]byte("qr:\n  url: https://ale.se/huskurage\n"), "ale.yaml", ".", property.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// writeXLSX writes a workbook with one sheet, Fastigheter, of rows.
func writeXLSX(t *testing.T, rows [][]any) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fastigheter.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Fastigheter"); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Fastigheter", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeFile writes a CSV file as given.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// swedishExcel saves lines as Swedish Excel does: ';', a BOM and CRLF.
func swedishExcel(lines ...string) string {
	return "\xEF\xBB\xBF" + strings.Join(lines, "\r\n") + "\r\n"
}

func read(t *testing.T, path string, opts Options) *Table {
	t.Helper()
	tb, err := Read(path, opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return tb
}

func props(t *testing.T, tb *Table, d *property.Defaults) []*property.Property {
	t.Helper()
	var out []*property.Property
	for i := range tb.Rows {
		p, err := tb.Property(i, property.Options{Defaults: d})
		if err != nil {
			t.Fatalf("row %d: %v", tb.Rows[i].Num, err)
		}
		out = append(out, p)
	}
	return out
}

// problems returns the errors of row i, one a line.
func problems(t *testing.T, tb *Table, i int, d *property.Defaults) string {
	t.Helper()
	_, err := tb.Property(i, property.Options{Defaults: d})
	var list property.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("row %d: want problems, got %v", tb.Rows[i].Num, err)
	}
	return list.Error()
}

func TestSwedishExcelCSV(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "fastigheter.csv", swedishExcel(
		"Adress;Postnummer;Ort;Fastighetsägare;Telefon;Antal lägenheter;Uppgångar",
		"Göta älvs väg 27;44930;Nödinge;Alebyggen;0303-33 00 00;36;27A–27C",
		`"Storgatan 7";449 31;Alafors;"Brf Eken; Ale";0303-70 30 00;"1 200";7A-7B`,
		";;;;;;", // an empty row is skipped
		"Kungsvägen 1;449 32;Surte;Alebyggen;;;1-3, 5",
	))
	tb := read(t, path, Options{})
	ps := props(t, tb, defaults(t))
	if len(ps) != 3 {
		t.Fatalf("got %d properties", len(ps))
	}
	p := ps[0]
	if p.ID != "gota-alvs-vag-27" || p.Building.Address != "Göta älvs väg 27" || p.Building.PostalCode != "44930" ||
		p.Building.City != "Nödinge" || p.Landlord.Name != "Alebyggen" || p.Landlord.Phone != "0303-33 00 00" ||
		p.Building.Apartments != 36 || p.QR.URL != "https://ale.se/huskurage" {
		t.Errorf("row 2: %+v", p)
	}
	if want := []string{"27A", "27B", "27C"}; !reflect.DeepEqual(p.Building.Entrances, want) {
		t.Errorf("entrances %q, want %q", p.Building.Entrances, want)
	}
	if p := ps[1]; p.Landlord.Name != "Brf Eken; Ale" || p.Building.Apartments != 1200 || !reflect.DeepEqual(p.Building.Entrances, []string{"7A", "7B"}) {
		t.Errorf("row 3: %+v", p)
	}
	if p := ps[2]; !reflect.DeepEqual(p.Building.Entrances, []string{"1", "2", "3", "5"}) || tb.Rows[2].Num != 5 {
		t.Errorf("row 5: entrances %q, row %d", p.Building.Entrances, tb.Rows[2].Num)
	}
	if got := ps[1].Pos("property.city").String(); got != path+":3:3 (Ort)" {
		t.Errorf("position of a cell: %s", got)
	}
	if tb.Source(2) != path+":5" {
		t.Errorf("Source = %s", tb.Source(2))
	}
}

func TestSeparatorsAndEncodings(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, data string }{
		{"comma, no BOM, LF", "Address,Postal code,City,Landlord\nStorgatan 7,449 30,Nödinge,Brf A\n"},
		{"tab", "Adress\tPostnummer\tOrt\tHyresvärd\nStorgatan 7\t449 30\tNödinge\tBrf A\n"},
		{"semicolon, quoted header with a comma", "\"Adress\";Postnummer;Ort;Hyresvärd\r\nStorgatan 7;449 30;Nödinge;Brf A\r\n"},
	} {
		p := props(t, read(t, writeFile(t, "f.csv", tt.data), Options{}), defaults(t))[0]
		if p.Building.Address != "Storgatan 7" || p.Building.City != "Nödinge" || p.Landlord.Name != "Brf A" {
			t.Errorf("%s: %+v", tt.name, p.Building)
		}
	}

	// Windows-1252, as an older Excel saves: refused with the fix, or
	// read when the user says so.
	latin1 := "Adress;Postnummer;Ort;Hyresv\xe4rd\r\nG\xf6ta \xe4lvs v\xe4g 27;449 30;N\xf6dinge;Brf A\r\n"
	path := writeFile(t, "gammal.csv", latin1)
	_, err := Read(path, Options{})
	want := path + ":1:4: the file is not valid UTF-8 (byte 0xE4) (save it as CSV UTF-8; it may have been saved as Latin-1 or Windows-1252: then read it with --encoding windows-1252)"
	if err == nil || err.Error() != want {
		t.Errorf("Windows-1252 without --encoding:\ngot  %v\nwant %s", err, want)
	}
	p := props(t, read(t, path, Options{Encoding: "windows-1252"}), defaults(t))[0]
	if p.Building.Address != "Göta älvs väg 27" || p.Building.City != "Nödinge" {
		t.Errorf("read as Windows-1252: %+v", p.Building)
	}
}

func TestXLSXValuesAsClerksWriteThem(t *testing.T) {
	t.Parallel()
	path := writeXLSX(t, [][]any{
		// English headers, any order, any case and spacing.
		{"QR URL", "landlord", "CITY", "postal  code", "Address", "apartments", "Languages", "Contact 1 name", "Contact 1 phone",
			"Contact 1 note", "Contact 1 note (ar)", "Steps", "id"},
		{"https://a.se/h", "Brf A", "Nödinge", 44930, "Storgatan 7", 24, "sv, ar", "Socialtjänsten", "0303-70 30 00",
			"Fråga efter en handläggare.", "اطلب موظفاً", "knacka, andra, polis", "hus-a"},
		{"https://a.se/h", "Brf A", "Nödinge", "449 30", "Storgatan 9", "12", "en", "", "", "", "", "", ""},
	})
	tb := read(t, path, Options{})
	ps := props(t, tb, nil)
	p := ps[0]
	if p.ID != "hus-a" || p.Building.PostalCode != "44930" || p.Building.Apartments != 24 ||
		!reflect.DeepEqual(p.Languages, []string{"sv", "ar"}) || !reflect.DeepEqual(p.Steps, []string{"knock", "others", "police"}) {
		t.Errorf("row 2: %+v", p)
	}
	if len(p.Contacts) != 1 || p.Contacts[0].Note.In("sv") != "Fråga efter en handläggare." || p.Contacts[0].Note.In("ar") != "اطلب موظفاً" {
		t.Errorf("contacts: %+v", p.Contacts)
	}
	if got := p.Pos("contacts[0].note.ar").String(); got != path+":Fastigheter!K2" {
		t.Errorf("position of the Arabic note: %s", got)
	}
	if p := ps[1]; p.ID != "storgatan-9" || p.Language != "en" || len(p.Contacts) != 0 {
		t.Errorf("row 3: %+v", p)
	}
}

func TestBadCellsNameTheCell(t *testing.T) {
	t.Parallel()
	rows := [][]any{{"Adress", "Hyresvärd", "Postnummer", "Ort", "Telefon hyresvärd", "Antal lägenheter", "Uppgångar"}}
	for i := 0; i < 12; i++ {
		rows = append(rows, []any{"Storgatan " + string(rune('1'+i%9)) + string(rune('a'+i)), "Brf A", "449 30", "Nödinge", "", 10, ""})
	}
	// Row 14: a postal code one digit short, a phone number Excel kept
	// as a number, a number of apartments in words, entrances typed as a
	// range that Excel took for a date.
	rows = append(rows, []any{"Göta älvs väg 27", "Brf A", 4493, "Nödinge", 303703000, "tolv",
		time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)})
	path := writeXLSX(t, rows)
	tb := read(t, path, Options{})
	got := problems(t, tb, 12, defaults(t))
	want := strings.Join([]string{
		path + `:Fastigheter!C14: postnummer: "4493" is not a Swedish postal code (five digits, e.g. 449 30)`,
		path + `:Fastigheter!E14: telefon hyresvärd: 303703000 has lost its leading 0, as a spreadsheet drops it (write it with the 0: 0303703000; in a spreadsheet, format the column as text)`,
		path + `:Fastigheter!F14: antal lägenheter: must be a whole number, found "tolv" (write e.g. 24)`,
		path + `:Fastigheter!G14: uppgångar: "2026-09-07" is a date: the spreadsheet took what was typed for one (format the column as text (Format Cells › Text, in Swedish Formatera celler › Text) and type the value again)`,
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A good row is not stopped by a bad one.
	if _, err := tb.Property(0, property.Options{Defaults: defaults(t)}); err != nil {
		t.Errorf("row 2: %v", err)
	}

	// The same in a CSV file: line, column and header.
	csvPath := writeFile(t, "fastigheter.csv", swedishExcel("Adress;Postnummer;Ort;Hyresvärd", "Storgatan 7;4493;Nödinge;", "Storgatan 9;449 30;Nödinge;Brf A"))
	tb = read(t, csvPath, Options{})
	got = problems(t, tb, 0, defaults(t))
	want = csvPath + `:2:2 (Postnummer): postnummer: "4493" is not a Swedish postal code (five digits, e.g. 449 30)` + "\n" +
		csvPath + `:2:4 (Hyresvärd): hyresvärd: is empty (write e.g. Bostads AB Exempel; the defaults in ale.yaml do not give it either)`
	if got != want {
		t.Errorf("CSV: got\n%s\nwant\n%s", got, want)
	}
}

func TestMissingColumnAndDefaults(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "f.csv", "Adress;Postnummer;Ort\nStorgatan 7;449 30;Nödinge\n")
	tb := read(t, path, Options{})
	want := path + `:2:1: hyresvärd: no column "Hyresvärd" (Landlord) (add the column, or give the value to every row in the --defaults file)`
	if got := problems(t, tb, 0, defaults(t)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	d, err := property.ParseDefaults([]byte("landlord:\n  name: Alebyggen\nqr:\n  url: https://ale.se/h\n"), "ale.yaml", ".", property.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p := props(t, tb, d)[0]; p.Landlord.Name != "Alebyggen" {
		t.Errorf("landlord from the defaults: %q", p.Landlord.Name)
	}
}

func TestHeaders(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "f.csv", "Adress;Postnumer;Ort;Hyresvärd;Kommentar\nStorgatan 7;449 30;Nödinge;Brf A;x\n")
	_, err := Read(path, Options{})
	want := path + `:1:2 (Postnumer): unknown column "Postnumer" (did you mean "Postnummer"?)` + "\n" +
		path + `:1:5 (Kommentar): unknown column "Kommentar" (see the columns in the README, or map your own headers with --columns)`
	if err == nil || err.Error() != want {
		t.Errorf("unknown headers:\ngot  %v\nwant %s", err, want)
	}

	// --columns maps a municipality's own headers.
	m := writeFile(t, "kolumner.yaml", "Gata: adress\nPostnumer: postnummer\nKommentar: Fastighetsnamn\n")
	cols, err := LoadColumns(m)
	if err != nil {
		t.Fatal(err)
	}
	tb := read(t, strings.Replace(path, "f.csv", "f.csv", 1), Options{Columns: cols})
	if p := props(t, tb, defaults(t))[0]; p.Building.PostalCode != "449 30" || p.Building.Name != "x" {
		t.Errorf("mapped column: %+v", p.Building)
	}

	// A map to a column that does not exist.
	bad := writeFile(t, "kolumner.yaml", "Gata: adresss\n")
	_, err = LoadColumns(bad)
	if want := bad + `:1:7: Gata: unknown column "adresss" (did you mean "Adress"?)`; err == nil || err.Error() != want {
		t.Errorf("bad map:\ngot  %v\nwant %s", err, want)
	}

	// The same column twice.
	path = writeFile(t, "f.csv", "Adress;Address\nA;B\n")
	if _, err := Read(path, Options{}); err == nil || !strings.Contains(err.Error(), `:1:2 (Address): column "Address" says again what column 1 says ("Adress") (keep one of them)`) {
		t.Errorf("twice: %v", err)
	}
}

func TestIDs(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "f.csv", swedishExcel(
		"Id;Adress;Uppgångar",
		";Göta älvs väg 27;",
		";Storgatan 7;7A",
		";Storgatan 7;7B",
		";Ågatan 1;",
		";Ågatan 1;",
		";;",
		"hus-x;Åsgatan 1;",
		";Øster Allé 3 – Ærø;",
	))
	tb := read(t, path, Options{})
	want := []string{"gota-alvs-vag-27", "storgatan-7-7a", "storgatan-7-7b", "agatan-1-rad-5", "agatan-1-rad-6", "hus-x", "oster-alle-3-aero"}
	// Row 7 has nothing but an empty id and address: it is skipped as empty.
	if got := tb.IDs(); !reflect.DeepEqual(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	if len(tb.Duplicates) != 0 {
		t.Errorf("duplicates: %v", tb.Duplicates)
	}

	path = writeXLSX(t, [][]any{{"id", "Adress"}, {"hus-a", "A 1"}, {"hus-b", "B 1"}, {"HUS-A", "C 1"}})
	tb = read(t, path, Options{})
	want2 := path + `:Fastigheter!A4: id: "HUS-A" is also the id of row 2 (` + path + `:Fastigheter!A2); their files would overwrite each other (give each property its own id)`
	if got := tb.Duplicates.Error(); got != want2 {
		t.Errorf("duplicates:\ngot  %s\nwant %s", got, want2)
	}
}

func TestMakeID(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Göta älvs väg 27":      "gota-alvs-vag-27",
		"  Storgatan 7A ":       "storgatan-7a",
		"Rue de l'Église 3":     "rue-de-l-eglise-3",
		"Straße 5":              "strasse-5",
		"شارع 5":                "5",
		"ሰላም":                   "",
		strings.Repeat("a", 70): strings.Repeat("a", 64),
	} {
		if got := MakeID(in); got != want {
			t.Errorf("MakeID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExpandEntrances(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in      string
		want    []string
		problem string
	}{
		{"7A, 7B", []string{"7A", "7B"}, ""},
		{"7A–7C", []string{"7A", "7B", "7C"}, ""},
		{"7a-7c", []string{"7a", "7b", "7c"}, ""},
		{"1-3; 5", []string{"1", "2", "3", "5"}, ""},
		{"A-C", []string{"A", "B", "C"}, ""},
		{"A-huset, B-huset", []string{"A-huset", "B-huset"}, ""},
		{"7C-7A", nil, `"7C-7A" is not a range of entrances: it must go up`},
		{"7A-9C", nil, `"7A-9C" is not a range of entrances: both ends need the same number, or no letters`},
		{"1-1000000", nil, `"1-1000000" is more than 50 entrances`},
	} {
		got, problem := expandEntrances(tt.in)
		if !reflect.DeepEqual(got, tt.want) || problem.String() != tt.problem {
			t.Errorf("%q: got %q %q, want %q %q", tt.in, got, problem, tt.want, tt.problem)
		}
	}
}

func TestEmptySheets(t *testing.T) {
	t.Parallel()
	path := writeXLSX(t, nil)
	if _, err := Read(path, Options{}); err == nil || err.Error() != path+`:1:1: the sheet "Fastigheter" is empty (write the header row and a row for each property; `+"`huskurage init --spreadsheet FILE.xlsx`"+` writes a workbook to fill in)` {
		t.Errorf("empty workbook: %v", err)
	}
	path = writeXLSX(t, [][]any{{"Adress", "Postnummer"}})
	if _, err := Read(path, Options{}); err == nil || err.Error() != path+`:Fastigheter!A1: has a header row but no properties (add a row for each property under the header)` {
		t.Errorf("only headers: %v", err)
	}
	path = writeFile(t, "tom.csv", "\xEF\xBB\xBF")
	if _, err := Read(path, Options{}); err == nil || !strings.Contains(err.Error(), "the file is empty") {
		t.Errorf("empty CSV: %v", err)
	}
	path = writeFile(t, "fel.xlsx", "Adress;Ort\n")
	if _, err := Read(path, Options{}); err == nil || !strings.Contains(err.Error(), "is not an Excel workbook (.xlsx)") {
		t.Errorf("not a workbook: %v", err)
	}
}

func TestHiddenSheetsMergedCellsFormulasDates(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bok.xlsx")
	f := excelize.NewFile()
	// A hidden first sheet (a municipality's own lists), then the data.
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Listor"))
	must(f.SetCellValue("Listor", "A1", "Kommentar"))
	idx, err := f.NewSheet("Fastigheter")
	must(err)
	f.SetActiveSheet(idx)
	must(f.SetSheetVisible("Listor", false))
	for i, r := range [][]any{
		{"Hyresvärd", "Adress", "Postnummer", "Ort", "Kontakt 1 namn", "Kontakt 1 telefon", "Kontakt 1 not"},
		{"Alebyggen", "Storgatan 1", "449 30", "Nödinge", "Polisen", "114 14", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"", "Storgatan 2", "449 30", "Nödinge"},
		{"", "Storgatan 3", "449 30", "Nödinge"},
		{"Brf Eken", "Storgatan 4", nil, "Nödinge"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Fastigheter", cell, &r))
	}
	// The landlord written once beside three rows; a postal code
	// computed by a formula whose value Excel stored.
	must(f.MergeCell("Fastigheter", "A2", "A4"))
	// A date typed into Swedish Excel gets the short date format (14).
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellStyle("Fastigheter", "G2", "G2", date))
	must(f.SetCellValue("Fastigheter", "C5", 0))
	must(f.SaveAs(path))
	f.Close()
	// Excel keeps a formula's value beside it; excelize writes no
	// value for a formula, so the cell is written as Excel writes it.
	withCell(t, path, "xl/worksheets/sheet2.xml", "C5", `<c r="C5" t="str"><f>"449 "&amp;"31"</f><v>449 31</v></c>`)

	tb := read(t, path, Options{})
	if tb.Sheet != "Fastigheter" {
		t.Errorf("read sheet %q, want the first visible one", tb.Sheet)
	}
	ps := props(t, tb, defaults(t))
	for i, want := range []string{"Alebyggen", "Alebyggen", "Alebyggen", "Brf Eken"} {
		if ps[i].Landlord.Name != want {
			t.Errorf("row %d: landlord %q, want %q", tb.Rows[i].Num, ps[i].Landlord.Name, want)
		}
	}
	if ps[3].Building.PostalCode != "449 31" {
		t.Errorf("formula: postal code %q, want its stored value", ps[3].Building.PostalCode)
	}
	// A date typed into a text column is printed as Swedish Excel shows it.
	if got := ps[0].Contacts[0].Note.In("sv"); got != "2026-03-01" {
		t.Errorf("date in a note: %q", got)
	}

	// The hidden sheet when named; a sheet that is not there.
	if _, err := Read(path, Options{Sheet: "listor"}); err == nil || !strings.Contains(err.Error(), `Listor!A1: unknown column "Kommentar"`) {
		t.Errorf("--sheet listor: %v", err)
	}
	if _, err := Read(path, Options{Sheet: "Blad1"}); err == nil || !strings.Contains(err.Error(), `has no sheet "Blad1" (its sheets are "Listor", "Fastigheter"; choose one with --sheet NAME)`) {
		t.Errorf("--sheet Blad1: %v", err)
	}

	// Cells merged across columns are refused in their row.
	f2, err := excelize.OpenFile(path)
	must(err)
	must(f2.MergeCell("Fastigheter", "B5", "C5"))
	must(f2.Save())
	f2.Close()
	tb = read(t, path, Options{})
	if got := problems(t, tb, 3, defaults(t)); !strings.HasPrefix(got, path+":Fastigheter!B5: cells B5:C5 are merged across columns") {
		t.Errorf("merged across columns: %s", got)
	}
}

// withCell replaces the XML of one cell in a part of the workbook.
func withCell(t *testing.T, path, part, cell, xml string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	re := regexp.MustCompile(`<c r="` + cell + `"[^>]*?(/>|>.*?</c>)`)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			found = re.Match(data)
			data = re.ReplaceAll(data, []byte(xml))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	zr.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("no cell %s in %s", cell, part)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindStartTag(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{
		`<sheetData/><mergeCells count="1">`:     12,
		`<x:sheetData/><x:mergeCells count="1">`: 14,
		`<c><v>mergeCells</v></c>`:               -1,
		`<mergeCellsX>`:                          -1,
		`<mergeCells>`:                           0,
	} {
		if got := findStartTag([]byte(in), "mergeCells"); got != want {
			t.Errorf("%s: got %d, want %d", in, got, want)
		}
	}
}

// The README's table of columns is the table the reader uses.
func TestREADMEColumns(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, c := range Columns {
		row := "| `" + c.Swedish + "` | `" + c.English + "` | "
		i := strings.Index(readme, row)
		if i < 0 {
			t.Errorf("README: no row for the column %s (%s)", c.Swedish, c.English)
			continue
		}
		line := readme[i:]
		line = line[:strings.IndexByte(line, '\n')]
		for _, a := range c.Aliases {
			if !strings.Contains(line, "`"+a+"`") {
				t.Errorf("README: the row of %s does not list %q", c.Swedish, a)
			}
		}
		if strings.Contains(line, "| yes") != c.Required {
			t.Errorf("README: the row of %s says required %v", c.Swedish, !c.Required)
		}
		if !strings.HasSuffix(line, "| `"+c.Field+"` |") {
			t.Errorf("README: the row of %s does not end with its field %s", c.Swedish, c.Field)
		}
	}
}

func TestTemplateWorkbook(t *testing.T) {
	t.Parallel()
	data, err := Template(".xlsx")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Template(".xlsx")
	if !bytes.Equal(data, again) {
		t.Error("two workbooks from Template differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Fastigheter", "Förklaring"}) {
		t.Errorf("sheets %q", got)
	}
	rows, err := f.GetRows("Fastigheter")
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows %q, %v", rows, err)
	}
	if rows[0][0] != "Id" || rows[0][1] != "Adress" || rows[1][0] != ExampleID {
		t.Errorf("header %q, example %q", rows[0], rows[1])
	}
	// Every header is one the reader knows.
	for _, h := range rows[0] {
		if _, ok := lookup(normal(h)); !ok {
			t.Errorf("the template's header %q is not known", h)
		}
	}
	panes, err := f.GetPanes("Fastigheter")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	dvs, err := f.GetDataValidations("Fastigheter")
	if err != nil || len(dvs) != 3 {
		t.Fatalf("data validations %d, %v", len(dvs), err)
	}
	kinds := map[string]bool{}
	for _, dv := range dvs {
		kinds[dv.Type] = true
	}
	if !kinds["list"] || !kinds["textLength"] || !kinds["whole"] {
		t.Errorf("data validation types %v", kinds)
	}
	// The postal code column keeps what is typed as text.
	style, err := f.GetCellStyle("Fastigheter", "C5")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(style); err != nil || st.NumFmt != 49 {
		t.Errorf("the postal code column is not text: %+v %v", st, err)
	}
	help, _ := f.GetRows("Förklaring")
	explained := map[string]bool{}
	for _, r := range help {
		if len(r) > 2 {
			explained[r[0]] = r[2] != ""
		}
	}
	for _, c := range Columns {
		if !explained[c.Swedish] {
			t.Errorf("Förklaring does not explain %s", c.Swedish)
		}
	}

	// The example row is refused, with the cell named.
	path := filepath.Join(t.TempDir(), "ny.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tb := read(t, path, Options{})
	if got := problems(t, tb, 0, defaults(t)); !strings.HasPrefix(got, path+":Fastigheter!A2: id: this is the example row") {
		t.Errorf("example row: %s", got)
	}

	csvData, err := Template(".csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(csvData, []byte("\xEF\xBB\xBFId;Adress;Postnummer;Ort;")) || bytes.Count(csvData, []byte("\r\n")) != 2 {
		t.Errorf("CSV template: %q", csvData)
	}
}

// A 50 MB file: more rows than a sheet may have is refused at the row
// where the limit is passed, after reading only that far.
func TestLargeFile(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("Adress;Postnummer;Ort;Hyresvärd;Kontakt 1 not\n")
	note := strings.Repeat("x", 400)
	for i := 0; b.Len() < 50<<20; i++ {
		fmt.Fprintf(&b, "Storgatan %d;449 30;Nödinge;Brf %d;%s\n", i, i, note)
	}
	path := writeFile(t, "stor.csv", b.String())
	_, err := Read(path, Options{})
	want := fmt.Sprintf("%s:%d:1: the sheet has more than %d properties (split it into several files)", path, MaxRows+2, MaxRows)
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// Warnings, as errors, are in the sheet's words: its columns.
func TestWarningsInTheSheetsWords(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "f.csv", "Adress;Postnummer;Ort;Hyresvärd;Språk;Kontakt 1 namn;Kontakt 1 telefon;Kontakt 1 not\n"+
		"Storgatan 7;449 30;Nödinge;Brf A;sv, so;Jouren;070-174 06 10;Ring efter 17.\n")
	p := props(t, read(t, path, Options{}), defaults(t))[0]
	want := path + `:2:1: warning: antal lägenheter: not given: the print order's cover says the number of leaflets is unknown (add a column "Antal lägenheter" (Apartments) with the number of apartments, e.g. 24)` + "\n" +
		path + `:2:8 (Kontakt 1 not): warning: kontakt 1 not: is given only in Swedish; the Somali documents print it in Swedish (add a column "Kontakt 1 not (so)" with the text in Somali)`
	var got []string
	for _, w := range p.Warnings {
		got = append(got, w.Warning())
	}
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if !strings.Contains(p.Summary(), "id: storgatan-7 # made from the address") {
		t.Errorf("summary:\n%s", p.Summary())
	}
}

// FuzzReadCSV: any CSV file gives rows or an error, and any row a
// property or an error list; never a panic.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(swedishExcel("Adress;Postnummer;Ort;Hyresvärd;Uppgångar", "Storgatan 7;449 30;Nödinge;Brf A;7A–7C")))
	f.Add([]byte("Id,Adress,Kontakt 1 namn,Kontakt 1 not (ar),QR-text (so),Språk,Steg\nx,A 1,Jouren,نص,qoraal,\"sv, so\",\"knacka, andra, polis\"\n"))
	f.Add([]byte("Adress\tUppgångar\n\"A\"\"1\"\t1-3\n"))
	f.Add([]byte("\xEF\xBB\xBF;;\r\n;;\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tb, err := Read(path, Options{})
		if err != nil {
			var list property.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("not an ErrorList: %v", err)
			}
			return
		}
		for i := range tb.Rows {
			p, err := tb.Property(i, property.Options{})
			if (p == nil) == (err == nil) {
				t.Fatalf("row %d: property %v and error %v", i, p, err)
			}
		}
	})
}

// Every spreadsheet column that the field table gives a text field is
// read into that field, under its Swedish and its English header: a
// field added to the table with a Column needs no code here.
func TestEveryColumnIsItsField(t *testing.T) {
	t.Parallel()
	samples := map[property.Kind]string{
		property.KindText: "Provvärde 12", property.KindPhone: "031-12 34 56", property.KindEmail: "prov@prov.se",
		property.KindURL: "https://prov.se/sida", property.KindPostalCode: "123 45",
	}
	base := map[string]string{"Adress": "Provgatan 1", "Postnummer": "449 30", "Ort": "Nödinge",
		"Hyresvärd": "Bostads AB Prov", "QR-länk": "https://prov.se/huskurage"}
	tried := 0
	for _, f := range property.Fields() {
		sample, ok := samples[f.Kind]
		if !ok || f.Column == nil || f.InList() {
			continue
		}
		for _, header := range []string{f.Column.Header.SV, f.Column.Header.EN} {
			tried++
			var head, row []string
			for h, v := range base {
				if normal(h) != normal(f.Column.Header.SV) {
					head, row = append(head, h), append(row, v)
				}
			}
			head, row = append(head, header), append(row, sample)
			path := writeFile(t, "prov.csv", swedishExcel(strings.Join(head, ";"), strings.Join(row, ";")))
			p := props(t, read(t, path, Options{}), nil)[0]
			name := f.Path[strings.LastIndex(f.Path, ".")+1:]
			if want := name + ": " + sample + "\n"; !strings.Contains(p.Summary(), want) {
				t.Errorf("%s (%s): Summary has no %q:\n%s", f.Path, header, want, p.Summary())
			}
		}
	}
	if tried < 16 {
		t.Errorf("tried %d columns", tried)
	}
}
