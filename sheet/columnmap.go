package sheet

import (
	"bytes"
	"errors"
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
	fail := func(problem, hint property.Text) (map[string]string, error) {
		return nil, property.ErrorList{property.NewError(at(1, 1), "", problem, hint)}
	}
	src, err := input.Read(path, property.MaxFileSize)
	var ie *input.Error
	switch {
	case errors.As(err, &ie) && ie.Problem == input.NotFound:
		return fail(property.Textf("file not found"), property.Textf("check the path given to --columns"))
	case errors.As(err, &ie) && ie.Problem == input.TooLarge:
		return fail(property.Textf("file is larger than 1 MiB"), property.Textf("is this the right file?"))
	case err != nil:
		return fail(property.Textf("cannot read the file: %v", strings.TrimPrefix(err.Error(), path+": ")), property.Textf("name the file that maps your headers"))
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil {
		if err == io.EOF {
			return fail(property.Textf("file is empty"), property.Textf(`write one line a column, e.g. "Gatuadress: Adress"`))
		}
		return fail(property.Textf("YAML syntax error: %v", err.Error()), property.Textf(`write one line a column, e.g. "Gatuadress: Adress"`))
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, property.ErrorList{property.NewError(at(root.Line, root.Column), "", property.Textf("must be a mapping of your headers to ours"),
			property.Textf(`write one line a column, e.g. "Gatuadress: Adress"`))}
	}
	out := map[string]string{}
	var errs property.ErrorList
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || v.Value == "" {
			errs.AddText(at(k.Line, k.Column), k.Value, property.Textf("must map one header to one of ours"), property.Textf(`write e.g. "Gatuadress: Adress"`))
			continue
		}
		if _, ok := lookup(normal(v.Value)); !ok {
			errs.AddText(at(v.Line, v.Column), k.Value, property.Textf("unknown column %q", clip(v.Value)), headerHint(v.Value))
			continue
		}
		key := normal(k.Value)
		if _, dup := out[key]; dup {
			errs.AddText(at(k.Line, k.Column), k.Value, property.Textf("is mapped twice"), property.Textf("keep one line"))
			continue
		}
		out[key] = v.Value
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}
