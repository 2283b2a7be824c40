package sheet

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"huskurage/property"
)

// A spreadsheet sent to a web server is read from memory, with the same
// rows, ids, properties and messages as the file on disk.
func TestReadDataIsRead(t *testing.T) {
	t.Parallel()
	xlsx := filepath.Join("..", "examples", "ale-kommun", "fastigheter.xlsx")
	csvFile := writeFile(t, "fastigheter.csv", swedishExcel(
		"Adress;Postnummer;Ort;Hyresvärd;QR-länk;Uppgångar",
		"Storgatan 7;44930;Nödinge;Alebyggen;https://example.se/a;7A–7C",
		"Storgatan 9;4493;Nödinge;Alebyggen;https://example.se/b;"))
	for _, path := range []string{xlsx, csvFile} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want := read(t, path, Options{})
		got, err := ReadData(path, data, Options{})
		if err != nil {
			t.Fatalf("%s: ReadData: %v", path, err)
		}
		if !reflect.DeepEqual(got.IDs(), want.IDs()) || got.Sheet != want.Sheet || len(got.Rows) != len(want.Rows) {
			t.Fatalf("%s: ReadData gives %v in %q, Read %v in %q", path, got.IDs(), got.Sheet, want.IDs(), want.Sheet)
		}
		for i := range want.Rows {
			wp, werr := want.Property(i, property.Options{})
			gp, gerr := got.Property(i, property.Options{})
			if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
				t.Errorf("%s row %d: ReadData's problems %v, Read's %v", path, i, gerr, werr)
			}
			if wp != nil && gp != nil && !reflect.DeepEqual(wp.Building, gp.Building) {
				t.Errorf("%s row %d: ReadData's building %+v, Read's %+v", path, i, gp.Building, wp.Building)
			}
		}
	}
	// Not a workbook: the message names the file as given.
	if _, err := ReadData("upload.xlsx", []byte("hello"), Options{}); err == nil || err.Error() !=
		"upload.xlsx:1:1: is not an Excel workbook (.xlsx) (save it from the spreadsheet program as Excel workbook (.xlsx), or as CSV UTF-8; an ODS file saved as XLSX is read too)" {
		t.Errorf("not a workbook: %v", err)
	}
}
