package markdown

import "strings"

// PlainText turns the Markdown subset into plain text with line breaks:
// "- " bullets become the source's "・", "1) " items and ※ notes stay,
// nesting is kept as two-space indentation, backslash escapes are removed.
func PlainText(md string) string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(md), "\n") {
		if strings.TrimSpace(line) == "" {
			continue // a paragraph break becomes a plain line break
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		t := strings.TrimLeft(line, " ")
		if strings.HasPrefix(t, "- ") {
			t = "・" + strings.TrimSpace(t[2:])
		}
		out = append(out, strings.Repeat(" ", indent)+unescapeMarkdown(t))
	}
	return strings.Join(out, "\n")
}

func unescapeMarkdown(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|<>~=", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
