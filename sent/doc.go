// Package sent keeps the transmissions that were sent to the Commission: each one frozen in
// out/sent/<version>/ (the files sent, byte for byte, and a record of who prepared and approved
// it, when and from what), never rewritten, and the restatements of their figures that the
// managing authority acknowledged.
//
// It reads them back for the runs that follow, which compare the figures sent with the same
// cut-off computed again (the restatements) and check new versions against them.
package sent
