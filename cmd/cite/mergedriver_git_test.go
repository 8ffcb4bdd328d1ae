package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a repository in a temporary directory whose refs/lib.toml
// is base, committed on main.
func gitRepo(t *testing.T, base string) (dir string, git func(args ...string) (string, error)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir = t.TempDir()
	git = func(args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), asCite+"=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(args ...string) {
		t.Helper()
		if out, err := git(args...); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	must("init", "-q", "-b", "main")
	write(t, dir, "refs/lib.toml", base)
	must("add", ".")
	must("commit", "-q", "-m", "base")
	return dir, git
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// branches commits ours on main and theirs on a branch "other" from the
// base commit.
func branches(t *testing.T, dir string, git func(...string) (string, error), ours, theirs string) {
	t.Helper()
	for _, step := range []struct {
		args []string
		file string
	}{
		{[]string{"checkout", "-q", "-b", "other"}, theirs},
		{[]string{"checkout", "-q", "main"}, ours},
	} {
		if out, err := git(step.args...); err != nil {
			t.Fatalf("git %v: %v\n%s", step.args, err, out)
		}
		write(t, dir, "refs/lib.toml", step.file)
		if out, err := git("commit", "-q", "-am", "change"); err != nil {
			t.Fatalf("git commit: %v\n%s", err, out)
		}
	}
}

// useDriver sets up the cite merge driver as the README says, with this
// test binary standing in for cite.
func useDriver(t *testing.T, dir string, git func(...string) (string, error)) {
	t.Helper()
	write(t, dir, ".gitattributes", "refs/*.toml merge=cite\n")
	for _, args := range [][]string{
		{"config", "merge.cite.name", "cite library merge"},
		{"config", "merge.cite.driver", "'" + os.Args[0] + "' merge-driver %O %A %B %P"},
	} {
		if out, err := git(args...); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

func rec(id, title, extra string) string {
	return "[[reference]]\nid = \"" + id + "\"\ntype = \"book\"\ntitle = \"" + title + "\"\n" + extra + "\n[[reference.author]]\nfamily = \"Жигалов\"\ngiven = \"К. В.\"\n"
}

func join(recs ...string) string { return strings.Join(recs, "\n") }

// TestMergeDriverWithGit: two branches that reorder, add and edit
// records. Git's line merge conflicts on them; with the driver the merge
// is clean, every change is kept, and a true conflict (one field edited
// both ways) is reported inside its record.
func TestMergeDriverWithGit(t *testing.T) {
	a, b, c := rec("a", "Alpha", ""), rec("b", "Beta", ""), rec("c", "Gamma", "")
	base := "# The team's library.\n\n" + join(a, b, c)
	// Ours edits a's publisher and adds d at the end; theirs swaps a and b,
	// edits c's title and adds e at the end.
	ours := "# The team's library.\n\n" + join(rec("a", "Alpha", "publisher = \"Наука\"\n"), b, c, rec("d", "Delta", ""))
	theirs := "# The team's library.\n\n" + join(b, a, rec("c", "Gamma, revised", ""), rec("e", "Epsilon", ""))

	t.Run("plain git conflicts", func(t *testing.T) {
		dir, git := gitRepo(t, base)
		branches(t, dir, git, ours, theirs)
		out, err := git("merge", "-q", "--no-edit", "other")
		if err == nil || !strings.Contains(out, "CONFLICT") {
			t.Fatalf("git's line merge did not conflict (err %v):\n%s", err, out)
		}
	})
	t.Run("cite merges", func(t *testing.T) {
		dir, git := gitRepo(t, base)
		useDriver(t, dir, git)
		branches(t, dir, git, ours, theirs)
		if out, err := git("merge", "-q", "--no-edit", "other"); err != nil {
			t.Fatalf("git merge with the cite driver failed: %v\n%s", err, out)
		}
		got, err := os.ReadFile(filepath.Join(dir, "refs", "lib.toml"))
		if err != nil {
			t.Fatal(err)
		}
		want := "# The team's library.\n\n" + join(b, rec("a", "Alpha", "publisher = \"Наука\"\n"), rec("c", "Gamma, revised", ""), rec("d", "Delta", ""), rec("e", "Epsilon", ""))
		if string(got) != want {
			t.Errorf("merged file:\n%s\nwant:\n%s", got, want)
		}
		if out, _ := git("status", "--porcelain"); strings.TrimSpace(out) != "?? .gitattributes" {
			t.Errorf("git status after the merge:\n%s", out)
		}
	})
	t.Run("true conflict", func(t *testing.T) {
		dir, git := gitRepo(t, base)
		useDriver(t, dir, git)
		branches(t, dir, git,
			join(rec("a", "Alpha", "publisher = \"Наука\"\n"), b, c),
			join(rec("a", "Alpha", "publisher = \"Мысль\"\n"), b, rec("c", "Gamma, revised", "")))
		out, err := git("merge", "-q", "--no-edit", "other")
		if err == nil || !strings.Contains(out, "CONFLICT") {
			t.Fatalf("git merge did not report the conflict (err %v):\n%s", err, out)
		}
		if !strings.Contains(out, "reference a: publisher changed on both sides") {
			t.Errorf("the driver did not name the conflict:\n%s", out)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "refs", "lib.toml"))
		wantRecord := "[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \"Alpha\"\n<<<<<<< ours\npublisher = \"Наука\"\n=======\npublisher = \"Мысль\"\n>>>>>>> theirs\n"
		if !strings.Contains(string(got), wantRecord) || !strings.Contains(string(got), "title = \"Gamma, revised\"") {
			t.Errorf("conflicted file:\n%s\nwant the conflict inside record a and c's edit merged", got)
		}
	})
}
