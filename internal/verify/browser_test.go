package verify

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// browser returns the path of a Chromium-like browser, or skips the test.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (apt-get install -y chromium): skipping the browser test")
	return ""
}

// dumpDOM writes r's page to a file, loads it in headless Chromium and
// returns the DOM as the browser built it.
func dumpDOM(t *testing.T, r *Result) string {
	t.Helper()
	bin := browser(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "verify.html")
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--no-first-run", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--dump-dom", "file://"+page)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s --dump-dom: %v\n%s", bin, err, stderr.String())
	}
	dom := stdout.String()
	if !strings.Contains(dom, "</html>") {
		t.Fatalf("the browser returned no page:\n%s\n%s", dom, stderr.String())
	}
	return dom
}

// countMarkers counts the highlighted markers: each marker's first element
// carries its anchor, id="m-N", and the class "marker", with "unresolved"
// when it names a reference the library lacks.
func countMarkers(dom string, unresolved bool) int {
	n := 0
	for _, m := range regexp.MustCompile(`<span id="m-\d+" class="([^"]*)"`).FindAllStringSubmatch(dom, -1) {
		classes := strings.Fields(m[1])
		if slices.Contains(classes, "marker") && slices.Contains(classes, "unresolved") == unresolved {
			n++
		}
	}
	return n
}

// TestHTMLInBrowser loads the page of a manuscript full of markup in a real
// browser and checks that the markers and claims are highlighted and linked,
// and that none of the manuscript's or the library's markup became part of
// the page.
func TestHTMLInBrowser(t *testing.T) {
	lib, ms := loadCase(t, "escaping")
	dom := dumpDOM(t, Run(lib, ms, Options{}))

	// Text nodes serialise "<" as "&lt;", so any "<" left in the DOM opens
	// a real element.
	for _, bad := range []string{"<script", "<img", "<b>", "<i>", "<em>", `<a href="javascript:`} {
		if strings.Contains(dom, bad) {
			t.Errorf("the DOM contains the element %q: markup from the manuscript or library got through", bad)
		}
	}
	if regexp.MustCompile(`<[^>]*\sonerror=`).MatchString(dom) {
		t.Error("an element of the DOM has an onerror attribute")
	}
	for _, text := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&lt;img src=x onerror=\"alert(2)\"&gt;",
		"&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;alert('title')&lt;/script&gt;",
		"A statement with &lt;em&gt;markup&lt;/em&gt; &amp; an ampersand.",
	} {
		if !strings.Contains(dom, text) {
			t.Errorf("the DOM lacks the escaped text %s", text)
		}
	}
	if n := countMarkers(dom, false); n != 2 {
		t.Errorf("%d resolved markers highlighted; want 2", n)
	}
	if n := countMarkers(dom, true); n != 1 {
		t.Errorf("%d unresolved markers highlighted; want 1", n)
	}
	if n := strings.Count(dom, `<a href="#ref-1">1</a>`); n != 2 {
		t.Errorf("%d markers link to reference 1; want 2", n)
	}
	if !regexp.MustCompile(`<span class="claim[^"]*"[^>]*><a href="#claim-1">`).MatchString(dom) {
		t.Error("the claim is not highlighted with a link to its card")
	}
	if !strings.Contains(dom, `id="ref-1"`) || !strings.Contains(dom, `id="claim-1"`) || !strings.Contains(dom, `id="f-1"`) {
		t.Error("the page lacks the reference, claim or finding the highlights link to")
	}
}

// TestEssayHTMLInBrowser checks the page of the seed essay: its nine
// markers highlighted and linked to their references, each claim
// highlighted, and a flag for each finding found in the text.
func TestEssayHTMLInBrowser(t *testing.T) {
	r := essay(t)
	dom := dumpDOM(t, r)
	if n := countMarkers(dom, false); n != 9 {
		t.Errorf("%d markers highlighted; want 9", n)
	}
	for n := 1; n <= 8; n++ {
		if !regexp.MustCompile(`<a href="#ref-` + strconv.Itoa(n) + `">` + strconv.Itoa(n) + `</a>`).MatchString(dom) {
			t.Errorf("no marker links to reference %d", n)
		}
	}
	for i := range r.Claims {
		if !strings.Contains(dom, `href="#claim-`+strconv.Itoa(i+1)+`"`) {
			t.Errorf("claim %s is not highlighted", r.Claims[i].ID)
		}
	}
	if n := strings.Count(dom, `<sup class="flag">`); n != len(r.Findings) {
		t.Errorf("%d flags in the text; want one per finding, %d", n, len(r.Findings))
	}
}
