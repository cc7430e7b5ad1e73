using System.Globalization;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Batch;

/// <summary>
/// The batch report as a standalone page (no script, no external resource): the totals, the findings per rule, then
/// one row per report in risk order. Every text goes through <see cref="HtmlWriter"/>, escaped. It prints on A4
/// landscape with the table header repeated on each page.
/// </summary>
public static class BatchReportHtml
{
    public const string Styles = HtmlStyles.OfficeTables + """
        tr.errors td.errors{color:#b00020;font-weight:bold}
        tr.unreadable td{color:#b00020}
        .file{font-size:.85em;color:#444;overflow-wrap:anywhere}
        ul.totals{margin:.3em 0;padding-left:1.2em}
        @page{size:A4 landscape;margin:12mm}
        @media print{
        body{margin:0;font-size:10pt;color:#000}
        table{font-size:8.5pt}
        th{background:none}
        thead{display:table-header-group}
        tr{break-inside:avoid;page-break-inside:avoid}
        h2{break-after:avoid;page-break-after:avoid}
        }
        """;

    public static string Render(BatchReport report)
    {
        var html = new HtmlWriter();
        const string title = "政府信息公开工作年度报告 批量检查结果";
        html.BeginPage(title, Styles)
            .Element("h1", title).Line();

        var t = report.Totals;
        html.Element("h2", "合计").Line().Open("ul", ("class", "totals")).Line();
        html.Element("li", $"共{t.Reports}份报告，{t.Agencies}个机关" + (t.Unreadable > 0 ? $"；{t.Unreadable}个文件无法读取" : "")).Line()
            .Element("li", $"{t.WithErrors}份有错误，{t.WarningsOnly}份仅有警告，{t.Reports - t.WithErrors - t.WarningsOnly}份通过；错误{t.Errors}条，警告{t.Warnings}条").Line()
            .Element("li", $"{t.Paired}份找到同一机关的上年报告并作了跨年度核对" +
                (t.MeanCopiedShare is { } mean ? $"；其正文平均有{CopiedTextRule.Percent(mean)}与上年相同" : "")).Line();
        html.Close("ul").Line();

        if (t.ByRule.Count > 0)
        {
            html.Element("h2", "按规则统计").Line()
                .Raw("<table class=\"rules\"><thead><tr><th scope=\"col\">规则</th><th scope=\"col\">错误</th><th scope=\"col\">警告</th><th scope=\"col\">涉及报告</th></tr></thead><tbody>").Line();
            foreach (var r in t.ByRule)
            {
                html.Open("tr").Element("td", r.Rule).Element("td", N(r.Errors), ("class", "n"))
                    .Element("td", N(r.Warnings), ("class", "n")).Element("td", N(r.Reports), ("class", "n")).Close("tr").Line();
            }
            html.Raw("</tbody></table>").Line();
        }

        html.Element("h2", "各报告（按风险排序：错误多者在前，其次警告，其次复制上年文字占比）").Line()
            .Raw("<table class=\"reports\"><thead><tr>" +
                 "<th scope=\"col\">序号</th><th scope=\"col\">机关</th><th scope=\"col\">年度</th><th scope=\"col\">错误</th>" +
                 "<th scope=\"col\">警告</th><th scope=\"col\">按规则</th><th scope=\"col\">复制上年文字占比</th><th scope=\"col\">上年报告</th>" +
                 "</tr></thead><tbody>").Line();
        var rank = 0;
        foreach (var e in report.Entries)
        {
            rank++;
            var rowClass = e.Error is not null ? "unreadable" : e.Errors > 0 ? "errors" : null;
            html.Open("tr", ("class", rowClass)).Element("td", N(rank), ("class", "n"));
            html.Open("td").Text(e.Agency ?? "（无法读取）").Raw("<br>").Element("span", e.File, ("class", "file")).Close("td");
            if (e.Error is not null)
            {
                html.Element("td", e.Error, ("colspan", "6")).Close("tr").Line();
                continue;
            }
            html.Element("td", e.Year?.ToString(CultureInfo.InvariantCulture), ("class", "n"))
                .Element("td", N(e.Errors), ("class", "n errors"))
                .Element("td", N(e.Warnings), ("class", "n"))
                .Element("td", string.Join("；", e.ByRule.Select(r => RuleCount(r))))
                .Element("td", e.CopiedShare is { } s ? CopiedTextRule.Percent(s) : "—", ("class", "n"));
            if (e.PairedWith is null)
            {
                html.Element("td", "未找到");
            }
            else
            {
                html.Open("td").Text("已配对").Raw("<br>").Element("span", e.PairedWith, ("class", "file")).Close("td");
            }
            html.Close("tr").Line();
        }
        html.Raw("</tbody></table>").Line().EndPage();
        return html.ToString();
    }

    private static string RuleCount((string Rule, int Errors, int Warnings) r) =>
        r.Rule + " " + (r.Errors > 0 ? $"错误{r.Errors}" : "") + (r.Errors > 0 && r.Warnings > 0 ? "、" : "") + (r.Warnings > 0 ? $"警告{r.Warnings}" : "");

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
