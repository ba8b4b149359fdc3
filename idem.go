package regie

import "context"

// Submission is one posted form's idempotency token and what the store
// found for it. Every form regie renders carries a fresh random token; the
// handler puts the posted token into the request's context, and the store
// records it in the same transaction as the save it makes. A second submit
// of the same form (a double tap, a phone that retries after a dropped
// connection, a restart between commit and answer) finds the token: the
// store does not save again, reports success, and sets Replayed, so the
// answer is the one the first submit got (with the notice that it was
// already saved).
//
// A request's saves are numbered in order (Writes), so a handler that
// saves twice has each save recorded on its own; reads, which write only
// their audit row, do not count. One request uses a Submission at a time.
type Submission struct {
	// Token is the form's token (128 random bits, base64url).
	Token string
	// Writes counts the saves of this request so far.
	Writes int
	// Replayed is set when a save of this request had been made before,
	// by an earlier submit of the same form; Result is then the id that
	// save created (0 when it created nothing).
	Replayed bool
	Result   int64
}

type submissionKey struct{}

// NewContextWithSubmission returns a copy of ctx that carries sub.
func NewContextWithSubmission(ctx context.Context, sub *Submission) context.Context {
	return context.WithValue(ctx, submissionKey{}, sub)
}

// SubmissionFromContext returns the request's submission, or nil when the
// request posted no token (a GET, a script, a test).
func SubmissionFromContext(ctx context.Context) *Submission {
	sub, _ := ctx.Value(submissionKey{}).(*Submission)
	return sub
}
