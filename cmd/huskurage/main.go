// Command huskurage prints Huskurage stairwell posters and door leaflets
// from one YAML file per property.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
