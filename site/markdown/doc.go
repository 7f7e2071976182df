// Package markdown renders the Markdown of the content: CommonMark with
// CJK line breaks, heading ids and deep links, {{table N-M}} and
// {{figure N-M}} directives in chapters, and auto-links.
//
// Headings get ids: a numbered one ("### 3.5.2 …") "sec-3-5-2", any other
// "<enclosing section>-h<k>"; each carries a copyable "#" link (AnchorHTML).
// Options shift heading levels so that a page's own title stays its only
// <h1>.
//
// Text outside links, code and headings is auto-linked where the target
// exists (Targets says where each one is):
//
//	表 3-4, 図 2-3      the rendered table or figure (where its directive is)
//	[21]               the reference list entry
//	SR3-H-5, R2-1      the requirement page
//	EP⑤                the entry point's threats
//	5.4.2, 6.1 節       the section (two-part numbers only before 節 or the
//	                   section's own title, so that "1.2倍" stays text)
//
// PlainText turns the same Markdown subset into plain text for search and
// the open data.
package markdown
