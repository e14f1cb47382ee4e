// Package buildid identifies the build of the running program, for what it derives and keeps
// between runs (the transform's cache, the export's carried files): two builds of the same
// source, modules and stamped version share an identity, whatever their path or time.
package buildid
