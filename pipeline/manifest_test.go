package pipeline

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
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

// TestManifestJSONRowsAsMarshalIndent holds each row of manifest.json to
// encoding/json's MarshalIndent over many varied rows: every character
// JSON escapes (quotes, backslashes, controls, <, >, &, U+2028, broken
// UTF-8), letters from outside ASCII, and numbers of every size.
func TestManifestJSONRowsAsMarshalIndent(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 5))
	pieces := []string{"hus-7", "in/ale/p 1.yaml", "\"", "\\", "<", ">", "&", "\n", "\t", "\x01", "\x7f", "\u2028", "\u2029",
		"\xff", "\xe2\x80", "ä", "ሰ", "ع", "🙂", "/", "'", "leaflet", "A5", "sv-x-ll", ""}
	text := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	var rows []ManifestFile
	for range 2000 {
		rows = append(rows, ManifestFile{Property: text(), Source: text(), File: text(), Kind: text(), Lang: text(),
			Size: text(), Pages: r.IntN(100) - 1, Bytes: int(r.Int64N(1<<40)) - 5, SHA256: text()})
	}
	var c, j bytes.Buffer
	if err := encodeManifest(&c, &j, rowsOf(rows)); err != nil {
		t.Fatal(err)
	}
	want, err := json.MarshalIndent(struct {
		Files []ManifestFile `json:"files"`
	}{rows}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if got := j.String(); got != string(want)+"\n" {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("differs from MarshalIndent at byte %d: %q, want %q", i, got[max(0, i-80):min(len(got), i+40)], want[max(0, i-80):min(len(want), i+40)])
			}
		}
		t.Fatalf("%d bytes, MarshalIndent gives %d", len(got), len(want))
	}
}
