package property

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// rowTree builds the tree a spreadsheet row gives: each value's Line is
// the row and its Column the column.
func rowTree(row int, fields ...string) *yaml.Node {
	root := &yaml.Node{Kind: yaml.MappingNode, Line: row, Column: 1}
	sections := map[string]*yaml.Node{}
	for i := 0; i+1 < len(fields); i += 2 {
		key, value := fields[i], fields[i+1]
		col := i/2 + 1
		m := root
		if sec, name, ok := strings.Cut(key, "."); ok {
			if sections[sec] == nil {
				sections[sec] = &yaml.Node{Kind: yaml.MappingNode, Line: row, Column: col}
				root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: sec, Line: row, Column: col}, sections[sec])
			}
			m, key = sections[sec], name
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key, Line: row, Column: col},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Line: row, Column: col})
	}
	return root
}

func cellPlace(line, col int) Position {
	return Position{File: "f.xlsx", Line: line, Col: col, Cell: fmt.Sprintf("Fastigheter!%c%d", 'A'+col-1, line)}
}

func TestParseNodeNamesTheCell(t *testing.T) {
	t.Parallel()
	root := rowTree(14, "id", "hus-14", "landlord.name", "Brf A", "property.address", "Storgatan 1",
		"property.postal_code", "4493", "property.city", "Nödinge", "qr.url", "http://example.org")
	src := NodeSource{File: "f.xlsx", Start: Position{File: "f.xlsx", Line: 14, Col: 1, Cell: "Fastigheter!A14"}, Place: cellPlace}
	_, err := ParseNode(root, src, Options{})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want an ErrorList, got %v", err)
	}
	want := `f.xlsx:Fastigheter!D14: property.postal_code: "4493" is not a Swedish postal code (five digits, e.g. 449 30)` + "\n" +
		`f.xlsx:Fastigheter!F14: qr.url: must start with https:// (a QR code that opens an insecure page can be tampered with)`
	if got := list.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestParseNodeMissingFieldAtTheRow(t *testing.T) {
	t.Parallel()
	root := rowTree(3, "id", "hus-3", "landlord.name", "Brf A", "property.address", "Storgatan 1",
		"property.postal_code", "449 30", "qr.url", "https://example.org")
	src := NodeSource{File: "f.csv", Start: Position{File: "f.csv", Line: 3, Col: 1}}
	_, err := ParseNode(root, src, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), `f.csv:3:3: property.city: missing required field "city"`) {
		t.Errorf("got %v", err)
	}
}

func TestParseNodeGood(t *testing.T) {
	t.Parallel()
	root := rowTree(2, "id", "storgatan-1", "landlord.name", "Brf A", "property.address", "Storgatan 1",
		"property.postal_code", "449 30", "property.city", "Nödinge", "qr.url", "https://example.org")
	p, err := ParseNode(root, NodeSource{File: "f.xlsx", Place: cellPlace, IDNote: "made from the address"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "storgatan-1" || p.Building.City != "Nödinge" || p.Source != "f.xlsx" {
		t.Errorf("got %+v", p)
	}
	if got := p.Pos("property.city").String(); got != "f.xlsx:Fastigheter!E2" {
		t.Errorf("Pos(property.city) = %s", got)
	}
	if !strings.Contains(p.Summary(), "id: storgatan-1 # made from the address") {
		t.Errorf("Summary does not say where the id came from:\n%s", p.Summary())
	}
}

func TestPositionString(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		pos  Position
		want string
	}{
		{Position{File: "a.yaml", Line: 3, Col: 7}, "a.yaml:3:7"},
		{Position{Line: 3, Col: 7}, "3:7"},
		{Position{File: "f.xlsx", Line: 14, Col: 3, Cell: "Fastigheter!C14"}, "f.xlsx:Fastigheter!C14"},
		{Position{File: "f.csv", Line: 14, Col: 3, Cell: "14:3 (Postnummer)"}, "f.csv:14:3 (Postnummer)"},
	} {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.pos, got, tt.want)
		}
	}
}
