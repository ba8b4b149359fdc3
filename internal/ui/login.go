package ui

import (
	"net/http"
	"time"

	"regie"
	"regie/internal/auth"
	"regie/internal/totp"
)

// deviceCookie keeps a device token (auth.Login.Device): the browser
// logged in to the account before, so a flood of guesses by others does
// not lock it out.
const deviceCookie = "__Host-regie-apparaat"

func setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/",
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// afterLogin sends a new or rotated session where it must go next.
func (h *Handler) afterLogin(w http.ResponseWriter, r *http.Request, l *auth.Login, back string) {
	setSessionCookie(w, l.Token)
	switch l.Next {
	case auth.StepCode:
		http.Redirect(w, r, "/inloggen/code", http.StatusSeeOther)
	case auth.StepEnrol:
		http.Redirect(w, r, "/inloggen/koppelen", http.StatusSeeOther)
	default:
		http.Redirect(w, r, safeReturn(back), http.StatusSeeOther) //nolint:gosec // safeReturn allows only a path on this site
	}
}

func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request) error {
	if rs := sessionFrom(r.Context()); rs != nil && rs.session.MFA {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	f := newForm(nil, "email", "password")
	f.Values.Set("terug", r.URL.Query().Get("terug"))
	h.render(w, r, http.StatusOK, "login", &view{Title: "Inloggen", Form: f})
	return nil
}

func (h *Handler) submitLogin(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, "email", "password")
	if err != nil {
		return err
	}
	// A new log-in replaces whatever session this browser had.
	if rs := sessionFrom(r.Context()); rs != nil {
		if err := h.Auth.LogOut(r.Context(), rs.session); err != nil {
			return err
		}
	}
	device := ""
	if c, err := r.Cookie(deviceCookie); err == nil {
		device = c.Value
	}
	l, err := h.Auth.LogIn(r.Context(), f.Get("email"), f.Get("password"), device)
	if err != nil {
		code := regie.ErrorCode(err)
		if code != regie.EUNAUTHORIZED && code != regie.ETOOMANY && code != regie.EUNAVAILABLE {
			return err
		}
		// The same words for an unknown address and a wrong password, and
		// the password is never sent back.
		f.Values.Del("password")
		f.Errors = map[string]string{"": regie.ErrorMessage(err)}
		status := http.StatusUnauthorized
		switch code {
		case regie.ETOOMANY:
			status = http.StatusTooManyRequests
			w.Header().Set("Retry-After", "60")
		case regie.EUNAVAILABLE:
			// The password hasher's queue is full: refused at once.
			status = http.StatusServiceUnavailable
			w.Header().Set("Retry-After", "5")
		}
		h.render(w, r, status, "login", &view{Title: "Inloggen", Form: f})
		return nil
	}
	if l.Device != "" {
		// Only the last account logged in on this browser is recognised:
		// enough for the one person a workplace browser belongs to.
		http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: l.Device, Path: "/", MaxAge: int(auth.DeviceMaxAge / time.Second),
			Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	h.afterLogin(w, r, l, f.Get("terug"))
	return nil
}

func (h *Handler) showCode(w http.ResponseWriter, r *http.Request) error {
	rs := sessionFrom(r.Context())
	if rs.session.MFA || !rs.user.HasTOTP() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	h.render(w, r, http.StatusOK, "login_code", &view{Title: "Code uit uw app", Form: newForm(nil, "code")})
	return nil
}

func (h *Handler) submitCode(w http.ResponseWriter, r *http.Request) error {
	rs := sessionFrom(r.Context())
	if rs.session.MFA || !rs.user.HasTOTP() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	f, err := formFromRequest(r, "code")
	if err != nil {
		return err
	}
	l, err := h.Auth.VerifyCode(r.Context(), rs.session, rs.user, regie.Clean(f.Get("code")))
	if err != nil {
		if c := regie.ErrorCode(err); c != regie.EUNAUTHORIZED && c != regie.ETOOMANY {
			return err
		}
		f.Values.Del("code")
		f.Errors = map[string]string{"code": regie.ErrorMessage(err)}
		h.render(w, r, codeStatus(err), "login_code", &view{Title: "Code uit uw app", Form: f})
		return nil
	}
	h.afterLogin(w, r, l, "/")
	return nil
}

func codeStatus(err error) int {
	if regie.ErrorCode(err) == regie.ETOOMANY {
		return http.StatusTooManyRequests
	}
	return http.StatusUnauthorized
}

// enrolPage is the data of the page that links an authenticator app.
type enrolPage struct {
	Secret string
}

func (h *Handler) showEnrol(w http.ResponseWriter, r *http.Request) error {
	rs := sessionFrom(r.Context())
	if rs.session.MFA || rs.user.HasTOTP() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	k, err := h.Auth.EnrolmentKey(r.Context(), rs.session, rs.user)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "login_enrol", &view{Title: "Tweede factor instellen", Form: newForm(nil, "code"),
		Page: enrolPage{Secret: k.Secret}})
	return nil
}

func (h *Handler) serveEnrolQR(w http.ResponseWriter, r *http.Request) error {
	rs := sessionFrom(r.Context())
	if rs.session.MFA || rs.user.HasTOTP() || rs.session.PendingTOTPSecret == "" {
		return regie.NotFound()
	}
	k, err := totp.KeyFor(h.Auth.Config().Issuer, rs.user.Email, rs.session.PendingTOTPSecret)
	if err != nil {
		return err
	}
	png, err := totp.QRCode(k, 240)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(png) // after the header only a client that went away fails
	return nil
}

func (h *Handler) submitEnrol(w http.ResponseWriter, r *http.Request) error {
	rs := sessionFrom(r.Context())
	if rs.session.MFA || rs.user.HasTOTP() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	f, err := formFromRequest(r, "code")
	if err != nil {
		return err
	}
	l, err := h.Auth.ConfirmEnrolment(r.Context(), rs.session, rs.user, regie.Clean(f.Get("code")))
	if err != nil {
		if c := regie.ErrorCode(err); c != regie.EUNAUTHORIZED && c != regie.ETOOMANY {
			return err
		}
		f.Values.Del("code")
		f.Errors = map[string]string{"code": regie.ErrorMessage(err)}
		h.render(w, r, codeStatus(err), "login_enrol", &view{Title: "Tweede factor instellen", Form: f,
			Page: enrolPage{Secret: rs.session.PendingTOTPSecret}})
		return nil
	}
	setSessionCookie(w, l.Token)
	h.redirect(w, r, "/", regie.MsgFlashMFAEnrolled)
	return nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	if rs := sessionFrom(r.Context()); rs != nil {
		if err := h.Auth.LogOut(r.Context(), rs.session); err != nil {
			return err
		}
	}
	clearCookie(w, sessionCookie)
	h.redirect(w, r, "/inloggen", regie.MsgFlashLoggedOut)
	return nil
}

// showHome sends each role to where its work starts.
func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) error {
	// The first of the menu's lists the actor may open.
	can := h.Permissions.Permissions(r.Context())
	to := ""
	switch {
	case can.TeamFamilies:
		to = "/gezinnen?overzicht=team"
	case can.MyFamilies:
		to = "/gezinnen"
	case can.PartnerFamilies:
		to = "/partner"
	case can.Assignments:
		to = "/toewijzingen"
	case can.AuditLog:
		to = "/toegangslog"
	case can.Referrals:
		to = "/aanmeldingen"
	case can.Accounts:
		to = "/beheer/gebruikers"
	case can.Reports:
		to = "/rapportages"
	default:
		h.render(w, r, http.StatusOK, "welcome", &view{Title: "Welkom"})
		return nil
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
