// Package errs builds errors that say what failed, on which file or folder, of which kind and
// why, in the style of upspin's errors.E.
//
// The kind tells a program what to do (the command maps it to an exit status) and the message
// tells a person, in their own terms, what to fix; the operation is kept for logs only.
package errs
