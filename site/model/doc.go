// Package model is the guideline as data: Load reads the content tree
// (content/) into a Model, derives what follows from it, and Validate checks
// it.
//
// # Content format
//
// The content is an fs.FS (os.DirFS("content") in the shguide command, an
// fstest.MapFS in tests). content/README.md is the authoritative schema; in
// short:
//
//	guideline.yaml     title, version, publisher, organization, published,
//	                   revisions[{version,date,note}], notices[{heading,items}],
//	                   editors[{group, members[{role,name}]}]
//	captions.yaml      tables[{id,caption,page, columns, columnGroups[{text,span}],
//	                   parts[{case,title,columns,columnGroups}]}],
//	                   figures[{id,caption,page,render}]
//	chapters/NN.md     front matter {chapter, title}; Markdown split into
//	                   sections by "## x.y title"; "### x.y.z title"
//	                   subsections; "####" free sub-headings; directives
//	                   {{table N-M}} / {{figure N-M}} alone on a line
//	references.yaml    references[{no,title,url}]
//	glossary.yaml      terms[{term,description}], abbreviations[{abbr,name}]
//	service.yaml       definitions, levels, components (tree), usecases
//	risk.yaml          steps, assets, assetNotes, classes, entryPoints,
//	                   analysisItems, interfaces, interfacesNote, who, whom,
//	                   where, cvssIssues, criteria
//	metrics.yaml       base, temporal, environmental (metrics with values and
//	                   weights), severity bands, formulas {base, environmental}
//	threats.yaml       threats[{id, entryPoint, class, example, scoredAs,
//	                   assets, analysis, assessments[{table, case, vector,
//	                   published, severity}]}]
//	lifecycles.yaml    lifecycles[{id, name, section, table, figure,
//	                   phases[{id, name, description, section, table, intro,
//	                   measures[{no, title, body, refs[{lifecycle, phase,
//	                   measures}]}]}]}]
//	requirements.yaml  marks, numbering, targets, requirements[{id, level,
//	                   target, title, body, uk, sb327, cpsf {symbol, refs},
//	                   includes, sameAs, mappingNote}]
//	errata.yaml        errata[{id, kind, location, source, used, reason,
//	                   threat, table, case, published, computed,
//	                   sic[{text, follows, reading, section}]}]
//	related.yaml       the site's notes on the mapping columns' codes:
//	                   sources[{id, column, title, url, reference}],
//	                   uk[{code, title, ja, etsi{provision, title},
//	                   psti{paragraph, title}}], sb327/cpsf[{code, ja, source}]
//	synonyms.yaml      synonyms[{words, also, note, evidence[{where, quote}]}]
//	                   (this site's, for search)
//	english.yaml       terms[{en, ja}] (this site's translation)
//
// YAML is decoded strictly (unknown and duplicate keys are errors) and every
// item remembers its Pos (file and line), so that every problem is reported
// as "file:line: message". The plain YAML the content is written in is read
// by a decoder of this package (yaml.go); any other file, and every error,
// is left to go-yaml, so both read the content alike. Body fields are a Markdown subset (paragraphs,
// "- " lists, "1) " lists, ※ notes) that package markdown renders with
// auto-links.
//
// # Derived values
//
// Load computes, once, everything the model derives from the content: the
// lookups (Model.Requirement, Model.Section …), parents and back-links
// (Component.Parent, Requirement.IncludedBy, Measure.ReferredBy …), the
// placements of tables and figures, and each assessment's Score from the
// calculator (the base score, or the environmental score in the tables
// after mitigation, with its score erratum). Renderers read a loaded model
// and never change it.
//
// # Validation
//
// Validate is a pure check of a loaded model. It checks required fields and
// enumerations, unique IDs, every cross-reference (requirement
// includes/sameAs, lifecycle refs, threat entry points, classes,
// interfaces, who/whom/where names, captions and directives — each table
// and figure placed exactly once), every vector (calculator.Parse), every
// published score against the calculator (a difference needs exactly one
// "score" erratum with matching published and computed values; an erratum
// matching no difference is an error), and the metric weights and severity
// bands against the calculator. Each area of the content is checked in the
// file named for it (validate_threats.go, validate_requirements.go …).
//
// synonyms.yaml and english.yaml are this site's additions, not the
// guideline's text: Validate checks that every word in them occurs in the
// guideline's text in content (the YAML and chapters, not the README or
// errata), that every synonym quotes that text where it uses the words
// for the same thing, and that no word or English term is listed twice.
//
// The tests also compare threats.yaml row for row with the calculator's
// table of the published scores (calculator/testdata/published.tsv).
package model
