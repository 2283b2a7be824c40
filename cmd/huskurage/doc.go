// Command huskurage prints Huskurage stairwell posters and door leaflets
// from one YAML file per property.
//
// Each command has a constructor that builds its cobra.Command and a run
// function that turns its flags into a pipeline.Request and prints what
// became of each property; the work itself is in package pipeline. The
// command owns the process's settings: Ctrl-C, and the collector's tuning
// for a batch (package gctuning). Errors map to exit statuses in one
// place, exitStatus in root.go.
//
//	huskurage init my-house.yaml
//	huskurage check my-house.yaml
//	huskurage build my-house.yaml -o out
package main
