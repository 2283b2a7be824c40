package release

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// repoRoot is the repository, seen from this package's folder, where go
// test runs its tests.
const repoRoot = ".."

// config is the part of .goreleaser.yaml that the tests read. GoReleaser
// itself checks the whole file (goreleaser check, in scripts/release.sh).
type config struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		ID           string   `yaml:"id"`
		Main         string   `yaml:"main"`
		Binary       string   `yaml:"binary"`
		Env          []string `yaml:"env"`
		Goos         []string `yaml:"goos"`
		Goarch       []string `yaml:"goarch"`
		Flags        []string `yaml:"flags"`
		Ldflags      []string `yaml:"ldflags"`
		ModTimestamp string   `yaml:"mod_timestamp"`
	} `yaml:"builds"`
	Archives []struct {
		NameTemplate    string   `yaml:"name_template"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
		BuildsInfo fileInfo `yaml:"builds_info"`
		Files      []struct {
			Src  string   `yaml:"src"`
			Dst  string   `yaml:"dst"`
			Info fileInfo `yaml:"info"`
		} `yaml:"files"`
	} `yaml:"archives"`
	Metadata struct {
		ModTimestamp string `yaml:"mod_timestamp"`
	} `yaml:"metadata"`
}

type fileInfo struct {
	MTime string `yaml:"mtime"`
}

// loadConfig reads ../.goreleaser.yaml.
func loadConfig(t *testing.T) *config {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var c config
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(c.Builds) != 1 || len(c.Archives) != 1 {
		t.Fatalf(".goreleaser.yaml: %d builds and %d archives; the tests expect one of each", len(c.Builds), len(c.Archives))
	}
	return &c
}

// targets are the systems we ship for: Windows for the landlords' and
// clerks' offices, macOS and Linux, each on Intel/AMD and on ARM.
var targets = []struct{ goos, goarch string }{
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

func TestConfig(t *testing.T) {
	t.Parallel()
	c := loadConfig(t)
	b, a := c.Builds[0], c.Archives[0]

	if c.Version != 2 {
		t.Errorf("version: %d, want 2 (GoReleaser v2's schema)", c.Version)
	}
	if b.Main != "./cmd/huskurage" || b.Binary != "huskurage" {
		t.Errorf("builds: main %q binary %q, want ./cmd/huskurage and huskurage", b.Main, b.Binary)
	}

	var got []string
	for _, goos := range b.Goos {
		for _, goarch := range b.Goarch {
			got = append(got, goos+"/"+goarch)
		}
	}
	var want []string
	for _, tg := range targets {
		want = append(want, tg.goos+"/"+tg.goarch)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("builds: targets %q, want %q", got, want)
	}

	// No C: a binary built with cgo needs the C library of the machine
	// it was built on, and cannot be cross-compiled without a C
	// cross-compiler.
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("builds: env %q lacks CGO_ENABLED=0", b.Env)
	}
	if !slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("builds: flags %q lack -trimpath (the build machine's paths would make builds differ)", b.Flags)
	}
	ld := strings.Fields(strings.Join(b.Ldflags, " "))
	for _, w := range [][]string{{"-s"}, {"-w"}, {"-X", "main.version={{.Version}}"}} {
		if !containsRun(ld, w) {
			t.Errorf("builds: ldflags %q lack %q", b.Ldflags, strings.Join(w, " "))
		}
	}

	// Reproducible: every time in the archives is the commit's.
	if b.ModTimestamp != "{{ .CommitTimestamp }}" {
		t.Errorf("builds: mod_timestamp %q, want the commit's ({{ .CommitTimestamp }})", b.ModTimestamp)
	}
	if c.Metadata.ModTimestamp != "{{ .CommitTimestamp }}" {
		t.Errorf("metadata: mod_timestamp %q, want the commit's ({{ .CommitTimestamp }})", c.Metadata.ModTimestamp)
	}
	if a.BuildsInfo.MTime != "{{ .CommitDate }}" {
		t.Errorf("archives: builds_info mtime %q, want the commit's ({{ .CommitDate }})", a.BuildsInfo.MTime)
	}

	if !slices.Equal(a.Formats, []string{"tar.gz"}) {
		t.Errorf("archives: formats %q, want [tar.gz]", a.Formats)
	}
	zip := false
	for _, o := range a.FormatOverrides {
		zip = zip || o.Goos == "windows" && slices.Equal(o.Formats, []string{"zip"})
	}
	if !zip {
		t.Errorf("archives: no zip for windows in format_overrides %+v", a.FormatOverrides)
	}

	var srcs []string
	for _, f := range a.Files {
		srcs = append(srcs, f.Src)
		if f.Info.MTime != "{{ .CommitDate }}" {
			t.Errorf("archives: file %s: mtime %q, want the commit's ({{ .CommitDate }})", f.Src, f.Info.MTime)
		}
		// A source that matches nothing is left out with only a warning.
		pattern := strings.TrimSuffix(f.Src, "/**")
		if m, err := filepath.Glob(filepath.Join(repoRoot, pattern)); err != nil || len(m) == 0 {
			t.Errorf("archives: file %s matches nothing in the repository", f.Src)
		}
	}
	for _, w := range []string{"README.md", "assets/fonts/OFL.txt", "examples/**"} {
		if !slices.Contains(srcs, w) {
			t.Errorf("archives: files %q lack %s", srcs, w)
		}
	}
}

// containsRun reports whether the words w appear one after the other in s.
func containsRun(s, w []string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if slices.Equal(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// buildTarget compiles the command for one system with the config's
// environment, flags and ldflags, the version put in for {{.Version}}, as
// GoReleaser would, and returns the binary's path.
func buildTarget(t *testing.T, c *config, goos, goarch, version string) string {
	t.Helper()
	b := c.Builds[0]
	tmpl, err := template.New("ldflags").Option("missingkey=error").Parse(strings.Join(b.Ldflags, " "))
	if err != nil {
		t.Fatalf("builds: ldflags: %v", err)
	}
	var ldflags bytes.Buffer
	if err := tmpl.Execute(&ldflags, struct{ Version string }{version}); err != nil {
		t.Fatalf("builds: ldflags use more than {{.Version}}; teach buildTarget the rest: %v", err)
	}
	name := b.Binary
	if goos == "windows" {
		name += ".exe"
	}
	out := filepath.Join(t.TempDir(), goos+"_"+goarch, name)
	args := append([]string{"build"}, b.Flags...)
	args = append(args, "-ldflags", ldflags.String(), "-o", out, b.Main)
	cmd := exec.Command("go", args...)
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), b.Env...)
	cmd.Env = append(cmd.Env, "GOOS="+goos, "GOARCH="+goarch)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=%s GOARCH=%s go %s: %v\n%s", goos, goarch, strings.Join(args, " "), err, msg)
	}
	return out
}

// TestVersionVariable checks that the variable named by the config's
// -X main.version is declared in package main of cmd/huskurage.
func TestVersionVariable(t *testing.T) {
	t.Parallel()
	c := loadConfig(t)
	ld := strings.Fields(strings.Join(c.Builds[0].Ldflags, " "))
	var name string
	for i, f := range ld {
		if f == "-X" && i+1 < len(ld) && strings.HasPrefix(ld[i+1], "main.") {
			name, _, _ = strings.Cut(strings.TrimPrefix(ld[i+1], "main."), "=")
		}
	}
	if name == "" {
		t.Fatalf("builds: ldflags %q set no variable of package main", c.Builds[0].Ldflags)
	}

	fset := token.NewFileSet()
	dir := filepath.Join(repoRoot, filepath.FromSlash(c.Builds[0].Main))
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	declared := false
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		declared = declared || declaresVar(f, name)
	}
	if !declared {
		t.Errorf("%s declares no var %s: -X main.%s in .goreleaser.yaml stamps nothing", dir, name, name)
	}
}

// declaresVar reports whether f declares a package-level variable name.
func declaresVar(f *ast.File, name string) bool {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			for _, n := range s.(*ast.ValueSpec).Names {
				if n.Name == name {
					return true
				}
			}
		}
	}
	return false
}
