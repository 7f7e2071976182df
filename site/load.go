package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Error is a content problem at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errors is every problem found, sorted by file, line and message.
type Errors []Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (es Errors) sort() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Msg < b.Msg
	})
}

// errs collects problems.
type errs struct{ list Errors }

func (e *errs) add(p Pos, format string, args ...any) {
	e.list = append(e.list, Error{Pos: Pos{File: p.File, Line: p.Line}, Msg: fmt.Sprintf(format, args...)})
}

func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	// Deduplicate: the same problem reached by two paths is reported once.
	e.list.sort()
	out := e.list[:0]
	for i, x := range e.list {
		if i > 0 && x.Error() == e.list[i-1].Error() {
			continue
		}
		out = append(out, x)
	}
	e.list = out
	return e.list
}

// The content files, relative to the content root.
const (
	fileGuideline    = "guideline.yaml"
	fileCaptions     = "captions.yaml"
	fileReferences   = "references.yaml"
	fileGlossary     = "glossary.yaml"
	fileService      = "service.yaml"
	fileRisk         = "risk.yaml"
	fileMetrics      = "metrics.yaml"
	fileThreats      = "threats.yaml"
	fileLifecycles   = "lifecycles.yaml"
	fileRequirements = "requirements.yaml"
	fileErrata       = "errata.yaml"
	dirChapters      = "chapters"
)

// Load reads the content tree (see the package documentation) into a Model.
// It reports every file that cannot be read or decoded (YAML syntax, wrong
// types, unknown or duplicate keys, malformed chapters) as Errors; it does
// not check cross-references: that is Validate's job.
func Load(fsys fs.FS) (*Model, error) {
	m := &Model{}
	var e errs

	var captions struct {
		Tables  []*Caption `yaml:"tables"`
		Figures []*Caption `yaml:"figures"`
	}
	var refs struct {
		References []*Reference `yaml:"references"`
	}
	var glossary struct {
		Terms         []*Term         `yaml:"terms"`
		Abbreviations []*Abbreviation `yaml:"abbreviations"`
	}
	var service struct {
		Definitions []*Term      `yaml:"definitions"`
		Levels      []*Level     `yaml:"levels"`
		Components  []*Component `yaml:"components"`
		UseCases    []*UseCase   `yaml:"usecases"`
	}
	var risk struct {
		Steps          []*RiskStep     `yaml:"steps"`
		Assets         []*Asset        `yaml:"assets"`
		AssetNotes     []string        `yaml:"assetNotes"`
		Classes        []*ThreatClass  `yaml:"classes"`
		EntryPoints    []*EntryPoint   `yaml:"entryPoints"`
		AnalysisItems  []*AnalysisItem `yaml:"analysisItems"`
		Interfaces     []*AnalysisItem `yaml:"interfaces"`
		InterfacesNote string          `yaml:"interfacesNote"`
		Who            []*AnalysisItem `yaml:"who"`
		Whom           []*AnalysisItem `yaml:"whom"`
		Where          []*AnalysisItem `yaml:"where"`
		CVSSIssues     []*CVSSIssue    `yaml:"cvssIssues"`
		Criteria       []*Criterion    `yaml:"criteria"`
	}
	var metrics struct {
		Base          []*Metric       `yaml:"base"`
		Temporal      []*Metric       `yaml:"temporal"`
		Environmental []*Metric       `yaml:"environmental"`
		Severity      []*SeverityBand `yaml:"severity"`
		Formulas      Formulas        `yaml:"formulas"`
	}
	var threats struct {
		Threats []*Threat `yaml:"threats"`
	}
	var lifecycles struct {
		Lifecycles []*Lifecycle `yaml:"lifecycles"`
	}
	var reqs struct {
		Marks        []*Mark        `yaml:"marks"`
		Numbering    []*Numbering   `yaml:"numbering"`
		Targets      []*Target      `yaml:"targets"`
		Requirements []*Requirement `yaml:"requirements"`
	}
	var errata struct {
		Errata []*Erratum `yaml:"errata"`
	}
	m.Guideline = &Guideline{}

	files := []struct {
		name string
		v    any
	}{
		{fileGuideline, m.Guideline},
		{fileCaptions, &captions},
		{fileReferences, &refs},
		{fileGlossary, &glossary},
		{fileService, &service},
		{fileRisk, &risk},
		{fileMetrics, &metrics},
		{fileThreats, &threats},
		{fileLifecycles, &lifecycles},
		{fileRequirements, &reqs},
		{fileErrata, &errata},
	}
	for _, f := range files {
		decodeFile(fsys, f.name, f.v, &e)
	}

	m.Tables, m.Figures = captions.Tables, captions.Figures
	for _, c := range m.Tables {
		c.Kind = "table"
	}
	for _, c := range m.Figures {
		c.Kind = "figure"
	}
	m.References = refs.References
	m.Terms, m.Abbreviations = glossary.Terms, glossary.Abbreviations
	m.Definitions, m.Levels, m.Components, m.UseCases = service.Definitions, service.Levels, service.Components, service.UseCases
	m.RiskSteps, m.Assets, m.AssetNotes = risk.Steps, risk.Assets, risk.AssetNotes
	m.Classes, m.EntryPoints, m.AnalysisItems = risk.Classes, risk.EntryPoints, risk.AnalysisItems
	m.Interfaces, m.InterfacesNote = risk.Interfaces, risk.InterfacesNote
	m.Who, m.Whom, m.Where = risk.Who, risk.Whom, risk.Where
	m.CVSSIssues, m.Criteria = risk.CVSSIssues, risk.Criteria
	m.BaseMetrics, m.TemporalMetrics, m.EnvironmentalMetrics = metrics.Base, metrics.Temporal, metrics.Environmental
	m.Severity, m.Formulas = metrics.Severity, metrics.Formulas
	m.Threats = threats.Threats
	m.Lifecycles = lifecycles.Lifecycles
	m.Marks, m.Numbering, m.Targets, m.Requirements = reqs.Marks, reqs.Numbering, reqs.Targets, reqs.Requirements
	m.Errata = errata.Errata

	loadChapters(fsys, m, &e)

	if err := e.err(); err != nil {
		return nil, err
	}
	m.link()
	return m, nil
}

// decodeFile strictly decodes one YAML file into v and records positions.
func decodeFile(fsys fs.FS, name string, v any, e *errs) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		e.add(Pos{File: name}, "cannot read: %v", unwrapPathError(err))
		return
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		e.add(yamlErrPos(name, err), "%s", yamlErrMsg(err))
		return
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		e.add(Pos{File: name}, "want exactly one YAML document, found %d", len(f.Docs))
		return
	}
	body := f.Docs[0].Body
	if err := yaml.NodeToValue(body, v, yaml.DisallowUnknownField()); err != nil {
		e.add(yamlErrPos(name, err), "%s", yamlErrMsg(err))
		return
	}
	setPos(name, body, reflect.ValueOf(v))
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func yamlErrPos(name string, err error) Pos {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		return Pos{File: name, Line: ye.GetToken().Position.Line}
	}
	return Pos{File: name}
}

func yamlErrMsg(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		return ye.GetMessage()
	}
	return err.Error()
}

var posType = reflect.TypeFor[Pos]()

// setPos walks the decoded value v alongside its YAML node and fills every
// Pos field with the file, the item's line and the lines of its keys.
func setPos(file string, n ast.Node, v reflect.Value) {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
			continue
		case *ast.AnchorNode:
			n = t.Value
			continue
		}
		break
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		pairs := mappingPairs(n)
		if pairs == nil {
			return
		}
		byKey := make(map[string]ast.Node, len(pairs))
		keys := make(map[string]int, len(pairs))
		for _, p := range pairs {
			k := p.Key.GetToken().Value
			byKey[k] = p.Value
			keys[k] = p.Key.GetToken().Position.Line
		}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			if sf.Type == posType {
				v.Field(i).Set(reflect.ValueOf(Pos{File: file, Line: pairs[0].Key.GetToken().Position.Line, keys: keys}))
				continue
			}
			tag := strings.Split(sf.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			if child, ok := byKey[tag]; ok {
				setPos(file, child, v.Field(i))
			}
		}
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			return
		}
		for i := 0; i < v.Len() && i < len(seq.Values); i++ {
			setPos(file, seq.Values[i], v.Index(i))
		}
	}
}

func mappingPairs(n ast.Node) []*ast.MappingValueNode {
	switch t := n.(type) {
	case *ast.MappingNode:
		if len(t.Values) == 0 {
			return nil
		}
		return t.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{t}
	}
	return nil
}

var (
	reSectionHeading    = regexp.MustCompile(`^## +(\d+\.\d+) +(\S.*)$`)
	reSubsectionHeading = regexp.MustCompile(`^### +(\d+\.\d+\.\d+) +(\S.*)$`)
	reDirective         = regexp.MustCompile(`^\{\{(table|figure) +(\d+-\d+)\}\}$`)
	reChapterFile       = regexp.MustCompile(`^\d\d\.md$`)
)

// loadChapters reads chapters/NN.md in name order.
func loadChapters(fsys fs.FS, m *Model, e *errs) {
	ents, err := fs.ReadDir(fsys, dirChapters)
	if err != nil {
		e.add(Pos{File: dirChapters}, "cannot read: %v", unwrapPathError(err))
		return
	}
	for _, ent := range ents {
		name := path.Join(dirChapters, ent.Name())
		if ent.IsDir() || !strings.HasSuffix(ent.Name(), ".md") {
			continue
		}
		if !reChapterFile.MatchString(ent.Name()) {
			e.add(Pos{File: name}, "chapter files are named NN.md")
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			e.add(Pos{File: name}, "cannot read: %v", unwrapPathError(err))
			continue
		}
		if c := parseChapter(name, data, e); c != nil {
			m.Chapters = append(m.Chapters, c)
		}
	}
	sort.SliceStable(m.Chapters, func(i, j int) bool { return m.Chapters[i].Number < m.Chapters[j].Number })
}

// parseChapter splits a chapter file into front matter, introduction and
// sections, and records its table and figure directives.
func parseChapter(name string, data []byte, e *errs) *Chapter {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if len(lines) == 0 || lines[0] != "---" {
		e.add(Pos{File: name, Line: 1}, "missing front matter: the file starts with a line ---")
		return nil
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if lines[i] == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		e.add(Pos{File: name, Line: 1}, "front matter is not closed by a line ---")
		return nil
	}
	var fm struct {
		Chapter int    `yaml:"chapter"`
		Title   string `yaml:"title"`
	}
	fmSrc := strings.Join(lines[1:end], "\n")
	if err := yaml.UnmarshalWithOptions([]byte(fmSrc), &fm, yaml.DisallowUnknownField()); err != nil {
		p := yamlErrPos(name, err)
		if p.Line > 0 {
			p.Line++ // front matter starts on line 2
		}
		e.add(p, "front matter: %s", yamlErrMsg(err))
		return nil
	}
	c := &Chapter{Pos: Pos{File: name, Line: 2}, Number: fm.Chapter, Title: fm.Title}
	if fm.Chapter == 0 {
		e.add(Pos{File: name, Line: 2}, "front matter: chapter is required")
	}
	if fm.Title == "" {
		e.add(Pos{File: name, Line: 2}, "front matter: title is required")
	}

	var cur *Section
	var buf bytes.Buffer
	bodyStart := end + 2 // 1-based line after the closing ---
	flush := func() {
		s := strings.Trim(buf.String(), "\n")
		if cur == nil {
			c.Intro = s
			c.IntroLine = bodyStart
		} else {
			cur.Body = s
		}
		buf.Reset()
	}
	inFence := false
	for i := end + 1; i < len(lines); i++ {
		line, ln := lines[i], i+1
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if !inFence {
			switch {
			case strings.HasPrefix(line, "## "):
				flush()
				mm := reSectionHeading.FindStringSubmatch(line)
				if mm == nil {
					e.add(Pos{File: name, Line: ln}, "section heading must be \"## x.y title\": %q", line)
					cur = &Section{Pos: Pos{File: name, Line: ln}, Title: strings.TrimSpace(line[3:]), Chapter: c}
				} else {
					cur = &Section{Pos: Pos{File: name, Line: ln}, Number: mm[1], Title: strings.TrimSpace(mm[2]), Chapter: c}
				}
				cur.BodyLine = ln + 1
				c.Sections = append(c.Sections, cur)
				continue
			case strings.HasPrefix(line, "### "):
				mm := reSubsectionHeading.FindStringSubmatch(line)
				if mm == nil {
					e.add(Pos{File: name, Line: ln}, "subsection heading must be \"### x.y.z title\": %q", line)
				} else if cur == nil {
					e.add(Pos{File: name, Line: ln}, "subsection %s before any section", mm[1])
				} else {
					cur.Subsections = append(cur.Subsections, &Subsection{Pos: Pos{File: name, Line: ln}, Number: mm[1], Title: strings.TrimSpace(mm[2]), Section: cur})
				}
			case strings.HasPrefix(line, "# "):
				e.add(Pos{File: name, Line: ln}, "no level-1 headings: the chapter title is in the front matter")
			case strings.HasPrefix(line, "#####"):
				e.add(Pos{File: name, Line: ln}, "headings go down to #### only")
			}
			if t := strings.TrimSpace(line); strings.Contains(t, "{{") {
				if !reDirective.MatchString(t) {
					e.add(Pos{File: name, Line: ln}, "malformed directive %q: want {{table N-M}} or {{figure N-M}} alone on a line", t)
				} else if t != line {
					e.add(Pos{File: name, Line: ln}, "directive %q must start the line", t)
				}
			}
		}
		if buf.Len() == 0 && strings.TrimSpace(line) == "" {
			if cur == nil {
				bodyStart = ln + 1
			} else {
				cur.BodyLine = ln + 1
			}
			continue
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
	}
	flush()
	return c
}

// directives lists the {{table}}/{{figure}} lines of a Markdown text that
// starts at file line first.
func directives(md string, first int) (out []struct {
	Kind, ID string
	Line     int
}) {
	inFence := false
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if mm := reDirective.FindStringSubmatch(line); mm != nil {
			out = append(out, struct {
				Kind, ID string
				Line     int
			}{mm[1], mm[2], first + i})
		}
	}
	return out
}

// atoiOK parses a decimal integer.
func atoiOK(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil
}
