package calculator

import (
	"strings"
	"testing"
)

const benchVector = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H/CR:H/IR:H/AR:H/MAV:N/MAC:H/MPR:N/MUI:N/MS:U/MC:L/MI:L/MA:L/MLP:N/MII:H"

// Package-level sinks keep the compiler from discarding the work.
var (
	sinkVector Vector
	sinkScores Scores
	sinkBytes  []byte
)

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkVector, _ = Parse(benchVector)
	}
}

func BenchmarkScore(b *testing.B) {
	v, _ := Parse(benchVector)
	b.ReportAllocs()
	for b.Loop() {
		sinkScores = v.Score()
	}
}

func BenchmarkScoreChangedScope(b *testing.B) {
	v, _ := Parse("CVSS:3.0/AV:A/AC:H/PR:L/UI:N/S:C/C:L/I:H/A:H/LP:Y/II:N/CR:H/IR:H/AR:H/MAV:P/MAC:H/MPR:H/MUI:N/MS:C/MC:L/MI:L/MA:L/MLP:Y/MII:N")
	b.ReportAllocs()
	for b.Loop() {
		sinkScores = v.Score()
	}
}

func BenchmarkParseScore(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		v, _ := Parse(benchVector)
		sinkScores = v.Score()
	}
}

func BenchmarkAppendString(b *testing.B) {
	v, _ := Parse(benchVector)
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = v.AppendString(buf[:0])
	}
}

func BenchmarkAppendJSON(b *testing.B) {
	v, _ := Parse(benchVector)
	buf := make([]byte, 0, 2048)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = v.AppendJSON(buf[:0])
	}
}

// BenchmarkScore31 is BenchmarkScore for the same metrics as a CVSS:3.1
// vector: v3.1's Roundup is the only difference.
func BenchmarkScore31(b *testing.B) {
	v, _ := Parse(strings.Replace(benchVector, "CVSS:3.0/", "CVSS:3.1/", 1))
	b.ReportAllocs()
	for b.Loop() {
		sinkScores = v.Score()
	}
}

// BenchmarkParseLenient reads benchVector as pasted from a spreadsheet:
// lower case, without its prefix, with spaces and a trailing slash.
func BenchmarkParseLenient(b *testing.B) {
	s := " " + strings.ToLower(strings.TrimPrefix(benchVector, "CVSS:3.0/")) + "/ "
	b.ReportAllocs()
	for b.Loop() {
		sinkVector, _, _ = ParseLenient(s)
	}
}
