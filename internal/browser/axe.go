package browser

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// WCAG22AA are axe-core's tags for the rules of WCAG 2.0, 2.1 and 2.2 at
// levels A and AA: what our pages claim.
var WCAG22AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// AxeResult is what axe-core found in a page.
type AxeResult struct {
	Violations []AxeRule `json:"violations"`
	// Passes are the rules that found nothing wrong, Incomplete those
	// that could not decide and want a person to look.
	Passes     []AxeRule `json:"passes"`
	Incomplete []AxeRule `json:"incomplete"`
	// Version is axe-core's.
	Version string `json:"version"`
}

// AxeRule is one rule's result, with the elements it concerns.
type AxeRule struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []AxeNode `json:"nodes"`
}

// AxeNode is an element a rule looked at.
type AxeNode struct {
	HTML           string `json:"html"`
	Target         []any  `json:"target"`
	FailureSummary string `json:"failureSummary"`
}

// Passed reports whether rule id ran and found nothing wrong.
func (r *AxeResult) Passed(id string) bool {
	for _, p := range r.Passes {
		if p.ID == id {
			return true
		}
	}
	return false
}

// Report describes rules and their elements for a person, one element a
// line.
func Report(rules []AxeRule) string {
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "%s (%s): %s\n", r.ID, r.Impact, r.Help)
		for _, n := range r.Nodes {
			fmt.Fprintf(&b, "  %v %s\n", n.Target, n.HTML)
			if n.FailureSummary != "" {
				fmt.Fprintf(&b, "    %s\n", strings.ReplaceAll(n.FailureSummary, "\n", "\n    "))
			}
		}
	}
	return b.String()
}

// Axe checks the page in the tab with axe-core's rules of the tags given
// (WCAG22AA, say), and returns what it found.
func (t *Tab) Axe(tags ...string) (*AxeResult, error) {
	src, err := AxeScript()
	if err != nil {
		return nil, err
	}
	if _, err := Eval[bool](t, src+"\n;true"); err != nil {
		return nil, fmt.Errorf("loading axe-core into the page: %w", err)
	}
	opts, err := json.Marshal(map[string]any{
		"runOnly":     map[string]any{"type": "tag", "values": tags},
		"resultTypes": []string{"violations", "incomplete"},
	})
	if err != nil {
		return nil, err
	}
	js := `axe.run(document, ` + string(opts) + `).then(r => ({version: r.testEngine.version,
		violations: r.violations, passes: r.passes, incomplete: r.incomplete}))`
	res, err := Eval[AxeResult](t, js)
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	return &res, nil
}

// axePath is where scripts/test.sh installs axe-core, from the module's
// root.
const axePath = "internal/browser/testdata/axe/node_modules/axe-core/axe.min.js"

var axe struct {
	once sync.Once
	src  string
	err  error
}

// AxeScript returns axe-core's script, read once from where
// scripts/test.sh installs it (found from the working directory, which
// for a test is its package's folder in this module).
func AxeScript() (string, error) {
	axe.once.Do(func() {
		dir, err := os.Getwd()
		if err != nil {
			axe.err = err
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
			up := filepath.Dir(dir)
			if up == dir {
				axe.err = errors.New("axe-core: not inside the huskurage module (no go.mod above the working directory)")
				return
			}
			dir = up
		}
		b, err := os.ReadFile(filepath.Join(dir, axePath))
		if err != nil {
			axe.err = fmt.Errorf("axe-core is not installed (%w); scripts/test.sh installs it: cd internal/browser/testdata/axe && npm ci", err)
			return
		}
		axe.src = string(b)
	})
	return axe.src, axe.err
}
