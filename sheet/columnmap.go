package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"huskurage/input"
	"huskurage/property"
)

// LoadColumns reads a file that maps a municipality's own headers to the
// known ones, one a line:
//
//	Gatuadress: Adress
//	Fastighetsbolag: Hyresvärd
//
// The result, for Options.Columns, maps each own header, normalised, to
// the known header. Every problem is reported at once, as an ErrorList.
func LoadColumns(path string) (map[string]string, error) {
	at := func(line, col int) property.Position { return property.Position{File: path, Line: line, Col: col} }
	fail := func(problem, hint string) (map[string]string, error) {
		return nil, property.ErrorList{{Pos: at(1, 1), Problem: problem, Hint: hint}}
	}
	src, err := input.Read(path, property.MaxFileSize)
	var ie *input.Error
	switch {
	case errors.As(err, &ie) && ie.Problem == input.NotFound:
		return fail("file not found", "check the path given to --columns")
	case errors.As(err, &ie) && ie.Problem == input.TooLarge:
		return fail("file is larger than 1 MiB", "is this the right file?")
	case err != nil:
		return fail("cannot read the file: "+strings.TrimPrefix(err.Error(), path+": "), "name the file that maps your headers")
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil {
		if err == io.EOF {
			return fail("file is empty", `write one line a column, e.g. "Gatuadress: Adress"`)
		}
		return fail("YAML syntax error: "+err.Error(), `write one line a column, e.g. "Gatuadress: Adress"`)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, property.ErrorList{{Pos: at(root.Line, root.Column), Problem: "must be a mapping of your headers to ours",
			Hint: `write one line a column, e.g. "Gatuadress: Adress"`}}
	}
	out := map[string]string{}
	var errs property.ErrorList
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || v.Value == "" {
			errs.Add(at(k.Line, k.Column), k.Value, "must map one header to one of ours", `write e.g. "Gatuadress: Adress"`)
			continue
		}
		if _, ok := lookup(normal(v.Value)); !ok {
			errs.Add(at(v.Line, v.Column), k.Value, fmt.Sprintf("unknown column %q", clip(v.Value)), headerHint(v.Value))
			continue
		}
		key := normal(k.Value)
		if _, dup := out[key]; dup {
			errs.Add(at(k.Line, k.Column), k.Value, "is mapped twice", "keep one line")
			continue
		}
		out[key] = v.Value
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}
