// Package pipeline runs Mittari's stages in order — ingest, transform, charts, exports — for one
// output folder, publishes their outputs together as one generation, and records what each run
// read, decided and wrote.
//
// It is the only place that knows the order of the stages and the layout of the output folder,
// and every command that writes an output folder goes through it, under the folder's lock; the
// stages themselves know nothing of one another.
package pipeline
