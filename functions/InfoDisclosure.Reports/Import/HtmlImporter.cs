using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// Imports a report published as an HTML page: &lt;table&gt; markup with rowspan/colspan as the official template
/// has them, and the prose in &lt;p&gt;, &lt;div&gt; and heading elements. The page is read as lines and tables in
/// reading order (<see cref="HtmlBlocks"/>), the portal around the report left out, and the rest read as every
/// published format is (<see cref="BlockImporter"/>). What cannot be read is an IMPORT.UNREADABLE finding naming the
/// line of the page source.
/// </summary>
public static partial class HtmlImporter
{
    public static ImportResult Import(string html) => Import(HtmlPage.Parse(html));

    /// <summary>The import of a page already parsed (by either parser: the differential test compares them).</summary>
    internal static ImportResult Import(HtmlPage page) =>
        BlockImporter.Import(ReportBlocks(page).Select(b => b.ToReportBlock()).ToList());

    /// <summary>
    /// The blocks of the report itself: from its title to the end of the element that holds the title and every
    /// data table, which leaves out a portal's menus and footer around the report.
    /// </summary>
    private static List<HtmlBlock> ReportBlocks(HtmlPage page)
    {
        var root = page.Find(e => e.LocalName == "article" && e.HasClass("gov-report")) ?? page.Body ?? page.DocumentElement;
        var blocks = HtmlBlocks.Read(root);
        // A title line ends in 年度报告: only those lines go through the pattern.
        var titles = Enumerable.Range(0, blocks.Count)
            .Where(i => blocks[i] is HtmlTextBlock t && t.Text.Contains("年度报告", StringComparison.Ordinal) && TitleLine().IsMatch(Cell.NormalizeDigits(t.Text))).ToList();
        if (titles.Count == 0) return blocks;
        // A breadcrumb may name the report too; the heading is the title.
        var title = titles.FirstOrDefault(i => blocks[i].Element.Closest(Headings) is not null, titles[0]);
        if (title > 0 && blocks[title - 1] is HtmlTextBlock agency
            && YearOnlyTitle().IsMatch(Cell.NormalizeDigits(((HtmlTextBlock)blocks[title]).Text))
            && (agency.Element.Closest(Headings) is { } heading && heading == blocks[title].Element.Closest(Headings)
                || AgencyLine().IsMatch(agency.Text)))
        {
            title--;
        }
        // The report's tables, by content or by the section they stand in; a portal's link or footer tables are not.
        var fromTitle = blocks.Skip(title).ToList();
        var sections = BlockImporter.SectionOf(fromTitle.Select(b => (b as HtmlTextBlock)?.Text).ToList());
        var container = fromTitle.Where((b, i) => b is HtmlTableBlock t && (sections[i] is 2 or 3 or 4 || HtmlTableReader.IsReportTable(t.Grid)))
            .Aggregate(blocks[title].Element, (common, table) => CommonAncestor(common, table.Element, page.DocumentElement));
        return fromTitle.Where(b => IsWithin(b.Element, container)).ToList();
    }

    private static readonly string[] Headings = ["h1", "h2", "h3"];

    private static bool IsWithin(PageElement element, PageElement container)
    {
        for (var e = element; e is not null; e = e.Parent)
        {
            if (e == container) return true;
        }
        return false;
    }

    private static PageElement CommonAncestor(PageElement a, PageElement b, PageElement documentElement)
    {
        for (var candidate = a; candidate is not null; candidate = candidate.Parent)
        {
            if (IsWithin(b, candidate)) return candidate;
        }
        return documentElement;
    }

    /// <summary>A title line; a breadcrumb ("首页 &gt; … &gt; …年度报告") or a label ("标题：…") is not one.</summary>
    [GeneratedRegex(@"^[^>»|：:]*政府信息公开(?:工作)?年度报告\s*$")]
    internal static partial Regex TitleLine();

    /// <summary>An agency name on the line above "××××年政府信息公开工作年度报告": short, not a sentence, not a breadcrumb.</summary>
    [GeneratedRegex(@"^(?!.*当前位置)(?!.*\s>\s)[^»|：:。，]{2,40}$")]
    internal static partial Regex AgencyLine();

    [GeneratedRegex(@"^\d{4}\s*年度?\s*政府信息公开(?:工作)?年度报告$")]
    internal static partial Regex YearOnlyTitle();
}
