package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csljson"
	"github.com/cite-project/cite/internal/lazyregexp"
)

// The services' public base URLs, the defaults of Client.
const (
	DefaultDOIResolver = "https://doi.org"
	DefaultISBNService = "https://openlibrary.org"
	DefaultArXivAPI    = "https://export.arxiv.org"
)

// MaxResponse bounds the size of a service's answer.
const MaxResponse = 8 << 20

// Client fetches records. The zero value uses the public services and
// http.DefaultClient's transport with a 20-second timeout.
type Client struct {
	HTTP        *http.Client
	DOIResolver string // base URL; the DOI follows a slash
	ISBNService string // base URL of an Open Library compatible Books API
	ArXivAPI    string // base URL of the arXiv API
	UserAgent   string
}

// Error is a failed fetch, with a one-line message for people.
type Error struct {
	ID       ID
	NotFound bool
	Msg      string
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

// Result is a fetched record and what the conversion left out.
type Result struct {
	Entry *bib.Entry
	// Dropped lists the service's own bookkeeping (Crossref's reference
	// list, licences, deposit dates…) that has no CSL variable and was not
	// kept.
	Dropped []string
	// Source is the URL the record came from.
	Source string
}

// Fetch looks id up in its service.
func (c *Client) Fetch(ctx context.Context, id ID) (*Result, error) {
	switch id.Kind {
	case DOI:
		return c.doi(ctx, id)
	case ISBN:
		return c.isbn(ctx, id)
	case ArXiv:
		return c.arxiv(ctx, id)
	}
	return nil, &Error{ID: id, Msg: "nothing to fetch"}
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 20 * time.Second}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return strings.TrimRight(s, "/")
}

// get fetches u with the Accept header and returns the body of a 200
// answer; statuses are errors, 404 (and what notFound says) "not found".
func (c *Client) get(ctx context.Context, id ID, u, accept string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("cannot ask %s: %v", u, err)}
	}
	req.Header.Set("Accept", accept)
	ua := c.UserAgent
	if ua == "" {
		ua = "cite (https://github.com/cite-project/cite)"
	}
	req.Header.Set("User-Agent", ua)
	resp, err := c.httpClient().Do(req)
	if err != nil {
		var ne net.Error
		switch {
		case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
			return nil, &Error{ID: id, Msg: fmt.Sprintf("no answer from %s in time (timeout) for %s; try again later, or allow longer with --timeout", host(u), id)}
		}
		return nil, &Error{ID: id, Msg: fmt.Sprintf("cannot reach %s for %s: %v", host(u), id, rootCause(err))}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponse+1))
	if err != nil {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("the answer from %s for %s broke off: %v", host(u), id, rootCause(err))}
	}
	if len(body) > MaxResponse {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("the answer from %s for %s is larger than %d MB; not read", host(u), id, MaxResponse>>20)}
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		return body, nil
	case resp.StatusCode == http.StatusNotFound:
		return nil, &Error{ID: id, NotFound: true, Msg: fmt.Sprintf("%s was not found at %s (HTTP 404); check the %s", id, host(u), id.Kind)}
	case resp.StatusCode == http.StatusNotAcceptable:
		return nil, &Error{ID: id, Msg: fmt.Sprintf("%s has no record in CSL-JSON at %s (HTTP 406): its registration agency does not offer one; add it with --type instead", id, host(u))}
	case resp.StatusCode == http.StatusTooManyRequests:
		return nil, &Error{ID: id, Msg: fmt.Sprintf("%s asks to slow down (HTTP 429); try again in a minute", host(u))}
	}
	return nil, &Error{ID: id, Msg: fmt.Sprintf("%s answered HTTP %d %s for %s; try again later", host(u), resp.StatusCode, http.StatusText(resp.StatusCode), id)}
}

func host(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return p.Host
	}
	return u
}

// rootCause strips the URL that net/http puts around an error.
func rootCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// crossrefBookkeeping are the keys of Crossref's (and DataCite's) CSL-JSON
// that describe the deposit rather than the work: not kept.
var crossrefBookkeeping = map[string]bool{
	"indexed": true, "deposited": true, "created": true, "reference": true, "reference-count": true,
	"references-count": true, "is-referenced-by-count": true, "license": true, "link": true, "member": true,
	"prefix": true, "score": true, "source": true, "content-domain": true, "published-print": true,
	"published-online": true, "published": true, "published-other": true, "journal-issue": true, "relation": true,
	"alternative-id": true, "update-policy": true, "assertion": true, "funder": true, "issn-type": true,
	"isbn-type": true, "subject": true, "short-container-title": true, "subtitle": true, "short-title": true,
	"original-title": true, "container-title-short": false, "resource": true, "institution": true,
	"update-to": true, "updated-by": true, "clinical-trial-number": true, "article-number": false,
	"free-to-read": true, "archive": false, "aliases": false, "event": false, "accepted": true, "approved": true,
	"posted": true, "content-created": true, "content-updated": true, "degree": false, "edition-number": false,
	"part-number": false, "standards-body": false, "review": true, "group-title": false, "chair": false,
}

var nameBookkeeping = lazyregexp.New(`^[a-z-]+\.\d+\.(sequence|affiliation|authenticated-orcid|suffix)$`)

// doi fetches CSL-JSON by content negotiation (https://citation.crosscite.org/docs.html).
func (c *Client) doi(ctx context.Context, id ID) (*Result, error) {
	esc := strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F", " ", "%20").Replace(id.Value)
	u := orDefault(c.DOIResolver, DefaultDOIResolver) + "/" + esc
	body, err := c.get(ctx, id, u, "application/vnd.citationstyles.csl+json")
	if err != nil {
		return nil, err
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("%s did not answer with a CSL-JSON record for %s (the answer starts %q)", host(u), id, clip(body))}
	}
	// Subtitles are part of the title in CSL; Crossref sends them apart.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("%s sent CSL-JSON for %s that cannot be read: %v", host(u), id, err)}
	}
	subtitle := firstString(raw["subtitle"])
	res := &Result{Source: u}
	// Crossref writes some variables as arrays (ISSN, and titles as lists
	// of variants) and adds its bookkeeping; CSL-JSON proper has strings.
	for k, v := range raw {
		if crossrefBookkeeping[k] {
			res.Dropped = append(res.Dropped, k)
			delete(raw, k)
			continue
		}
		var list []string
		if kind := bib.VariableKind(k); (kind == bib.Standard || kind == bib.Number) && json.Unmarshal(v, &list) == nil {
			switch {
			case len(list) == 0:
				delete(raw, k)
			case k == "ISSN" || k == "ISBN":
				raw[k], _ = json.Marshal(strings.Join(list, ", "))
			default:
				raw[k], _ = json.Marshal(list[0])
			}
		}
	}
	slices.Sort(res.Dropped)
	raw["id"], _ = json.Marshal(id.Value)
	item, err := json.Marshal([]map[string]json.RawMessage{raw})
	if err != nil {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("%s sent CSL-JSON for %s that cannot be read: %v", host(u), id, err)}
	}
	lib, diags, err := csljson.Decode(id.String(), item)
	if err == nil && len(lib.Entries) != 1 {
		err = errors.New("no item")
		if bib.HasErrors(diags) {
			for _, d := range diags {
				if d.Severity == bib.Error {
					err = errors.New(d.Message)
					break
				}
			}
		}
	}
	if err != nil {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("%s sent CSL-JSON for %s that cannot be read: %v", host(u), id, err)}
	}
	e := lib.Entries[0]
	res.Entry = e
	for _, k := range e.ExtraNames() {
		if nameBookkeeping().MatchString(k) {
			delete(e.Extra, k)
		}
	}
	if len(e.Extra) == 0 {
		e.Extra = nil
	}
	if t := e.Get("title"); subtitle != "" && t != "" && !strings.Contains(t, subtitle) {
		e.Set("title", t+": "+subtitle)
	}
	// Crossref sends titles and containers as arrays; the decoder keeps the
	// first. The DOI is the one asked for, in the registry's spelling.
	if e.Get("DOI") == "" {
		e.Set("DOI", id.Value)
	}
	// The resolver's own link to the DOI says nothing the DOI does not.
	if u := strings.ToLower(e.Get("URL")); strings.Contains(u, "doi.org/") && strings.HasSuffix(u, strings.ToLower(e.Get("DOI"))) {
		e.Set("URL", "")
	}
	if !bib.IsType(e.Type) {
		if e.Extra == nil {
			e.Extra = map[string]string{}
		}
		e.Extra["type"] = e.Type
		e.Type = "article"
	}
	cleanPositions(e)
	return res, nil
}

// firstString returns a JSON string, or the first string of an array.
func firstString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil && len(list) > 0 {
		return list[0]
	}
	return ""
}

func clip(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// cleanPositions drops the positions a decoder gave the entry: it was not
// read from a library file.
func cleanPositions(e *bib.Entry) {
	e.ClearPositions()
}

// olBook is one book of the Open Library Books API with jscmd=data
// (https://openlibrary.org/dev/docs/api/books).
type olBook struct {
	Title         string                  `json:"title"`
	Subtitle      string                  `json:"subtitle"`
	Authors       []struct{ Name string } `json:"authors"`
	Publishers    []struct{ Name string } `json:"publishers"`
	PublishPlaces []struct{ Name string } `json:"publish_places"`
	PublishDate   string                  `json:"publish_date"`
	NumberOfPages int                     `json:"number_of_pages"`
	Pagination    string                  `json:"pagination"`
	Identifiers   struct {
		ISBN13 []string `json:"isbn_13"`
		ISBN10 []string `json:"isbn_10"`
	} `json:"identifiers"`
	ByStatement string `json:"by_statement"`
}

func (c *Client) isbn(ctx context.Context, id ID) (*Result, error) {
	u := orDefault(c.ISBNService, DefaultISBNService) + "/api/books?bibkeys=ISBN:" + id.Value + "&format=json&jscmd=data"
	body, err := c.get(ctx, id, u, "application/json")
	if err != nil {
		return nil, err
	}
	var books map[string]olBook
	if err := json.Unmarshal(body, &books); err != nil {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("%s did not answer with the Books API's JSON for %s: %v", host(u), id, err)}
	}
	b, ok := books["ISBN:"+id.Value]
	if !ok {
		for _, v := range books {
			b, ok = v, true
		}
	}
	if !ok || b.Title == "" {
		return nil, &Error{ID: id, NotFound: true, Msg: fmt.Sprintf("%s was not found at %s; check the number against the book, or add it with --type book", id, host(u))}
	}
	e := bib.NewEntry("", "book")
	title := b.Title
	if b.Subtitle != "" {
		title += ": " + b.Subtitle
	}
	e.Set("title", title)
	for _, a := range b.Authors {
		if n, ok := personName(a.Name); ok {
			e.AddName("author", n)
		}
	}
	if len(b.Publishers) > 0 {
		e.Set("publisher", b.Publishers[0].Name)
	}
	if len(b.PublishPlaces) > 0 {
		e.Set("publisher-place", b.PublishPlaces[0].Name)
	}
	if d, ok := parseLooseDate(b.PublishDate); ok {
		e.SetDate("issued", d)
	}
	if b.NumberOfPages > 0 {
		e.Set("number-of-pages", strconv.Itoa(b.NumberOfPages))
	}
	e.Set("ISBN", formatISBN(id.Value, b.Identifiers.ISBN13, b.Identifiers.ISBN10))
	return &Result{Entry: e, Source: u}, nil
}

// formatISBN returns the ISBN as asked for, in the service's hyphenated
// spelling when it has one for the same digits.
func formatISBN(digits string, lists ...[]string) string {
	for _, l := range lists {
		for _, s := range l {
			if strings.NewReplacer("-", "", " ", "").Replace(s) == digits {
				return s
			}
		}
	}
	return digits
}

// personName splits a name as catalogues write it: "Family, Given",
// "Given Family", or, with initials last, "Family G. G.".
func personName(s string) (bib.Name, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return bib.Name{}, false
	}
	if fam, giv, ok := strings.Cut(s, ","); ok {
		return bib.Name{Family: strings.TrimSpace(fam), Given: strings.TrimSpace(giv)}, true
	}
	parts := strings.Fields(s)
	if len(parts) == 1 {
		return bib.Name{Family: parts[0]}, true
	}
	if isInitial(parts[len(parts)-1]) && !isInitial(parts[0]) {
		return bib.Name{Family: parts[0], Given: strings.Join(parts[1:], " ")}, true
	}
	return bib.Name{Family: parts[len(parts)-1], Given: strings.Join(parts[:len(parts)-1], " ")}, true
}

func isInitial(w string) bool {
	r := []rune(w)
	return len(r) >= 2 && r[len(r)-1] == '.' && len(r) <= 4
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// parseLooseDate reads the dates catalogues print: 1997, 2001-05-12,
// "May 2001", "May 12, 2001", "12 May 2001".
func parseLooseDate(s string) (bib.Date, bool) {
	s = strings.TrimSpace(s)
	if d, err := bib.ParseDate(s); err == nil {
		return d, true
	}
	var year, month, day int
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) {
		lw := strings.ToLower(w)
		switch n, err := strconv.Atoi(w); {
		case err == nil && len(w) == 4:
			year = n
		case err == nil && n >= 1 && n <= 31:
			day = n
		case len(lw) >= 3 && months[lw[:3]] > 0:
			month = months[lw[:3]]
		}
	}
	if year == 0 {
		return bib.Date{}, false
	}
	if month == 0 {
		day = 0
	}
	return bib.Date{Start: bib.DatePart{Year: year, Month: month, Day: day}}, true
}

// atomFeed is the arXiv API's answer (https://info.arxiv.org/help/api/user-manual.html).
type atomFeed struct {
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Summary   string `xml:"summary"`
		Published string `xml:"published"`
		Authors   []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		DOI        string `xml:"http://arxiv.org/schemas/atom doi"`
		JournalRef string `xml:"http://arxiv.org/schemas/atom journal_ref"`
		Primary    struct {
			Term string `xml:"term,attr"`
		} `xml:"http://arxiv.org/schemas/atom primary_category"`
	} `xml:"entry"`
}

func (c *Client) arxiv(ctx context.Context, id ID) (*Result, error) {
	u := orDefault(c.ArXivAPI, DefaultArXivAPI) + "/api/query?id_list=" + url.QueryEscape(id.Value+id.Version)
	body, err := c.get(ctx, id, u, "application/atom+xml")
	if err != nil {
		return nil, err
	}
	var feed atomFeed
	if err := xml.Unmarshal(body, &feed); err != nil {
		return nil, &Error{ID: id, Msg: fmt.Sprintf("%s did not answer with the arXiv API's Atom feed for %s: %v", host(u), id, err)}
	}
	if len(feed.Entries) == 0 || strings.TrimSpace(feed.Entries[0].Title) == "Error" || strings.TrimSpace(feed.Entries[0].Title) == "" {
		return nil, &Error{ID: id, NotFound: true, Msg: fmt.Sprintf("%s was not found at %s; check the id", id, host(u))}
	}
	x := feed.Entries[0]
	e := bib.NewEntry("", "article")
	e.Set("title", strings.Join(strings.Fields(x.Title), " "))
	for _, a := range x.Authors {
		if n, ok := personName(a.Name); ok {
			e.AddName("author", n)
		}
	}
	if len(x.Published) >= 10 {
		if d, err := bib.ParseDate(x.Published[:10]); err == nil {
			e.SetDate("issued", d)
		}
	}
	e.Set("publisher", "arXiv")
	e.Set("genre", "Preprint")
	e.Set("number", "arXiv:"+id.Value)
	e.Set("URL", "https://arxiv.org/abs/"+id.Value+id.Version)
	// arXiv registers a DOI for every paper: 10.48550/arXiv.ID.
	e.Set("DOI", "10.48550/arXiv."+id.Value)
	e.Set("abstract", strings.Join(strings.Fields(x.Summary), " "))
	extra := map[string]string{}
	if x.DOI != "" {
		extra["arxiv-published-doi"] = strings.TrimSpace(x.DOI)
	}
	if x.JournalRef != "" {
		extra["arxiv-journal-ref"] = strings.Join(strings.Fields(x.JournalRef), " ")
	}
	if x.Primary.Term != "" {
		extra["arxiv-primary-category"] = x.Primary.Term
	}
	if len(extra) > 0 {
		e.Extra = extra
	}
	return &Result{Entry: e, Source: u}, nil
}
