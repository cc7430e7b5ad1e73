using System.Globalization;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Rendering;

/// <summary>
/// The report as HTML with the tables laid out as the official template (国办公开办函〔2021〕30号), rowspan and
/// colspan included. Every figure carries <c>data-where</c> with its place as <see cref="ReportCells"/> names it.
/// No script and no external resource, so the page works under a strict Content-Security-Policy.
/// </summary>
public static class HtmlRenderer
{
    public const string Section3Note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    /// <summary>A standalone printable page.</summary>
    public static string RenderPage(AnnualReport report)
    {
        var html = new HtmlWriter();
        html.Raw("<!doctype html>").Line()
            .Open("html", ("lang", "zh-CN")).Line()
            .Raw("<head>").Line()
            .Raw("<meta charset=\"utf-8\">").Line()
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">").Line()
            .Element("title", report.Title).Line()
            .Raw("<style>").Line().Raw(HtmlStyles.Page).Line().Raw("</style>").Line()
            .Raw("</head>").Line()
            .Raw("<body>").Line();
        WriteReport(html, report);
        html.Raw("</body>").Line().Raw("</html>").Line();
        return html.ToString();
    }

    /// <summary>The report body for embedding in a portal page (style it with <see cref="HtmlStyles.Report"/>).</summary>
    public static string RenderFragment(AnnualReport report)
    {
        var html = new HtmlWriter();
        WriteReport(html, report);
        return html.ToString();
    }

    private static void WriteReport(HtmlWriter html, AnnualReport report)
    {
        html.Open("article", ("class", "gov-report"), ("lang", "zh-CN"), ("data-format", report.FormatVersion)).Line();

        html.Open("header", ("class", "report-header")).Line()
            .Open("h1")
            .Element("span", report.AgencyName, ("class", "report-agency")).Raw("<br>")
            .Element("span", ReportOutline.ReportName(report), ("class", "report-name"))
            .Close("h1").Line();
        if (!string.IsNullOrEmpty(report.PublicationDate))
        {
            html.Element("p", ReportOutline.PublicationDatePrefix + report.PublicationDate, ("class", "report-date")).Line();
        }
        html.Close("header").Line();

        if (report.Opening.Paragraphs.Count > 0)
        {
            html.Open("div", ("class", "report-opening")).Line();
            foreach (var paragraph in report.Opening.Paragraphs) html.Element("p", paragraph).Line();
            html.Close("div").Line();
        }

        OpenSection(html, 1, ReportOutline.Section1Heading(report));
        WriteNarrative(html, ReportOutline.Overview(report.Overview));
        CloseSection(html);

        OpenSection(html, 2, ReportOutline.Section2Heading);
        if (report.ProactiveDisclosure is { } proactive)
        {
            foreach (var table in ReportCells.ProactiveTables) WriteProactiveTable(html, table, proactive);
        }
        foreach (var table in report.LegacyProactiveTables ?? []) WriteLegacyTable(html, table);
        CloseSection(html);

        OpenSection(html, 3, ReportOutline.Section3Heading);
        if (report.Applications is { } applications) WriteApplicationTable(html, applications);
        CloseSection(html);

        OpenSection(html, 4, ReportOutline.Section4Heading);
        if (report.ReviewAndLitigation is { } review) WriteReviewTable(html, review);
        CloseSection(html);

        OpenSection(html, 5, ReportOutline.Section5Heading(report));
        WriteNarrative(html, ReportOutline.ProblemsAndImprovements(report.ProblemsAndImprovements));
        CloseSection(html);

        OpenSection(html, 6, ReportOutline.Section6Heading(report));
        WriteNarrative(html, ReportOutline.OtherMatters(report.OtherMatters));
        CloseSection(html);

        html.Close("article").Line();
    }

    private static void OpenSection(HtmlWriter html, int number, string heading) =>
        html.Open("section", ("class", "report-section"), ("id", "report-section-" + number.ToString(CultureInfo.InvariantCulture))).Line()
            .Element("h2", heading).Line();

    private static void CloseSection(HtmlWriter html) => html.Close("section").Line();

    private static void WriteNarrative(HtmlWriter html, IEnumerable<NarrativeLine> lines)
    {
        foreach (var line in lines)
        {
            if (line.IsPartTitle)
            {
                html.Element("h3", line.Text).Line();
                continue;
            }
            html.Open("p");
            if (line.LeadTitle is not null) html.Element("strong", line.LeadTitle, ("class", "part-title"));
            html.Text(line.Text).Close("p").Line();
        }
    }

    private static string? Span(int count) => count > 1 ? count.ToString(CultureInfo.InvariantCulture) : null;

    private static void WriteFigure(HtmlWriter html, string where, Cell cell) =>
        html.Element("td", cell.ToString(), ("data-where", where));

    private static void OpenTable(HtmlWriter html, string cssClass, string table) =>
        html.Open("div", ("class", "table-scroll")).Line()
            .Open("table", ("class", cssClass), ("data-table", table)).Line();

    private static void CloseTable(HtmlWriter html) => html.Close("table").Line().Close("div").Line();

    private static void WriteProactiveTable(HtmlWriter html, ProactiveTableLayout table, ProactiveDisclosure proactive)
    {
        OpenTable(html, "t2", $"{ReportCells.Section2}.{table.Provision}");
        html.Element("caption", table.Provision).Line()
            .Raw("<thead><tr>").Element("th", ReportCells.ItemColumnHeader, ("scope", "col"));
        foreach (var header in table.Headers) html.Element("th", header, ("scope", "col"));
        html.Raw("</tr></thead>").Line().Raw("<tbody>").Line();
        foreach (var row in table.Rows)
        {
            html.Raw("<tr>").Element("th", row.Item, ("scope", "row"));
            foreach (var cell in row.Cells) WriteFigure(html, cell.Where, cell.Get(proactive));
            html.Raw("</tr>").Line();
        }
        html.Raw("</tbody>").Line();
        CloseTable(html);
    }

    private static void WriteLegacyTable(HtmlWriter html, SimpleTable table)
    {
        OpenTable(html, "t2 legacy", $"{ReportCells.Section2}.{table.Caption}");
        html.Element("caption", table.Caption).Line();
        if (table.Header.Count > 0)
        {
            html.Raw("<thead><tr>");
            foreach (var header in table.Header) html.Element("th", header, ("scope", "col"));
            html.Raw("</tr></thead>").Line();
        }
        html.Raw("<tbody>").Line();
        foreach (var row in table.Rows)
        {
            html.Raw("<tr>").Element("th", row.Label, ("scope", "row"));
            for (var i = 0; i < row.Cells.Count; i++) WriteFigure(html, ReportCells.LegacyWhere(table, row, i), row.Cells[i]);
            html.Raw("</tr>").Line();
        }
        html.Raw("</tbody>").Line();
        CloseTable(html);
    }

    private static void WriteApplicationTable(HtmlWriter html, ApplicationTable table)
    {
        var rows = ApplicationRows.Present(table).ToList();
        var results = rows.Count(r => IsResult(r.Row));

        OpenTable(html, "t3", ReportCells.Section3);
        html.Raw("<thead>").Line()
            .Raw("<tr>").Element("th", Section3Note, ("class", "note"), ("colspan", "3"), ("rowspan", "3"))
            .Element("th", "申请人情况", ("colspan", "7"), ("scope", "colgroup")).Raw("</tr>").Line()
            .Raw("<tr>").Element("th", ApplicantCounts.Label(ApplicantColumn.NaturalPerson), ("rowspan", "2"), ("scope", "col"))
            .Element("th", "法人或其他组织", ("colspan", "5"), ("scope", "colgroup"))
            .Element("th", ApplicantCounts.Label(ApplicantColumn.Total), ("rowspan", "2"), ("scope", "col")).Raw("</tr>").Line()
            .Raw("<tr>");
        foreach (var column in ApplicantCounts.ApplicantColumns.Skip(1)) html.Element("th", ApplicantCounts.Label(column), ("scope", "col"));
        html.Raw("</tr>").Line().Raw("</thead>").Line().Raw("<tbody>").Line();

        var resultsHeadingWritten = false;
        string? openGroup = null;
        foreach (var (row, counts) in rows)
        {
            html.Open("tr", ("data-row", row.Where));
            if (!IsResult(row))
            {
                html.Element("th", row.Label, ("colspan", "3"), ("scope", "row"));
            }
            else
            {
                if (!resultsHeadingWritten)
                {
                    html.Element("th", "三、本年度办理结果", ("rowspan", Span(results)), ("scope", "rowgroup"));
                    resultsHeadingWritten = true;
                }
                if (row.Group is null)
                {
                    html.Element("th", row.Label, ("colspan", "2"), ("scope", "row"));
                }
                else
                {
                    if (row.Group != openGroup)
                    {
                        html.Element("th", row.Group, ("rowspan", Span(rows.Count(r => r.Row.Group == row.Group))), ("scope", "rowgroup"));
                        openGroup = row.Group;
                    }
                    html.Element("th", row.Label, ("scope", "row"));
                }
            }
            foreach (var column in ApplicantCounts.Columns) WriteFigure(html, ReportCells.ApplicationWhere(row, column), counts[column]);
            html.Raw("</tr>").Line();
        }
        html.Raw("</tbody>").Line();
        CloseTable(html);
    }

    /// <summary>The rows under 三、本年度办理结果: （一）…（七）.</summary>
    private static bool IsResult(ApplicationRow row) => row.IsResultItem || row == ApplicationRows.ResultsTotal;

    private static void WriteReviewTable(HtmlWriter html, ReviewAndLitigation review)
    {
        OpenTable(html, "t4", ReportCells.Section4);
        html.Raw("<thead>").Line()
            .Raw("<tr>").Element("th", "行政复议", ("colspan", "5"), ("scope", "colgroup"))
            .Element("th", "行政诉讼", ("colspan", "10"), ("scope", "colgroup")).Raw("</tr>").Line()
            .Raw("<tr>");
        foreach (var outcome in ReportCells.Outcomes) html.Element("th", outcome.Label, ("rowspan", "2"), ("scope", "col"));
        html.Element("th", ReportCells.LitigationWithout.Label, ("colspan", "5"), ("scope", "colgroup"))
            .Element("th", ReportCells.LitigationAfter.Label, ("colspan", "5"), ("scope", "colgroup")).Raw("</tr>").Line()
            .Raw("<tr>");
        for (var i = 0; i < 2; i++)
        {
            foreach (var outcome in ReportCells.Outcomes) html.Element("th", outcome.Label, ("scope", "col"));
        }
        html.Raw("</tr>").Line().Raw("</thead>").Line().Raw("<tbody>").Line().Raw("<tr>");
        foreach (var group in ReportCells.ReviewGroups)
        {
            foreach (var outcome in ReportCells.Outcomes) WriteFigure(html, ReportCells.ReviewWhere(group, outcome), outcome.Get(group.Get(review)));
        }
        html.Raw("</tr>").Line().Raw("</tbody>").Line();
        CloseTable(html);
    }
}
