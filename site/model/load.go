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
	var synonyms struct {
		Synonyms []*Synonym `yaml:"synonyms"`
	}
	var english struct {
		Terms []*EnglishTerm `yaml:"terms"`
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
		{fileRelated, &m.Related},
		{fileSynonyms, &synonyms},
		{fileEnglish, &english},
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
	m.Synonyms, m.English = synonyms.Synonyms, english.Terms
	m.text = guidelineText(fsys)

	loadChapters(fsys, m, &e)

	if err := e.err(); err != nil {
		return nil, err
	}
	m.derive()
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
