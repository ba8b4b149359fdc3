package regie

import (
	"strings"
	"testing"
	"time"
)

func TestAuditFinding_Message(t *testing.T) {
	at := time.Date(2026, 3, 2, 8, 1, 0, 0, time.UTC)
	for _, tc := range []struct {
		f    AuditFinding
		want string
	}{
		{AuditFinding{Kind: FindingMissingRows, Chain: 3, Seq: 7, LastSeq: 7, HeadSeq: 8}, "keten 3: regel 7 ontbreekt (na regel 6 volgt regel 8): er is een regel verwijderd"},
		{AuditFinding{Kind: FindingMissingRows, Chain: 3, Seq: 7, LastSeq: 9, HeadSeq: 10}, "keten 3: regel 7 t/m 9 ontbreken (na regel 6 volgt regel 10): er zijn regels verwijderd"},
		{AuditFinding{Kind: FindingChanged, Chain: 5, Seq: 3, LastSeq: 13, ID: 28}, "keten 5, regels 3 t/m 13 (id 28): de inhoud klopt niet met de hash"},
		{AuditFinding{Kind: FindingUnknownKey, Chain: 1, Seq: 4, LastSeq: 4, ID: 9, KeyID: "k9"}, `keten 1, regel 4 (id 9): de hash is gemaakt met sleutel "k9", die niet in het sleutelbestand staat`},
		{AuditFinding{Kind: FindingHead, Chain: 2, Seq: 10, HeadSeq: 12}, "keten 2: de keten eindigt bij regel 10, maar de kop van de keten (audit_heads) zegt 12"},
		{AuditFinding{Kind: FindingAnchorMissing, Chain: 2, Seq: 12, Line: 4, Time: at}, "keten 2: regel 12, verankerd op 2026-03-02 09:01:00 (ankerbestand regel 4), ontbreekt"},
		{AuditFinding{Kind: FindingAnchorUnknownKey, Line: 5, KeyID: "k9"}, `ankerbestand regel 5: ondertekend met sleutel "k9"`},
	} {
		if got := tc.f.Message(); !strings.HasPrefix(got, tc.want) || strings.Contains(got, "\n") {
			t.Errorf("%s: %q, want it to start with %q", tc.f.Kind, got, tc.want)
		}
	}
}
