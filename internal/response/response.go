// Package response holds what every HTTP surface of regie shares when it
// answers: the one table from error codes to HTTP statuses, the security
// headers, problem+json for machine clients, and logging once at the
// boundary (5xx as errors with details, 4xx as warnings without).
package response

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"regie"
)

// Status returns the HTTP status of an error code: the one table.
func Status(code string) int {
	switch code {
	case regie.EBADREQUEST:
		return http.StatusBadRequest
	case regie.EINVALID:
		return http.StatusUnprocessableEntity
	case regie.ENOTFOUND:
		return http.StatusNotFound
	case regie.EFORBIDDEN:
		return http.StatusForbidden
	case regie.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case regie.ECONFLICT, regie.ESTALE:
		return http.StatusConflict
	case regie.ETOOMANY:
		return http.StatusTooManyRequests
	case regie.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case "":
		return http.StatusOK
	default:
		return http.StatusInternalServerError
	}
}

// CSP is regie's Content-Security-Policy: no scripts at all, styles and
// images only from regie itself, forms only to regie, never in a frame.
const CSP = "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// SecurityHeaders sets the headers every response carries.
func SecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
}

// NoStore marks a response as never to be stored by a browser or proxy:
// every page with family data.
func NoStore(h http.Header) {
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
}

// LogError logs err once for the operator. Internal errors are logged in
// full at error level; expected ones (4xx) at info without details, since
// their messages may quote what a user typed.
func LogError(logger *slog.Logger, r *http.Request, err error) {
	code := regie.ErrorCode(err)
	status := Status(code)
	attrs := slog.Group("request", slog.String("method", r.Method), slog.String("route", r.Pattern))
	if status >= 500 {
		logger.ErrorContext(r.Context(), "request failed", attrs, slog.Int("status", status), slog.String("error", err.Error()))
		return
	}
	logger.InfoContext(r.Context(), "request refused", attrs, slog.Int("status", status), slog.String("code", code))
}

// Problem writes err as application/problem+json (RFC 9457).
func Problem(w http.ResponseWriter, r *http.Request, err error) {
	code := regie.ErrorCode(err)
	status := Status(code)
	p := struct {
		Type   string            `json:"type"`
		Title  string            `json:"title"`
		Status int               `json:"status"`
		Code   string            `json:"code"`
		Detail string            `json:"detail"`
		Fields map[string]string `json:"fields,omitempty"`
	}{"about:blank", http.StatusText(status), status, code, regie.ErrorMessage(err), regie.ErrorFields(err)}
	SecurityHeaders(w.Header())
	NoStore(w.Header())
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}
