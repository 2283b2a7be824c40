package pipeline

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"huskurage/output"
)

// jsonRow is a row as the scratch file held it when it was JSON.
type jsonRow struct {
	ManifestFile
	Row    int `json:"r,omitempty"`
	Copies int `json:"c,omitempty"`
}

// TestRowLogGivesBackWhatJSONWould checks the scratch file of manifest
// rows: every row kept comes back once, in property order, as a row
// that went through JSON comes back (the form the rows took when the
// scratch file held JSON, which the manifest's bytes were made from:
// broken UTF-8 in a path becomes U+FFFD), whatever the order the
// properties were written in; rows not kept never come back.
func TestRowLogGivesBackWhatJSONWould(t *testing.T) {
	t.Parallel()
	dir, err := output.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	log, err := newRowLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer log.close()
	r := rand.New(rand.NewPCG(14, 3))
	texts := []string{"", "prop-00001", "in/ale/hus 7.yaml", "in/\xe5ngen.yaml", "a\"b,c\nd", "\u2028\ufffd\x00",
		"trädgårdsgatan-12-leaflet-sv.pdf", "ሰላም", "\xff\xfe", "leaflet", "A5", "sv-x-ll", string(make([]byte, 300))}
	text := func() string { return texts[r.IntN(len(texts))] }
	type want struct {
		place [2]int
		sub   int
		row   ManifestFile
	}
	var wants []want
	const properties = 3000
	order := r.Perm(properties)
	// Written in an order near the batch's, as workers finish them, and
	// now and then far from it.
	for i := 0; i+1 < properties; i += 2 {
		if r.IntN(3) == 0 {
			order[i], order[i+1] = order[i+1], order[i]
		}
	}
	slices.Sort(order[:properties/2])
	for _, p := range order {
		place := [2]int{p / 3, p % 3}
		var rows []ManifestFile
		for range 1 + r.IntN(3) {
			rows = append(rows, ManifestFile{Property: text(), Source: text(), File: text(), Kind: text(), Lang: text(),
				Size: text(), Pages: r.IntN(9), Bytes: r.IntN(1 << 30), SHA256: fmt.Sprintf("%064x", r.Uint64()),
				row: r.IntN(100000) - 1, copies: r.IntN(500)})
		}
		refs, err := log.add(place, rows)
		if err != nil {
			t.Fatal(err)
		}
		if r.IntN(10) == 0 {
			continue // not written: not kept
		}
		log.keep(refs)
		for k, row := range rows {
			// The row as a round trip through JSON gives it.
			data, err := json.Marshal(jsonRow{row, row.row, row.copies})
			if err != nil {
				t.Fatal(err)
			}
			var rec jsonRow
			if err := json.Unmarshal(data, &rec); err != nil {
				t.Fatal(err)
			}
			back := rec.ManifestFile
			back.seq, back.row, back.copies = place[1], rec.Row, rec.Copies
			wants = append(wants, want{place, k, back})
		}
	}
	slices.SortFunc(wants, func(a, b want) int {
		if c := slices.Compare(a.place[:], b.place[:]); c != 0 {
			return c
		}
		return a.sub - b.sub
	})
	for pass := range 2 {
		var got []ManifestFile
		if err := log.each(func(f ManifestFile) error { got = append(got, f); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(wants) {
			t.Fatalf("pass %d: %d rows back, want %d", pass, len(got), len(wants))
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], wants[i].row) {
				t.Fatalf("pass %d: row %d is\n%#v\nwant\n%#v", pass, i, got[i], wants[i].row)
			}
		}
	}
}
