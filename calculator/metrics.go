package calculator

// NotDefined is the zero value of every metric type: the metric is absent
// from the vector (or given as X, which means the same).
const NotDefined = 0

// AttackVector is AV and MAV (攻撃元区分, 表3-19).
type AttackVector uint8

const (
	AVNetwork AttackVector = iota + 1
	AVAdjacent
	AVLocal
	AVPhysical
)

// AttackComplexity is AC and MAC (攻撃条件の複雑さ, 表3-20).
type AttackComplexity uint8

const (
	ACLow AttackComplexity = iota + 1
	ACHigh
)

// Privileges is PR and MPR (攻撃に必要な特権レベル, 表3-21).
type Privileges uint8

const (
	PRNone Privileges = iota + 1
	PRLow
	PRHigh
)

// UserInteraction is UI and MUI (ユーザ関与レベル, 表3-22).
type UserInteraction uint8

const (
	UINone UserInteraction = iota + 1
	UIRequired
)

// Scope is S and MS (スコープ, 表3-23).
type Scope uint8

const (
	ScopeUnchanged Scope = iota + 1
	ScopeChanged
)

// Impact is C, I, A and MC, MI, MA (表3-18).
type Impact uint8

const (
	ImpactNone Impact = iota + 1
	ImpactLow
	ImpactHigh
)

// LifeProperty is LP and MLP (生命・財産への影響, 表3-16). Absent means N.
type LifeProperty uint8

const (
	LPYes LifeProperty = iota + 1
	LPNo
)

// InfoImportance is II and MII (情報の重要度, 表3-17). Absent means N.
type InfoImportance uint8

const (
	IIHigh InfoImportance = iota + 1
	IINone
)

// ExploitMaturity is E (攻撃される可能性).
type ExploitMaturity uint8

const (
	EUnproven ExploitMaturity = iota + 1
	EProofOfConcept
	EFunctional
	EHigh
)

// RemediationLevel is RL (利用可能な対策のレベル).
type RemediationLevel uint8

const (
	RLOfficialFix RemediationLevel = iota + 1
	RLTemporaryFix
	RLWorkaround
	RLUnavailable
)

// ReportConfidence is RC (脆弱性情報の信頼性).
type ReportConfidence uint8

const (
	RCUnknown ReportConfidence = iota + 1
	RCReasonable
	RCConfirmed
)

// Requirement is CR, IR and AR (対象システムのセキュリティ要求度, 表3-27).
type Requirement uint8

const (
	ReqLow Requirement = iota + 1
	ReqMedium
	ReqHigh
)

// Metric identifies a metric of the vector. Metrics are numbered in the
// canonical order in which String writes them.
type Metric uint8

const (
	MetricAV Metric = iota
	MetricAC
	MetricPR
	MetricUI
	MetricS
	MetricC
	MetricI
	MetricA
	MetricLP
	MetricII
	MetricE
	MetricRL
	MetricRC
	MetricCR
	MetricIR
	MetricAR
	MetricMAV
	MetricMAC
	MetricMPR
	MetricMUI
	MetricMS
	MetricMC
	MetricMI
	MetricMA
	MetricMLP
	MetricMII
	NumMetrics
)

var metricNames = [NumMetrics]string{
	"AV", "AC", "PR", "UI", "S", "C", "I", "A", "LP", "II",
	"E", "RL", "RC",
	"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA", "MLP", "MII",
}

// metricCodes holds each metric's value letters; a value's index in the
// string is its stored number, so index 0 is always X (not defined).
var metricCodes = [NumMetrics]string{
	MetricAV: "XNALP", MetricAC: "XLH", MetricPR: "XNLH", MetricUI: "XNR", MetricS: "XUC",
	MetricC: "XNLH", MetricI: "XNLH", MetricA: "XNLH", MetricLP: "XYN", MetricII: "XHN",
	MetricE: "XUPFH", MetricRL: "XOTWU", MetricRC: "XURC",
	MetricCR: "XLMH", MetricIR: "XLMH", MetricAR: "XLMH",
	MetricMAV: "XNALP", MetricMAC: "XLH", MetricMPR: "XNLH", MetricMUI: "XNR", MetricMS: "XUC",
	MetricMC: "XNLH", MetricMI: "XNLH", MetricMA: "XNLH", MetricMLP: "XYN", MetricMII: "XHN",
}

// String returns the metric's abbreviation, e.g. "MAV".
func (m Metric) String() string {
	if m >= NumMetrics {
		return "?"
	}
	return metricNames[m]
}

// Codes returns the metric's valid value letters in order, X first for the
// temporal and environmental metrics, which accept it.
func (m Metric) Codes() string {
	if m.Base() {
		return metricCodes[m][1:]
	}
	return metricCodes[m]
}

// Required reports whether the metric must appear in every vector: the eight
// CVSS base metrics. LP and II are base metrics of the guideline but default to N.
func (m Metric) Required() bool { return m <= MetricA }

// Base reports whether m belongs to the base group (including LP and II),
// which has no X value.
func (m Metric) Base() bool { return m <= MetricII }

// Weights of CVSS v3.0 (identical in v3.1) and of the guideline's 表3-16,
// 表3-17, indexed by the stored value. Index 0 (X) carries the weight that
// "not defined" means where that is a constant.
var (
	weightAV  = [...]float64{0, 0.85, 0.62, 0.55, 0.2}
	weightAC  = [...]float64{0, 0.77, 0.44}
	weightPRU = [...]float64{0, 0.85, 0.62, 0.27}
	weightPRC = [...]float64{0, 0.85, 0.68, 0.5}
	weightUI  = [...]float64{0, 0.85, 0.62}
	weightCIA = [...]float64{0, 0, 0.22, 0.56}
	weightLP  = [...]float64{1, 1.5, 1}
	weightII  = [...]float64{1, 1.2, 1}
	weightE   = [...]float64{1, 0.91, 0.94, 0.97, 1}
	weightRL  = [...]float64{1, 0.95, 0.96, 0.97, 1}
	weightRC  = [...]float64{1, 0.92, 0.96, 1}
	weightReq = [...]float64{1, 0.5, 1, 1.5}
)

// Weight returns the numeric weight of value code (e.g. 'N') of metric m, as
// the guideline's tables print it, and whether m has such a value. For PR and
// MPR it is the weight when the scope is unchanged; see WeightChanged. X
// values of modified metrics have no weight of their own (they take the base
// metric's) and report false.
func (m Metric) Weight(code byte) (float64, bool) {
	return m.weight(code, false)
}

// WeightChanged is Weight for PR and MPR under a changed scope.
func (m Metric) WeightChanged(code byte) (float64, bool) {
	return m.weight(code, true)
}

func (m Metric) weight(code byte, changed bool) (float64, bool) {
	if m >= NumMetrics {
		return 0, false
	}
	idx := indexByte(metricCodes[m], code)
	if idx < 0 || (idx == 0 && m.Base()) {
		return 0, false
	}
	var w []float64
	switch m {
	case MetricAV, MetricMAV:
		w = weightAV[:]
	case MetricAC, MetricMAC:
		w = weightAC[:]
	case MetricPR, MetricMPR:
		if changed {
			w = weightPRC[:]
		} else {
			w = weightPRU[:]
		}
	case MetricUI, MetricMUI:
		w = weightUI[:]
	case MetricC, MetricI, MetricA, MetricMC, MetricMI, MetricMA:
		w = weightCIA[:]
	case MetricLP, MetricMLP:
		w = weightLP[:]
	case MetricII, MetricMII:
		w = weightII[:]
	case MetricE:
		w = weightE[:]
	case MetricRL:
		w = weightRL[:]
	case MetricRC:
		w = weightRC[:]
	case MetricCR, MetricIR, MetricAR:
		w = weightReq[:]
	default: // S, MS have no weight
		return 0, false
	}
	if idx == 0 && m >= MetricMAV {
		return 0, false
	}
	return w[idx], true
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
