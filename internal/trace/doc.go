// Package trace times the steps of a command for MITTARI_TRACE=1: each step's wall time and the
// CPU time the process used meanwhile, logged at debug level. On a shared machine the CPU time
// says more than the wall time.
package trace
