package calculator_test

import (
	"fmt"

	"shguide/calculator"
)

// The worked examples of 表3-37: the same threat scored as plain CVSS v3.0,
// with personal information (II:H), and with life/property impact (LP:Y).
func Example() {
	for _, s := range []string{
		"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H",
		"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H",
	} {
		v, err := calculator.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		sc := v.Score()
		fmt.Println(sc.Base, sc.BaseSeverity.Japanese())
	}
	// Output:
	// 8.1 重要
	// 9.3 緊急
	// 10.0 緊急
}

func ExampleParse_error() {
	_, err := calculator.Parse("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Q")
	fmt.Println(err)
	fmt.Println(err.(*calculator.ParseError).Japanese())
	// Output:
	// at column 49: invalid value "Q" for LP (valid: Y, N)
	// 49 文字目: LP の値「Q」は無効です（有効な値: Y, N）
}

// After mitigation (表3-40): the modified metrics give the environmental value.
func ExampleVector_Score() {
	v, _ := calculator.Parse("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H/CR:H/IR:H/AR:H/MAV:N/MAC:H/MPR:N/MUI:N/MS:U/MC:L/MI:L/MA:L/MLP:N/MII:H")
	s := v.Score()
	fmt.Println(s.Base, s.Environmental, s.EnvironmentalSeverity.Japanese())
	fmt.Println(v.Plain().Score().Base)
	// Output:
	// 9.3 7.7 重要
	// 8.1
}
