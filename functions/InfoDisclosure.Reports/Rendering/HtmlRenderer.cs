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
    public const string Section3Note = ReportTables.Section3Note;

    /// <summary>A standalone printable page.</summary>
    public static string RenderPage(AnnualReport report)
    {
        var html = new HtmlWriter();
        html.BeginPage(report.Title, HtmlStyles.Page);
        WriteReport(html, report);
        html.EndPage();
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
        foreach (var table in ReportTables.Section2(report)) WriteTable(html, table);
        CloseSection(html);

        OpenSection(html, 3, ReportOutline.Section3Heading);
        WriteTable(html, ReportTables.Section3(report));
        CloseSection(html);

        OpenSection(html, 4, ReportOutline.Section4Heading);
        WriteTable(html, ReportTables.Section4(report));
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

    private static void WriteTable(HtmlWriter html, LayoutTable? table)
    {
        if (table is null) return;
        html.Open("div", ("class", "table-scroll")).Line()
            .Open("table", ("class", table.Kind), ("data-table", table.Name)).Line();
        if (table.Caption is not null) html.Element("caption", table.Caption).Line();
        if (table.Header.Count > 0)
        {
            html.Raw("<thead>").Line();
            foreach (var row in table.Header) WriteRow(html, row);
            html.Raw("</thead>").Line();
        }
        html.Raw("<tbody>").Line();
        foreach (var row in table.Body) WriteRow(html, row);
        html.Raw("</tbody>").Line().Close("table").Line().Close("div").Line();
    }

    private static void WriteRow(HtmlWriter html, LayoutRow row)
    {
        html.Open("tr", ("data-row", row.RowName));
        foreach (var cell in row.Cells)
        {
            if (cell.IsFigure)
            {
                html.Element("td", cell.Text, ("data-where", cell.Where));
                continue;
            }
            html.Element("th", cell.Text, ("class", cell.CssClass), ("colspan", Span(cell.ColumnSpan)), ("rowspan", Span(cell.RowSpan)), ("scope", cell.Scope));
        }
        html.Raw("</tr>").Line();
    }
}
