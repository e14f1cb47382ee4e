package ingest

// DefaultTargetFactor is the multiple of a project's target above which its cumulative value is
// warned about (RuleTargetExceeded) when Options.TargetFactor is zero; the command line's
// --target-factor defaults to it.
const DefaultTargetFactor = 1.5
