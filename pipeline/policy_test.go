package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"huskurage/helpline"
	"huskurage/kind"
	"huskurage/property"
	"huskurage/templates"
)

// The municipality's policy, read back with pdftotext from every
// language's poster and leaflet: the three steps in the order the
// property chose (the policy's by default), each step's words with its
// condition and fallback, 112 and 114 14, social services for a child and
// for an adult, the Swedish word a caller asks for, and every number.
func TestPolicyInEveryLanguage(t *testing.T) {
	t.Parallel()
	requireTools(t)
	b, ale := loadExample(t, "../examples/ale-storgatan.yaml")
	national := *ale
	national.Steps = []string{"knock", "others", "police"}
	orders := []*property.Property{ale, &national}
	dir := t.TempDir()

	type job struct {
		code string
		p    *property.Property
		kind *kind.Kind
	}
	var jobs []job
	for _, code := range templates.Codes() {
		for _, p := range orders {
			for _, k := range kind.All {
				jobs = append(jobs, job{code, p, k})
			}
		}
	}
	check := func(b *Builder, i int, j job) {
		name := fmt.Sprintf("%s %s %s", j.code, j.kind, strings.Join(j.p.Steps, ","))
		entrance := ""
		if j.kind.PerEntrance {
			entrance = "7A"
		}
		f, err := b.Document(j.p, Options{Lang: j.code}, j.kind, entrance)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		path := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Error(err)
			return
		}
		l, _ := templates.Load(j.code)
		checkPolicy(t, name, noPunct(pdfText(t, path)), l, j.p)
		// The property's hours and notes, given in Swedish only, are
		// printed as given on another language's page, marked Swedish
		// for screen readers.
		details := 0
		nodes := map[int]bool{} // the details' structure elements
		for _, pg := range f.Doc.Pages {
			for _, it := range pg.Items {
				if !isContactDetail(it) {
					continue
				}
				details++
				nodes[it.Node] = true
				if want := map[bool]string{true: "", false: "sv"}[j.code == "sv"]; it.Lang != want {
					t.Errorf("%s: %q is tagged %q, want %q", name, itemText(it), it.Lang, want)
				}
			}
		}
		if details == 0 {
			t.Errorf("%s: no contact hours or note on the page", name)
		}
		if j.code == "ar" || j.code == "so" {
			qdf := string(run(t, "qpdf", "--qdf", "--object-streams=disable", path, "-"))
			// In the structure tree: the details' elements.
			if n := strings.Count(qdf, "/Lang (sv)"); n != len(nodes) || nodes[0] {
				t.Errorf("%s: %d structure elements marked Swedish in the PDF, want one per text of the contact's details (%d)", name, n, len(nodes))
			}
		}
	}
	// A Builder is used by one goroutine at a time: one per worker.
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 4; w++ {
		wb := b
		if w > 0 {
			var err error
			if wb, err = New(); err != nil {
				t.Fatal(err)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				check(wb, i, jobs[i])
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
}

// checkPolicy checks the letters and digits of a document's text (text,
// from noPunct: pdftotext may move punctuation in right-to-left lines).
func checkPolicy(t *testing.T, name, text string, l *templates.Language, p *property.Property) {
	t.Helper()
	has := func(what, s string) bool {
		if !strings.Contains(text, noPunct(s)) {
			t.Errorf("%s: no %s %q", name, what, s)
			return false
		}
		return true
	}
	for _, key := range []string{"emergency_label", "police_line", "steps_heading",
		"step_police_title", "step_police_text", "step_neighbours_title", "step_neighbours_text",
		"step_knock_title", "step_knock_text", "child_heading", "child_text", "social_adult_text"} {
		has(key, l.Text(key))
	}
	// The steps, after their heading, in the property's order.
	keys := map[string]string{"police": "step_police_title", "others": "step_neighbours_title", "knock": "step_knock_title"}
	at := strings.Index(text, noPunct(l.Text("steps_heading")))
	for _, step := range p.Steps {
		i := strings.Index(text[max(at, 0):], noPunct(l.Text(keys[step])))
		if i < 0 {
			t.Errorf("%s: step %s is not after the one before it (order %v)", name, step, p.Steps)
			break
		}
		at += i + 1
	}
	// The Swedish words a caller asks for, in every language.
	has("the Swedish word for social services", "socialtjänsten")
	if l.Code != "sv" && l.Code != "sv-x-ll" {
		has("the Swedish word for a report of concern", "orosanmälan")
	}
	// Every number: the emergency ones, the property's, the support lines'.
	has("the emergency number", "112")
	has("the police's other number", "114 14")
	for _, c := range p.Contacts {
		has("the number of "+c.Name, c.Phone)
	}
	for _, id := range p.SupportLines {
		line, _ := helpline.Lookup(id)
		if has("support line", line.Name) {
			has("the number of "+line.Name, line.Number)
		}
	}
}
