// Package release holds no code of its own. Its tests check the release
// archives that GoReleaser makes from ../.goreleaser.yaml for people
// without Go:
//
//   - TestConfig reads the config: six targets, no cgo, the flags that
//     make builds reproducible and stamp the version, and the files that
//     go into every archive.
//   - TestWindows cross-compiles the Windows amd64 binary with the
//     config's flags, checks what it is, and runs it under Wine on the
//     examples: its PDFs must be byte for byte those of the Linux binary.
//   - TestDist checks a finished dist/ folder; scripts/release.sh runs it
//     after GoReleaser with -dist, and it skips without.
package release
