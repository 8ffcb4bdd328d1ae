package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/cite-project/cite/internal/add"
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/fetch"
	"github.com/cite-project/cite/internal/store"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) addCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "add",
		Usage:     "add a reference by DOI, ISBN or arXiv id, or a template to fill in (--type)",
		ArgsUsage: "[DOI|ISBN|arXiv:ID…]",
		Description: "Fetches each identifier's record and adds it to the library file --into (by\n" +
			"default the library's first file): a DOI through DOI content negotiation\n" +
			"(CSL-JSON from Crossref, DataCite, …), an ISBN from the Open Library Books API,\n" +
			"an arXiv id from the arXiv API. The new record gets an id familyYEARword\n" +
			"(romanised for Cyrillic: zhigalov1993pervyy) that the library does not use\n" +
			"yet, or --id; it is printed, and the summary goes to standard error.\n\n" +
			"Without an identifier, --type writes a template: a record of that type with\n" +
			"the fields cite's styles need for it left empty, for you to fill in ('cite\n" +
			"check' then lists what is still missing).\n\n" +
			"A DOI, ISBN or URL that the library already has is refused with the id of\n" +
			"the reference that has it (exit code 1); --force adds it anyway. Identifiers\n" +
			"are checked before anything is fetched (a DOI's form, an ISBN's check digit).\n" +
			"The network is used only to fetch identifiers, with a --timeout; a timeout,\n" +
			"an HTTP error or a record not found is a one-line error (exit code 2). The\n" +
			"file is written atomically, locked against other cite commands (--wait), and\n" +
			"only when every identifier was fetched: a failed add leaves it as it was.\n" +
			"The services' base URLs can be changed with CITE_DOI_RESOLVER (default\n" +
			"https://doi.org), CITE_ISBN_SERVICE (https://openlibrary.org) and\n" +
			"CITE_ARXIV_API (https://export.arxiv.org).\n\n" +
			"Examples:\n" +
			"   cite add 10.1145/3292500.3330701\n" +
			"   cite add https://doi.org/10.1126/science.169.3946.635 --into refs/physics.toml\n" +
			"   cite add 978-5-02-038247-3 arXiv:2405.12206\n" +
			"   cite add --type book --id nazarbayev1996\n" +
			"   cite add 10.1126/science.169.3946.635 --force   # even though the DOI is there",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "into", Usage: "the .toml library file to add to (default: the library's first file with references)"},
			&ucli.StringFlag{Name: "type", Usage: "without an identifier: write a template record of this CSL type"},
			&ucli.StringFlag{Name: "id", Usage: "the new record's id instead of familyYEARword (one record only)"},
			&ucli.BoolFlag{Name: "force", Usage: "add even when the library already has the DOI, ISBN or URL"},
			&ucli.BoolFlag{Name: "dry-run", Usage: "print the new records; write nothing"},
			&ucli.DurationFlag{Name: "timeout", Value: 20 * time.Second, Usage: "how long to wait for a service's answer"},
			&ucli.StringFlag{Name: "doi-resolver", EnvVars: []string{"CITE_DOI_RESOLVER"}, Value: fetch.DefaultDOIResolver, Usage: "base URL of DOI content negotiation"},
			&ucli.StringFlag{Name: "isbn-service", EnvVars: []string{"CITE_ISBN_SERVICE"}, Value: fetch.DefaultISBNService, Usage: "base URL of the Open Library Books API"},
			&ucli.StringFlag{Name: "arxiv-api", EnvVars: []string{"CITE_ARXIV_API"}, Value: fetch.DefaultArXivAPI, Usage: "base URL of the arXiv API"},
			waitFlag(),
		},
		Action: e.runAdd,
	}
}

func (e *env) runAdd(c *ucli.Context) error {
	args, err := trailingFlags(c, c.Args().Slice(),
		map[string]bool{"into": true, "type": true, "id": true, "timeout": true, "wait": true, "doi-resolver": true, "isbn-service": true, "arxiv-api": true},
		map[string]bool{"force": true, "dry-run": true})
	if err != nil {
		return err
	}
	typ, wantID := c.String("type"), c.String("id")
	switch {
	case len(args) == 0 && typ == "":
		return usageErrorf("add needs a DOI, an ISBN or an arXiv id, or --type for a template: cite add 10.1145/3292500.3330701")
	case len(args) > 0 && typ != "":
		return usageErrorf("--type writes a template and takes no identifier; the type of a fetched record comes from its service")
	case wantID != "" && len(args) > 1:
		return usageErrorf("--id names one record; add the identifiers one at a time to give each an id")
	}
	// Check every identifier before anything is fetched.
	var ids []fetch.ID
	for _, a := range args {
		id, err := fetch.Parse(a)
		if err != nil {
			return usageErrorf("%v", err)
		}
		ids = append(ids, id)
	}
	lib, _, err := loadLibrary(c)
	if err != nil {
		return err
	}
	into, err := addTarget(c, lib)
	if err != nil {
		return err
	}
	taken := func(id string) bool { return lib.Taken(id) }
	if wantID != "" {
		if err := checkNewID(wantID); err != nil {
			return err
		}
		if taken(wantID) {
			return usageErrorf("id %q is already used in the library; choose another --id", wantID)
		}
	}
	var texts []string // the new records as TOML
	var added []string
	if typ != "" {
		id := wantID
		if id == "" {
			id = add.Free(typ+"1", taken)
			for n := 2; taken(id); n++ {
				id = fmt.Sprintf("%s%d", typ, n)
			}
		}
		t, err := add.Template(id, typ)
		if err != nil {
			return usageErrorf("--type: %v", err)
		}
		texts, added = append(texts, t), append(added, id)
	} else {
		client := &fetch.Client{
			HTTP:        &http.Client{Timeout: c.Duration("timeout")},
			DOIResolver: c.String("doi-resolver"),
			ISBNService: c.String("isbn-service"),
			ArXivAPI:    c.String("arxiv-api"),
			UserAgent:   "cite/" + version() + " (https://github.com/cite-project/cite)",
		}
		// An identifier the library has already is refused before any
		// fetching.
		for _, id := range ids {
			if o, key, dup := add.Existing(lib, identifierEntry(id)); dup && !c.Bool("force") {
				return e.alreadyThere(id, o, key)
			}
		}
		var news []*bib.Entry
		var notes []string
		for _, id := range ids {
			res, err := client.Fetch(c.Context, id)
			if err != nil {
				return inputError(fmt.Errorf("%v; nothing was added", err))
			}
			en := res.Entry
			if o, key, dup := add.Existing(lib, en); dup && !c.Bool("force") {
				return e.alreadyThere(id, o, key)
			}
			if o, key, dup := add.Existing(&bib.Library{Entries: news}, en); dup && !c.Bool("force") {
				fmt.Fprintf(e.stderr, "cite: %s is the same work as %s given before (same %s); nothing was added\n", id, o.ID, key)
				return problemsFound()
			}
			if en.Get("URL") != "" {
				if _, ok := en.Date("accessed"); !ok {
					y, m, d := e.now().Date()
					en.SetDate("accessed", bib.Date{Start: bib.DatePart{Year: y, Month: int(m), Day: d}})
				}
			}
			en.ID = wantID
			if en.ID == "" {
				en.ID = add.ID(en, func(s string) bool { return taken(s) || (&bib.Library{Entries: news}).Taken(s) })
			}
			if len(res.Dropped) > 0 {
				notes = append(notes, fmt.Sprintf("%s: not kept from %s (the service's bookkeeping, no CSL variable): %s", en.ID, hostOf(res.Source), some(res.Dropped)))
			}
			news = append(news, en)
			added = append(added, en.ID)
		}
		for _, n := range notes {
			fmt.Fprintln(e.stderr, n)
		}
		for _, en := range news {
			var b bytes.Buffer
			if err := store.Encode(&b, []*bib.Entry{en}, nil); err != nil {
				return err
			}
			texts = append(texts, b.String())
		}
	}
	block := strings.Join(texts, "\n")
	if c.Bool("dry-run") {
		fmt.Fprint(e.stdout, block)
		fmt.Fprintf(e.stderr, "dry run: would add %s to %s\n", strings.Join(added, ", "), into)
		return nil
	}
	err = e.updateFile(c, into, func(old []byte, exists bool) ([]byte, error) {
		var out bytes.Buffer
		out.Write(old)
		if exists && len(old) > 0 {
			if !bytes.HasSuffix(old, []byte("\n")) {
				out.WriteByte('\n')
			}
			out.WriteByte('\n')
		}
		out.WriteString(block)
		// The file as it is now, under the lock, must not have the ids
		// already, and the result must read back with the new records.
		before, _, err := store.Decode(into, old)
		if exists && err != nil {
			return nil, inputError(fmt.Errorf("%v\n%s is not valid TOML; fix it before adding to it; nothing was added", err, into))
		}
		after, _, err := store.Decode(into, out.Bytes())
		if err != nil || before != nil && len(after.Entries) != len(before.Entries)+len(added) {
			return nil, fmt.Errorf("internal error: %s would not read back with the new records (%v); nothing was added", into, err)
		}
		if before != nil {
			for _, id := range added {
				if before.Taken(id) {
					return nil, inputError(fmt.Errorf("another command added %q to %s meanwhile; run cite add again; nothing was added", id, into))
				}
			}
		}
		return out.Bytes(), nil
	})
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, block)
	what := "added"
	if typ != "" {
		what = "added a template for"
	}
	fmt.Fprintf(e.stderr, "%s %s to %s", what, strings.Join(added, ", "), into)
	if typ != "" {
		fmt.Fprint(e.stderr, "; fill in its fields, then run 'cite check'")
	}
	fmt.Fprintln(e.stderr)
	return nil
}

// identifierEntry is a record holding only what id says, to compare with
// the library before fetching.
func identifierEntry(id fetch.ID) *bib.Entry {
	en := bib.NewEntry("", "book")
	switch id.Kind {
	case fetch.DOI:
		en.Set("DOI", id.Value)
	case fetch.ISBN:
		en.Set("ISBN", id.Value)
	case fetch.ArXiv:
		en.Set("DOI", "10.48550/arXiv."+id.Value)
	}
	return en
}

// alreadyThere refuses a work the library has (exit code 1).
func (e *env) alreadyThere(id fetch.ID, o *bib.Entry, key string) error {
	fmt.Fprintf(e.stderr, "cite: %s is already in the library as %s (%s, same %s); cite it as [@%s], or add it anyway with --force; nothing was added\n",
		id, o.ID, o.PosOf("id"), key, o.ID)
	return problemsFound()
}

// addTarget returns the file cite add writes to: --into, or the
// library's first file that holds references (its first file when none
// does).
func addTarget(c *ucli.Context, lib *bib.Library) (string, error) {
	into := c.String("into")
	if into == "" {
		if len(lib.Entries) > 0 && strings.EqualFold(filepath.Ext(lib.Entries[0].Pos.File), ".toml") {
			return lib.Entries[0].Pos.File, nil
		}
		if len(lib.Files) == 0 || !strings.EqualFold(filepath.Ext(lib.Files[0]), ".toml") {
			return "", usageErrorf("the library is not a .toml file or directory; say where to add with --into FILE.toml")
		}
		return lib.Files[0], nil
	}
	if !strings.EqualFold(filepath.Ext(into), ".toml") {
		return "", usageErrorf("--into %s: give a .toml library file", into)
	}
	return into, nil
}

// checkNewID refuses an id that cannot be a citation key.
func checkNewID(id string) error {
	if strings.TrimSpace(id) == "" {
		return usageErrorf("--id is empty")
	}
	for _, r := range id {
		if r == ' ' || r == '\t' || strings.ContainsRune(",{}()\"#%'=\\@[];", r) {
			return usageErrorf("--id %q cannot be a citation key: it contains %q", id, r)
		}
	}
	return nil
}

func hostOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexByte(u, '/'); i >= 0 {
		u = u[:i]
	}
	return u
}
