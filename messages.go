package regie

import (
	"fmt"
	"strconv"
	"strings"
)

// Msg is the code of a user-facing message. The Dutch text of every code is
// in the catalogue below: the one place where error and validation wording
// lives, so it can be reviewed and changed without reading Go logic.
type Msg string

// Message codes.
const (
	MsgInternal             Msg = "internal"
	MsgNotFound             Msg = "not_found"
	MsgForbidden            Msg = "forbidden"
	MsgUnauthorized         Msg = "unauthorized"
	MsgCheckFields          Msg = "check_fields"
	MsgRequired             Msg = "required"
	MsgTooLong              Msg = "too_long"
	MsgUnstorable           Msg = "unstorable"
	MsgUnstorableForm       Msg = "unstorable_form"
	MsgUnreadableRequest    Msg = "unreadable_request"
	MsgDateInvalid          Msg = "date_invalid"
	MsgDateInFuture         Msg = "date_in_future"
	MsgDateTooOld           Msg = "date_too_old"
	MsgBSNInvalid           Msg = "bsn_invalid"
	MsgPostcodeInvalid      Msg = "postcode_invalid"
	MsgChoiceInvalid        Msg = "choice_invalid"
	MsgDistrictUnknown      Msg = "district_unknown"
	MsgEmailInvalid         Msg = "email_invalid"
	MsgEmailTaken           Msg = "email_taken"
	MsgPasswordTooShort     Msg = "password_too_short"
	MsgPasswordSame         Msg = "password_same"
	MsgPasswordRepeat       Msg = "password_repeat"
	MsgPasswordWrong        Msg = "password_wrong"
	MsgPasswordTemporary    Msg = "password_temporary"
	MsgFlashPasswordChanged Msg = "flash_password_changed"
	MsgLoginFailed          Msg = "login_failed"
	MsgLoginRateLimited     Msg = "login_rate_limited"
	MsgLoginBusy            Msg = "login_busy"
	MsgPasswordCommon       Msg = "password_common"
	MsgPasswordPersonal     Msg = "password_personal"
	MsgPasswordExpired      Msg = "password_expired"
	MsgAccountUnconfirmed   Msg = "account_unconfirmed"
	MsgChangeOwn            Msg = "change_own"
	MsgTOTPInvalid          Msg = "totp_invalid"
	MsgSessionExpired       Msg = "session_expired"
	MsgMemberEnded          Msg = "member_ended"
	MsgEndBeforeStart       Msg = "end_before_start"
	MsgBeforeBirth          Msg = "before_birth"
	MsgCoordinatorNeeded    Msg = "coordinator_needed"
	MsgDuoSameAsPrimary     Msg = "duo_same_as_primary"
	MsgNotACasemanager      Msg = "not_a_casemanager"
	MsgOtherTeam            Msg = "other_team"
	MsgTeamRequired         Msg = "team_required"
	MsgNoTeamForRole        Msg = "no_team_for_role"
	MsgFamilyClosed         Msg = "family_closed"
	MsgUnavailable          Msg = "unavailable"
	MsgReferenceBroken      Msg = "reference_broken"
	MsgPhoneInvalid         Msg = "phone_invalid"
	MsgNumberInvalid        Msg = "number_invalid"
	MsgNumberRange          Msg = "number_range"
	MsgDateInPast           Msg = "date_in_past"
	MsgTimeInvalid          Msg = "time_invalid"
	MsgTimeInFuture         Msg = "time_in_future"
	MsgDurationRange        Msg = "duration_range"
	MsgMemberOtherFamily    Msg = "member_other_family"
	MsgReasonForMove        Msg = "reason_for_move"
	MsgPhaseMoveInvalid     Msg = "phase_move_invalid"
	MsgNoPhase              Msg = "no_phase"
	MsgItemUnknown          Msg = "item_unknown"
	MsgItemAuto             Msg = "item_auto"
	MsgPhaseBeforeCurrent   Msg = "phase_before_current"
	MsgDecisionNeedsSubject Msg = "decision_needs_subject"
	MsgMeetingPast          Msg = "meeting_past"
	MsgGoalNeedsWords       Msg = "goal_needs_words"
	MsgGoalNeedsDomain      Msg = "goal_needs_domain"
	MsgAgreementNeedsOwner  Msg = "agreement_needs_owner"
	MsgAgreementNeedsDate   Msg = "agreement_needs_date"
	MsgPlanFrozen           Msg = "plan_frozen"
	MsgPlanDraftOpen        Msg = "plan_draft_open"
	MsgPlanNotDiscussed     Msg = "plan_not_discussed"
	MsgPlanAlreadyDiscussed Msg = "plan_already_discussed"
	MsgSupervisionEmpty     Msg = "supervision_empty"
	MsgSupervisionFamily    Msg = "supervision_family"
	MsgFlashSupervision     Msg = "flash_supervision"
	MsgStale                Msg = "stale"
	MsgContactOnlyAuthor    Msg = "contact_only_author"
	MsgConsentNeedsSigner   Msg = "consent_needs_signer"
	MsgConsentNeedsParty    Msg = "consent_needs_party"
	MsgConsentNeedsKinds    Msg = "consent_needs_kinds"
	MsgConsentYouthSigner   Msg = "consent_youth_signer"
	MsgUntilBeforeSigned    Msg = "until_before_signed"
	MsgConsentWithdrawn     Msg = "consent_withdrawn"
	MsgFileTooLarge         Msg = "file_too_large"
	MsgFileType             Msg = "file_type"
	MsgFileEmpty            Msg = "file_empty"
	MsgScoresNeeded         Msg = "scores_needed"
	// Evaluations (evaluation.go).
	MsgEvalNoPlan         Msg = "eval_no_plan"
	MsgEvalBeforePlan     Msg = "eval_before_plan"
	MsgEvalFinalDone      Msg = "eval_final_done"
	MsgEvalAfterFinal     Msg = "eval_after_final"
	MsgEvalParticipants   Msg = "eval_participants"
	MsgEvalGoalUnknown    Msg = "eval_goal_unknown"
	MsgEvalGoalDegree     Msg = "eval_goal_degree"
	MsgEvalEndTermScore   Msg = "eval_end_term_score"
	MsgEvalNextAfter      Msg = "eval_next_after"
	MsgEvalNextTooFar     Msg = "eval_next_too_far"
	MsgEvalDiscussed      Msg = "eval_discussed"
	MsgEvalVersionMade    Msg = "eval_version_made"
	MsgSignalInterimNext  Msg = "signal_interim_next"
	MsgDueInterimNext     Msg = "due_interim_next"
	MsgFlashEvalRecorded  Msg = "flash_eval_recorded"
	MsgFlashEvalDiscussed Msg = "flash_eval_discussed"
	MsgFlashEvalVersion   Msg = "flash_eval_version"

	// Retention and destruction (retention.go).
	MsgRequestGrantException Msg = "request_grant_exception"
	MsgHoldExists            Msg = "hold_exists"
	MsgNoHold                Msg = "no_hold"
	MsgNotDue                Msg = "not_due"
	MsgNoneSelected          Msg = "none_selected"
	MsgRequestDecided        Msg = "request_decided"
	MsgFlashHoldPlaced       Msg = "flash_hold_placed"
	MsgFlashHoldLifted       Msg = "flash_hold_lifted"
	MsgFlashBatchApproved    Msg = "flash_batch_approved"
	MsgFlashRequestRecorded  Msg = "flash_request_recorded"
	MsgFlashRequestDecided   Msg = "flash_request_decided"
	MsgFlashRunDone          Msg = "flash_run_done"

	// Signals and what is due (signals.go).
	MsgSignalAcute            Msg = "signal_acute"
	MsgSignalIntensiveLong    Msg = "signal_intensive_long"
	MsgSignalIntensiveHours   Msg = "signal_intensive_hours"
	MsgSignalContactHoursLow  Msg = "signal_contact_hours_low"
	MsgSignalNoContact        Msg = "signal_no_contact"
	MsgSignalRejectedStreak   Msg = "signal_rejected_streak"
	MsgSignalPlanOverdue      Msg = "signal_plan_overdue"
	MsgSignalInterimDue       Msg = "signal_interim_due"
	MsgSignalNetworkNone      Msg = "signal_network_none"
	MsgSignalNetworkOverdue   Msg = "signal_network_overdue"
	MsgSignalCoordinationLong Msg = "signal_coordination_long"
	MsgSignalAgreementOverdue Msg = "signal_agreement_overdue"
	MsgDuePlan                Msg = "due_plan"
	MsgDueInterim             Msg = "due_interim"
	MsgDueIntensiveEnd        Msg = "due_intensive_end"
	MsgDueNetwork             Msg = "due_network"
	MsgDueCoordinationEnd     Msg = "due_coordination_end"

	MsgReferralNoMembers   Msg = "referral_no_members"
	MsgReferralNoSignals   Msg = "referral_no_signals"
	MsgSafetyNotesNeeded   Msg = "safety_notes_needed"
	MsgDeclineNeedsReason  Msg = "decline_needs_reason"
	MsgOverrideNeedsReason Msg = "override_needs_reason"
	MsgOtherNeedsNote      Msg = "other_needs_note"
	MsgReferralDecided     Msg = "referral_decided"
	MsgNotOnPriorityList   Msg = "not_on_priority_list"
	MsgAlreadyOnList       Msg = "already_on_list"
	MsgLinkFamilyInvalid   Msg = "link_family_invalid"
	MsgYouthAgeRange       Msg = "youth_age_range"
	MsgNotAYouthWorker     Msg = "not_a_youth_worker"
	MsgCaseloadConfirm     Msg = "caseload_confirm"

	// Messages shown after a form was saved (the page after the redirect).
	MsgFlashLoggedOut         Msg = "flash_logged_out"
	MsgFlashMFAEnrolled       Msg = "flash_mfa_enrolled"
	MsgFlashFamilyCreated     Msg = "flash_family_created"
	MsgFlashFamilySaved       Msg = "flash_family_saved"
	MsgFlashMemberAdded       Msg = "flash_member_added"
	MsgFlashMemberSaved       Msg = "flash_member_saved"
	MsgFlashMemberEnded       Msg = "flash_member_ended"
	MsgFlashAssigned          Msg = "flash_assigned"
	MsgFlashUserCreated       Msg = "flash_user_created"
	MsgFlashUserDisabled      Msg = "flash_user_disabled"
	MsgFlashReferralSent      Msg = "flash_referral_sent"
	MsgFlashReferralScheduled Msg = "flash_referral_scheduled"
	MsgFlashPrioritySaved     Msg = "flash_priority_saved"
	MsgFlashAccepted          Msg = "flash_accepted"
	MsgFlashDecided           Msg = "flash_decided"
	MsgFlashSafetySaved       Msg = "flash_safety_saved"
	MsgFlashSafetyResolved    Msg = "flash_safety_resolved"
	MsgFlashOrganisationSaved Msg = "flash_organisation_saved"
	MsgFlashNormsSaved        Msg = "flash_norms_saved"
	MsgFlashContactSaved      Msg = "flash_contact_saved"
	MsgFlashAlreadySaved      Msg = "flash_already_saved"
	MsgSaveUnavailable        Msg = "save_unavailable"
	MsgFlashPhaseMoved        Msg = "flash_phase_moved"
	MsgFlashExtensionSaved    Msg = "flash_extension_saved"
	MsgFlashPhasesSaved       Msg = "flash_phases_saved"
	MsgFlashMeetingDecision   Msg = "flash_meeting_decision"
	MsgFlashMeetingItem       Msg = "flash_meeting_item"
	MsgFlashFamilyClosed      Msg = "flash_family_closed"
	MsgFlashPlanStarted       Msg = "flash_plan_started"
	MsgFlashPlanSaved         Msg = "flash_plan_saved"
	MsgFlashPlanDiscussed     Msg = "flash_plan_discussed"
	MsgFlashPlanAgreed        Msg = "flash_plan_agreed"
	MsgFlashPlanFrozen        Msg = "flash_plan_frozen"
	MsgFlashAgreementStatus   Msg = "flash_agreement_status"
	MsgFlashScoresSaved       Msg = "flash_scores_saved"
	MsgFlashConsentSaved      Msg = "flash_consent_saved"
	MsgFlashConsentWithdrawn  Msg = "flash_consent_withdrawn"
	MsgFlashTrajectorySaved   Msg = "flash_trajectory_saved"
	MsgSearchNameNeeded       Msg = "search_name_needed"
	MsgFlashAccountConfirmed  Msg = "flash_account_confirmed"
	MsgFlashSessionEnded      Msg = "flash_session_ended"
	MsgFlashSessionsEnded     Msg = "flash_sessions_ended"

	// Check-ups after closing (checkup.go).
	MsgDueCheckup            Msg = "due_checkup"
	MsgSignalCheckupDue      Msg = "signal_checkup_due"
	MsgCheckupBeforeClosing  Msg = "checkup_before_closing"
	MsgCheckupSpokenWith     Msg = "checkup_spoken_with"
	MsgCheckupFileOpen       Msg = "checkup_file_open"
	MsgCheckupNotWorrying    Msg = "checkup_not_worrying"
	MsgCheckupReferred       Msg = "checkup_referred"
	MsgFlashCheckupSaved     Msg = "flash_checkup_saved"
	MsgFlashCheckupReferred  Msg = "flash_checkup_referred"
	MsgNormListInvalid       Msg = "norm_list_invalid"
	MsgNormListIncreasing    Msg = "norm_list_increasing"
	MsgNormListLong          Msg = "norm_list_long"
	MsgCheckupReferralSignal Msg = "checkup_referral_signal"
	MsgCheckupReferralPast   Msg = "checkup_referral_past"
	MsgCheckupReferrerPhone  Msg = "checkup_referrer_phone"

	// The youth's own consent (youthconsent.go).
	MsgYouthConsentTooYoung      Msg = "youth_consent_too_young"
	MsgYouthConsentTooOld        Msg = "youth_consent_too_old"
	MsgYouthConsentYouthSigns    Msg = "youth_consent_youth_signs"
	MsgYouthConsentNeedsParent   Msg = "youth_consent_needs_parent"
	MsgYouthConsentParentAlone   Msg = "youth_consent_parent_alone"
	MsgYouthConsentParentInvalid Msg = "youth_consent_parent_invalid"
	MsgYouthConsentNoShare       Msg = "youth_consent_no_share"
	// The data subject's rights (privacy.go).
	MsgRectificationReason         Msg = "rectification_reason"
	MsgRectificationBeforeReceived Msg = "rectification_before_received"
	MsgRectificationDecided        Msg = "rectification_decided"
	MsgFlashRectificationCreated   Msg = "flash_rectification_created"
	MsgFlashRectificationDecided   Msg = "flash_rectification_decided"
	MsgFlashYouthConsentSaved      Msg = "flash_youth_consent_saved"
	MsgFlashYouthConsentWithdrawn  Msg = "flash_youth_consent_withdrawn"
)

// Message codes of the youth worker's own track (youth_track.go).
const (
	MsgDueYouthTrackEnd         Msg = "due_youth_track_end"
	MsgSignalYouthTrackEnd      Msg = "signal_youth_track_end"
	MsgSignalYouthTrackLong     Msg = "signal_youth_track_long"
	MsgWorkYouthTrackRuns       Msg = "work_youth_track_runs"
	MsgWorkYouthTrackWindow     Msg = "work_youth_track_window"
	MsgWorkYouthTrackLate       Msg = "work_youth_track_late"
	MsgYouthStartBeforeAssigned Msg = "youth_start_before_assigned"
	MsgYouthTrackRunning        Msg = "youth_track_running"
	MsgYouthTrackNotRunning     Msg = "youth_track_not_running"
	MsgYouthStepsWithoutGoal    Msg = "youth_steps_without_goal"
	MsgYouthDueBeforeStart      Msg = "youth_due_before_start"
	MsgYouthDateBeforeStart     Msg = "youth_date_before_start"
	MsgYouthScoresNone          Msg = "youth_scores_none"
	MsgYouthContactConfidential Msg = "youth_contact_confidential"
	MsgFlashYouthTrackStarted   Msg = "flash_youth_track_started"
	MsgFlashYouthPlanSaved      Msg = "flash_youth_plan_saved"
	MsgFlashYouthScoresSaved    Msg = "flash_youth_scores_saved"
	MsgFlashYouthContactSaved   Msg = "flash_youth_contact_saved"
	MsgFlashYouthTrackClosed    Msg = "flash_youth_track_closed"
	MsgFlashYouthStatusSaved    Msg = "flash_youth_status_saved"
)

// Message codes of a network partner's own work (partner.go).
const (
	MsgFlashPartnerProgress    Msg = "flash_partner_progress"
	MsgFlashStagnationReported Msg = "flash_stagnation_reported"
)

// Message codes of the handover, the network meetings and closing.
const (
	MsgNetworkNoAttendees       Msg = "network_no_attendees"
	MsgDueBeforeMeeting         Msg = "due_before_meeting"
	MsgOnwardOnlyWithOutcome    Msg = "onward_only_with_outcome"
	MsgFlashHandoverSaved       Msg = "flash_handover_saved"
	MsgFlashCommitmentConfirmed Msg = "flash_commitment_confirmed"
	MsgFlashNetworkMeetingSaved Msg = "flash_network_meeting_saved"

	// The informal network and who owns an agreement (network.go).
	MsgNetworkAgreementNeedsOwner Msg = "network_agreement_needs_owner"
	MsgOwnerChoiceOrName          Msg = "owner_choice_or_name"
	MsgNetworkPersonOtherFamily   Msg = "network_person_other_family"
	MsgNetworkPersonEnded         Msg = "network_person_ended"
	MsgFlashNetworkPersonSaved    Msg = "flash_network_person_saved"
	MsgFlashNetworkPersonEnded    Msg = "flash_network_person_ended"
)

// Message codes of the genogram (genogram.go).
const (
	MsgGenogramMemberOther       Msg = "genogram_member_other"
	MsgGenogramMemberTaken       Msg = "genogram_member_taken"
	MsgGenogramYear              Msg = "genogram_year"
	MsgGenogramDeathBeforeBirth  Msg = "genogram_death_before_birth"
	MsgGenogramSelf              Msg = "genogram_self"
	MsgGenogramPartnerGeneration Msg = "genogram_partner_generation"
	MsgGenogramChildGeneration   Msg = "genogram_child_generation"
	MsgGenogramTwoParents        Msg = "genogram_two_parents"
	MsgGenogramRelationExists    Msg = "genogram_relation_exists"
	MsgGenogramGenerationBreaks  Msg = "genogram_generation_breaks"
	MsgFlashGenogramPersonSaved  Msg = "flash_genogram_person_saved"
	MsgFlashGenogramPersonGone   Msg = "flash_genogram_person_gone"
	MsgFlashGenogramRelSaved     Msg = "flash_genogram_relation_saved"
	MsgFlashGenogramRelGone      Msg = "flash_genogram_relation_gone"
)

// Message codes of the sociogram (sociogram.go).
const (
	MsgFlashSocioMomentAdded Msg = "flash_socio_moment_added"
	MsgFlashSocioTieSaved    Msg = "flash_socio_tie_saved"
	MsgFlashSocioTieRemoved  Msg = "flash_socio_tie_removed"
)

// Message codes of the balance model (balance.go).
const (
	MsgBalanceLevelSide       Msg = "balance_level_side"
	MsgBalanceGoalUnknown     Msg = "balance_goal_unknown"
	MsgBalanceLineTied        Msg = "balance_line_tied"
	MsgFlashBalanceMoment     Msg = "flash_balance_moment"
	MsgFlashBalanceFactor     Msg = "flash_balance_factor"
	MsgFlashBalanceFactorGone Msg = "flash_balance_factor_gone"
	MsgFlashBalanceLine       Msg = "flash_balance_line"
	MsgFlashBalanceLineGone   Msg = "flash_balance_line_gone"
)

// Message codes of the family council (council.go).
const (
	MsgCouncilNoInvited      Msg = "council_no_invited"
	MsgCouncilNoAttendees    Msg = "council_no_attendees"
	MsgCouncilNotYetHeld     Msg = "council_not_yet_held"
	MsgCouncilTakenOver      Msg = "council_taken_over"
	MsgCouncilNoAgreements   Msg = "council_no_agreements"
	MsgFlashCouncilPlanned   Msg = "flash_council_planned"
	MsgFlashCouncilRecorded  Msg = "flash_council_recorded"
	MsgFlashCouncilTakenOver Msg = "flash_council_taken_over"
)

// Message codes of the team's side of the partners' reports of stagnation.
const (
	MsgSignalStagnation         Msg = "signal_stagnation"
	MsgSignalStagnations        Msg = "signal_stagnations"
	MsgWorkStagnation           Msg = "work_stagnation"
	MsgStagnationHandled        Msg = "stagnation_handled"
	MsgStagnationDiscussed      Msg = "stagnation_discussed"
	MsgStagnationDecision       Msg = "stagnation_decision"
	MsgFlashStagnationHandled   Msg = "flash_stagnation_handled"
	MsgFlashStagnationDiscussed Msg = "flash_stagnation_discussed"
)

// Message codes of the reports (report.go, rates.go).
const (
	MsgReportPeriodOrder   Msg = "report_period_order"
	MsgReportPeriodTooLong Msg = "report_period_too_long"
	MsgReportChoiceUnknown Msg = "report_choice_unknown"
)

// Message codes of the report's files (internal/reportfile): the lines
// above and under the figures of a CSV or XLSX export.
const (
	MsgReportFileTitle      Msg = "report_file_title"
	MsgReportFileSelection  Msg = "report_file_selection"
	MsgReportFileMade       Msg = "report_file_made"
	MsgReportFileSuppressed Msg = "report_file_suppressed"
	MsgReportFileNote       Msg = "report_file_note"
	MsgReportFileInterval   Msg = "report_file_interval"
	MsgReportFileWarning    Msg = "report_file_warning"
	MsgReportFileSource     Msg = "report_file_source"
	MsgReportFileSheet      Msg = "report_file_sheet"
)

// Message codes of break-glass access, noodtoegang (emergency.go).
const (
	MsgEmergencyReason        Msg = "emergency_reason"
	MsgEmergencyExplainMore   Msg = "emergency_explain_more"
	MsgEmergencyConfirm       Msg = "emergency_confirm"
	MsgEmergencyReviewed      Msg = "emergency_reviewed"
	MsgFlashEmergencyStarted  Msg = "flash_emergency_started"
	MsgFlashEmergencyReviewed Msg = "flash_emergency_reviewed"
	MsgDossierNumberInvalid   Msg = "dossier_number_invalid"
)

// Message codes of the effect, the cost and benefit and their rates
// (report_effect.go, report_cost.go, rates.go).
const (
	MsgEffectSmallNumbers   Msg = "effect_small_numbers"
	MsgEffectNothingToShare Msg = "effect_nothing_to_share"
	MsgEffectNoFamilies     Msg = "effect_no_families"
	MsgCostRateMissing      Msg = "cost_rate_missing"
	MsgCostNothing          Msg = "cost_nothing"
	MsgRateNumber           Msg = "rate_number"
	MsgRateRange            Msg = "rate_range"
	MsgRatePercent          Msg = "rate_percent"
	MsgRateSourceRequired   Msg = "rate_source_required"
	MsgRateValueRequired    Msg = "rate_value_required"
	MsgFlashRatesSaved      Msg = "flash_rates_saved"
)

// catalogue holds the Dutch text of every message. Texts may hold fmt verbs
// for the arguments given to Text.
var catalogue = map[Msg]string{ //nolint:gosec // a message key, not a credential
	MsgInternal:             "Er ging iets mis aan onze kant. Probeer het opnieuw; blijft het misgaan, meld het dan bij de functioneel beheerder.",
	MsgNotFound:             "Deze gegevens bestaan niet, of u heeft er geen toegang toe.",
	MsgForbidden:            "U heeft geen toestemming voor deze handeling.",
	MsgUnauthorized:         "Log eerst in.",
	MsgCheckFields:          "Controleer de gemarkeerde velden.",
	MsgRequired:             "Vul dit veld in.",
	MsgTooLong:              "Maximaal %d tekens.",
	MsgUnstorable:           "Bevat een teken dat regie niet kan opslaan (een nul-teken, of tekens die geen geldige UTF-8 zijn). Typ de tekst opnieuw.",
	MsgUnstorableForm:       "Niet opgeslagen: %s. Ga terug, pas het aan en verstuur het opnieuw.",
	MsgUnreadableRequest:    "Het verzoek kon niet gelezen worden (een ongeldige codering in het adres of het formulier). Ga terug en probeer het opnieuw.",
	MsgDateInvalid:          "Geef een geldige datum (dag-maand-jaar).",
	MsgDateInFuture:         "Deze datum ligt in de toekomst.",
	MsgDateTooOld:           "Deze datum ligt te ver in het verleden.",
	MsgBSNInvalid:           "Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en aan de elfproef voldoen.",
	MsgPostcodeInvalid:      "Geef een postcode als 1234 AB.",
	MsgChoiceInvalid:        "Kies een van de mogelijkheden.",
	MsgDistrictUnknown:      "Deze wijk bestaat niet in uw team.",
	MsgEmailInvalid:         "Geef een geldig e-mailadres.",
	MsgEmailTaken:           "Er bestaat al een account met dit e-mailadres.",
	MsgPasswordTooShort:     "Een wachtwoord heeft minstens %d tekens.",
	MsgPasswordSame:         "Kies een ander wachtwoord dan het huidige.",
	MsgPasswordRepeat:       "De herhaling is niet gelijk aan het nieuwe wachtwoord.",
	MsgPasswordWrong:        "Het huidige wachtwoord klopt niet.",
	MsgPasswordTemporary:    "U bent ingelogd met een tijdelijk wachtwoord. Kies eerst een eigen wachtwoord; daarna kunt u verder.",
	MsgFlashPasswordChanged: "Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.",
	MsgLoginFailed:          "Het e-mailadres of het wachtwoord klopt niet.",
	MsgLoginRateLimited:     "Te veel mislukte pogingen om in te loggen. Wacht een minuut en probeer het dan opnieuw.",
	MsgLoginBusy:            "Er wordt op dit moment heel vaak geprobeerd in te loggen. Probeer het over een paar seconden opnieuw.",
	MsgPasswordCommon:       "Dit wachtwoord is te bekend: het staat (eventueel met cijfers of tekens erbij) in de lijsten die aanvallers als eerste proberen. Kies bijvoorbeeld een zin van een paar losse woorden.",
	MsgPasswordPersonal:     "Uw wachtwoord mag uw naam of (het deel voor de @ van) uw e-mailadres niet bevatten.",
	MsgPasswordExpired:      "Uw tijdelijke wachtwoord is verlopen: het is %d uur geldig. Vraag de functioneel beheerder om een nieuw tijdelijk wachtwoord.",
	MsgAccountUnconfirmed:   "Uw account is door de functioneel beheerder aangemaakt of opnieuw ingesteld, maar nog niet bevestigd door een tweede persoon (uw teamleider, of de privacy officer of een andere beheerder). Daarna kunt u inloggen; vraag hen om de bevestiging.",
	MsgChangeOwn:            "Een wijziging die u zelf heeft gedaan, bevestigt een ander.",
	MsgTOTPInvalid:          "Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw app.",
	MsgSessionExpired:       "Uw sessie is verlopen. Log opnieuw in.",
	MsgMemberEnded:          "Dit gezinslid is al uitgeschreven.",
	MsgEndBeforeStart:       "De einddatum ligt voor de begindatum.",
	MsgBeforeBirth:          "Deze datum ligt voor de geboortedatum.",
	MsgCoordinatorNeeded:    "Kies een casemanager als vaste regisseur.",
	MsgDuoSameAsPrimary:     "De duo-partner moet een andere casemanager zijn dan de regisseur.",
	MsgNotACasemanager:      "Alleen een actieve casemanager van het team van dit gezin kan regisseur of duo-partner zijn.",
	MsgOtherTeam:            "Deze gegevens horen bij een ander team.",
	MsgTeamRequired:         "Kies een team.",
	MsgNoTeamForRole:        "Deze rol hoort niet bij een team.",
	MsgFamilyClosed:         "Dit gezin is afgesloten; gegevens kunnen niet meer worden gewijzigd.",
	MsgUnavailable:          "regie kan de database nu niet bereiken. Er is niets verloren; probeer het over een paar minuten opnieuw.",
	MsgPhoneInvalid:         "Vul een telefoonnummer in van 10 cijfers, bijvoorbeeld 06 12345678 of 030 1234567.",
	MsgReferenceBroken:      "Dit verwijst naar gegevens die niet (meer) bestaan, of die nog ergens bij horen. Ververs de pagina en probeer het opnieuw.",
	MsgNumberInvalid:        "Geef een heel getal.",
	MsgNumberRange:          "Geef een getal van %d tot en met %d.",
	MsgDateInPast:           "Deze datum ligt in het verleden.",
	MsgTimeInvalid:          "Geef een tijd als 14:30.",
	MsgTimeInFuture:         "Dit tijdstip ligt in de toekomst. Leg een contact vast nadat het er is geweest.",
	MsgDurationRange:        "Geef een duur van 1 minuut tot 24 uur (1440 minuten).",
	MsgMemberOtherFamily:    "Dit gezinslid hoort niet bij dit gezin.",
	MsgReasonForMove:        "Nog niet alles op de lijst is gedaan: leg uit waarom het gezin toch door kan.",
	MsgPhaseMoveInvalid:     "Een gezin gaat naar de volgende fase, of bij terugval vanuit fase 5 terug naar de intensieve fase.",
	MsgNoPhase:              "Dit gezin is nog niet gestart: het komt binnen via een geaccepteerde aanmelding.",
	MsgItemUnknown:          "Dit onderdeel hoort niet bij de huidige fase.",
	MsgItemAuto:             "Dit onderdeel vinkt regie zelf aan, zodra het plan, de toestemming of de evaluatie er is.",
	MsgPhaseBeforeCurrent:   "Deze datum ligt voor de start van de huidige fase.",
	MsgDecisionNeedsSubject: "Kies het gezin of het agendapunt waarover het besluit gaat.",
	MsgMeetingPast:          "Dit teamoverleg is al geweest en de notulen liggen vast. Leg het vast in het overleg van deze week.",
	MsgGoalNeedsWords:       "Schrijf het doel op, in de woorden van het gezin.",
	MsgGoalNeedsDomain:      "Kies bij welk leefgebied dit doel hoort.",
	MsgAgreementNeedsOwner:  "Kies wie dit doet: een gezinslid, de casemanager, een organisatie of iemand uit het netwerk.",
	MsgAgreementNeedsDate:   "Geef aan wanneer het gedaan moet zijn.",
	MsgPlanFrozen:           "Deze versie is vastgesteld met het gezin en kan niet meer veranderen. Begin een nieuwe versie.",
	MsgPlanDraftOpen:        "Er is al een conceptversie. Werk die af, of stel die eerst vast.",
	MsgPlanNotDiscussed:     "Dit plan is nog niet besproken in het teamoverleg. Vraag de teamleider de bespreking vast te leggen; daarna stelt u het vast met het gezin.",
	MsgPlanAlreadyDiscussed: "Deze versie is al besproken in het teamoverleg.",
	MsgSupervisionEmpty:     "Schrijf op wat er besproken is: punten van u, van de medewerker, of de afspraken.",
	MsgSupervisionFamily:    "Kies alleen gezinnen van deze medewerker.",
	MsgFlashSupervision:     "De werkbegeleiding is vastgelegd. De medewerker leest het verslag onder Mijn werkbegeleiding.",
	MsgStale:                "Iemand anders heeft dit intussen gewijzigd. Er is niets opgeslagen. Wat u typte staat hieronder nog; vergelijk het met wat nu is opgeslagen en sla opnieuw op.",
	MsgContactOnlyAuthor:    "Alleen wie dit contactmoment heeft vastgelegd, kan het wijzigen. Leg zo nodig een eigen contactmoment vast.",
	MsgConsentNeedsSigner:   "Kies wie de toestemmingsverklaring hebben getekend.",
	MsgConsentNeedsParty:    "Kies minstens één organisatie waarmee informatie gedeeld mag worden.",
	MsgConsentNeedsKinds:    "Kies welke informatie met deze organisatie gedeeld mag worden.",
	MsgConsentYouthSigner:   "Een jongere van 12 tot 16 jaar tekent samen met een ouder of verzorger.",
	MsgUntilBeforeSigned:    "Geldig tot ligt voor de datum van ondertekening.",
	MsgConsentWithdrawn:     "Deze toestemming is al ingetrokken.",
	MsgFileTooLarge:         "Het bestand is te groot: maximaal %d MB.",
	MsgFileType:             "Dit is geen PDF, JPEG of PNG. Scan of fotografeer de getekende verklaring en upload die.",
	MsgFileEmpty:            "Het bestand is leeg.",
	MsgScoresNeeded:         "Geef op minstens één leefgebied een score.",
	MsgEvalNoPlan:           "Er is nog geen vastgesteld plan om te evalueren.",
	MsgEvalBeforePlan:       "De evaluatie kan niet vóór het vaststellen van het plan liggen (%s).",
	MsgEvalFinalDone:        "Er is al een eindevaluatie gehouden in deze intensieve fase (op %s).",
	MsgEvalAfterFinal:       "Na de eindevaluatie van %s volgt in deze intensieve fase geen tussenevaluatie meer.",
	MsgEvalParticipants:     "Geef aan wie er meededen.",
	MsgEvalGoalUnknown:      "Dit doel staat niet in het vastgestelde plan.",
	MsgEvalGoalDegree:       "Geef aan in hoeverre het doel behaald is.",
	MsgEvalEndTermScore:     "Geef aan in hoeverre deze eindterm behaald is.",
	MsgEvalNextAfter:        "De volgende tussenevaluatie ligt na deze.",
	MsgEvalNextTooFar:       "De volgende tussenevaluatie ligt binnen twee jaar na deze.",
	MsgEvalDiscussed:        "Deze evaluatie is al besproken in het teamoverleg.",
	MsgEvalVersionMade:      "Uit deze evaluatie is al een planversie gemaakt.",
	MsgSignalInterimNext:    "De volgende tussenevaluatie is aan de beurt: de vorige was op %s.",
	MsgDueInterimNext:       "Volgende tussenevaluatie",
	MsgFlashEvalRecorded:    "De evaluatie is vastgelegd. Bespreek haar in het teamoverleg.",
	MsgFlashEvalDiscussed:   "Vastgelegd: de evaluatie is besproken in het teamoverleg. Het besluit staat in de notulen.",
	MsgFlashEvalVersion:     "Er is een nieuwe conceptversie van het plan uit deze evaluatie. Pas aan wat de evaluatie veranderde.",

	MsgRequestGrantException: "Een toegewezen verzoek steunt niet op een uitzondering: kies geen uitzondering, of weiger het verzoek.",
	MsgHoldExists:            "Voor dit dossier is de bewaarplicht al verlengd.",
	MsgNoHold:                "Voor dit dossier is de bewaarplicht niet verlengd.",
	MsgNotDue:                "Dossier %s kan nu niet worden vernietigd: de bewaartermijn is niet verstreken, de bewaarplicht is verlengd of het is al goedgekeurd.",
	MsgNoneSelected:          "Kies ten minste één dossier.",
	MsgRequestDecided:        "Over dit verzoek is al besloten.",
	MsgFlashHoldPlaced:       "De bewaarplicht is verlengd: het dossier wordt niet vernietigd zolang die geldt.",
	MsgFlashHoldLifted:       "De verlenging van de bewaarplicht is opgeheven.",
	MsgFlashBatchApproved:    "De vernietiging is goedgekeurd. De dagelijkse vernietigingsronde voert haar uit.",
	MsgFlashRequestRecorded:  "Het verzoek tot vernietiging is vastgelegd. Beslis binnen drie maanden na ontvangst.",
	MsgFlashRequestDecided:   "Het besluit over het verzoek is vastgelegd.",
	MsgFlashRunDone:          "De vernietigingsronde is uitgevoerd. Het verslag staat hieronder.",

	MsgSignalAcute:            "Acuut onveilig: er is een open, acute zorg over de veiligheid van de kinderen.",
	MsgSignalIntensiveLong:    "De intensieve fase duurt al %d maanden (norm: hooguit %d). Heeft het gezin meer permanente hulp nodig? Overweeg door te verwijzen.",
	MsgSignalIntensiveHours:   "Al %s uur in de intensieve fase (norm: ongeveer %d). Heeft het gezin meer permanente hulp nodig?",
	MsgSignalContactHoursLow:  "Contactfase: gemiddeld %s uur per week bij het gezin (norm: ongeveer %d).",
	MsgSignalNoContact:        "Al %d dagen geen contact gehad met het gezin.",
	MsgSignalRejectedStreak:   "%d pogingen op rij zonder contact.",
	MsgSignalPlanOverdue:      "Nog geen hulpverleningsplan, %d maanden na de start (norm: binnen %d maanden).",
	MsgSignalInterimDue:       "De tussenevaluatie is aan de beurt: het plan is besproken op %s.",
	MsgSignalNetworkNone:      "Nog geen netwerkoverleg sinds de start van de coördinatie van zorg op %s (norm: elke %d maanden).",
	MsgSignalNetworkOverdue:   "Netwerkoverleg te laat: het laatste was op %s (norm: elke %d maanden).",
	MsgSignalCoordinationLong: "De coördinatie van zorg duurt al %d maanden (norm: hooguit %d).",
	MsgSignalAgreementOverdue: "Afspraken uit het plan over de datum: %d.",
	MsgDuePlan:                "Hulpverleningsplan klaar",
	MsgDueInterim:             "Eerste tussenevaluatie",
	MsgDueIntensiveEnd:        "Einde intensieve fase (norm)",
	MsgDueNetwork:             "Netwerkoverleg",
	MsgDueCoordinationEnd:     "Einde coördinatie van zorg (norm)",

	MsgReferralNoMembers:   "Noem minstens één gezinslid, met naam en geboortedatum.",
	MsgReferralNoSignals:   "Beschrijf de signalen op minstens één leefgebied.",
	MsgSafetyNotesNeeded:   "Beschrijf de zorgen over de veiligheid of basiszorg.",
	MsgDeclineNeedsReason:  "Kies bij afwijzen minstens één contra-indicatie.",
	MsgOverrideNeedsReason: "Er is een contra-indicatie aangevinkt: leg uit waarom het gezin toch in aanmerking komt.",
	MsgOtherNeedsNote:      "Licht de andere reden toe in de notitie voor het team.",
	MsgReferralDecided:     "Over deze aanmelding is al besloten. Een nieuw besluit kan alleen vanuit portefeuille of wachtlijst.",
	MsgNotOnPriorityList:   "Deze aanmelding staat niet op de prioriteitenlijst.",
	MsgAlreadyOnList:       "Deze aanmelding staat al op de prioriteitenlijst.",
	MsgLinkFamilyInvalid:   "Dit gezin kan niet gekoppeld worden: het bestaat niet of hoort bij een ander team.",
	MsgYouthAgeRange:       "Een jeugdhulpverlener werkt met jongeren van 12 tot en met 24 jaar.",
	MsgNotAYouthWorker:     "Kies een actieve jeugdhulpverlener van het team.",
	MsgCaseloadConfirm:     "Deze keuze gaat boven de norm. Vink aan dat u toch wilt toewijzen, of kies een ander.",

	MsgFlashLoggedOut:         "U bent uitgelogd.",
	MsgFlashMFAEnrolled:       "Uw tweede factor is ingesteld. Voortaan vraagt regie bij het inloggen om een code uit uw app.",
	MsgFlashFamilyCreated:     "Het gezin is aangemaakt. Voeg nu de gezinsleden toe.",
	MsgFlashFamilySaved:       "De gezinsgegevens zijn opgeslagen.",
	MsgFlashMemberAdded:       "Het gezinslid is toegevoegd.",
	MsgFlashMemberSaved:       "Het gezinslid is opgeslagen.",
	MsgFlashMemberEnded:       "Het gezinslid is uitgeschreven. De gegevens blijven bewaard onder 'Eerdere gezinsleden'.",
	MsgFlashAssigned:          "De toewijzing is opgeslagen.",
	MsgFlashUserCreated:       "Het account is aangemaakt.",
	MsgFlashUserDisabled:      "Het account is geblokkeerd; alle sessies zijn beëindigd.",
	MsgFlashReferralSent:      "De aanmelding is verstuurd. Het team bespreekt haar in het wekelijkse teamoverleg; hier ziet u de stand van zaken.",
	MsgFlashReferralScheduled: "De aanmelding staat op de agenda van het teamoverleg.",
	MsgFlashPrioritySaved:     "De prioriteitenlijst is bijgewerkt.",
	MsgFlashAccepted:          "De aanmelding is geaccepteerd: het gezin staat in fase 1 (Introductie). Kies nu de vaste regisseur.",
	MsgFlashDecided:           "Het besluit is vastgelegd. De aanmelder ziet de stand van zaken en uw terugkoppeling.",
	MsgFlashSafetySaved:       "De zorg over de veiligheid is vastgelegd.",
	MsgFlashSafetyResolved:    "De zorg is afgesloten en blijft zichtbaar in de geschiedenis.",
	MsgFlashOrganisationSaved: "De sociale kaart is bijgewerkt.",
	MsgFlashNormsSaved:        "De normen zijn opgeslagen.",
	MsgFlashContactSaved:      "Het contactmoment is opgeslagen.",
	MsgFlashAlreadySaved:      "Dit was al opgeslagen: het formulier is nog eens verstuurd (twee keer getikt, of de verbinding viel weg), maar het telt één keer.",
	MsgSaveUnavailable:        "Tijdelijk niet opgeslagen — wat u typte staat hieronder nog; probeer het zo opnieuw.",
	MsgFlashPhaseMoved:        "Het gezin is naar de volgende fase gegaan.",
	MsgFlashExtensionSaved:    "De reden voor een langere intensieve fase is opgeslagen.",
	MsgFlashPhasesSaved:       "De fasen en checklists zijn opgeslagen.",
	MsgFlashMeetingDecision:   "Het besluit staat in de notulen.",
	MsgFlashMeetingItem:       "Het agendapunt is toegevoegd.",
	MsgFlashFamilyClosed:      "Het dossier is gesloten. Een nieuwe aanmelding kan het weer openen.",
	MsgFlashPlanStarted:       "Er is een nieuwe conceptversie van het plan, met de inhoud van de vorige. Pas aan wat veranderd is.",
	MsgFlashPlanSaved:         "Het concept van het plan is opgeslagen.",
	MsgFlashPlanDiscussed:     "Vastgelegd: het plan is besproken in het teamoverleg. Het besluit staat in de notulen.",
	MsgFlashPlanAgreed:        "Het plan is vastgesteld met het gezin. Deze versie verandert niet meer.",
	MsgFlashPlanFrozen:        "Deze versie is vastgesteld en verandert niet meer. Wilt u het plan wijzigen, maak dan een nieuwe versie.",
	MsgFlashAgreementStatus:   "De stand van de afspraak is bijgewerkt.",
	MsgFlashScoresSaved:       "De scores zijn vastgelegd.",
	MsgFlashConsentSaved:      "De toestemmingsverklaring is vastgelegd. De genoemde organisaties kunnen nu de afgesproken informatie inzien.",
	MsgFlashConsentWithdrawn:  "De toestemming is ingetrokken. Organisaties die erop steunden, kunnen het gezin niet meer inzien.",
	MsgFlashAccountConfirmed:  "Bevestigd: het account kan nu worden gebruikt.",
	MsgFlashSessionEnded:      "De sessie is beëindigd.",
	MsgFlashSessionsEnded:     "Alle sessies van deze gebruiker zijn beëindigd.",
	MsgFlashTrajectorySaved:   "Het traject is opgeslagen.",
	MsgSearchNameNeeded:       "Zoek op een naam: typ ten minste twee letters van de naam van het gezin of een gezinslid.",

	MsgNetworkNoAttendees:       "Wie waren erbij? Kies ten minste één deelnemer.",
	MsgDueBeforeMeeting:         "Deze datum ligt voor het overleg.",
	MsgOnwardOnlyWithOutcome:    "Een doorverwijzing hoort bij de uitkomst ‘Doorverwezen naar langdurige hulp’.",
	MsgFlashHandoverSaved:       "De warme overdracht is vastgelegd.",
	MsgFlashCommitmentConfirmed: "De toezegging van de aanmelder is afgevinkt.",
	MsgFlashNetworkMeetingSaved: "Het netwerkoverleg is vastgelegd.",

	MsgNetworkAgreementNeedsOwner: "Wie doet het? Kies iemand uit de lijst of typ een naam.",
	MsgOwnerChoiceOrName:          "Kies iemand uit de lijst óf typ een naam, niet allebei.",
	MsgNetworkPersonOtherFamily:   "Deze persoon hoort niet bij het informele netwerk van dit gezin.",
	MsgNetworkPersonEnded:         "Deze persoon hoort sinds %s niet meer bij het netwerk: kies iemand anders.",
	MsgFlashNetworkPersonSaved:    "De persoon uit het netwerk is opgeslagen.",
	MsgFlashNetworkPersonEnded:    "De persoon hoort niet meer bij het netwerk. De afspraken die hij of zij had, blijven bewaard.",
	MsgFlashSocioMomentAdded:      "Het moment van het sociogram is toegevoegd.",
	MsgFlashSocioTieSaved:         "De band is opgeslagen.",
	MsgFlashSocioTieRemoved:       "De band is verwijderd.",

	MsgGenogramMemberOther:       "Dit gezinslid hoort niet bij dit gezin.",
	MsgGenogramMemberTaken:       "Dit gezinslid staat al in het genogram.",
	MsgGenogramYear:              "Vul een jaartal in tussen 1850 en %d, of laat het leeg.",
	MsgGenogramDeathBeforeBirth:  "Het jaar van overlijden ligt vóór het geboortejaar.",
	MsgGenogramSelf:              "Een relatie is tussen twee verschillende personen.",
	MsgGenogramPartnerGeneration: "Partners staan in dezelfde generatie. Pas zo nodig eerst de generatie van een van beiden aan.",
	MsgGenogramChildGeneration:   "Een kind staat één generatie onder de ouder. Kies bij ‘Eerste persoon’ de ouder en bij ‘Tweede persoon’ het kind.",
	MsgGenogramTwoParents:        "Dit kind heeft al twee ouders met deze soort relatie.",
	MsgGenogramRelationExists:    "Tussen deze twee staat al een relatie ‘%s’. Wijzig die relatie in plaats van een tweede toe te voegen.",
	MsgGenogramGenerationBreaks:  "Met deze generatie klopt een relatie van deze persoon niet meer (partners in dezelfde generatie, een kind één generatie onder de ouder). Pas eerst die relatie aan.",
	MsgFlashGenogramPersonSaved:  "De persoon staat in het genogram.",
	MsgFlashGenogramPersonGone:   "De persoon en zijn of haar relaties zijn uit het genogram gehaald.",
	MsgFlashGenogramRelSaved:     "De relatie staat in het genogram.",
	MsgFlashGenogramRelGone:      "De relatie is uit het genogram gehaald.",

	MsgBalanceLevelSide:       "Kies een niveau dat bij deze soort factor hoort: persoon, gezin of omgeving bij draagkracht; micro, meso of macro bij draaglast.",
	MsgBalanceGoalUnknown:     "Kies een doel uit het nieuwste plan.",
	MsgBalanceLineTied:        "Deze werklijn hoort al bij dit doel.",
	MsgFlashBalanceMoment:     "Het nieuwe moment van de balans is vastgelegd.",
	MsgFlashBalanceFactor:     "De factor is toegevoegd aan de balans.",
	MsgFlashBalanceFactorGone: "De factor is uit de balans gehaald.",
	MsgFlashBalanceLine:       "De werklijn is aan het doel gekoppeld.",
	MsgFlashBalanceLineGone:   "De werklijn is losgekoppeld van het doel.",

	MsgCouncilNoInvited:      "Wie nodigt u uit? Kies ten minste één persoon.",
	MsgCouncilNoAttendees:    "Wie waren erbij? Kies ten minste één persoon.",
	MsgCouncilNotYetHeld:     "Het familieberaad is gepland op %s; u legt het vast als het geweest is.",
	MsgCouncilTakenOver:      "De afspraken van dit familieberaad staan al in het plan (versie %d).",
	MsgCouncilNoAgreements:   "Er zijn nog geen afspraken vastgelegd om over te nemen.",
	MsgFlashCouncilPlanned:   "Het familieberaad is gepland.",
	MsgFlashCouncilRecorded:  "Het familieberaad is vastgelegd.",
	MsgFlashCouncilTakenOver: "De afspraken staan nu in het hulpverleningsplan.",

	MsgDueCheckup:            "Check-up na %d maanden",
	MsgSignalCheckupDue:      "De check-up na %d maanden is aan de beurt sinds %s.",
	MsgCheckupBeforeClosing:  "Een check-up volgt op het sluiten van het dossier (%s): kies een latere datum.",
	MsgCheckupSpokenWith:     "Vul in met wie u heeft gesproken: een gezinslid, iemand van een organisatie of iemand anders.",
	MsgCheckupFileOpen:       "Het dossier is open: check-ups volgen pas als het dossier is gesloten.",
	MsgCheckupNotWorrying:    "Deze check-up gaf geen zorgen: een nieuwe aanmelding vanuit deze check-up is niet nodig.",
	MsgCheckupReferred:       "Vanuit deze check-up is het gezin al opnieuw aangemeld.",
	MsgFlashCheckupSaved:     "De check-up is vastgelegd.",
	MsgFlashCheckupReferred:  "Het gezin is opnieuw aangemeld en staat op de agenda van het teamoverleg.",
	MsgNormListInvalid:       "%q is geen heel getal: geef de maanden gescheiden door komma's, bijvoorbeeld 3, 6, 12.",
	MsgNormListIncreasing:    "Geef de maanden oplopend: %s volgt op %s en moet groter zijn.",
	MsgNormListLong:          "Geef hooguit %d momenten.",
	MsgCheckupReferralSignal: "Uit de check-up na afsluiting van %s (%s). Hoe het gaat met het gezin: %s\nHoe de samenwerking in het netwerk verloopt: %s",
	MsgCheckupReferralPast:   "Eerder actief casemanagement: dossier %s, gesloten op %s (%s).",
	MsgCheckupReferrerPhone:  "via het team",

	MsgYouthConsentTooYoung: "%s is %d jaar op de dag van ondertekening. Onder de 12 jaar is er geen eigen toestemming van de jongere: " +
		"de ouders beslissen.",
	MsgYouthConsentTooOld: "%s is %d jaar op de dag van ondertekening. De jeugdhulpverlener werkt met jongeren tot en met 24 jaar: " +
		"een eigen toestemming van de jongere kan niet meer.",
	MsgYouthConsentYouthSigns: "%s tekent zelf: zonder handtekening van de jongere geldt de toestemming niet.",
	MsgYouthConsentNeedsParent: "%s is %d jaar: van 12 tot 16 jaar tekent een ouder of verzorger mee. Kies wie van de ouders heeft " +
		"meegetekend; zonder die handtekening mag regie niets delen.",
	MsgYouthConsentParentAlone: "%s is %d jaar en beslist vanaf 16 jaar alleen: een handtekening van een ouder is niet nodig en telt " +
		"ook niet mee. Laat dit veld leeg.",
	MsgYouthConsentParentInvalid: "Kies een ouder of verzorger van dit gezin die volwassen is en nog bij het gezin hoort.",
	MsgYouthConsentNoShare:       "Kies met wie gedeeld mag worden: de casemanager, de ouders of een organisatie.",

	MsgRectificationReason:         "Geef de reden: bij een (gedeeltelijke) afwijzing heeft de betrokkene recht op de motivering.",
	MsgRectificationBeforeReceived: "Het besluit kan niet vóór de ontvangst van het verzoek liggen (%s).",
	MsgRectificationDecided:        "Over dit verzoek is al besloten; het besluit blijft zoals het is vastgelegd.",
	MsgFlashRectificationCreated:   "Het verzoek tot correctie is vastgelegd. Beslis binnen een maand na ontvangst.",
	MsgFlashRectificationDecided:   "Het besluit op het verzoek tot correctie is vastgelegd.",
	MsgFlashYouthConsentSaved:      "De toestemming van de jongere is vastgelegd. regie deelt alleen wat erin staat.",
	MsgFlashYouthConsentWithdrawn:  "De toestemming van de jongere is ingetrokken. Wie erop steunde, ziet het vertrouwelijke deel niet meer.",

	MsgDueYouthTrackEnd:         "Eindevaluatie jeugdtraject %s",
	MsgSignalYouthTrackEnd:      "Het jeugdtraject van %s loopt %d maanden: de eindevaluatie hoort uiterlijk %s.",
	MsgSignalYouthTrackLong:     "Het jeugdtraject van %s loopt %d maanden, langer dan de norm van %d maanden.",
	MsgWorkYouthTrackRuns:       "Jeugdtraject %s loopt sinds %s: eindevaluatie tussen %s en %s",
	MsgWorkYouthTrackWindow:     "Eindevaluatie jeugdtraject %s, uiterlijk %s",
	MsgWorkYouthTrackLate:       "Jeugdtraject %s loopt langer dan %d maanden: eindevaluatie",
	MsgYouthStartBeforeAssigned: "De jeugdhulpverlener is pas op %s toegewezen.",
	MsgYouthTrackRunning:        "Er loopt al een jeugdtraject met deze jongere.",
	MsgYouthTrackNotRunning:     "Er loopt geen jeugdtraject met deze jongere.",
	MsgYouthStepsWithoutGoal:    "Schrijf eerst het doel op; de stappen horen bij een doel.",
	MsgYouthDueBeforeStart:      "Deze datum ligt voor de start van het traject (%s).",
	MsgYouthDateBeforeStart:     "Deze datum ligt voor de start van het traject (%s).",
	MsgYouthScoresNone:          "Geef op minstens één leefgebied een score.",
	MsgYouthContactConfidential: "Contact jeugdhulpverlener met %s — inhoud vertrouwelijk",
	MsgFlashYouthTrackStarted:   "Het jeugdtraject is gestart.",
	MsgFlashYouthPlanSaved:      "Het plan van de jongere is opgeslagen.",
	MsgFlashYouthScoresSaved:    "De scores zijn vastgelegd.",
	MsgFlashYouthContactSaved:   "Het contact met de jongere is vastgelegd.",
	MsgFlashYouthTrackClosed:    "De eindevaluatie is vastgelegd en het jeugdtraject is afgesloten.",
	MsgFlashYouthStatusSaved:    "De stand van de afspraak is bijgewerkt.",
	MsgSignalStagnation:         "Een netwerkpartner meldde op %s dat de hulp stagneert; de melding is nog niet opgepakt.",
	MsgSignalStagnations:        "%d meldingen van netwerkpartners dat de hulp stagneert, de eerste op %s; nog niet opgepakt.",
	MsgWorkStagnation:           "Stagnatie gemeld door %s: %s",
	MsgStagnationHandled:        "Deze melding is al opgepakt.",
	MsgStagnationDiscussed:      "Deze melding is al besproken in het teamoverleg.",
	MsgStagnationDecision:       "Stagnatie gemeld door %s op %s besproken",
	MsgFlashStagnationHandled:   "Vastgelegd: de melding van stagnatie is opgepakt.",
	MsgFlashStagnationDiscussed: "Vastgelegd: de melding is besproken in het teamoverleg. Het besluit staat in de notulen.",

	MsgReportPeriodOrder:   "De begindatum ligt na de einddatum.",
	MsgReportPeriodTooLong: "Kies een periode van hooguit %d jaar.",
	MsgReportChoiceUnknown: "Kies uit de lijst.",

	MsgReportFileTitle:      "Rapportage actief casemanagement",
	MsgReportFileSelection:  "Periode en selectie: %s",
	MsgReportFileMade:       "Gemaakt op %s, berekend uit wat in regie is geregistreerd.",
	MsgReportFileSuppressed: "Groepen kleiner dan %[1]d gezinnen of aanmeldingen staan er als \"< %[1]d\". Zodat zo'n groep niet uit een totaal is af te leiden, is soms ook een cijfer ernaast zo weergegeven, ook als het groter is.",
	MsgReportFileNote:       "Toelichting: %s",
	MsgReportFileInterval:   "95%%-betrouwbaarheidsinterval bij %s: %s tot %s",
	MsgReportFileWarning:    "Let op bij %s: %s",
	MsgReportFileSource:     "Bron bij %s: %s",
	MsgReportFileSheet:      "Rapportage",

	MsgEffectSmallNumbers:   "kleine aantallen: voorzichtig interpreteren",
	MsgEffectNothingToShare: "niets geteld om een aandeel van te nemen",
	MsgEffectNoFamilies:     "geen gezinnen met dit gegeven in het cohort",
	MsgCostRateMissing:      "niet berekend: %s heeft geen waarde of geen bron (Beheer, Tarieven)",
	MsgCostNothing:          "niet berekend: de aanpak kostte voor dit cohort niets",
	MsgRateNumber:           "Geef een getal, bijvoorbeeld 68,50.",
	MsgRateRange:            "Geef een getal van 0 tot en met %s.",
	MsgRatePercent:          "Geef een percentage van 0 tot en met 100.",
	MsgRateSourceRequired:   "Noem de bron van deze waarde: zonder bron gebruikt regie haar niet.",
	MsgRateValueRequired:    "Vul ook de waarde in, of maak de bron leeg.",
	MsgFlashRatesSaved:      "De tarieven zijn opgeslagen.",

	MsgEmergencyReason:        "Kies de reden van de noodtoegang.",
	MsgEmergencyExplainMore:   "Licht de noodsituatie toe in ten minste %d tekens: de privacy officer beoordeelt de toegang achteraf.",
	MsgEmergencyConfirm:       "Bevestig dat u weet dat de noodtoegang wordt vastgelegd en beoordeeld.",
	MsgEmergencyReviewed:      "Deze noodtoegang is al beoordeeld.",
	MsgFlashEmergencyStarted:  "U heeft noodtoegang tot dit gezin. Alles wat u inziet, wordt vastgelegd.",
	MsgFlashEmergencyReviewed: "De beoordeling van de noodtoegang is vastgelegd.",
	MsgDossierNumberInvalid:   "Geef het dossiernummer van het gezin, bijvoorbeeld G-000123.",

	MsgFlashPartnerProgress:    "De voortgang van uw afspraak is vastgelegd. De regisseur ziet de nieuwe stand bij de afspraak.",
	MsgFlashStagnationReported: "Uw melding van stagnatie is verstuurd. De regisseur ziet uw melding en neemt zo nodig contact met u op.",
}

// Text returns the Dutch text of a message code, formatted with args.
// An unknown code returns the code itself, which a test forbids.
func Text(m Msg, args ...any) string {
	s, ok := catalogue[m]
	if !ok {
		return string(m)
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Catalogue returns the codes that have a text, for tests.
func Catalogue() map[Msg]string {
	c := make(map[Msg]string, len(catalogue))
	for k, v := range catalogue {
		c[k] = v
	}
	return c
}

// fieldLabels names form fields in Dutch for the error summary at the top
// of a form, so "Vul dit veld in." there reads "Voornaam: Vul dit veld in."
// The labels on the fields themselves are in the templates.
var fieldLabels = map[string]string{
	"genogram_member": "Gezinslid", "sex": "Geslacht", "birth_year": "Geboortejaar", "death_year": "Jaar van overlijden",
	"generation": "Generatie", "markers": "Wat speelt er", "from_id": "Eerste persoon", "to_id": "Tweede persoon",
	"relation_kind": "Soort relatie", "relation_note": "Toelichting bij de relatie",
	"hold_reason": "Reden", "member_id": "Wie vraagt het", "received_on": "Ontvangen op",
	"exception":  "Uitzondering",
	"checkup_on": "Datum van de check-up", "spoken_with": "Met wie heeft u gesproken", "other_people": "Iemand anders",
	"orgs": "Organisaties", "family_doing": "Hoe gaat het met het gezin", "cooperation": "Hoe verloopt de samenwerking",
	"assessment": "Beoordeling",
	"scored_on":  "Datum van de scores", "evaluated_on": "Datum van de eindevaluatie",
	"how_now":        "Hoe gaat het nu, in de woorden van de jongere",
	"household_name": "Naam van het huishouden", "street": "Straat en huisnummer", "postcode": "Postcode", "city": "Plaats",
	"district": "Wijk", "dutch_proficiency": "Beheersing van het Nederlands", "languages": "Talen", "composition_notes": "Samenstelling",
	"given_name": "Voornaam", "family_name": "Achternaam", "birth_date": "Geboortedatum", "relation": "Rol in het gezin", "bsn": "BSN",
	"ended_on": "Datum", "reason": "Reden", "coordinator": "Vaste regisseur", "duo": "Duo-partner", "confirm": "Bevestiging",
	"email": "E-mailadres", "password": "Wachtwoord", "name": "Naam", "role": "Rol", "organisation": "Organisatie", "team": "Team",
	"districts": "Wijken", "code": "Code", "q": "Naam van het gezin of een gezinslid",
	"current": "Huidig wachtwoord", "new": "Nieuw wachtwoord", "repeat": "Herhaal het nieuwe wachtwoord",
	"referrer_org": "Organisatie van de aanmelder", "referrer_name": "Naam van de aanmelder", "received_via": "Ontvangen via",
	"referrer_function": "Functie", "referrer_phone": "Telefoonnummer", "referrer_email": "E-mailadres",
	"members": "Gezinsleden", "signals": "Signalen", "problem_duration": "Duur van de problemen", "help_tried": "Geprobeerde hulp",
	"introducer_name": "Introducerende hulpverlener", "introducer_org": "Organisatie van de introducerende hulpverlener", "commitment": "Toezegging laagdrempelige zorg",
	"safety": "Veiligheidscheck", "safety_notes": "Zorgen over veiligheid", "meeting": "Teamoverleg",
	"outcome": "Besluit", "review_on": "Opnieuw bekijken op", "contact_keeper": "Contact tijdens het wachten",
	"contra_indications": "Contra-indicaties", "override_reason": "Reden voor uitzondering", "warm_referral_org": "Warme doorverwijzing",
	"feedback": "Terugkoppeling aan de aanmelder", "notes": "Notitie", "link_family": "Bestaand gezin",
	"explanation": "Toelichting op de noodsituatie", "verdict": "Oordeel", "dossier": "Dossiernummer",
	"note": "Toelichting", "kind": "Soort", "youth_worker": "Jeugdhulpverlener", "member": "Gezinslid",
	"what": "Wat is de zorg", "since": "Sinds", "severity": "Ernst", "actions": "Wat wordt eraan gedaan", "meldcode": "Meldcode",
	"contact_person": "Contactpersoon", "phone": "Telefoon", "waiting_weeks": "Wachttijd",
	"history": "Hoe de situatie is ontstaan", "strengths": "Krachten", "obstacles": "Belemmeringen", "problems": "Problemen",
	"situation": "Huidige situatie", "closing_question": "Wat heeft het gezin nodig", "domains": "Leefgebieden",
	"origin": "Aanleiding", "agreed_on": "Getekend op", "agreed_with": "Door wie van het gezin", "status": "Status", "scores": "Scores",
	"session_on": "Datum van het gesprek", "leader_points": "Punten van de teamleider", "worker_points": "Punten van de medewerker",
	"agreements": "Afspraken", "families": "Besproken gezinnen",
	"on": "Datum", "signed_on": "Getekend op", "valid_until": "Geldig tot", "signers": "Ondertekend door",
	"parties": "Organisaties", "document": "Getekende verklaring", "withdrawn_on": "Ingetrokken per",
	"withdraw_reason": "Reden van intrekken", "domain": "Leefgebied", "org": "Instantie", "intervention": "Interventie",
	"waiting_since": "Op de wachtlijst sinds", "started_on": "Gestart op",
	"minutes": "Duur in minuten", "start": "Begintijd", "date": "Datum", "attempt": "Is er contact geweest?",
	"text": "Besluit", "phase_reason": "Toelichting bij de fase", "close_reason": "Waarom sluit het dossier",
	"extension": "Reden voor een langere intensieve fase", "agency": "Instantie", "family": "Gezin", "title": "Agendapunt",
	"goals": "Afspraken over de lange termijndoelen", "tasks": "Taakverdeling",
	"confirmed_by": "Bevestigd door", "confirmed_on": "Bevestigd op", "held_on": "Datum van het overleg",
	"attendees": "Deelnemers", "others": "Andere deelnemers", "close_outcome": "Uitkomst",
	"onward_org": "Doorverwezen naar", "onward_reason": "Waarom langdurige hulp",
	"participants": "Wie deden mee", "closing_answer": "Wat heeft het gezin nodig om op eigen kracht verder te gaan",
	"youth": "Jongere", "youth_signed": "Getekend door de jongere", "parent": "Meegetekend door", "share": "Delen met",
	"next_due": "Volgende tussenevaluatie", "plan_goals": "Doelen", "terms": "Eindtermen",
	"network_relation": "Relatie tot het gezin",
	"moment_on":        "Datum van het moment", "moment_label": "Naam van het moment", "moment_note": "Toelichting bij het moment",
	"copy_from": "Beginnen met", "sector": "Sector", "tie_name": "Naam of omschrijving", "strength": "Sterkte van de band",
	"quality": "Kwaliteit van de band", "tie_note": "Toelichting bij de band",
	"balance_kind": "Soort factor", "balance_level": "Niveau", "factor_text": "Factor", "weight": "Gewicht",
	"goal": "Doel", "working_line": "Werklijn",
	"invited": "Wie nodigt u uit", "attended": "Wie waren erbij", "place": "Plaats",
	"segment": "Welke gegevens", "data": "Om welke gegevens gaat het", "requested": "Gevraagde correctie",
	"decided_on": "Besloten op",
	"van":        "Van", "tot": "Tot en met", "wijk": "Wijk", "medewerker": "Medewerker",
}

// rowLabels name the fields of a form's rows (goal-2-text: "Doel 3, tekst").
var rowLabels = map[string]string{
	"text": "tekst", "term": "termijn", "domain": "leefgebied", "member": "voor wie", "owner": "wie", "what": "wat",
	"due": "uiterlijk", "org": "organisatie", "degree": "in hoeverre behaald", "note": "toelichting", "purpose": "waarvoor", "kinds": "welke informatie", "name": "naam",
	"who": "wie",
}

// evalRowLabels name the fields of an evaluation's goal and end term rows.
var evalRowLabels = map[string]string{
	"progress": "voortgang", "changes": "wat verandert", "degree": "in hoeverre behaald", "note": "toelichting", "score": "score",
}

// FieldLabel returns the Dutch name of a form field for the error summary,
// or "" when it has none. Member rows (member-2-given_name) are named by
// their number.
func FieldLabel(field string) string {
	for _, d := range RateDefs {
		switch field {
		case d.Key:
			return d.Label + ", waarde"
		case SourceKey(d.Key):
			return d.Label + ", bron"
		}
	}
	if rest, ok := strings.CutPrefix(field, "member-"); ok {
		if n, name, ok := strings.Cut(rest, "-"); ok {
			if i, err := strconv.Atoi(n); err == nil {
				return fmt.Sprintf("Gezinslid %d, %s", i+1, strings.ToLower(fieldLabels[name]))
			}
		}
	}
	if rest, ok := strings.CutPrefix(field, "signal-"); ok {
		return "Signalen, " + strings.ToLower(Domain(rest).Label())
	}
	for prefix, row := range map[string]string{"goal-": "Doel", "agreement-": "Afspraak", "party-": "Organisatie", "attendee-": "Deelnemer"} {
		if rest, ok := strings.CutPrefix(field, prefix); ok {
			if n, name, ok := strings.Cut(rest, "-"); ok {
				if i, err := strconv.Atoi(n); err == nil {
					return fmt.Sprintf("%s %d, %s", row, i+1, rowLabels[name])
				}
			}
		}
	}
	if strings.HasPrefix(field, "stagnation-") {
		return "Melding van stagnatie, wat u doet"
	}
	if strings.HasPrefix(field, "progress-") {
		return "Voortgang van een eerdere afspraak"
	}
	if rest, ok := strings.CutPrefix(field, "term-"); ok {
		if key, name, ok := strings.Cut(rest, "-"); ok {
			return EndTerm(key).Label() + ", " + evalRowLabels[name]
		}
	}
	if rest, ok := strings.CutPrefix(field, "goal-"); ok {
		if _, name, ok := strings.Cut(rest, "-"); ok && evalRowLabels[name] != "" {
			return "Doel, " + evalRowLabels[name]
		}
	}
	if rest, ok := strings.CutPrefix(field, "score-"); ok {
		return "Score, " + strings.ToLower(Domain(rest).Label())
	}
	if rest, ok := strings.CutPrefix(field, "domain-"); ok {
		return Domain(rest).Label()
	}
	if rest, ok := strings.CutPrefix(field, "note-"); ok {
		if point, aspect, ok := strings.Cut(rest, "-"); ok {
			return CouncilPoint(point).Title() + ", " + strings.ToLower(CouncilAspect(aspect).Label())
		}
	}
	return fieldLabels[field]
}

// Plural counts in Dutch: "1 week", "3 weken", "6 gezinnen".
func Plural(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + more
}
