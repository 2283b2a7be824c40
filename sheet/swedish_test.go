package sheet

import (
	"errors"
	"strings"
	"testing"

	"huskurage/property"
)

// sayAll gives each problem as "field: problem (hint)" in lang.
func sayAll(list property.ErrorList, lang string) []string {
	var out []string
	for _, e := range list {
		problem, hint := e.In(lang)
		out = append(out, e.Field+": "+problem+" ("+hint+")")
	}
	return out
}

// The sheet's own words for a row's problems and warnings, said in
// Swedish: the columns to add, the date a spreadsheet made of a value,
// and an example without its field name.
func TestSheetProblemsInSwedish(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "f.csv", "Adress;Postnummer;Ort;Hyresvärd;Språk;Kontakt 1 namn;Kontakt 1 telefon;Kontakt 1 not;Uppgångar\n"+
		"Storgatan 7;449 30;Nödinge;Brf A;sv, so;Jouren;070-174 06 10;Ring efter 17.;7C-7A\n"+
		"Storgatan 9;2024-05-01;Nödinge;Brf A;sv;Jouren;070-174 06 10;;\n"+
		"Storgatan 11;449 30;;Brf A;sv;;070-174 06 10;;\n"+
		"Storgatan 13;449 30;Nödinge;Brf A;sv, so;Jouren;070-174 06 10;Ring efter 17.;\n")
	tb := read(t, path, Options{})
	want := [][]string{
		{`uppgångar: "7C-7A" är inget intervall av uppgångar: det måste gå uppåt (skriv t.ex. 7A, 7B eller 7A–7C)`},
		{`postnummer: "2024-05-01" är ett datum: kalkylprogrammet tolkade det som skrevs som ett datum (formatera kolumnen som text (Formatera celler › Text) och skriv värdet igen)`},
		{`ort: är tomt (skriv t.ex. Nödinge; standardvärdena i ale.yaml ger det inte heller)`,
			`kontakt 1 namn: är tom eller saknar kolumnen "Kontakt 1 namn" (en kontakt behöver namn och telefonnummer)`},
		{`antal lägenheter: saknas: tryckbeställningens försättsblad anger att antalet foldrar är okänt (lägg till kolumnen "Antal lägenheter" (Apartments) med antalet lägenheter, t.ex. 24)`,
			`kontakt 1 not: finns bara på svenska; dokumenten på somaliska visar den på svenska (lägg till kolumnen "Kontakt 1 not (so)" med texten på somaliska)`},
	}
	for i := range tb.Rows {
		p, err := tb.Property(i, property.Options{Defaults: defaults(t)})
		var list property.ErrorList
		switch {
		case err != nil && !errors.As(err, &list):
			t.Fatal(err)
		case err == nil:
			list = p.Warnings
		}
		got := sayAll(list, "sv")
		if strings.Join(got, "\n") != strings.Join(want[i], "\n") {
			t.Errorf("row %d:\n%s\nwant\n%s", tb.Rows[i].Num, strings.Join(got, "\n"), strings.Join(want[i], "\n"))
		}
		// In English, the words check prints.
		for j, s := range sayAll(list, "en") {
			if e := list[j]; s != e.Field+": "+e.Problem+" ("+e.Hint+")" {
				t.Errorf("row %d in English: %s, want %s", tb.Rows[i].Num, s, e)
			}
		}
	}
}

// A file that cannot be read as a table, in Swedish.
func TestSheetFileProblemsInSwedish(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, data, want string }{
		{"f.csv", "", `: filen är tom (skriv rubrikraden och en rad per fastighet; ` + "`huskurage init --spreadsheet FIL.xlsx`" + ` skriver en arbetsbok att fylla i)`},
		{"g.csv", "Adress;Gata\nStorgatan 7;x\n", `: okänd kolumn "Gata" (se kolumnerna i README, eller översätt era egna rubriker med --columns)`},
		{"h.csv", "Adress;Postnummer\n", `: har en rubrikrad men inga fastigheter (lägg till en rad per fastighet under rubrikraden)`},
	} {
		_, err := Read(writeFile(t, tt.name, tt.data), Options{})
		var list property.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := strings.Join(sayAll(list, "sv"), "\n"); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
