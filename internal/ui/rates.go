package ui

import (
	"net/http"

	"regie"
)

// ratesPage is the administrator's page of the rates of the cost/benefit
// analysis.
type ratesPage struct {
	Defs []regie.RateDef
}

// SourceKey is the form field of a rate's source.
func (ratesPage) SourceKey(key string) string { return regie.SourceKey(key) }

func (h *Handler) showRates(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).Rates {
		return regie.Forbidden()
	}
	rs, err := h.Rates.FindRates(r.Context())
	if err != nil {
		return err
	}
	f := newForm(nil)
	for _, d := range regie.RateDefs {
		rate := rs[d.Key]
		f.Values.Set(d.Key, rate.Text)
		f.Values.Set(regie.SourceKey(d.Key), rate.Source)
		f.Order = append(f.Order, d.Key, regie.SourceKey(d.Key))
	}
	h.render(w, r, http.StatusOK, "rates", &view{Title: "Tarieven", Nav: "tarieven", Form: f, Page: ratesPage{Defs: regie.RateDefs}})
	return nil
}

func (h *Handler) saveRates(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	values := map[string]string{}
	for _, d := range regie.RateDefs {
		for _, key := range []string{d.Key, regie.SourceKey(d.Key)} {
			if _, ok := f.Values[key]; ok {
				values[key] = f.Get(key)
			}
			f.Order = append(f.Order, key)
		}
	}
	err = h.Rates.SaveRates(r.Context(), values)
	if f.withError(err) {
		h.render(w, r, http.StatusUnprocessableEntity, "rates", &view{Title: "Tarieven", Nav: "tarieven", Form: f, Page: ratesPage{Defs: regie.RateDefs}})
		return nil
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/beheer/tarieven", regie.MsgFlashRatesSaved)
	return nil
}
