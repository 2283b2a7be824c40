// Package output writes finished files into an output folder so that a
// reader never sees half a file and two runs never mix their files.
//
// Each file is written under a new temporary name in the same folder,
// created exclusively (so a link planted in the folder is never
// followed), synced, and renamed into place; a set of files that belong
// together is renamed only when all of them are complete. A run locks
// the folder while it writes (see Open), and a second run is refused
// instead of writing between the first one's files. Errors of the
// system are put in words that say what to do: "the disk is full (free
// some space, or choose another folder with -o)".
package output
