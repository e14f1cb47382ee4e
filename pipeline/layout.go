package pipeline

import "path/filepath"

// Layout names the folders and files under an output folder (spec "Outputs", and the README's
// "Safety of the nightly run" for generations).
type Layout struct{ Root string }

// AsOfRoot is where a reproduction of an earlier state (run --as-of) writes its report, marts
// and exports, so that it never replaces the live outputs the nightly run maintains.
func (l Layout) AsOfRoot(stamp string) string { return filepath.Join(l.Root, "as-of", stamp) }

func (l Layout) Warehouse() string { return filepath.Join(l.Root, "warehouse") }

// Marts, Report and Exports are the paths readers use: symbolic links that lead through
// Current to the published generation.
func (l Layout) Marts() string   { return filepath.Join(l.Root, partMarts) }
func (l Layout) Report() string  { return filepath.Join(l.Root, partReport, "index.html") }
func (l Layout) Exports() string { return filepath.Join(l.Root, partExports) }

func (l Layout) Runs() string { return filepath.Join(l.Root, "runs") }
func (l Layout) Lock() string { return filepath.Join(l.Root, ".mittari.lock") }
func (l Layout) Tmp() string  { return filepath.Join(l.Root, ".tmp") }

// Generations holds one folder per published set of outputs (see generation.go); Current is
// the symbolic link to the one published last.
func (l Layout) Generations() string { return filepath.Join(l.Root, "generations") }
func (l Layout) Current() string     { return filepath.Join(l.Root, "current") }

// Record is a run's record; FindingsFile and FilesFile hold what is too long for it: every
// finding of the run, and every file it read (not those it skipped as already ingested).
func (l Layout) Record(runID string) string { return filepath.Join(l.Runs(), runID+".json") }
func (l Layout) FindingsFile(runID string) string {
	return filepath.Join(l.Runs(), runID+".findings.jsonl")
}
func (l Layout) FilesFile(runID string) string { return filepath.Join(l.Runs(), runID+".files.jsonl") }

// Cache is the transform's derived cache (a DuckDB file): deleting it is always safe, the next
// run computes in full and writes it again.
func (l Layout) Cache() string { return filepath.Join(l.Root, "cache", "transform.duckdb") }

// The parts of a generation, by their folder (or file) name in it.
const (
	partReport   = "report"
	partExports  = "exports"
	partMarts    = "marts"
	partFigures  = "figures.json"
	metaFile     = "generation.json"
	stagingLabel = ".staging-"
)

// outputDir is a folder holding one set of outputs: a generation, its staging folder, or a
// reproduction's folder under as-of/.
type outputDir string

func (d outputDir) Report() string  { return filepath.Join(string(d), partReport, "index.html") }
func (d outputDir) Marts() string   { return filepath.Join(string(d), partMarts) }
func (d outputDir) Exports() string { return filepath.Join(string(d), partExports) }
func (d outputDir) Figures() string { return filepath.Join(string(d), partFigures) }
func (d outputDir) Meta() string    { return filepath.Join(string(d), metaFile) }
