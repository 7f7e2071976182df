// Package calculator is the scoring engine of the CCDS Smart Home Security
// Guideline's risk method (スマートホーム独自方式, §3.5.2): CVSS v3.0 with two
// multipliers on the impact subscore, LP (生命・財産への影響: Y 1.5, N 1.0) and
// II (情報の重要度: H 1.2, N 1.0), and their environmental counterparts MLP and
// MII (X takes LP and II).
//
// Base value (図3-2):
//
//	ISC      = 1 − (1 − C) × (1 − I) × (1 − A)
//	Impact   = 6.42 × ISC × LP × II                                   (S:U)
//	Impact   = (7.52 × (ISC − 0.029) − 3.25 × (ISC − 0.02)^15) × LP × II  (S:C)
//	Exploit  = 8.22 × AV × AC × PR × UI
//	Base     = 0 if Impact ≤ 0; else Roundup(min(Impact + Exploit, 10))   (S:U)
//	                              or Roundup(min(1.08 × (Impact + Exploit), 10)) (S:C)
//
// The source's text of the scope-changed formula has its parentheses
// misplaced by OCR; the CVSS v3.0 specification, which the guideline extends,
// decides. Temporal value: Roundup(Base × E × RL × RC). Environmental value
// (図3-3): the same with modified metrics, ISCmodified = min(1 − (1 − MC × CR)
// × (1 − MI × IR) × (1 − MA × AR), 0.915), times MLP × MII, then
// Roundup(Roundup(min(…, 10)) × E × RL × RC).
//
// With LP, II, MLP and MII all N (or absent), every score equals plain CVSS:
// for CVSS:3.0 vectors exactly what FIRST's v3.0 calculator computes (float64
// arithmetic, products left to right, Roundup(x) = ceil(x × 10) / 10), for
// CVSS:3.1 vectors what its v3.1 calculator computes (the integer Roundup and
// the v3.1 modified impact for a changed scope). The guideline is defined on
// v3.0; 3.1 is a variant.
//
// Parse reads the canonical form of a vector and its reorderings;
// ParseLenient also reads vectors as people paste them (no "CVSS:3.x/"
// prefix, read as v3.0; lower case; spaces; a trailing "/"), which the
// site, the worksheet and the score command accept.
//
// The package uses only the standard library (and the module's
// internal/jsontext for JSON text) and avoids fmt and encoding/json so that
// the WebAssembly build stays small.
package calculator
