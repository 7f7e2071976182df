package site

import (
	"testing/fstest"
)

// fixture is a small, complete and valid content tree.
func fixture() fstest.MapFS {
	files := map[string]string{
		"guideline.yaml": `title: 製品分野別セキュリティガイドライン スマートホーム編
version: Ver. 1.0
publisher: CCDS セキュリティガイドライン WG スマートホーム WG
organization: 一般社団法人 重要生活機器連携セキュリティ協議会 (CCDS)
published: "2019-10-29"
revisions:
  - version: Ver. 0.1
    date: "2018-11-26"
    note: Draft 版として新規発行
notices:
  - heading: 商標について
    items: [本書に記載の会社名、製品名などは、各社の商標または登録商標です。]
editors:
  - group: 編著者 (敬称略)
    members:
      - role: 主査
        name: 積水ハウス株式会社
`,
		"captions.yaml": `tables:
  - id: "1-1"
    caption: 用語一覧
    page: 5
  - id: "2-3"
    caption: システムモデル中の構成機器
    page: 13
  - id: "3-1"
    caption: リスク分析・評価の手順
    page: 18
  - id: "3-2"
    caption: スマートホームのシステム・製品を対象とした保護すべき資産の例
    page: 19
  - id: "3-5"
    caption: 想定される脅威の詳細分析項目一覧
    page: 25
  - id: "3-6"
    caption: 接続 I/F 項目
    page: 26
  - id: "3-7"
    caption: Who (誰がつなげたか) 項目
    page: 27
  - id: "3-8"
    caption: Whom (何が危害をうけたか) 項目
    page: 27
  - id: "3-9"
    caption: Where (どこで発生したか) 項目
    page: 27
  - id: "3-36"
    caption: 深刻度レベル分け
    page: 54
  - {id: "3-17", caption: "情報の重要度 (II)", page: 47}
  - {id: "3-18", caption: "機密性 (C)・完全性 (I)・可用性 (A) への影響", page: 47}
  - {id: "3-19", caption: "攻撃元区分 (AV)", page: 48}
  - {id: "3-20", caption: "攻撃条件の複雑さ (AC)", page: 48}
  - {id: "3-21", caption: "攻撃に必要な特権レベル (PR)", page: 48}
  - {id: "3-22", caption: "ユーザ関与レベル (UI)", page: 49}
  - {id: "3-23", caption: "スコープ (S)", page: 49}
  - {id: "3-25", caption: "緩和策後の生命・財産への影響 (MLP)", page: 52}
  - {id: "3-26", caption: "緩和策後の情報の重要度 (MII)", page: 52}
  - {id: "3-27", caption: "対象システムのセキュリティ要求度 (CR/IR/AR)", page: 52}
  - {id: "3-28", caption: "緩和策後の機密性への影響 (MC)", page: 53}
  - {id: "3-29", caption: "緩和策後の完全性への影響 (MI)", page: 53}
  - {id: "3-30", caption: "緩和策後の可用性への影響 (MA)", page: 53}
  - {id: "3-31", caption: "緩和策後の攻撃元区分 (MAV)", page: 53}
  - {id: "3-32", caption: "緩和策後の攻撃条件の複雑さ (MAC)", page: 53}
  - {id: "3-33", caption: "緩和策後の攻撃に必要な特権レベル (MPR)", page: 54}
  - {id: "3-34", caption: "緩和策後のユーザ関与レベル (MUI)", page: 54}
  - {id: "3-35", caption: "緩和策後のスコープ (MS)", page: 54}
  - {id: "3-15", caption: "基本値を計算するパラメータ", page: 46}
  - {id: "3-24", caption: "環境値を計算するパラメータ", page: 51}
  - id: "3-3"
    caption: STRIDE+CCDS モデルによる脅威分類の一覧
    page: 22
  - id: "3-12"
    caption: CVSSv3 によるサービスのリスク値 (★★、★★★共通) ※抜粋
    page: 43
  - id: "2-4"
    caption: スマートホームのユースケース（シャッター自動開閉サービス）
    page: 15
  - id: "3-16"
    caption: 生命・財産への影響 (LP)
    page: 46
  - id: "5-1"
    caption: スマートホームサービスにおけるフェーズの定義
    page: 81
  - id: "5-2"
    caption: サービス企画フェーズにおけるセキュリティへの取組み
    page: 82
  - id: "6-3"
    caption: スマートホームサービスにおけるセキュリティ要件
    page: 98
  - id: "6-4"
    caption: スマートホームサービス情報基盤に対するセキュリティ要求事項
    page: 105
  - id: "6-6"
    caption: ホームゲートウェイに対するセキュリティ要求事項
    page: 112
figures:
  - id: "2-3"
    caption: スマートホームのシステムモデル図
    page: 12
    render: system-model
  - id: "2-1"
    caption: スマートホーム向け製品・サービスの階層モデル
    page: 9
    render: levels
  - id: "5-1"
    caption: スマートホームサービスのライフサイクルにおけるフェーズ
    page: 80
    render: lifecycle-service
`,
		"chapters/01.md": `---
chapter: 1
title: はじめに
---
これまで製品業界ごとにセーフティ標準は策定されてきた[1]。

## 1.1 スマートホームのセキュリティの現状と課題

スマートホームとは、住まいである。表 1-1 と 3.3.1 を参照。

{{table 1-1}}

### 1.1.1 小節

- 項目一
  - 入れ子
- 項目二

#### （1）見出し

1) 一つ目
2) 二つ目

※注記である。影響度が1.2倍に算出される。
`,
		"chapters/03.md": `---
chapter: 3
title: リスク分析
---
リスク分析の概要。

## 3.3 想定される脅威の分析

{{figure 2-1}}

{{figure 2-3}}

{{table 2-3}}

{{table 3-1}}

{{table 3-2}}

{{table 3-5}}

{{table 3-6}}

{{table 3-7}}

{{table 3-8}}

{{table 3-9}}

{{table 3-36}}

### 3.3.1 想定脅威

{{table 3-3}}

{{table 3-12}}

## 3.4 要件

R2-1 と SR2-H-1 を参照（6.1 節）。

{{table 6-3}}

{{table 2-4}}

{{table 3-16}}

## 3.5 リスク値の計算

{{table 3-17}}

{{table 3-18}}

{{table 3-19}}

{{table 3-20}}

{{table 3-21}}

{{table 3-22}}

{{table 3-23}}

{{table 3-25}}

{{table 3-26}}

{{table 3-27}}

{{table 3-28}}

{{table 3-29}}

{{table 3-30}}

{{table 3-31}}

{{table 3-32}}

{{table 3-33}}

{{table 3-34}}

{{table 3-35}}

{{table 3-15}}

{{table 3-24}}
`,
		"chapters/05.md": `---
chapter: 5
title: ライフサイクル
---
## 5.1 フェーズの定義

{{figure 5-1}}

{{table 5-1}}

## 5.2 取組み

### 5.2.1 サービス企画フェーズ

{{table 5-2}}
`,
		"chapters/06.md": `---
chapter: 6
title: セキュリティ要件
---
## 6.1 要件

表 6-3 に示す。

## 6.2 要求事項

### 6.2.1 スマートホームサービス情報基盤へのセキュリティ要求事項

{{table 6-4}}

### 6.2.3 ホームゲートウェイへのセキュリティ要求事項

{{table 6-6}}
`,
		"references.yaml": `references:
  - no: 1
    title: Code of Practice for Consumer IoT Security、GOV.UK
    url: https://www.gov.uk/government/publications/code-of-practice-for-consumer-iot-security
`,
		"glossary.yaml": `terms:
  - term: 住宅
    description: 人が住むための家。
abbreviations:
  - abbr: API
    name: Application Program Interface
`,
		"service.yaml": `definitions:
  - term: サービス
    description: 価値を提供すること。
levels:
  - stars: 3
    label: ★★★
    service: 生命・財産に関わる製品・サービス
    description: ★★ レベルの要件に加え、必要な対策を行う。
  - stars: 2
    label: ★★
    service: 快適さや利便性に関わる製品・サービス
    description: ★ レベルの要件に加えて、必要な対策を行う。
  - stars: 1
    label: ★
    service: インターネットにつながる製品・サービス
    description: 共通要件 11 項目に準拠する。
components:
  - id: sp
    name: スマートホームサービス情報基盤
    description: 情報システム。
    target: SP
    entryPoints: [1]
    children:
      - id: security-server
        name: セキュリティサーバ
        description: セキュリティ管理を行う。
        target: ""
  - id: smart-home
    name: スマートホーム
    description: ""
    children:
      - {id: home-gateway, name: ホームゲートウェイ, description: 接続する。, target: H, entryPoints: [2]}
usecases:
  - id: shutter
    table: "2-4"
    level: 2
    name: シャッター自動開閉サービス
    steps:
      - no: 1
        action: 開閉スケジュールの設定
        description: 登録される。
`,
		"risk.yaml": `steps:
  - no: 1
    title: ユースケースの定義
    description: 定義する。
assets:
  - target: スマートホームサービス情報基盤
    entryPoints: [1]
    devices:
      - name: セキュリティサーバ
        groups:
          - kind: primary
            items: [ハードウェア、ソフトウェア（セキュリティ機能それ自体）, 設定情報、ログ情報]
assetNotes: [一次資産：保護すべき資産そのものを一次資産と定義。]
classes:
  - id: unauthorized-access
    name: 不正アクセス
    model: CCDS
    description: アクセス権限を持たない者にアクセスされること
  - id: dos
    name: サービス不能
    model: STRIDE
    description: 妨害すること
entryPoints:
  - number: 1
    name: スマートホームサービス情報基盤
    kind: component
    target: SP
    classes: [unauthorized-access, dos]
  - number: 2
    name: ホームゲートウェイ
    kind: component
    target: H
    classes: [unauthorized-access]
analysisItems:
  - no: 1
    group: 想定される脅威の内容
    name: エントリーポイント
    description: 対象のエントリーポイント
interfaces:
  - no: 1
    group: 有線接続による接続 I/F
    name: Ethernet
    description: 規格。
interfacesNote: 参考) TTC の資料を参考に CCDS で作成。
who:
  - {no: 1, name: 攻撃者, description: 悪意を持った接続の場合。}
whom:
  - {no: 1, name: サービス, description: 連携して提供されるサービス}
  - {no: 2, name: 生命・財産, description: ユーザ自身の生命、ユーザの財産}
where:
  - {no: 1, name: 通常使用 I/F, description: ユーザ用操作パネルなど}
cvssIssues:
  - title: ①保護すべき資産の重要度をリスク計算結果に反映できない
    description: 反映されない。
criteria:
  - no: 1
    name: 基本値
    body: |
      脆弱性そのものの深刻度を表す値。

      - 攻撃の難易度を評価する。
`,
		"metrics.yaml": `base:
  - abbr: LP
    no: 1
    name: "生命・財産への影響"
    description: "脆弱性への攻撃が生命・財産に影響を及ぼす可能性を評価する。"
    table: "3-16"
    values:
      - {code: "Y", label: "あり", description: "脅威が発生した場合、生命・財産への影響がある。", weight: "1.5"}
      - {code: "N", label: "なし", description: "脅威が発生しても、生命・財産への影響がない。", weight: "1.0"}
  - abbr: II
    no: 2
    name: "情報の重要度"
    description: "脆弱性への攻撃が情報に影響を及ぼす場合に、その情報の重要度（個人情報等）を評価す"
    table: "3-17"
    values:
      - {code: "H", label: "高", description: "以下に示した重要な情報が含まれる。", weight: "1.2"}
      - {code: "N", label: "なし", description: "重要な情報は含まれない。", weight: "1.0"}
  - abbr: C
    no: 3
    name: "機密性への影響"
    description: "脆弱性を攻撃された際に、対象とする影響想定範囲の情報が漏洩する可能性を評価する。"
    table: "3-18"
    values:
      - {code: "H", label: "高", description: "脅威が発生した場合に、利用者の情報、システムの重要な情報がす", weight: "0.56"}
      - {code: "L", label: "低", description: "脅威が発生した場合に、利用者の情報、システムの重要な情報が部", weight: "0.22"}
      - {code: "N", label: "なし", description: "脅威が発生しても、利用者やシステムの情報が参照されることはな", weight: "0.0"}
  - abbr: I
    no: 4
    name: "完全性への影響"
    description: "脆弱性を攻撃された際に、対象とする影響想定範囲の情報が改ざんされる可能性を評価す"
    table: "3-18"
    values:
      - {code: "H", label: "高", description: "脅威が発生した場合、利用者の情報、システムの重要な情報が改ざ", weight: "0.56"}
      - {code: "L", label: "低", description: "脅威が発生した場合、利用者やシステムの情報が改ざん可能である", weight: "0.22"}
      - {code: "N", label: "なし", description: "脅威が発生しても、利用者やシステムの情報が改ざんされることは", weight: "0.0"}
  - abbr: A
    no: 5
    name: "可用性への影響"
    description: "脆弱性を攻撃された際に、対象とする影響想定範囲の業務が遅延・停止する可能性を評価"
    table: "3-18"
    values:
      - {code: "H", label: "高", description: "脅威が発生した場合に、サービスの提供を完全に停止させることが", weight: "0.56"}
      - {code: "L", label: "低", description: "脅威が発生した場合に、サービスの提供を一時的に停止させたり、", weight: "0.22"}
      - {code: "N", label: "なし", description: "脅威が発生しても、サービスの提供が停止・遅延されることなく、", weight: "0.0"}
  - abbr: AV
    no: 6
    name: "攻撃元区分"
    description: "脆弱性のあるコンポーネントをどこから攻撃可能であるかを評価する。"
    table: "3-19"
    values:
      - {code: "N", label: "ネットワーク", description: "攻撃対象をネットワーク経由でリモートから攻撃可能である。", weight: "0.85"}
      - {code: "A", label: "隣接", description: "攻撃対象を隣接ネットワークから攻撃する必要がある。", weight: "0.62"}
      - {code: "L", label: "ローカル", description: "攻撃対象をローカル環境から攻撃する必要がある。", weight: "0.55"}
      - {code: "P", label: "物理", description: "攻撃対象を物理アクセス環境から攻撃する必要がある。", weight: "0.20"}
  - abbr: AC
    no: 7
    name: "攻撃条件の複雑さ"
    description: "脆弱性のあるコンポーネントを攻撃する際に必要な条件の複雑さを評価する。"
    table: "3-20"
    values:
      - {code: "L", label: "低", description: "特別な攻撃条件を必要とせず、攻撃対象を常に攻撃可能である。", weight: "0.77"}
      - {code: "H", label: "高", description: "攻撃者以外に依存する攻撃条件が存在する。", weight: "0.44"}
  - abbr: PR
    no: 8
    name: "攻撃に必要な特権レベル"
    description: "脆弱性のあるコンポーネントを攻撃する際に必要な特権のレベルを評価する。"
    table: "3-21"
    values:
      - {code: "N", label: "不要", description: "特別な権限を有する必要はない。", weightUnchanged: "0.85", weightChanged: "0.85"}
      - {code: "L", label: "低", description: "コンポーネントに対する基本的な権限を有していれば良い。", weightUnchanged: "0.62", weightChanged: "0.68"}
      - {code: "H", label: "高", description: "コンポーネントに対する管理者権限相当を有する必要がある。", weightUnchanged: "0.27", weightChanged: "0.50"}
  - abbr: UI
    no: 9
    name: "ユーザ関与レベル"
    description: "脆弱性のあるコンポーネントを攻撃する際に必要なユーザ関与レベルを評価する。"
    table: "3-22"
    values:
      - {code: "N", label: "不要", description: "ユーザが何もしなくても脆弱性が攻撃される可能性がある。", weight: "0.85"}
      - {code: "R", label: "要", description: "リンクのクリック、ファイル閲覧、設定の変更など、ユーザ動作が", weight: "0.62"}
  - abbr: S
    no: 10
    name: "スコープ"
    description: "脆弱性のあるコンポーネントへの攻撃による影響範囲を評価する。"
    table: "3-23"
    values:
      - {code: "U", label: "変更なし", description: "影響範囲が攻撃対象と同じ認証の範囲に属するシステムである。"}
      - {code: "C", label: "変更あり", description: "影響範囲が攻撃対象と認証が異なるシステムへと、範囲を越えた攻"}
temporal:
  - abbr: E
    name: "攻撃される可能性"
    source: "CVSS v3.0 / IPA「共通脆弱性評価システムCVSS v3概説」[17]"
    values:
      - {code: "X", label: "未評価", weight: "1"}
      - {code: "U", label: "未実証", weight: "0.91"}
      - {code: "P", label: "実証可能", weight: "0.94"}
      - {code: "F", label: "攻撃可能", weight: "0.97"}
      - {code: "H", label: "容易に攻撃可能", weight: "1"}
  - abbr: RL
    name: "利用可能な対策のレベル"
    source: "CVSS v3.0 / IPA「共通脆弱性評価システムCVSS v3概説」[17]"
    values:
      - {code: "X", label: "未評価", weight: "1"}
      - {code: "O", label: "正式", weight: "0.95"}
      - {code: "T", label: "暫定", weight: "0.96"}
      - {code: "W", label: "非公式", weight: "0.97"}
      - {code: "U", label: "なし", weight: "1"}
  - abbr: RC
    name: "脆弱性情報の信頼性"
    source: "CVSS v3.0 / IPA「共通脆弱性評価システムCVSS v3概説」[17]"
    values:
      - {code: "X", label: "未評価", weight: "1"}
      - {code: "U", label: "未確認", weight: "0.92"}
      - {code: "R", label: "未確証", weight: "0.96"}
      - {code: "C", label: "確認済", weight: "1"}
environmental:
  - abbr: MLP
    no: 1
    group: "生命・財産の影響、情報の重要度"
    name: "緩和策後の生命・財産への影響"
    description: "脆弱性への攻撃が生命・財産に影響を及ぼす可能性を再評価する。"
    table: "3-25"
    values:
      - {code: "X", label: "未評価", description: "評価しない（基本値の計算と同じ項目を用いる）"}
      - {code: "Y", label: "あり", description: "基本値の計算に用いる定義と同じ（表 3-16 を参照）", weight: "1.5"}
      - {code: "N", label: "なし", description: "基本値の計算に用いる定義と同じ（表 3-16 を参照）", weight: "1.0"}
  - abbr: MII
    no: 2
    group: "生命・財産の影響、情報の重要度"
    name: "緩和策後の情報の重要度"
    description: "脆弱性への攻撃が情報に影響を及ぼす場合に、その情報の重要度(個人情報等) を再評"
    table: "3-26"
    values:
      - {code: "X", label: "未評価", description: "評価しない（基本値の計算と同じ項目を用いる）"}
      - {code: "H", label: "高", description: "基本値の計算に用いる定義と同じ（表 3-17 を参照）", weight: "1.2"}
      - {code: "N", label: "なし", description: "基本値の計算に用いる定義と同じ（表 3-17 を参照）", weight: "1.0"}
  - abbr: CR
    no: 3
    group: "対象システムのセキュリティ要求度"
    name: "機密性"
    description: "対象システムにおける、機密性の重要度を評価する。"
    table: "3-27"
    values:
      - {code: "X", label: "未評価", description: "この項目を評価しない。", weight: "1.0"}
      - {code: "H", label: "高", description: "機密性が失われると、壊滅的な影響がある。", weight: "1.5"}
      - {code: "M", label: "中", description: "機密性が失われると、深刻な影響がある。", weight: "1.0"}
      - {code: "L", label: "低", description: "機密性が失われても、一部の影響に留まる。", weight: "0.5"}
  - abbr: IR
    no: 4
    group: "対象システムのセキュリティ要求度"
    name: "完全性"
    description: "対象システムにおける、完全性の重要度を評価する。"
    table: "3-27"
    values:
      - {code: "X", label: "未評価", description: "この項目を評価しない。", weight: "1.0"}
      - {code: "H", label: "高", description: "完全性が失われると、壊滅的な影響がある。", weight: "1.5"}
      - {code: "M", label: "中", description: "完全性が失われると、深刻な影響がある。", weight: "1.0"}
      - {code: "L", label: "低", description: "完全性が失われても、一部の影響に留まる。", weight: "0.5"}
  - abbr: AR
    no: 5
    group: "対象システムのセキュリティ要求度"
    name: "可用性"
    description: "対象システムにおける、可用性の重要度を評価する。"
    table: "3-27"
    values:
      - {code: "X", label: "未評価", description: "この項目を評価しない。", weight: "1.0"}
      - {code: "H", label: "高", description: "可用性が失われると、壊滅的な影響がある。", weight: "1.5"}
      - {code: "M", label: "中", description: "可用性が失われると、深刻な影響がある。", weight: "1.0"}
      - {code: "L", label: "低", description: "可用性が失われても、一部の影響に留まる。", weight: "0.5"}
  - abbr: MC
    no: 6
    group: "環境条件を加味した基本評価の再評価"
    name: "緩和策後の機密性への影響"
    description: "脆弱性を攻撃された際に、対象とする影響想定範囲の情報が漏えいする可能性を再評する"
    table: "3-28"
    values:
      - {code: "X", label: "未評価", description: "評価しない (基本値の計算と同じ項目を用いる)"}
      - {code: "H", label: "高", description: "基本値の計算に用いる定義と同じ (表 3-18 の「機密性」", weight: "0.56"}
      - {code: "L", label: "低", description: "基本値の計算に用いる定義と同じ (表 3-18 の「機密性」", weight: "0.22"}
      - {code: "N", label: "なし", description: "基本値の計算に用いる定義と同じ (表 3-18 の「機密性」", weight: "0.0"}
  - abbr: MI
    no: 7
    group: "環境条件を加味した基本評価の再評価"
    name: "緩和策後の完全性への影響"
    description: "脆弱性を攻撃された際に、対象とする影響想定範囲の情報が改ざんされる可能性を再評価"
    table: "3-29"
    values:
      - {code: "X", label: "未評価", description: "評価しない (基本値の計算と同じ項目を用いる)"}
      - {code: "H", label: "高", description: "基本値の計算に用いる定義と同じ (表 3-18 の「完全性」", weight: "0.56"}
      - {code: "L", label: "低", description: "基本値の計算に用いる定義と同じ (表 3-18 の「完全性」", weight: "0.22"}
      - {code: "N", label: "なし", description: "基本値の計算に用いる定義と同じ (表 3-18 の「完全性」", weight: "0.0"}
  - abbr: MA
    no: 8
    group: "環境条件を加味した基本評価の再評価"
    name: "緩和策後の可用性への影響"
    description: "脆弱性を攻撃された際に、対象とする影響想定範囲の業務が遅延・停止する可能性を再評"
    table: "3-30"
    values:
      - {code: "X", label: "未評価", description: "評価しない (基本値の計算と同じ項目を用いる)"}
      - {code: "H", label: "高", description: "基本値の計算に用いる定義と同じ (表 3-18 の「可用性」", weight: "0.56"}
      - {code: "L", label: "低", description: "基本値の計算に用いる定義と同じ (表 3-18 の「可用性」", weight: "0.22"}
      - {code: "N", label: "なし", description: "基本値の計算に用いる定義と同じ (表 3-18 の「可用性」", weight: "0.0"}
  - abbr: MAV
    no: 9
    group: "環境条件を加味した基本評価の再評価"
    name: "緩和策後の攻撃元区分"
    description: "脆弱性のあるコンポーネントをどこから攻撃可能であるかを再評価する。"
    table: "3-31"
    values:
      - {code: "X", label: "未評価", description: "評価しない (基本値の計算と同じ項目を用いる)"}
      - {code: "N", label: "ネットワーク", description: "基本値の計算に用いる定義と同じ (表 3-19 を参照)", weight: "0.85"}
      - {code: "A", label: "隣接", description: "基本値の計算に用いる定義と同じ (表 3-19 を参照)", weight: "0.62"}
      - {code: "L", label: "ローカル", description: "基本値の計算に用いる定義と同じ (表 3-19 を参照)", weight: "0.55"}
      - {code: "P", label: "物理", description: "基本値の計算に用いる定義と同じ (表 3-19 を参照)", weight: "0.20"}
  - abbr: MAC
    no: 10
    group: "環境条件を加味した基本評価の再評価"
    name: "緩和策後の攻撃条件の複雑さ"
    description: "脆弱性のあるコンポーネントを攻撃する際に必要な条件の複雑さを再評価する。"
    table: "3-32"
    values:
      - {code: "X", label: "未評価", description: "評価しない (基本値の計算と同じ項目を用いる)"}
      - {code: "L", label: "低", description: "基本値の計算に用いる定義と同じ (表 3-20 を参照)", weight: "0.77"}
      - {code: "H", label: "高", description: "基本値の計算に用いる定義と同じ (表 3-20 を参照)", weight: "0.44"}
  - abbr: MPR
    no: 11
    group: "環境条件を加味した基本評価の再評価"
    name: "緩和策後の攻撃に必要な特権レベル"
    description: "脆弱性のあるコンポーネントを攻撃する際に必要な特権のレベルを再評価する。"
    table: "3-33"
    values:
      - {code: "X", label: "未評価", description: "評価しない (基本値の計算と同じ項目を用いる)"}
      - {code: "N", label: "不要", description: "基本値の計算に用いる定義と同じ (表 3-21 を参照)", weightUnchanged: "0.85", weightChanged: "0.85"}
      - {code: "L", label: "低", description: "基本値の計算に用いる定義と同じ (表 3-21 を参照)", weightUnchanged: "0.62", weightChanged: "0.68"}
      - {code: "H", label: "高", description: "基本値の計算に用いる定義と同じ (表 3-21 を参照)", weightUnchanged: "0.27", weightChanged: "0.50"}
  - abbr: MUI
    no: 12
    group: "環境条件を加味した基本評価の再評価"
    name: "緩和策後のユーザ関与レベル"
    description: "脆弱性のあるコンポーネントを攻撃する際に必要なユーザ関与レベルを再評価する。"
    table: "3-34"
    values:
      - {code: "X", label: "未評価", description: "評価しない (基本値の計算と同じ項目を用いる)"}
      - {code: "N", label: "不要", description: "基本値の計算に用いる定義と同じ (表 3-22 を参照)", weight: "0.85"}
      - {code: "R", label: "要", description: "基本値の計算に用いる定義と同じ (表 3-22 を参照)", weight: "0.62"}
  - abbr: MS
    no: 13
    group: "環境条件を加味した基本評価の再評価"
    name: "緩和策後のスコープ"
    description: "脆弱性のあるコンポーネントへの攻撃による影響範囲を再評価する。"
    table: "3-35"
    values:
      - {code: "X", label: "未評価", description: "評価しない (基本値の計算と同じ項目を用いる)"}
      - {code: "U", label: "変更なし", description: "基本値の計算に用いる定義と同じ (表 3-23 を参照)"}
      - {code: "C", label: "変更あり", description: "基本値の計算に用いる定義と同じ (表 3-23 を参照)"}
severity:
  - {name: 緊急, en: Critical, min: "9.0", max: "10.0"}
  - {name: 重要, en: High, min: "7.0", max: "8.9"}
  - {name: 警告, en: Medium, min: "4.0", max: "6.9"}
  - {name: 注意, en: Low, min: "0.1", max: "3.9"}
  - {name: なし, en: None, min: "0", max: "0"}
formulas:
  base: |
    調整前影響度 = 1 - (1-C) × (1-I) × (1-A)
  environmental: |
    環境値 = 緩和策後基本値 × E × RL × RC
`,
		"threats.yaml": `threats:
  - id: ep1-unauthorized-access
    entryPoint: 1
    class: unauthorized-access
    example: サービス情報基盤に対する不正アクセス（既知の脆弱性を突いた攻撃）
    scoredAs: サービス情報基盤に対する不正アクセス(既知の脆弱性を利用)
    assets:
      - kind: primary
        items: [設定情報、ログ情報]
    analysis:
      - interfaces: [Ethernet]
        who: 攻撃者
        whom2: [サービス]
        whom3: [生命・財産]
        where: 通常使用 I/F
    assessments:
      - table: "3-12"
        vector: CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:N
        published: "8.1"
        severity: 重要
`,
		"lifecycles.yaml": `lifecycles:
  - id: service
    name: スマートホームサービスのライフサイクル
    section: "5.1"
    table: "5-1"
    figure: "5-1"
    phases:
      - id: planning
        name: サービス企画
        description: コンセプトを定める。
        section: "5.2.1"
        table: "5-2"
        intro: 取り組みを以下に示す。
        measures:
          - no: 1
            title: 企業組織としての対応方針の策定
            body: |
              - 体制やルールの策定を行う。
          - no: 2
            title: 評価
            body: |
              ※生産・施工フェーズを参照すること。
            refs:
              - lifecycle: service
                phase: planning
                measures: [1]
`,
		"requirements.yaml": `marks:
  - symbol: ◎
    meaning: 関連ガイドラインでは検討されていないが、本ガイドラインは定義している。
  - symbol: ○
    meaning: 関連ガイドラインよりも、本ガイドラインでは更に詳細なディティールまで定義している。
  - symbol: "="
    meaning: 要件、要求事項の概要は、ほぼ関連ガイドラインに対応している。
numbering:
  - category: 要件/要求事項
    name: 要件
    english: Requirements
    code: R
targets:
  - {code: service, name: サービス,
     section: "6.1", table: "6-3"}
  - code: SP
    name: スマートホームサービス情報基盤
    english: Smarthome Service Information Platform
    section: "6.2.1"
    table: "6-4"
    entryPoints: [1]
  - code: H
    name: ホームゲートウェイ
    english: Home Gateway
    section: "6.2.3"
    table: "6-6"
    entryPoints: [2]
requirements:
  - id: R2-1
    level: 2
    target: service
    title: リスク分析・評価、セキュリティ対策方針の策定
    body: |
      - リスク分析・評価を行うこと。
    uk: {symbol: ◎}
    sb327: {symbol: ◎}
    cpsf: {symbol: ○, refs: [CPS.DS-1, CPS.AE-1]}
  - id: R3-1
    level: 3
    target: service
    title: ★★サービス要件への対応
    body: |
      - ★★サービスに対するセキュリティ要件を満たしていること
    includes: [R2-1]
    mappingNote: ※★★参照
  - id: SR2-H-1
    level: 2
    target: H
    title: 共通要件への対応
    body: |
      - 共通要件★と同等の対策を満たしていること。[1]
    uk: {symbol: "=", refs: [UK1, UK13]}
    sb327: {symbol: "=", refs: [1798.91.05]}
    cpsf: {symbol: "=", refs: [CPS.AC-3]}
`,
		"errata.yaml": `errata:
  - id: E001
    kind: transcription
    location: 表3-12 (p.43)
    source: 既知の脆弱性を利用
    used: 既知の脆弱性を利用
    reason: 例。
`,
	}
	fs := fstest.MapFS{}
	for name, s := range files {
		fs[name] = &fstest.MapFile{Data: []byte(s)}
	}
	return fs
}
