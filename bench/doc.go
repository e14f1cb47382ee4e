// Package bench measures each stage of Mittari at a given number of report rows — wall time,
// rows per second and peak RSS, the median of several runs, each stage in a process of its own —
// and writes the table into BENCHMARKS.md.
//
// It drives the mittari binary as a child process, so that a stage's peak memory is its own and
// the figures are those an operator would see.
package bench
