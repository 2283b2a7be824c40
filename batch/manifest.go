package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"

	"huskurage/output"
)

// writeManifest writes manifest.csv and manifest.json: every file written,
// with its property, source file, kind, language, paper, pages, size and
// SHA-256, so that a clerk can check a print order against the folder.
func writeManifest(dir *output.Dir, files []ManifestFile) error {
	var c bytes.Buffer
	w := csv.NewWriter(&c)
	w.Write([]string{"property", "source", "file", "kind", "lang", "size", "pages", "bytes", "sha256"})
	for _, f := range files {
		w.Write([]string{f.Property, f.Source, f.File, f.Kind, f.Lang, f.Size,
			strconv.Itoa(f.Pages), strconv.Itoa(f.Bytes), f.SHA256})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if files == nil {
		files = []ManifestFile{}
	}
	j, err := json.MarshalIndent(struct {
		Files []ManifestFile `json:"files"`
	}{files}, "", "  ")
	if err != nil {
		return err
	}
	return dir.WriteAll([]output.File{
		{Name: "manifest.csv", Data: c.Bytes()},
		{Name: "manifest.json", Data: append(j, '\n')},
	})
}
