package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/merge"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/tomlfmt"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) mergeCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "merge",
		Usage:     "merge duplicate references into one, keeping old ids as aliases",
		ArgsUsage: "KEEP DROP…",
		Description: "Merges the references DROP… into KEEP: fields, dates, names and extra\n" +
			"fields that KEEP lacks are taken from them; values that differ are reported,\n" +
			"and KEEP's win unless --prefer names the DROP whose values should. Claims'\n" +
			"sources that name a dropped id are pointed at KEEP, each dropped id (and its\n" +
			"own aliases) is recorded in KEEP's aliases, so that manuscripts citing\n" +
			"[@DROP] or \\cite{DROP} still resolve, and the dropped records are removed.\n" +
			"Only the records concerned are rewritten (in canonical form, with their\n" +
			"comments); the rest of each file stays byte for byte. Every file is written\n" +
			"atomically and locked against other cite commands (waiting up to --wait);\n" +
			"if anything fails, nothing is written. 'cite check' prints this command for\n" +
			"each probable duplicate it finds.\n\n" +
			"The merged record is printed; the conflicts and a summary go to standard\n" +
			"error. Exit code 0 on success, 2 for an id that does not exist or a file that\n" +
			"cannot be read or written.\n\n" +
			"Examples:\n" +
			"   cite merge zhigalov1993 zhigalov1993a\n" +
			"   cite merge zhigalov1993 zhigalov1993a zhigalov-k1993 --prefer zhigalov1993a\n" +
			"   cite merge --dry-run vais2012 vais2012-2",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "prefer", Usage: "the DROP whose values win where they differ from KEEP's"},
			&ucli.BoolFlag{Name: "dry-run", Usage: "print the merged record and what would change; write nothing"},
			waitFlag(),
		},
		Action: e.runMerge,
	}
}

func (e *env) runMerge(c *ucli.Context) error {
	args, err := trailingFlags(c, c.Args().Slice(), map[string]bool{"prefer": true, "wait": true}, map[string]bool{"dry-run": true})
	if err != nil {
		return err
	}
	if len(args) < 2 {
		return usageErrorf("merge needs the id to keep and at least one to merge into it: cite merge KEEP DROP…")
	}
	path := c.String("library")
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return usageErrorf("--library %s is CSL-JSON; cite merge changes .toml library files", path)
	}
	lib, _, err := loadLibrary(c)
	if err != nil {
		return err
	}
	keepID, dropIDs, prefer := args[0], args[1:], c.String("prefer")
	keep, err := referenceByID(lib, keepID)
	if err != nil {
		return err
	}
	seen := map[string]bool{keepID: true}
	var drops []*bib.Entry
	for _, id := range dropIDs {
		if seen[id] {
			return usageErrorf("%q is named twice; name KEEP once and each DROP once", id)
		}
		seen[id] = true
		d, err := referenceByID(lib, id)
		if err != nil {
			return err
		}
		drops = append(drops, d)
	}
	if prefer != "" && !slices.Contains(dropIDs, prefer) {
		return usageErrorf("--prefer %s: name one of the references merged into %s (%s); KEEP's values win by default", prefer, keepID, strings.Join(dropIDs, ", "))
	}
	// The files concerned: KEEP's, the drops', and those with claims that
	// cite a dropped id. KEEP's file is written first (it gains the aliases
	// and the fields), the drops' last, so that a crash in between loses
	// nothing: the loader then reports the dropped ids as clashing aliases.
	names := dropNames(drops)
	files := []string{}
	addFile := func(f string) {
		if !slices.Contains(files, f) {
			files = append(files, f)
		}
	}
	for _, cl := range lib.Claims {
		for _, s := range cl.Sources {
			if slices.Contains(names, s.Ref) {
				addFile(cl.Pos.File)
			}
		}
	}
	for _, d := range drops {
		addFile(d.Pos.File)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return f == keep.Pos.File })
	files = append([]string{keep.Pos.File}, files...)

	if c.Bool("dry-run") {
		contents := map[string][]byte{}
		for _, f := range files {
			data, _, err := e.readInput(c, f)
			if err != nil {
				return err
			}
			contents[f] = data
		}
		p, err := planMerge(contents, files, keepID, dropIDs, prefer)
		if err != nil {
			return err
		}
		e.reportMerge(p, true)
		return nil
	}
	var p *mergePlan
	// Lock every file (in the one order every cite command shares), plan
	// from what is on disk under the locks, and write KEEP's file first:
	// a write cut short then leaves the dropped records in place, never
	// their data lost.
	err = e.updateFiles(c, files, func(old map[string][]byte) (map[string][]byte, error) {
		contents := map[string][]byte{}
		for _, f := range files {
			data, ok := old[f]
			if !ok {
				return nil, inputError(fmt.Errorf("%s disappeared while merging; nothing was written", f))
			}
			contents[f] = data
		}
		var err error
		if p, err = planMerge(contents, files, keepID, dropIDs, prefer); err != nil {
			return nil, err
		}
		return p.out, nil
	})
	if err != nil {
		return err
	}
	e.reportMerge(p, false)
	return nil
}

// referenceByID returns the reference whose id is id, or a usage error
// that says what is wrong with it.
func referenceByID(lib *bib.Library, id string) (*bib.Entry, error) {
	if e, ok := lib.Lookup(id); ok {
		return e, nil
	}
	if e, ok := lib.Resolve(id); ok {
		return nil, usageErrorf("%q is an alias of %s (merged into it before); name %s", id, e.ID, e.ID)
	}
	ids := make([]string, len(lib.Entries))
	for i, e := range lib.Entries {
		ids[i] = e.ID
	}
	return nil, usageErrorf("no reference with id %q in the library%s", id, store.Suggest(id, ids))
}

// dropNames lists the keys that name the dropped references: their ids and
// their aliases.
func dropNames(drops []*bib.Entry) []string {
	var names []string
	for _, d := range drops {
		names = append(names, d.ID)
		names = append(names, d.Aliases...)
	}
	return names
}

// mergePlan is what a merge writes.
type mergePlan struct {
	merged    *bib.Entry
	keepFile  string
	conflicts []merge.Conflict
	claims    []string // ids of the claims re-pointed
	dropped   []string
	files     []string
	out       map[string][]byte // new contents per file
	changed   []string          // files whose contents change
}

// planMerge merges from the files' contents as they are now.
func planMerge(contents map[string][]byte, files []string, keepID string, dropIDs []string, prefer string) (*mergePlan, error) {
	libs := map[string]*bib.Library{}
	for _, f := range files {
		lib, _, err := store.Decode(f, contents[f])
		if err != nil {
			return nil, inputError(err)
		}
		libs[f] = lib
	}
	find := func(id string) (string, int, *bib.Entry) {
		for _, f := range files {
			for i, e := range libs[f].Entries {
				if e.ID == id {
					return f, i, e
				}
			}
		}
		return "", 0, nil
	}
	keepFile, keepIdx, keep := find(keepID)
	if keep == nil {
		return nil, inputError(fmt.Errorf("%s is no longer in the library (another command changed it); nothing was written", keepID))
	}
	refs := map[string]map[int]tomlfmt.Change{}
	claims := map[string]map[int]tomlfmt.Change{}
	change := func(m map[string]map[int]tomlfmt.Change, f string, i int, ch tomlfmt.Change) {
		if m[f] == nil {
			m[f] = map[int]tomlfmt.Change{}
		}
		m[f][i] = ch
	}
	var drops []*bib.Entry
	for _, id := range dropIDs {
		f, i, d := find(id)
		if d == nil {
			return nil, inputError(fmt.Errorf("%s is no longer in the library (another command changed it); nothing was written", id))
		}
		drops = append(drops, d)
		change(refs, f, i, tomlfmt.Change{Remove: true, Note: fmt.Sprintf("%s was merged into %s by cite merge; its comments:", id, keepID)})
	}
	merged, conflicts := merge.Entries(keep, drops, prefer)
	change(refs, keepFile, keepIdx, tomlfmt.Change{Entry: merged})
	p := &mergePlan{merged: merged, keepFile: keepFile, conflicts: conflicts, dropped: dropIDs, files: files, out: map[string][]byte{}}
	names := dropNames(drops)
	for _, f := range files {
		for i, cl := range libs[f].Claims {
			if len(merge.Claims([]*bib.Claim{cl}, names, keepID)) > 0 {
				change(claims, f, i, tomlfmt.Change{Claim: cl})
				p.claims = append(p.claims, cl.ID)
			}
		}
	}
	for _, f := range files {
		out, err := tomlfmt.Splice(f, contents[f], refs[f], claims[f])
		if err != nil {
			return nil, &exitError{code: ExitUsage, err: fmt.Errorf("%v\n%s was not changed: fix it first; nothing was merged", err, f)}
		}
		p.out[f] = out
		if !bytes.Equal(out, contents[f]) {
			p.changed = append(p.changed, f)
		}
	}
	return p, nil
}

// reportMerge prints the merged record and, on standard error, the
// conflicts and what was done.
func (e *env) reportMerge(p *mergePlan, dry bool) {
	var b bytes.Buffer
	if err := store.Encode(&b, []*bib.Entry{p.merged}, nil); err == nil {
		e.stdout.Write(b.Bytes())
	}
	for _, c := range p.conflicts {
		fmt.Fprintf(e.stderr, "conflict: %s\n", c)
	}
	verb := "merged"
	if dry {
		verb = "would merge"
	}
	fmt.Fprintf(e.stderr, "%s %s into %s (%s); aliases: %s", verb, strings.Join(p.dropped, ", "), p.merged.ID, p.keepFile, strings.Join(p.merged.Aliases, ", "))
	if len(p.claims) > 0 {
		fmt.Fprintf(e.stderr, "; %s re-pointed (%s)", plural(len(p.claims), "claim"), strings.Join(p.claims, ", "))
	}
	if len(p.conflicts) > 0 {
		fmt.Fprintf(e.stderr, "; %s, see above", plural(len(p.conflicts), "conflict"))
	}
	fmt.Fprintln(e.stderr)
	if dry {
		fmt.Fprintf(e.stderr, "dry run: %s would change: %s\n", plural(len(p.changed), "file"), strings.Join(p.changed, ", "))
	}
}
