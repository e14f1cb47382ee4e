package pipeline

import "path/filepath"

// Layout names the folders and files under an output folder (spec "Outputs").
type Layout struct{ Root string }

// AsOfRoot is where a reproduction of an earlier state (run --as-of) writes its report, marts
// and exports, so that it never replaces the live outputs the nightly run maintains.
func (l Layout) AsOfRoot(stamp string) string { return filepath.Join(l.Root, "as-of", stamp) }

func (l Layout) Warehouse() string { return filepath.Join(l.Root, "warehouse") }
func (l Layout) Marts() string     { return filepath.Join(l.Root, "marts") }
func (l Layout) Report() string    { return filepath.Join(l.Root, "report", "index.html") }
func (l Layout) Exports() string   { return filepath.Join(l.Root, "exports") }
func (l Layout) Runs() string      { return filepath.Join(l.Root, "runs") }
func (l Layout) Lock() string      { return filepath.Join(l.Root, ".mittari.lock") }
func (l Layout) Tmp() string       { return filepath.Join(l.Root, ".tmp") }

// Cache is the transform's derived cache (a DuckDB file): deleting it is always safe, the next
// run computes in full and writes it again.
func (l Layout) Cache() string { return filepath.Join(l.Root, "cache", "transform.duckdb") }
