// Package pipelinetest helps tests of whole commands compare what output folders publish and
// find what a command left behind; only tests import it.
//
// It knows the output folder's layout from the outside, as a reader does, so that a test using
// it does not share the pipeline's own assumptions.
package pipelinetest
