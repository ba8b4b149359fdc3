// Package regie holds the domain of regie, the registration and steering
// system for teams that do actief casemanagement with multi-problem families
// ("1 gezin, 1 plan, 1 regisseur"): the domain types, their validation, the
// reference data (roles, phases, life domains) and the service interfaces
// that the adapters under internal/ implement.
//
// It imports nothing else from the application. Code and comments are
// English; every word a person reads in the UI is Dutch and lives in
// templates or in the message catalogue (messages.go).
package regie

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in one table (internal/response)
// and to one CLI exit line; callers compare codes, never messages.
const (
	EBADREQUEST   = "bad_request"  // the request itself cannot be read (a malformed form or query)
	ECONFLICT     = "conflict"     // the change collides with existing data
	EFORBIDDEN    = "forbidden"    // the actor may not do this (and may know the record exists)
	EINTERNAL     = "internal"     // anything unexpected; details only in the operator log
	EINVALID      = "invalid"      // validation failed; Fields says where
	ENOTFOUND     = "not_found"    // no such record, or the actor may not know it exists
	ESTALE        = "stale"        // the record changed since the form showed it: someone else saved in between
	ETOOMANY      = "too_many"     // rate limited
	EUNAUTHORIZED = "unauthorized" // no valid session or credentials
	EUNAVAILABLE  = "unavailable"  // the database or schema is not ready
)

// Error is regie's one application error: a machine code and a message that
// is safe to show to the user (Dutch). Validation errors also carry a
// message per form field.
type Error struct {
	Code    string
	Message string
	// Fields maps a form field name to the Dutch message that explains what
	// is wrong with it. Only set for EINVALID.
	Fields map[string]string
}

// Error implements the error interface. It is meant for operators and tests;
// users see Message.
func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("regie error: code=%s message=%s fields=%v", e.Code, e.Message, e.Fields)
	}
	return fmt.Sprintf("regie error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted, user-safe
// message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the user-safe message of err. Errors that are not an
// *Error never reach a user: they get the generic internal message.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return Text(MsgInternal)
}

// ErrorFields returns the per-field messages of a validation error, or nil.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Forbidden returns the EFORBIDDEN error: the person may see the record
// but not do this with it.
func Forbidden() *Error {
	return &Error{Code: EFORBIDDEN, Message: Text(MsgForbidden)}
}

// Stale returns the ESTALE error: a form was saved over a record that
// someone else changed after the form was read. The store refuses the
// save, so nothing of the other person's change is lost.
func Stale() *Error {
	return &Error{Code: ESTALE, Message: Text(MsgStale)}
}

// NotFound returns the ENOTFOUND error for a kind of record. The same error
// is returned whether the record is missing or hidden by the access policy,
// so a denied user cannot learn that it exists.
func NotFound() *Error {
	return &Error{Code: ENOTFOUND, Message: Text(MsgNotFound)}
}
