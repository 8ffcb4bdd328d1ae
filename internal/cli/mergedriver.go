package cli

import (
	"fmt"

	"github.com/cite-project/cite/internal/input"
	"github.com/cite-project/cite/internal/merge"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) mergeDriverCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "merge-driver",
		Usage:     "a git merge driver for library files: merges by record and by field",
		ArgsUsage: "BASE OURS THEIRS [PATH]",
		Description: "Merges git's three versions of a library .toml file: BASE (the common\n" +
			"ancestor, %O), OURS (%A, where the result is written) and THEIRS (%B); PATH\n" +
			"(%P) names the file in messages. Records are matched by id and merged field by\n" +
			"field: a record or a field changed on one side only takes that change, records\n" +
			"added on both sides are all kept, each after the record it follows on its\n" +
			"side, and one side's reordering is kept. A field changed differently on both\n" +
			"sides, or a record deleted on one side and changed on the other, is a\n" +
			"conflict: it is written inside the record between git's markers\n" +
			"(<<<<<<< ours, =======, >>>>>>> theirs) and the exit code is 1, so that git\n" +
			"reports the file as conflicted. Only the records that change are rewritten;\n" +
			"OURS's comments and layout are kept. A version that is not valid TOML is\n" +
			"exit code 2 and OURS is left as it was ('git checkout --merge PATH' then\n" +
			"gives git's own line merge).\n\n" +
			"Set it up once per repository:\n" +
			"   echo 'refs/*.toml merge=cite' >> .gitattributes\n" +
			"   git config merge.cite.name 'cite library merge'\n" +
			"   git config merge.cite.driver 'cite merge-driver %O %A %B %P'\n\n" +
			"Examples:\n" +
			"   cite merge-driver base.toml ours.toml theirs.toml      # as git runs it\n" +
			"   git merge feature                                      # then uses it for refs/*.toml",
		Flags:  []ucli.Flag{waitFlag()},
		Action: e.runMergeDriver,
	}
}

func (e *env) runMergeDriver(c *ucli.Context) error {
	args := c.Args().Slice()
	if len(args) < 3 || len(args) > 4 {
		return usageErrorf("merge-driver takes BASE OURS THEIRS [PATH], as git passes them: cite merge-driver %%O %%A %%B %%P")
	}
	base, ours, theirs := args[0], args[1], args[2]
	name := ours
	if len(args) == 4 {
		name = args[3]
	}
	limit, err := inputLimit(c)
	if err != nil {
		return err
	}
	read := func(p string) ([]byte, error) {
		data, err := input.ReadFile(p, limit)
		if err != nil {
			return nil, inputError(describeReadError(err))
		}
		return data, nil
	}
	baseData, err := read(base)
	if err != nil {
		return err
	}
	theirsData, err := read(theirs)
	if err != nil {
		return err
	}
	var res *merge.Result
	err = e.updateFile(c, ours, func(old []byte, exists bool) ([]byte, error) {
		if !exists {
			return nil, inputError(fmt.Errorf("%s does not exist", ours))
		}
		r, err := merge.Files(name, baseData, old, theirsData)
		if err != nil {
			return nil, inputError(fmt.Errorf("%v\n%s was not merged; 'git checkout --merge %s' gives git's line merge to resolve by hand", err, name, name))
		}
		res = r
		return r.Data, nil
	})
	if err != nil {
		return err
	}
	if res.Reordered {
		fmt.Fprintf(e.stderr, "cite merge-driver: %s: both sides reordered the records; ours's order was kept\n", name)
	}
	if len(res.Conflicts) > 0 {
		for _, cf := range res.Conflicts {
			fmt.Fprintf(e.stderr, "cite merge-driver: %s: conflict: %s\n", name, cf)
		}
		return problemsFound()
	}
	return nil
}
