package release

import (
	"bytes"
	"debug/buildinfo"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"os"
	"testing"
)

// checkBinary checks that the file at path is the huskurage command for
// goos/goarch, built as .goreleaser.yaml says, with version stamped in.
// It reads the file as the systems' loaders would, so it works on any
// machine, whatever binaries that machine can run.
func checkBinary(t *testing.T, path, goos, goarch, version string) {
	t.Helper()
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		t.Errorf("%s: no Go build information: %v", path, err)
		return
	}
	if bi.Path != "huskurage/cmd/huskurage" {
		t.Errorf("%s: built from %q, want huskurage/cmd/huskurage", path, bi.Path)
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	for key, want := range map[string]string{
		"GOOS": goos, "GOARCH": goarch, "CGO_ENABLED": "0", "-trimpath": "true",
	} {
		if settings[key] != want {
			t.Errorf("%s: build setting %s=%q, want %q", path, key, settings[key], want)
		}
	}
	// -trimpath keeps the ldflags out of the build information (they may
	// hold paths), so the stamp is looked for in the binary itself: -X
	// writes the version there only when main.version exists.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(version)) {
		t.Errorf("%s: version %s is not stamped in it", path, version)
	}

	switch goos {
	case "windows":
		checkPE(t, path, goarch)
	case "darwin":
		checkMachO(t, path, goarch)
	case "linux":
		checkELF(t, path, goarch)
	default:
		t.Errorf("%s: no check for %s", path, goos)
	}
}

func checkPE(t *testing.T, path, goarch string) {
	t.Helper()
	f, err := pe.Open(path)
	if err != nil {
		t.Errorf("%s: not a Windows program: %v", path, err)
		return
	}
	defer f.Close()
	machine := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "arm64": pe.IMAGE_FILE_MACHINE_ARM64}[goarch]
	if f.Machine != machine {
		t.Errorf("%s: machine %#x, want %#x (%s)", path, f.Machine, machine, goarch)
	}
	// A console program: it prints into the PowerShell window it is run
	// from, and Windows opens no second window for it.
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok || oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
		t.Errorf("%s: not a 64-bit console program (optional header %T)", path, f.OptionalHeader)
	}
}

// loadCodeSignature is LC_CODE_SIGNATURE, which debug/macho does not name.
const loadCodeSignature = 0x1d

func checkMachO(t *testing.T, path, goarch string) {
	t.Helper()
	f, err := macho.Open(path)
	if err != nil {
		t.Errorf("%s: not a macOS program: %v", path, err)
		return
	}
	defer f.Close()
	cpu := map[string]macho.Cpu{"amd64": macho.CpuAmd64, "arm64": macho.CpuArm64}[goarch]
	if f.Cpu != cpu {
		t.Errorf("%s: cpu %v, want %v", path, f.Cpu, cpu)
	}
	// macOS on Apple silicon runs no code without a signature. Go's linker
	// signs arm64 programs ad hoc; a tool that rewrites the binary after
	// it (strip, a packer) would break that, and the Mac would refuse it.
	if goarch == "arm64" {
		signed := false
		for _, l := range f.Loads {
			raw := l.Raw()
			signed = signed || len(raw) >= 4 && f.ByteOrder.Uint32(raw) == loadCodeSignature
		}
		if !signed {
			t.Errorf("%s: no code signature: Apple silicon Macs would refuse to run it", path)
		}
	}
}

func checkELF(t *testing.T, path, goarch string) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Errorf("%s: not a Linux program: %v", path, err)
		return
	}
	defer f.Close()
	machine := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[goarch]
	if f.Machine != machine {
		t.Errorf("%s: machine %v, want %v", path, f.Machine, machine)
	}
	// Static: no dynamic loader, so it runs on any distribution.
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("%s: asks for a dynamic loader; want a static program (CGO_ENABLED=0)", path)
		}
	}
	// -s: no symbol table, a smaller download.
	if f.Section(".symtab") != nil {
		t.Errorf("%s: has a symbol table; -s should leave it out", path)
	}
}
