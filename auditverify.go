package regie

import (
	"fmt"
	"time"
)

// AuditHead is where a hash chain of the access log ends: the number and
// hash of its newest row.
type AuditHead struct {
	Chain int
	Seq   int64
	Hash  string
}

// AuditAnchor is a chain head written outside the database (the anchor
// file) at Time: the chain must still hold that row with that hash.
type AuditAnchor struct {
	AuditHead
	Time time.Time
	Line int // line of the anchor file, for the report
}

// FindingKind says what is wrong in the access log.
type FindingKind string

// The kinds of finding VerifyAudit and the anchor file report.
const (
	// FindingMissingRows: a chain skips numbers, so rows were removed.
	FindingMissingRows FindingKind = "missing_rows"
	// FindingLink: a row does not point at the hash of the row before it.
	FindingLink FindingKind = "link"
	// FindingChanged: a row's content does not match its hash: it was
	// changed, or its hash was recomputed without the right key.
	FindingChanged FindingKind = "changed"
	// FindingUnknownKey: a row's hash names a key the key file lacks.
	FindingUnknownKey FindingKind = "unknown_key"
	// FindingUnkeyed: an unkeyed (v1) hash after keyed rows: a chain
	// switches to keyed hashes once and never back.
	FindingUnkeyed FindingKind = "unkeyed"
	// FindingHashForm: a hash in no known form.
	FindingHashForm FindingKind = "hash_form"
	// FindingHead: a chain does not end where its head (audit_heads) says.
	FindingHead FindingKind = "head"
	// FindingAnchorMissing: an anchored row is no longer in the chain.
	FindingAnchorMissing FindingKind = "anchor_missing"
	// FindingAnchorChanged: an anchored row has another hash than anchored.
	FindingAnchorChanged FindingKind = "anchor_changed"
	// FindingAnchorDamaged: a line of the anchor file is unreadable, or
	// its signature does not match (changed, or made without the key).
	FindingAnchorDamaged FindingKind = "anchor_damaged"
	// FindingAnchorUnknownKey: an anchor line names a key the key file lacks.
	FindingAnchorUnknownKey FindingKind = "anchor_unknown_key"
)

// AuditFinding is one break in the access log. Findings about rows cover
// the rows Seq to LastSeq of Chain (consecutive rows with the same break
// are one finding).
type AuditFinding struct {
	Kind    FindingKind
	Chain   int
	Seq     int64
	LastSeq int64
	ID      int64 // database id of row Seq, when there is one
	// HeadSeq is what the head says (FindingHead), or the row number the
	// chain goes on with after a gap (FindingMissingRows).
	HeadSeq int64
	KeyID   string
	// Line and Time locate an anchor (the anchor findings).
	Line int
	Time time.Time
}

// AuditReport is the outcome of verifying the hash chains.
type AuditReport struct {
	Rows    int64
	Chains  int
	Anchors int // anchored heads checked
	// Keyed is the number of rows with a keyed (v2) hash; the rest are
	// unkeyed rows written before regie had keys.
	Keyed    int64
	Findings []AuditFinding
}

// OK reports whether nothing was found.
func (r *AuditReport) OK() bool { return len(r.Findings) == 0 }

// Message is the finding in Dutch, one line, for `regie audit verify`.
func (f AuditFinding) Message() string {
	rows := fmt.Sprintf("regel %d", f.Seq)
	if f.LastSeq > f.Seq {
		rows = fmt.Sprintf("regels %d t/m %d", f.Seq, f.LastSeq)
	}
	if f.ID != 0 {
		rows += fmt.Sprintf(" (id %d)", f.ID)
	}
	at := f.Time.In(Amsterdam).Format("2006-01-02 15:04:05")
	switch f.Kind {
	case FindingMissingRows:
		if f.LastSeq <= f.Seq {
			return fmt.Sprintf("keten %d: regel %d ontbreekt (na regel %d volgt regel %d): er is een regel verwijderd", f.Chain, f.Seq, f.Seq-1, f.HeadSeq)
		}
		return fmt.Sprintf("keten %d: regel %d t/m %d ontbreken (na regel %d volgt regel %d): er zijn regels verwijderd",
			f.Chain, f.Seq, f.LastSeq, f.Seq-1, f.HeadSeq)
	case FindingLink:
		return fmt.Sprintf("keten %d, %s: de verwijzing naar de vorige regel klopt niet: er zijn regels verwijderd of vervangen", f.Chain, rows)
	case FindingChanged:
		return fmt.Sprintf("keten %d, %s: de inhoud klopt niet met de hash: gewijzigd, of de hash is herberekend zonder de juiste sleutel", f.Chain, rows)
	case FindingUnknownKey:
		return fmt.Sprintf("keten %d, %s: de hash is gemaakt met sleutel %q, die niet in het sleutelbestand staat", f.Chain, rows, f.KeyID)
	case FindingUnkeyed:
		return fmt.Sprintf("keten %d, %s: een hash zonder sleutel na regels met sleutel: de keten is vanaf hier herberekend", f.Chain, rows)
	case FindingHashForm:
		return fmt.Sprintf("keten %d, %s: de hash heeft een onbekende vorm", f.Chain, rows)
	case FindingHead:
		if f.HeadSeq == f.Seq {
			return fmt.Sprintf("keten %d: de kop van de keten (audit_heads) wijst naar een andere hash dan de laatste regel %d", f.Chain, f.Seq)
		}
		return fmt.Sprintf("keten %d: de keten eindigt bij regel %d, maar de kop van de keten (audit_heads) zegt %d: er zijn regels buiten regie om verwijderd of toegevoegd",
			f.Chain, f.Seq, f.HeadSeq)
	case FindingAnchorMissing:
		return fmt.Sprintf("keten %d: regel %d, verankerd op %s (ankerbestand regel %d), ontbreekt: de nieuwste regels zijn verwijderd en de kop is teruggezet",
			f.Chain, f.Seq, at, f.Line)
	case FindingAnchorChanged:
		return fmt.Sprintf("keten %d, %s: de hash is een andere dan verankerd op %s (ankerbestand regel %d): de keten is herschreven",
			f.Chain, rows, at, f.Line)
	case FindingAnchorDamaged:
		return fmt.Sprintf("ankerbestand regel %d: onleesbaar of de handtekening klopt niet: de regel is gewijzigd of niet door regie geschreven", f.Line)
	case FindingAnchorUnknownKey:
		return fmt.Sprintf("ankerbestand regel %d: ondertekend met sleutel %q, die niet in het sleutelbestand staat", f.Line, f.KeyID)
	}
	return fmt.Sprintf("keten %d, %s: %s", f.Chain, rows, f.Kind)
}

// AccessLogYears is the access log's own term (NEN 7513's usual minimum
// of five years; the log is never destroyed with a family's file, see
// RetainAccessLog): months of the log younger than this are never
// detached. An organisation that keeps its log longer detaches later.
const AccessLogYears = 5

// AuditPartition is one month (or the past, or the catch-all) of the
// access log on PostgreSQL, for `regie audit partitions`.
type AuditPartition struct {
	Name string
	// From and To bound its rows' times (To exclusive); From is zero for
	// the past before partitioning, both are zero for the DEFAULT
	// partition.
	From, To time.Time
	Default  bool
	// Rows is PostgreSQL's estimate after its last ANALYZE (exact for a
	// month that is no longer written); Bytes its heap, indexes and TOAST.
	Rows  int64
	Bytes int64
}
