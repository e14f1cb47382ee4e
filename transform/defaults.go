package transform

// The DuckDB resources a transform gets when Options leaves them zero; the command line's
// flags default to the same constants.
const (
	DefaultThreads     = 2
	DefaultMemoryLimit = "1GB"
)
