package model

import (
	"errors"
	"io/fs"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

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
	fileRelated      = "related.yaml"
	dirChapters      = "chapters"
)

// yamlContent is what the YAML files of the content root decode into,
// before Load spreads it over the Model.
type yamlContent struct {
	captions struct {
		Tables  []*Caption `yaml:"tables"`
		Figures []*Caption `yaml:"figures"`
	}
	refs struct {
		References []*Reference `yaml:"references"`
	}
	glossary struct {
		Terms         []*Term         `yaml:"terms"`
		Abbreviations []*Abbreviation `yaml:"abbreviations"`
	}
	service struct {
		Definitions []*Term      `yaml:"definitions"`
		Levels      []*Level     `yaml:"levels"`
		Components  []*Component `yaml:"components"`
		UseCases    []*UseCase   `yaml:"usecases"`
	}
	risk struct {
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
	metrics struct {
		Base          []*Metric       `yaml:"base"`
		Temporal      []*Metric       `yaml:"temporal"`
		Environmental []*Metric       `yaml:"environmental"`
		Severity      []*SeverityBand `yaml:"severity"`
		Formulas      Formulas        `yaml:"formulas"`
	}
	threats struct {
		Threats []*Threat `yaml:"threats"`
	}
	lifecycles struct {
		Lifecycles []*Lifecycle `yaml:"lifecycles"`
	}
	reqs struct {
		Marks        []*Mark        `yaml:"marks"`
		Numbering    []*Numbering   `yaml:"numbering"`
		Targets      []*Target      `yaml:"targets"`
		Requirements []*Requirement `yaml:"requirements"`
	}
	errata struct {
		Errata []*Erratum `yaml:"errata"`
	}
	synonyms struct {
		Synonyms []*Synonym `yaml:"synonyms"`
	}
	english struct {
		Terms []*EnglishTerm `yaml:"terms"`
	}
}

// files lists the YAML files with the value each decodes into.
func (c *yamlContent) files(m *Model) []yamlFile {
	return []yamlFile{
		{fileGuideline, m.Guideline},
		{fileCaptions, &c.captions},
		{fileReferences, &c.refs},
		{fileGlossary, &c.glossary},
		{fileService, &c.service},
		{fileRisk, &c.risk},
		{fileMetrics, &c.metrics},
		{fileThreats, &c.threats},
		{fileLifecycles, &c.lifecycles},
		{fileRequirements, &c.reqs},
		{fileErrata, &c.errata},
		{fileRelated, &m.Related},
		{fileSynonyms, &c.synonyms},
		{fileEnglish, &c.english},
	}
}

type yamlFile struct {
	name string
	v    any // a pointer to a zero struct
}

// Load reads the content tree (see the package documentation) into a Model.
// It reports every file that cannot be read or decoded (YAML syntax, wrong
// types, unknown or duplicate keys, malformed chapters) as Errors; it does
// not check cross-references: that is Validate's job.
func Load(fsys fs.FS) (*Model, error) {
	fsys = &readOnce{fsys, map[string][]byte{}}
	m := &Model{Guideline: &Guideline{}}
	var e errs
	var c yamlContent
	for _, f := range c.files(m) {
		decodeFile(fsys, f.name, f.v, &e)
	}

	m.Tables, m.Figures = c.captions.Tables, c.captions.Figures
	for _, t := range m.Tables {
		t.Kind = "table"
	}
	for _, f := range m.Figures {
		f.Kind = "figure"
	}
	m.References = c.refs.References
	m.Terms, m.Abbreviations = c.glossary.Terms, c.glossary.Abbreviations
	m.Definitions, m.Levels, m.Components, m.UseCases = c.service.Definitions, c.service.Levels, c.service.Components, c.service.UseCases
	m.RiskSteps, m.Assets, m.AssetNotes = c.risk.Steps, c.risk.Assets, c.risk.AssetNotes
	m.Classes, m.EntryPoints, m.AnalysisItems = c.risk.Classes, c.risk.EntryPoints, c.risk.AnalysisItems
	m.Interfaces, m.InterfacesNote = c.risk.Interfaces, c.risk.InterfacesNote
	m.Who, m.Whom, m.Where = c.risk.Who, c.risk.Whom, c.risk.Where
	m.CVSSIssues, m.Criteria = c.risk.CVSSIssues, c.risk.Criteria
	m.BaseMetrics, m.TemporalMetrics, m.EnvironmentalMetrics = c.metrics.Base, c.metrics.Temporal, c.metrics.Environmental
	m.Severity, m.Formulas = c.metrics.Severity, c.metrics.Formulas
	m.Threats = c.threats.Threats
	m.Lifecycles = c.lifecycles.Lifecycles
	m.Marks, m.Numbering, m.Targets, m.Requirements = c.reqs.Marks, c.reqs.Numbering, c.reqs.Targets, c.reqs.Requirements
	m.Errata = c.errata.Errata
	m.Synonyms, m.English = c.synonyms.Synonyms, c.english.Terms
	m.text = guidelineText(fsys)

	loadChapters(fsys, m, &e)

	if err := e.err(); err != nil {
		return nil, err
	}
	m.derive()
	return m, nil
}

// readOnce is the content tree during Load, which reads the files it
// decodes once more for the guideline's text: each is read once.
type readOnce struct {
	fs.FS
	read map[string][]byte
}

func (r *readOnce) ReadFile(name string) ([]byte, error) {
	if data, ok := r.read[name]; ok {
		return data, nil
	}
	data, err := fs.ReadFile(r.FS, name)
	if err == nil {
		r.read[name] = data
	}
	return data, err
}

// decodeFile strictly decodes one YAML file into v and records positions.
func decodeFile(fsys fs.FS, name string, v any, e *errs) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		e.add(Pos{File: name}, "cannot read: %v", unwrapPathError(err))
		return
	}
	if simple(name, data, v) {
		return
	}
	reflect.ValueOf(v).Elem().SetZero()
	decodeGoYAML(name, data, v, e)
}

// simple is decodeSimple, for Load: should it fail in any way, go-yaml
// decides.
func simple(name string, data []byte, v any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return decodeSimple(name, data, v)
}

// decodeGoYAML decodes with go-yaml: any YAML, and the errors.
func decodeGoYAML(name string, data []byte, v any, e *errs) {
	// go-yaml panics on some malformed input (it dereferences nil): the
	// build then names the file instead of crashing.
	defer func() {
		if r := recover(); r != nil {
			e.add(Pos{File: name}, "cannot parse this YAML (go-yaml failed: %v)", r)
		}
	}()
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
		keys := make([]keyLine, len(pairs))
		for i, p := range pairs {
			keys[i] = keyLine{p.Key.GetToken().Value, p.Key.GetToken().Position.Line}
		}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			if sf.Type == posType {
				v.Field(i).Set(reflect.ValueOf(Pos{File: file, Line: keys[0].line, keys: keys}))
				continue
			}
			tag, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
			if tag == "" || tag == "-" {
				continue
			}
			for _, p := range pairs {
				if p.Key.GetToken().Value == tag {
					setPos(file, p.Value, v.Field(i))
				}
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
