package style

import (
	"github.com/cite-project/cite/internal/csl/locale"
	"github.com/cite-project/cite/internal/csl/vars"
)

// Formatting is the set of affix and formatting attributes (shared with
// the locale package, which needs it for date formats).
type Formatting = locale.Formatting

// DatePart is a cs:date-part.
type DatePart = locale.DatePart

// Element is a rendering element: *Text, *Number, *Label, *Date, *Names,
// *Group or *Choose.
type Element interface {
	// Pos returns the line of the element in the style.
	Pos() int
}

// Style is a parsed CSL style.
type Style struct {
	Class         string // in-text or note
	Version       string
	DefaultLocale string
	// Options holds the global options and the inheritable name options
	// set on cs:style.
	Options map[string]string
	Info    Info
	Macros  map[string]*Macro
	Locales []*locale.Locale
	// Citation and Bibliography are nil when absent (Citation is required
	// for independent styles).
	Citation     *Context
	Bibliography *Context
	// Texts is the number of cs:text elements (see Text.ID).
	Texts int
	// typeBits numbers the item types the style's type tests name, up
	// to 64 of them, one bit each.
	typeBits map[string]uint64
}

// TypeBit returns the bit of item type t in the masks of the style's
// type tests (Condition.Types), or 0 when no type test names t.
func (s *Style) TypeBit(t string) uint64 { return s.typeBits[t] }

// Info holds the metadata of cs:info that the engine needs.
type Info struct {
	ID, Title string
	// Parent is the href of the independent-parent link of a dependent
	// style; empty for independent styles.
	Parent string
}

// IsDependent reports whether s is a dependent style.
func (s *Style) IsDependent() bool { return s.Info.Parent != "" }

// Macro is a cs:macro.
type Macro struct {
	Name     string
	Children []Element
	Line     int
}

// Context is cs:citation or cs:bibliography.
type Context struct {
	// Options holds this context's options and inheritable name options.
	Options map[string]string
	Sort    *Sort
	// Layouts has at least one layout; with the CSL-M extension, layouts
	// with a Locale list come first and the default last.
	Layouts []*Layout
}

// Layout is a cs:layout.
type Layout struct {
	Formatting
	Delimiter string
	// Locale is the list of language tags of a CSL-M localized layout.
	Locale   []string
	Children []Element
	Line     int
}

// Sort is cs:sort.
type Sort struct {
	Keys []*SortKey
	// ScriptOrder, an extension, lists scripts ("cyrillic", "latin") whose
	// entries sort first, in that order.
	ScriptOrder []string
}

// SortKey is a cs:key.
type SortKey struct {
	Variable   string
	Macro      string
	Descending bool
	// MacroDef is the macro Macro names, resolved by Parse.
	MacroDef *Macro
	// NameOptions overrides et-al-min, et-al-use-first and et-al-use-last
	// (names-min, names-use-first, names-use-last).
	NameOptions map[string]string
	Line        int
}

// Text is cs:text.
type Text struct {
	Formatting
	Variable string
	Form     string
	Macro    string
	Term     string
	Plural   bool
	Value    string
	HasValue bool
	Line     int
	// MacroDef is the macro Macro names, resolved by Parse.
	MacroDef *Macro
	// ShortVariable is Variable's short form ("title-short"), for
	// form="short".
	ShortVariable string
	// ID numbers the cs:text elements of a style from 0, so that an
	// evaluator can keep per-element data in a slice.
	ID int
}

// Number is cs:number.
type Number struct {
	Formatting
	Variable string
	Form     string // numeric, ordinal, long-ordinal, roman
	Line     int
}

// Label is cs:label.
type Label struct {
	Formatting
	Variable string
	Form     string
	Plural   string // contextual, always, never
	Line     int
}

// Date is cs:date.
type Date struct {
	Formatting
	Variable  string
	Form      string // text, numeric or "" for a non-localized date
	DateParts string // year-month-day, year-month, year
	Delimiter string
	Parts     []DatePart
	Line      int
}

// Names is cs:names.
type Names struct {
	Formatting
	Variables []string
	Delimiter string
	HasDelim  bool
	Name      *Name
	EtAl      *EtAl
	Label     *Label
	// LabelFirst reports that cs:label precedes cs:name.
	LabelFirst bool
	Substitute []Element
	// HasSubstitute reports that a cs:substitute element is present.
	HasSubstitute bool
	Line          int
}

// Name is cs:name. Options holds its attributes (and, delimiter,
// et-al-min, initialize-with, name-as-sort-order, ...), merged at
// evaluation time with the inherited name options.
type Name struct {
	Formatting
	Options map[string]string
	Given   *Formatting
	Family  *Formatting
	Line    int
}

// EtAl is cs:et-al.
type EtAl struct {
	Formatting
	Term string
}

// Group is cs:group.
type Group struct {
	Formatting
	Delimiter string
	Children  []Element
	Line      int
}

// Choose is cs:choose.
type Choose struct {
	Branches []*Branch
	Line     int
}

// Branch is cs:if, cs:else-if or cs:else (no conditions).
type Branch struct {
	Match      string // all, any, none
	Conditions []Condition
	Children   []Element
	// MatchAny and MatchNone are Match as flags ("all" is neither).
	MatchAny, MatchNone bool
	// Incremental records that a condition tests disambiguate, whose
	// values all count (the test is applied incrementally), so that the
	// branch is tested to its end rather than to its first deciding
	// value.
	Incremental bool
}

// Condition is one test attribute of a branch, such as type="book
// chapter"; Kind is the attribute name, Op the same as a constant.
type Condition struct {
	Kind   string
	Values []string
	Op     CondOp
	// VarKinds holds, for variable and is-numeric tests, the kind of
	// each variable in Values.
	VarKinds []vars.Kind
	// Types, for a type test, holds the bits of its values (see
	// Style.TypeBit); TypesExact reports that they are distinct and all
	// have a bit, so that Types alone decides the test.
	Types      uint64
	TypesExact bool
}

// CondOp names the test of a Condition.
type CondOp uint8

// The condition tests (CSL 1.0.2, "Choose").
const (
	CondType CondOp = iota + 1
	CondVariable
	CondIsNumeric
	CondIsUncertainDate
	CondLocator
	CondPosition
	CondDisambiguate
)

// condOps maps condition attributes to their tests.
var condOps = map[string]CondOp{
	"type": CondType, "variable": CondVariable, "is-numeric": CondIsNumeric, "is-uncertain-date": CondIsUncertainDate,
	"locator": CondLocator, "position": CondPosition, "disambiguate": CondDisambiguate,
}

// Pos implements Element.
func (e *Text) Pos() int { return e.Line }

// Pos implements Element.
func (e *Number) Pos() int { return e.Line }

// Pos implements Element.
func (e *Label) Pos() int { return e.Line }

// Pos implements Element.
func (e *Date) Pos() int { return e.Line }

// Pos implements Element.
func (e *Names) Pos() int { return e.Line }

// Pos implements Element.
func (e *Group) Pos() int { return e.Line }

// Pos implements Element.
func (e *Choose) Pos() int { return e.Line }
