package regie

// The plan's order (seed 003 §4.3 and bijlage 2): a version is discussed in
// the team meeting before it is agreed with the family, and a version
// changed after its discussion is discussed again. These rules decide; the
// store asks them with the status it read and guards its UPDATE with that
// status, so a concurrent step cannot slip in between.

// CheckDiscuss says whether the team may record a version with this status
// as discussed: only a concept. ECONFLICT otherwise.
func (s PlanStatus) CheckDiscuss() error {
	switch s {
	case PlanDraft:
		return nil
	case PlanDiscussed:
		return Errorf(ECONFLICT, "%s", Text(MsgPlanAlreadyDiscussed))
	}
	return Errorf(ECONFLICT, "%s", Text(MsgPlanFrozen))
}

// CheckAgree says whether a version with this status may be agreed with
// the family: only one the team discussed. ECONFLICT otherwise, with what
// to do about it.
func (s PlanStatus) CheckAgree() error {
	switch s {
	case PlanDiscussed:
		return nil
	case PlanAgreed:
		return Errorf(ECONFLICT, "%s", Text(MsgPlanFrozen))
	}
	return Errorf(ECONFLICT, "%s", Text(MsgPlanNotDiscussed))
}

// AfterEdit returns the status a version has once its content is saved,
// and whether that undid a discussion: a discussed version that changes
// goes back to concept (what the team discussed is no longer what the
// family would sign).
func (s PlanStatus) AfterEdit() (next PlanStatus, reopened bool) {
	if s == PlanDiscussed {
		return PlanDraft, true
	}
	return s, false
}
