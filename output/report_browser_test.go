package output

import (
	"bytes"
	"context"
	"encoding/json"
	"html"

	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// needTool returns the path of a command-line tool a test needs. Without it the test skips
// on a developer's machine and fails in CI (CI=true), where .ci/setup-chromium.sh installs it.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		msg := name + " is not installed (Debian package " + pkg + "; .ci/setup-chromium.sh installs it)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg + "; skipping")
	}
	return p
}

// chromium runs headless Debian chromium with a fresh profile and no network services, and
// returns its standard output.
func chromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errOut.String())
	}
	return out.Bytes()
}

// probe is injected into a copy of the brief: once the page has loaded it measures, in the
// browser's own layout, how many charts there are, how many are drawn (laid out with a size
// and holding their lines and text), and by how much the page is wider than the window.
const probe = `<script>
window.addEventListener("load", () => {
  const figs = [...document.querySelectorAll("figure")];
  const drawn = figs.filter(f => {
    const s = f.querySelector("svg");
    if (!s) return false;
    const r = s.getBoundingClientRect();
    return r.width > 150 && r.height > 80 && s.querySelectorAll("path").length > 10 && s.querySelectorAll("text").length > 3;
  }).length;
  const wide = [...document.body.querySelectorAll("*")].filter(e => !e.closest(".table-wrap") && e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName);
  parent.postMessage(JSON.stringify({figures: figs.length, drawn, overflow: document.documentElement.scrollWidth - window.innerWidth, width: window.innerWidth, wide: wide.slice(0, 5)}), "*");
});
</script>`

// frame holds the probed brief in a frame of the width under test (headless Chromium's window
// is at least 500 px wide, so a phone's 390 px is a frame) and writes the probe's message
// into its own DOM, which --dump-dom prints.
const frame = `<!DOCTYPE html><html><body style="margin:0">
<script>window.addEventListener("message", e => document.body.setAttribute("data-probe", e.data));</script>
<iframe src="probed.html" width="WIDTH" height="2400" style="border:0"></iframe></body></html>`

var probeAttr = regexp.MustCompile(`data-probe="([^"]*)"`)

// TestBriefInBrowser renders the brief in headless Chromium at desktop and phone widths and
// prints it to PDF: the screenshots are not blank and show the charts' colours, every chart
// is drawn, nothing is wider than the window, and the PDF holds the brief's text.
func TestBriefInBrowser(t *testing.T) {
	bin := needTool(t, "chromium", "chromium")
	dir := t.TempDir()
	br := writeBriefFixture(t, filepath.Join(dir, "run"))
	var buf bytes.Buffer
	if err := br.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "brief.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	probed := filepath.Join(dir, "probed.html")
	if err := os.WriteFile(probed, bytes.Replace(buf.Bytes(), []byte("</body>"), []byte(probe+"</body>"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	nCharts := 0
	for _, s := range br.Sections {
		nCharts += len(s.Charts)
	}
	for _, w := range []struct {
		name          string
		width, height int
	}{{"desktop", 1280, 9000}, {"phone", 390, 16000}} {
		t.Run(w.name, func(t *testing.T) {
			size := "--window-size=" + itoa(w.width) + "," + itoa(w.height)
			wrapper := filepath.Join(dir, w.name+".html")
			if err := os.WriteFile(wrapper, []byte(strings.Replace(frame, "WIDTH", itoa(w.width), 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := chromium(t, bin, "--window-size=1280,2400", "--virtual-time-budget=5000", "--dump-dom", "file://"+wrapper)
			m := probeAttr.FindSubmatch(dom)
			if m == nil {
				t.Fatalf("the probe did not run; DOM:\n%.500s", dom)
			}
			var p struct {
				Figures, Drawn, Overflow, Width int
				Wide                            []string
			}
			if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &p); err != nil {
				t.Fatalf("probe %s: %v", m[1], err)
			}
			if p.Figures != nCharts || p.Drawn != nCharts {
				t.Errorf("%d of %d figures drawn, want all %d charts", p.Drawn, p.Figures, nCharts)
			}
			if p.Width != w.width {
				t.Errorf("the brief was laid out %d px wide, want %d", p.Width, w.width)
			}
			if p.Overflow > 0 || len(p.Wide) > 0 {
				t.Errorf("at %d px the page is %d px wider than the window; elements past the edge: %v", p.Width, p.Overflow, p.Wide)
			}
			shot := filepath.Join(t.TempDir(), w.name+".png")
			chromium(t, bin, size, "--screenshot="+shot, "file://"+page)
			checkScreenshot(t, shot)
		})
	}
	pdf := filepath.Join(dir, "brief.pdf")
	chromium(t, bin, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+page)
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 20000 {
		t.Fatalf("the printed brief is not a PDF of substance (%d bytes)", len(b))
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Synthetic AIC controls", "Policy timeline", "Methods", "falls"} {
			if !bytes.Contains(txt, []byte(want)) {
				t.Errorf("the printed brief lacks %q", want)
			}
		}
		if pages := bytes.Count(txt, []byte("\f")); pages < 2 {
			t.Errorf("the printed brief has %d pages, want several", pages)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// checkScreenshot fails on a blank screenshot: at least 2% of pixels must be ink (not near
// white), and some must carry the charts' blue (Okabe–Ito #0072B2).
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	ink, blue, total := 0, 0, 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			total++
			if r < 200 || g < 200 || b < 200 {
				ink++
			}
			if r < 60 && g > 80 && g < 150 && b > 140 {
				blue++
			}
		}
	}
	if ink*50 < total {
		t.Errorf("%s is blank: %d of %d sampled pixels have ink", path, ink, total)
	}
	if blue < 20 {
		t.Errorf("%s shows no chart lines (%d pixels of the charts' blue)", path, blue)
	}

}
