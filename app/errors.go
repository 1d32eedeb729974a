package app

import (
	"errors"
	"fmt"
)

// Code classifies an error so that the GUI and the command line can turn it into a sentence for the
// owner without parsing messages.
type Code string

const (
	CodeInvalid     Code = "invalid"     // the owner's input cannot be accepted as it is
	CodeNotFound    Code = "not-found"   // the thing asked for does not exist
	CodeConflict    Code = "conflict"    // the input clashes with what is stored
	CodeBlocked     Code = "blocked"     // a guard forbids the action
	CodeMailbox     Code = "mailbox"     // the owner's mailbox cannot be reached
	CodeStorage     Code = "storage"     // the database file cannot be used
	CodeInternal    Code = "internal"    // a defect: nothing the owner did
	CodeUnsupported Code = "unsupported" // the file was written by a newer Duebook
	CodeCancelled   Code = "cancelled"   // the owner stopped it; what was done is kept whole
	CodeDamaged     Code = "damaged"     // the book's file or a stored value fails its own check (disk damage, an edit outside Duebook)
	CodeReadOnly    Code = "read-only"   // the book is open for reading only: nothing can be changed
)

// Error is the typed error of Duebook. Msg is a complete sentence meant for the shop owner; Err keeps
// the technical cause for logs and for errors.Is/As.
type Error struct {
	Code Code
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	return e.Msg + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an owner-facing error with a formatted sentence.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Wrap attaches an owner-facing sentence to a technical cause.
func Wrap(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...), Err: err}
}

// CodeOf returns the code of the first *Error in err's chain, or CodeInternal.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// Sentence returns what the owner should read for err: the first owner-facing message in the
// chain, or a generic sentence for an unexpected failure.
func Sentence(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return "Something went wrong that Duebook did not expect: " + err.Error()
}

// Cause is the technical cause of err for the log: the code and the first error in the chain
// that is not one of Duebook's sentences (those may name customers; the log keeps ids only).
func Cause(err error) string {
	if err == nil {
		return ""
	}
	code := CodeOf(err)
	for e := err; e != nil; e = errors.Unwrap(e) {
		if _, ours := e.(*Error); !ours {
			return string(code) + ": " + e.Error()
		}
	}
	return string(code)
}
