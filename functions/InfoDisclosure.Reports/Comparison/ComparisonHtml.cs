using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Comparison;

/// <summary>
/// A comparison as a standalone page: the cells of both reports with their deltas (changed ones marked), the changed
/// paragraphs per section, and each report's findings. Escaped throughout by <see cref="HtmlWriter"/>; no script.
/// </summary>
public static class ComparisonHtml
{
    public const string Styles = HtmlStyles.OfficeTables + """
        tr.changed{background:#fff6d6}
        .removed{color:#8a1c1c}
        .added{color:#1c5e20}
        .error{color:#b00020}
        @media print{body{margin:0;font-size:10pt}th{background:none}tr.changed{background:none;font-weight:bold}thead{display:table-header-group}tr{break-inside:avoid}}
        """;

    public static string Render(ReportComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var (a, b) = (comparison.A, comparison.B);
        var nameA = $"{a.AgencyName} {a.Year}年度";
        var nameB = $"{b.AgencyName} {b.Year}年度";
        var html = new HtmlWriter();
        html.BeginPage($"报告对照：{nameA} 与 {nameB}", Styles)
            .Element("h1", $"报告对照：A {nameA}；B {nameB}").Line();

        var changed = comparison.Cells.Count(c => c.Changed);
        html.Element("h2", $"表格（{comparison.Cells.Count}个单元格，{changed}个不同）").Line()
            .Raw("<table class=\"cells\"><thead><tr><th scope=\"col\">位置</th><th scope=\"col\">A</th><th scope=\"col\">B</th><th scope=\"col\">B−A</th></tr></thead><tbody>").Line();
        foreach (var cell in comparison.Cells)
        {
            html.Open("tr", ("class", cell.Changed ? "changed" : null), ("data-where", cell.Where))
                .Element("td", cell.Where)
                .Element("td", cell.A.ToString(), ("class", "n"))
                .Element("td", cell.B.ToString(), ("class", "n"))
                .Element("td", ComparisonText.Delta(cell), ("class", "n"))
                .Close("tr").Line();
        }
        html.Raw("</tbody></table>").Line();

        html.Element("h2", $"改动的段落（{comparison.Paragraphs.Count}处）").Line();
        if (comparison.Paragraphs.Count == 0) html.Element("p", "两份报告的文字相同。").Line();
        foreach (var section in comparison.Paragraphs.GroupBy(p => p.Where))
        {
            html.Element("h3", section.Key).Line();
            foreach (var p in section)
            {
                var removed = p.Kind == ParagraphChangeKind.Removed;
                html.Open("p", ("class", removed ? "removed" : "added"))
                    .Element("strong", removed ? $"仅A（第{p.Index}段）：" : $"仅B（第{p.Index}段）：")
                    .Text(p.Text).Close("p").Line();
            }
        }

        WriteFindings(html, $"A {nameA} 的问题", comparison.FindingsA);
        WriteFindings(html, $"B {nameB} 的问题", comparison.FindingsB);
        html.EndPage();
        return html.ToString();
    }

    private static void WriteFindings(HtmlWriter html, string heading, IReadOnlyList<Finding> findings)
    {
        html.Element("h2", $"{heading}（{findings.Count}条）").Line();
        if (findings.Count == 0)
        {
            html.Element("p", "通过，未发现问题").Line();
            return;
        }
        html.Open("ul").Line();
        foreach (var f in findings)
        {
            var error = f.Severity == Severity.Error;
            html.Open("li", ("class", error ? "error" : null))
                .Text($"{(error ? "错误" : "警告")} [{f.Rule}] {f.Where}：{f.Message}").Close("li").Line();
        }
        html.Close("ul").Line();
    }
}
