package pipeline

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The manifest written a row at a time is what encoding/json makes of
// the whole list: with no rows, one, and several, with characters JSON
// escapes.
func TestManifestJSONAsMarshalIndent(t *testing.T) {
	t.Parallel()
	rows := []ManifestFile{
		{Property: "hus-7", Source: "in/hus-7.yaml", File: "hus-7-leaflet-sv.pdf", Kind: "leaflet", Lang: "sv", Size: "A5", Pages: 2, Bytes: 1234, SHA256: "ab"},
		{Property: "a<b>&\"c\"", Source: "in/ä ö.yaml", File: "x.pdf", Kind: "poster", Lang: "ar", Size: "A4", Pages: 1, Bytes: 1, SHA256: "cd"},
		{File: "print-sheets-shop.pdf", Kind: printKind},
	}
	for n := 0; n <= len(rows); n++ {
		var c, j bytes.Buffer
		err := encodeManifest(&c, &j, func(f func(ManifestFile) error) error {
			for _, r := range rows[:n] {
				if err := f(r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		list := append([]ManifestFile{}, rows[:n]...)
		want, err := json.MarshalIndent(struct {
			Files []ManifestFile `json:"files"`
		}{list}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := j.String(); got != string(want)+"\n" {
			t.Errorf("%d rows:\n%s\nwant\n%s", n, got, want)
		}
		if lines := bytes.Count(c.Bytes(), []byte("\n")); lines != 1+n {
			t.Errorf("%d rows: manifest.csv has %d lines", n, lines)
		}
	}
}
