// Command huskurage prints Huskurage stairwell posters and door leaflets
// from one YAML file per property.
//
// Each command has a constructor that builds its cobra.Command and a run
// function that does the work; the work itself is in package build.
//
//	huskurage init my-house.yaml
//	huskurage check my-house.yaml
//	huskurage build my-house.yaml -o out
package main
