package bbl_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/bbl"
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
)

// documents are small LaTeX documents citing the essay's references, one
// per style: GOST with Russian babel and T2A fonts, APA with natbib (for
// author–date \citep and \citet) and hyperref.
var documents = []struct {
	name, style, needs, tex string
}{
	{"gost", "gost", "t2aenc.def", `\documentclass{article}
\usepackage[T2A]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[english,russian]{babel}
\begin{document}
Текст~\cite{zhigalov1993}, \cite{vais2012} и \cite[с.~9]{zhigalov1993}; \cite{konyrova-reconciliation,strategy1992}.
\nocite{kazpravda1992}
\bibliographystyle{gost}
\bibliography{refs}
\end{document}
`},
	{"apa", "apa", "natbib.sty", `\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{natbib}
\usepackage{hyperref}
\begin{document}
Text \citep{zhigalov1993}, \citet{vais2012} and \citep[p.~9]{zhigalov1993}; \citep{konyrova-reconciliation,strategy1992}.
\nocite{*}
\bibliographystyle{apa}
\bibliography{refs}
\end{document}
`},
}

// TestPDFLaTeX builds each document as latexmk would with cite bbl in
// place of bibtex: pdflatex, cite bbl, pdflatex twice. The last run must
// log no error and no undefined citation, and the .bbl must match its
// golden file (checked by hand against the style's rules: GOST numbers in
// order of first citation, no number printed twice; APA alphabetical with
// natbib labels). It skips without pdflatex or the packages a document
// needs.
func TestPDFLaTeX(t *testing.T) {
	pdflatex, err := exec.LookPath("pdflatex")
	if err != nil {
		t.Skip("pdflatex not installed (Debian: texlive-latex-base, texlive-lang-cyrillic)")
	}
	lib, _, err := store.Load(filepath.Join(testkit.ModuleRoot(t), "refs"))
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range documents {
		t.Run(doc.name, func(t *testing.T) {
			if out, err := exec.Command("kpsewhich", doc.needs).Output(); err != nil || len(bytes.TrimSpace(out)) == 0 {
				t.Skipf("%s not found by kpsewhich; install texlive-lang-cyrillic", doc.needs)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, doc.name+".tex"), []byte(doc.tex), 0o644); err != nil {
				t.Fatal(err)
			}
			run := func() string {
				ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
				defer cancel()
				cmd := exec.CommandContext(ctx, pdflatex, "-interaction=nonstopmode", "-halt-on-error", doc.name+".tex")
				cmd.Dir = dir
				out, err := cmd.CombinedOutput()
				log, _ := os.ReadFile(filepath.Join(dir, doc.name+".log"))
				if err != nil {
					t.Fatalf("pdflatex: %v\n%s", err, tail(string(log), 40))
				}
				_ = out
				return string(log)
			}
			run()
			aux, err := bbl.ReadAux(filepath.Join(dir, doc.name+".aux"), os.ReadFile)
			if err != nil {
				t.Fatal(err)
			}
			st, err := cite.LoadStyle(aux.BibStyle, nil)
			if err != nil {
				t.Fatal(err)
			}
			f, err := cite.New(st, cite.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := bbl.Build(aux, lib, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %v", res.Warnings)
			}
			var b bytes.Buffer
			if err := bbl.Write(&b, res.Items); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", doc.name+".bbl.golden"), b.Bytes())
			if err := os.WriteFile(filepath.Join(dir, doc.name+".bbl"), b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			run()
			log := run()
			for _, bad := range []*regexp.Regexp{regexp.MustCompile(`(?m)^! .*`), regexp.MustCompile(`Citation .* undefined`), regexp.MustCompile(`There were undefined`)} {
				if m := bad.FindString(log); m != "" {
					t.Errorf("pdflatex log: %s\n%s", m, tail(log, 30))
				}
			}
		})
	}
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestThesis runs the bibliography step on the Russian thesis of
// ../shared/corpus/real/russian-phd-template, which is written for
// biblatex-gost and biber: a wrapper document inputs its introduction and
// first chapter with \cite in place of \autocite, pdflatex writes the
// .aux (the chapters' other macros fail, which does not stop the
// \citation lines), its three .bib files are imported, and every cited
// key must be found and formatted in GOST R 7.0.5-2008; a document that
// inputs the resulting .bbl must compile without an error. It skips
// without pdflatex, the Cyrillic fonts or the corpus.
func TestThesis(t *testing.T) {
	pdflatex, err := exec.LookPath("pdflatex")
	if err != nil {
		t.Skip("pdflatex not installed")
	}
	if out, err := exec.Command("kpsewhich", "t2aenc.def").Output(); err != nil || len(bytes.TrimSpace(out)) == 0 {
		t.Skip("t2aenc.def not found; install texlive-lang-cyrillic")
	}
	src := testkit.Shared(t, "corpus", "real", "russian-phd-template")
	dir := t.TempDir()
	for _, sub := range []string{"Dissertation", "biblio", "common"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(src, sub))); err != nil {
			t.Fatal(err)
		}
	}
	const preamble = `\documentclass{report}
\usepackage[T2A]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[english,russian]{babel}
\usepackage{hyperref}
`
	wrapper := preamble + `\newcommand{\autocite}{\cite}\newcommand{\textcite}{\cite}\newif\ifsynopsis
\begin{document}
\input{Dissertation/introduction}
\input{Dissertation/part1}
\end{document}
`
	if err := os.WriteFile(filepath.Join(dir, "thesis.tex"), []byte(wrapper), 0o644); err != nil {
		t.Fatal(err)
	}
	latex := func(name string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, pdflatex, "-interaction=nonstopmode", name+".tex")
		cmd.Dir = dir
		err := cmd.Run()
		log, _ := os.ReadFile(filepath.Join(dir, name+".log"))
		return string(log), err
	}
	latex("thesis") // the chapters' own macros fail; the \citation lines are written
	aux, err := bbl.ReadAux(filepath.Join(dir, "thesis.aux"), os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(aux.Citations) < 50 {
		t.Fatalf("the thesis .aux cites %d keys; want the 70 or so of its chapters", len(aux.Citations))
	}
	lib := &bib.Library{}
	for _, name := range []string{"external", "author", "registered"} {
		path := filepath.Join(dir, "biblio", name+".bib")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		part, _, err := bibtex.Decode(path, data)
		if err != nil {
			t.Fatalf("import %s: %v", path, err)
		}
		for _, e := range part.Entries {
			lib.Add(e)
		}
	}
	st, err := cite.LoadStyle("gost-2008", nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := cite.New(st, cite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := bbl.Build(aux, lib, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		t.Errorf("%s", w)
	}
	var b bytes.Buffer
	if err := bbl.Write(&b, res.Items); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "thesis.bbl"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	check := preamble + "\\begin{document}\n\\input{thesis.bbl}\n\\end{document}\n"
	if err := os.WriteFile(filepath.Join(dir, "check.tex"), []byte(check), 0o644); err != nil {
		t.Fatal(err)
	}
	log, err := latex("check")
	if m := regexp.MustCompile(`(?m)^! .*`).FindString(log); err != nil || m != "" {
		t.Errorf("the thesis .bbl does not compile: %v %s\n%s", err, m, tail(log, 30))
	}
	t.Logf("thesis: %d cited keys, %d entries in the .bbl", len(aux.Citations), len(res.Items))
}
