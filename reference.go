package regie

// Choice is one option of a fixed list of reference data: the code stored in
// the database and its Dutch label. Each list lives in one place (roles in
// user.go, member roles and language levels in family.go, …) so a newcomer
// changes a label or adds an option in exactly one spot.
type Choice[T ~string] struct {
	Value T
	Label string
}

// LabelOf returns the label of v in list, or v itself when unknown.
func LabelOf[T ~string](list []Choice[T], v T) string {
	for _, c := range list {
		if c.Value == v {
			return c.Label
		}
	}
	return string(v)
}

// IsChoice reports whether v is in list.
func IsChoice[T ~string](list []Choice[T], v T) bool {
	for _, c := range list {
		if c.Value == v {
			return true
		}
	}
	return false
}
