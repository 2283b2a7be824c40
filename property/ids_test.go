package property

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ScanIDs gives exactly the ids that LoadStream gives the properties it
// loads, at the same places, however the file is written: quoted keys, a
// byte order mark, flow style, several documents, broken ones.
func TestScanIDsAgreesWithTheLoader(t *testing.T) {
	t.Parallel()
	const body = "landlord: {name: Brf}\nproperty: {address: Storgatan 1, postal_code: \"449 30\", city: Nödinge}\nqr: {url: https://example.org/h}\n"
	for _, tc := range []struct {
		file, src string
		want      string // the ids, each with its line and column
	}{
		{"nameless.yaml", "id: plain\n" + body, "plain@1:5"},
		{"nameless.yaml", "\"id\": quoted\n" + body, "quoted@1:7"},
		{"nameless.yaml", "\ufeffid: bom\n" + body, "bom@1:5"},
		{"nameless.yaml", "{id: flow, " + strings.TrimSuffix(strings.ReplaceAll(body, "\n", ", "), ", ") + "}\n", "flow@1:6"},
		{"nameless.yaml", body, "nameless@1:1"},
		{"Hus-7.YML", body, "hus-7@1:1"},
		{"two.yaml", "id: a\n" + body + "---\nid: b\n" + body, "a@1:5 b@6:5"},
		// A broken document hides no later id.
		{"broken.yaml", "id: x\nlandlord: [\n---\nid: after\n" + body, "after@4:5"},
		// Several properties: each needs its own id, the file name gives none.
		{"many.yaml", "id: a\n" + body + "---\n" + body, "a@1:5"},
		// Refused by the loader, so no id: not safe, an id that is a list,
		// a file name that makes no safe id.
		{"nameless.yaml", "id: Hus 7\n" + body, ""},
		{"nameless.yaml", "id: [not, scalar]\n" + body, ""},
		{"my house.yaml", body, ""},
		{"hus.txt", body, ""},
		// Comments after a trailing --- are no property.
		{"one.yaml", body + "---\n# nothing here\n", "one@1:1"},
	} {
		checked := 0
		var got []string
		for _, id := range ScanIDs([]byte(tc.src), tc.file) {
			if id.Pos.File != tc.file {
				t.Errorf("%s: position in %q", tc.file, id.Pos.File)
			}
			got = append(got, fmt.Sprintf("%s@%d:%d", id.ID, id.Pos.Line, id.Pos.Col))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("ScanIDs(%s, %q) = %q, want %q", tc.file, tc.src, strings.Join(got, " "), tc.want)
		}
		// The loader's own answer: every property it loads has an id
		// the scan found, at the same place.
		props, _ := ParseStream([]byte(tc.src), tc.file, ".", Options{})
		var loaded []string
		for _, p := range props {
			pos := p.Pos("id")
			loaded = append(loaded, fmt.Sprintf("%s@%d:%d", p.ID, pos.Line, pos.Col))
		}
		checked += len(loaded)
		if checked == 0 && tc.want != "" {
			t.Errorf("%s: the loader loads none of the properties whose ids the scan found", tc.file)
		}
		for _, l := range loaded {
			if !strings.Contains(" "+tc.want+" ", " "+l+" ") {
				t.Errorf("%s: the loader gives %s, which the scan did not find (%q)", tc.file, l, tc.want)
			}
		}
	}
}

// A folder's property files are those the loader takes an id from.
func TestIsFile(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		"a.yaml": true, "a.yml": true, "dir/B.YAML": true, "a.Yml": true,
		"a.csv": false, "a.xlsx": false, "a.yaml.bak": false, "yaml": false, "a": false,
	} {
		if got := IsFile(name); got != want {
			t.Errorf("IsFile(%q) = %v, want %v", name, got, want)
		}
	}
}

// QuickIDs reads the ids of plainly written files, the kind a batch of
// thousands has, and where it answers it agrees with ScanIDs, or finds
// an id that ScanIDs does not because the YAML is broken further down
// (which the batch asks ScanIDs about before it reports a clash).
func TestQuickIDsAgreesWithScanIDs(t *testing.T) {
	t.Parallel()
	const body = "landlord:\n  name: Brf\nproperty:\n  address: Storgatan 1\n  postal_code: \"449 30\"\n  city: Nödinge\nqr:\n  url: https://example.org/h\n"
	answers := []string{
		"id: plain\n" + body,
		"# a comment\n\nid:   spaced\n" + body,
		body + "id: last-7\n",
		"id: hus-7\n" + body + "landlord: [\n",     // broken further down
		"id: hus-7\n" + body + "property: again\n", // a key given twice
	}
	refuses := []string{
		"\"id\": quoted\n" + body, "\ufeffid: bom\n" + body, "{id: flow}\n",
		"id: a\n" + body + "---\nid: b\n" + body, "id: Hus 7\n" + body, "id: 123\n" + body,
		"id: 1e5\n" + body, "id: true\n" + body, "id: null\n" + body, "id: hus-7 # comment\n" + body,
		"id: hus-7\nid: hus-8\n" + body, "id: 'hus-7'\n" + body, "id: hus-7\r\n" + body,
		"id:\thus-7\n" + body, "id: &a hus-7\n" + body, "id: hus-7\n<<: {city: x}\n" + body,
		"id: hus-7\n? landlord\n: x\n", "  id: hus-7\n  city: x\n",
		body, // the id from the file name
		"id: hus-7\n",
	}
	for _, src := range answers {
		quick, ok := QuickIDs([]byte(src), "file.yaml")
		if !ok {
			t.Errorf("QuickIDs(%q) gave no answer", src)
			continue
		}
		agreeWithScan(t, src, quick)
	}
	for _, src := range refuses {
		if quick, ok := QuickIDs([]byte(src), "file.yaml"); ok {
			t.Errorf("QuickIDs(%q) = %v, want no answer", src, quick)
		}
	}
	// The examples, however they are written.
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, path := range append(examples, seeds...) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if quick, ok := QuickIDs(data, "file.yaml"); ok {
			agreeWithScan(t, string(data), quick)
		}
	}
}

// agreeWithScan fails unless ScanIDs gives what QuickIDs gave for src,
// or nothing at all.
func agreeWithScan(t *testing.T, src string, quick []ID) {
	t.Helper()
	full := ScanIDs([]byte(src), "file.yaml")
	if len(full) == 0 {
		return // broken YAML further down
	}
	if fmt.Sprint(full) != fmt.Sprint(quick) {
		t.Errorf("QuickIDs(%q) = %v, ScanIDs = %v", src, quick, full)
	}
}

// FuzzQuickIDs: whatever the file, QuickIDs gives no answer or ScanIDs's.
func FuzzQuickIDs(f *testing.F) {
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	for _, path := range examples {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("id: hus-7\nlandlord:\n  name: x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if quick, ok := QuickIDs(src, "file.yaml"); ok {
			agreeWithScan(t, string(src), quick)
		}
	})
}
