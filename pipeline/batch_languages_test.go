package pipeline

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// A property of the municipality example lists three languages: the
// batch writes each of its documents in each, and the manifest says which.
func TestBatchExampleLanguages(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	rep, err := Batch(context.Background(), []string{"../examples/ale-kommun/fastigheter/nodinge-centrum.yaml"},
		Request{Out: out, Defaults: "../examples/ale-kommun/ale-kommun.yaml"})
	if err != nil || len(rep.Failures) > 0 {
		t.Fatalf("%v %+v", err, rep.Failures)
	}
	var got []string
	for _, f := range writtenRows(t, out, rep) {
		got = append(got, f.File+" "+f.Lang)
	}
	var want []string
	for _, lang := range []string{"sv", "ar", "so"} {
		for _, doc := range []string{"poster-a", "poster-b", "poster-c", "leaflet"} {
			want = append(want, "nodinge-centrum-"+doc+"-"+lang+".pdf "+lang)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("written:\n%v\nwant:\n%v", got, want)
	}
}
