//go:build race

package png_test

// raceEnabled is set when the tests run under the race detector, which
// makes the picture comparisons eight times slower: scripts/test.sh runs
// them without it first, and TestDeterministic draws from many
// goroutines under it.
const raceEnabled = true
