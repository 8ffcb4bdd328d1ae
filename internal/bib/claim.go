package bib

// The kinds of claim a manuscript makes.
const (
	ClaimQuote       = "quote"
	ClaimStatistic   = "statistic"
	ClaimFact        = "fact"
	ClaimAttribution = "attribution"
	ClaimEvaluation  = "evaluation"
)

// ClaimKinds lists the valid values of Claim.Kind.
var ClaimKinds = []string{ClaimQuote, ClaimStatistic, ClaimFact, ClaimAttribution, ClaimEvaluation}

// The ways a source can support a claim.
const (
	SupportDirect    = "direct"    // the source itself states it
	SupportIndirect  = "indirect"  // the source implies it or states part of it
	SupportSecondary = "secondary" // the source reports another source
)

// SupportKinds lists the valid values of Source.Support.
var SupportKinds = []string{SupportDirect, SupportIndirect, SupportSecondary}

// Claim is a statement made in a manuscript, with the sources that back it.
// Statement says it in our own words; Excerpt is a short verbatim passage
// that finds the claim in the manuscript.
type Claim struct {
	ID        string
	Statement string
	Kind      string
	Excerpt   string
	Sources   []Source
	Status    string
	Note      string
	Pos       Pos
	FieldPos  map[string]Pos
}

// PosOf returns the position of field in its file, or the claim's own
// position.
func (c *Claim) PosOf(field string) Pos {
	if p, ok := c.FieldPos[field]; ok && p.Line > 0 {
		return p
	}
	return c.Pos
}

// Source links a claim to a reference. Locator points into the work
// (a page, a paragraph); Label says what kind of locator it is, as a CSL
// locator term ("page" when empty).
type Source struct {
	Ref     string
	Locator string
	Label   string
	Support string
	Pos     Pos
}
