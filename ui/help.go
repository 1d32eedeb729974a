package ui

import (
	"bytes"
	"image"
	_ "image/png" // the guide's screenshots
	"io/fs"
	"path"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/assets"
)

// HelpInfo is what Help shows: the program's name and version, where the owner's data lives,
// and the guide embedded in the program (so it works offline).
type HelpInfo struct {
	Name, Version string
	DataDir       string
	Guide         fs.FS // guide.md and the images it names
}

// helpMenu is the Help menu: the guide and About.
func (s *Shell) helpMenu() *fyne.Menu {
	return helpMenu(s.win, func() { s.ShowGuide() }, func() { s.ShowAbout() })
}

func helpMenu(win fyne.Window, guide, about func()) *fyne.Menu {
	return fyne.NewMenu("Help",
		fyne.NewMenuItem("Guide", safe(win, guide)),
		fyne.NewMenuItem("About Duebook", safe(win, about)))
}

// ShowAbout says which Duebook this is, where the book and its data are, and names the font
// and libraries it is built from with their licences.
func (s *Shell) ShowAbout() { s.AboutText = showAbout(s.win, s.Help, s.Settings.BookPath) }

// ShowGuide opens the owner's guide in a window of its own, to read beside the work.
func (s *Shell) ShowGuide() { showGuide(s.win, s.Help.Guide, &s.GuideWindow) }

func showAbout(win fyne.Window, h HelpInfo, book string) string {
	name := h.Name
	if name == "" {
		name = "Duebook"
	}
	version := h.Version
	if version == "" {
		version = "(a build without a version)"
	}
	lines := []string{name + " " + version, "Helps a small shop get paid for what customers owe. Everything stays on this computer."}
	if book != "" {
		lines = append(lines, "This book: "+book)
	}
	if h.DataDir != "" {
		lines = append(lines, "Data folder: "+h.DataDir)
	}
	head := wrapped(strings.Join(lines, "\n"))
	head.Wrapping = fyne.TextWrapBreak
	lic := wrapped(assets.Licences)
	scroll := container.NewVScroll(lic)
	scroll.SetMinSize(fyne.NewSize(640, 320))
	d := newMessageDialog(win, "About Duebook", "")
	d.body = container.NewBorder(container.NewVBox(head, bold("Licences")), nil, nil, nil, scroll)
	d.width = 720
	d.OK.SetText("Close")
	d.Show()
	return strings.Join(lines, "\n") + "\n" + assets.Licences
}

// showGuide opens the guide in a window of its own, in place of the one in *open, and keeps
// it in *open while it is open.
func showGuide(win fyne.Window, guide fs.FS, open *fyne.Window) {
	if guide == nil {
		inform(win, "Guide", "This build of Duebook carries no guide.")
		return
	}
	body, err := guideContent(guide)
	if err != nil {
		showError(err, win)
		return
	}
	if *open != nil {
		(*open).Close()
	}
	w := fyne.CurrentApp().NewWindow("Duebook guide")
	w.SetContent(container.NewVScroll(container.NewPadded(body)))
	w.Resize(fyne.NewSize(900, 760))
	w.SetOnClosed(safe(win, func() {
		if *open == w {
			*open = nil
		}
	}))
	*open = w
	w.Show()
}

// guideImage is a line of the guide that holds only an image: ![what it shows](images/x.png);
// the text around it is its caption.
var guideImage = regexp.MustCompile(`^!\[([^\]]*)\]\(([^)\s]+)\)\s*$`)

// guideContent renders guide.md from the embedded files: its text through Fyne's Markdown,
// and each image on a line of its own from the embedded PNG (Fyne's own images would be looked
// for on the disk).
func guideContent(fsys fs.FS) (*fyne.Container, error) {
	src, err := fs.ReadFile(fsys, "guide.md")
	if err != nil {
		return nil, err
	}
	box := container.NewVBox()
	var text []string
	flush := func() {
		if md := strings.TrimSpace(strings.Join(text, "\n")); md != "" {
			rt := widget.NewRichTextFromMarkdown(md)
			rt.Wrapping = fyne.TextWrapWord
			box.Add(rt)
		}
		text = nil
	}
	for _, line := range unwrap(string(src)) {
		m := guideImage.FindStringSubmatch(line)
		if m == nil {
			text = append(text, line)
			continue
		}
		flush()
		img, err := guidePicture(fsys, m[2])
		if err != nil {
			return nil, err
		}
		box.Add(img)
	}
	flush()
	return box, nil
}

// blockStart tells the lines that start a block of their own in Markdown: a heading, a list
// item, an image, a rule.
var blockStart = regexp.MustCompile(`^(#|- |\* |\d+\. |!\[|---|\x60\x60\x60)`)

// unwrap joins the lines of each paragraph and list item: the guide is written wrapped at 100
// columns, and Fyne's Markdown would keep every line break.
func unwrap(src string) []string {
	var out []string
	prev := ""
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t != "" && prev != "" && !blockStart.MatchString(t) && !guideImage.MatchString(prev) && !strings.HasPrefix(prev, "#") {
			out[len(out)-1] += " " + t
		} else {
			out = append(out, line)
		}
		prev = t
	}
	return out
}

// guidePicture is one embedded screenshot, shown at most 820 points wide.
func guidePicture(fsys fs.FS, name string) (*canvas.Image, error) {
	b, err := fs.ReadFile(fsys, path.Clean(name))
	if err != nil {
		return nil, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	img := canvas.NewImageFromResource(fyne.NewStaticResource(path.Base(name), b))
	img.FillMode = canvas.ImageFillContain
	w := min(float32(820), float32(cfg.Width))
	img.SetMinSize(fyne.NewSize(w, w*float32(cfg.Height)/float32(max(1, cfg.Width))))
	return img, nil
}
