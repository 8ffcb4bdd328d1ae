// Package vars classifies CSL variables (CSL 1.0.2, Appendix IV): which
// are name variables, which are date variables, and which are the
// standard or number ones. It is shared by the item and style packages.
package vars

// Kind is the kind of a CSL variable.
type Kind uint8

// The kinds of variables.
const (
	Standard Kind = iota // standard and number variables
	Name
	Date
)

// Of returns the kind of variable v.
func Of(v string) Kind {
	switch {
	case nameVars[v]:
		return Name
	case dateVars[v]:
		return Date
	}
	return Standard
}

// IsName reports whether v is a CSL name variable.
func IsName(v string) bool { return nameVars[v] }

// IsDate reports whether v is a CSL date variable.
func IsDate(v string) bool { return dateVars[v] }

// dateVars lists the CSL date variables.
var dateVars = map[string]bool{
	"accessed": true, "available-date": true, "event-date": true, "issued": true,
	"original-date": true, "submitted": true, "container": true,
}

// nameVars lists the CSL name variables.
var nameVars = map[string]bool{
	"author": true, "chair": true, "collection-editor": true, "compiler": true, "composer": true,
	"container-author": true, "contributor": true, "curator": true, "director": true, "editor": true,
	"editorial-director": true, "editor-translator": true, "executive-producer": true, "guest": true,
	"host": true, "illustrator": true, "interviewer": true, "narrator": true, "organizer": true,
	"original-author": true, "performer": true, "producer": true, "recipient": true,
	"reviewed-author": true, "script-writer": true, "series-creator": true, "translator": true,
}
