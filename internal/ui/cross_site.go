package ui

import (
	"net/http"
)

// A page of regie opened from another website must not act in the user's
// name: a link in an e-mail or on a hostile page would otherwise make the
// browser read a family's file — and write the access log — as the user
// who happens to be logged in. The session cookie is SameSite=Strict, so
// browsers leave it off such requests; and a browser that says where a
// request comes from (Sec-Fetch-Site) gets, for every page behind the
// log-in, a page that asks to confirm instead of the page itself.
// Requests that would change something are refused earlier, by the
// server's cross-origin protection, with CrossSiteRefused.

// crossSitePage is the page of both.
type crossSitePage struct {
	// Refused: a change from another site was refused; otherwise a
	// navigation is asked to be confirmed, with the link to Target.
	Refused bool
	Target  string
}

// fromOtherSite reports whether a GET or HEAD comes, by the browser's own
// account, from another website (or another site under the same domain).
// A typed address or a bookmark says "none"; a link within regie
// "same-origin"; an old browser says nothing and relies on the cookie.
func fromOtherSite(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return true
	}
	return false
}

// showCrossSiteConfirm asks to confirm a navigation from another site; it
// runs before the session is looked at, so nothing is read or logged.
func (h *Handler) showCrossSiteConfirm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "cross_site", &view{Title: "U komt van een andere website",
		Page: crossSitePage{Target: safeReturn(r.URL.RequestURI())}})
}

// CrossSiteRefused answers a request from another website that would
// change something (see server.Config.CrossSiteRefused): 403, in Dutch,
// with a way back to regie.
func (h *Handler) CrossSiteRefused(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusForbidden, "cross_site", &view{Title: "Niet uitgevoerd", Page: crossSitePage{Refused: true}})
}
