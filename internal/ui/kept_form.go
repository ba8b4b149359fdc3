package ui

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"regie"
)

// Typed text survives an expired session. A worker who writes a long
// contact note and saves it after the idle time-out must not lose it: the
// POST that finds its session timed out keeps the posted values in memory,
// under a random token in a short-lived cookie, bound to the user whose
// session it was. After logging in again, that same user is shown what
// they typed, on a page that saves it with one button (the route's own
// handler then validates and saves, or shows its form with the values).
// Nothing is restored for anyone else, nothing is written to the database
// or the logs, and an entry lives keptFor at most. Kept in memory, a
// restart or another instance behind a load balancer loses it: the worker
// then only sees the log-in page, as before.

// keptCookie holds the token of a kept form.
const keptCookie = "__Host-regie-bewaard"

// keptPath shows a kept form after log-in.
const keptPath = "/formulier-bewaard"

const (
	keptFor     = 15 * time.Minute
	keptMaxSize = 500 // entries; the oldest go first
)

// keepRoutes are the forms whose typed values are kept when the session
// has expired: those where a worker types text worth keeping.
var keepRoutes = map[string]bool{
	"POST /gezinnen/{id}/contacten":                  true,
	"POST /gezinnen/{id}/contacten/{cid}":            true,
	"POST /gezinnen/{id}/plan/{nr}":                  true,
	"POST /gezinnen/{id}":                            true,
	"POST /gezinnen":                                 true,
	"POST /gezinnen/{id}/leden":                      true,
	"POST /gezinnen/{id}/leden/{mid}":                true,
	"POST /gezinnen/{id}/veiligheid":                 true,
	"POST /gezinnen/{id}/veiligheid/{sid}/afsluiten": true,
	"POST /gezinnen/{id}/trajecten":                  true,
	"POST /gezinnen/{id}/trajecten/{tid}":            true,
	"POST /gezinnen/{id}/overdracht":                 true,
	"POST /gezinnen/{id}/netwerkoverleg":             true,
	"POST /aanmeldingen":                             true,
	"POST /aanmeldingen/{id}/besluit":                true,
	"POST /teamoverleg/{dag}/punten":                 true,
	"POST /teamoverleg/{dag}/besluiten":              true,
}

// keptForm is one form posted into an expired session.
type keptForm struct {
	userID  int64
	action  string // the path it was posted to
	values  url.Values
	expires time.Time
}

// keptForms holds the kept forms by token.
type keptForms struct {
	mu    sync.Mutex
	forms map[string]*keptForm
}

func (k *keptForms) put(now time.Time, f *keptForm) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := hex.EncodeToString(b)
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.forms == nil {
		k.forms = map[string]*keptForm{}
	}
	for t, kf := range k.forms {
		if now.After(kf.expires) {
			delete(k.forms, t)
		}
	}
	for len(k.forms) >= keptMaxSize {
		oldest := ""
		for t, kf := range k.forms {
			if oldest == "" || kf.expires.Before(k.forms[oldest].expires) {
				oldest = t
			}
		}
		delete(k.forms, oldest)
	}
	k.forms[token] = f
	return token, nil
}

// take removes and returns the form kept under token for userID; a form
// kept for someone else is removed and not returned.
func (k *keptForms) take(now time.Time, token string, userID int64) *keptForm {
	k.mu.Lock()
	defer k.mu.Unlock()
	kf := k.forms[token]
	delete(k.forms, token)
	if kf == nil || now.After(kf.expires) || kf.userID != userID {
		return nil
	}
	return kf
}

// peek reports whether a form is kept under token for userID.
func (k *keptForms) peek(now time.Time, token string, userID int64) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	kf := k.forms[token]
	return kf != nil && kf.userID == userID && !now.After(kf.expires)
}

// keepForm keeps the values of a form posted into the expired session of
// userID, and reports whether it did; the caller sends the user to log in.
func (h *Handler) keepForm(w http.ResponseWriter, r *http.Request, rt route, userID int64) bool {
	if userID == 0 || !keepRoutes[rt.pattern] || r.Method != http.MethodPost ||
		!strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return false
	}
	if err := r.ParseForm(); err != nil || len(r.PostForm) == 0 {
		return false
	}
	now := h.Clock.Now()
	token, err := h.kept.put(now, &keptForm{userID: userID, action: r.URL.Path, values: r.PostForm, expires: now.Add(keptFor)})
	if err != nil {
		return false
	}
	http.SetCookie(w, &http.Cookie{Name: keptCookie, Value: token, Path: "/", MaxAge: int(keptFor / time.Second),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return true
}

// toKeptForm sends a user who has a form kept for them to it, before any
// other page: after logging in, wherever the log-in leads. It reports
// whether it did.
func (h *Handler) toKeptForm(w http.ResponseWriter, r *http.Request, rt route, rs *reqSession) bool {
	if r.Method != http.MethodGet || rt.access != accessUser || rs == nil || r.URL.Path == keptPath {
		return false
	}
	c, err := r.Cookie(keptCookie)
	if err != nil || c.Value == "" {
		return false
	}
	if !h.kept.peek(h.Clock.Now(), c.Value, rs.user.ID) {
		// Expired, gone, or someone else's: never shown here.
		h.kept.take(h.Clock.Now(), c.Value, 0)
		clearCookie(w, keptCookie)
		return false
	}
	http.Redirect(w, r, keptPath, http.StatusSeeOther)
	return true
}

// keptField is one value of a kept form, with its Dutch label.
type keptField struct {
	Name, Label, Value string
}

// keptPage is the data of the page that offers a kept form.
type keptPage struct {
	// Unavailable: the database could not take the save (serveUnsaved),
	// rather than the session having expired.
	Unavailable bool
	Action      string
	Fields      []keptField // every value, sent again as they were
	Shown       []keptField // the values a person typed, to read before saving
}

// showKeptForm shows the form kept for the user, once.
func (h *Handler) showKeptForm(w http.ResponseWriter, r *http.Request) error {
	c, err := r.Cookie(keptCookie)
	var kf *keptForm
	if err == nil && c.Value != "" {
		kf = h.kept.take(h.Clock.Now(), c.Value, actor(r).UserID)
		clearCookie(w, keptCookie)
	}
	if kf == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	p := keptPage{Action: kf.action}
	names := make([]string, 0, len(kf.values))
	for n := range kf.values {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, v := range kf.values[n] {
			f := keptField{Name: n, Label: regie.FieldLabel(n), Value: v}
			p.Fields = append(p.Fields, f)
			if strings.TrimSpace(v) != "" && f.Label != "" {
				p.Shown = append(p.Shown, f)
			}
		}
	}
	h.render(w, r, http.StatusOK, "kept_form", &view{Title: "Wat u had ingevuld", Page: p})
	return nil
}
