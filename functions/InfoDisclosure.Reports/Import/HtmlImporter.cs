using System.Text;
using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// Imports a report published as an HTML page: &lt;table&gt; markup with rowspan/colspan as the official template
/// has them, and the prose in &lt;p&gt;, &lt;div&gt; and heading elements. Tables are expanded into grids and
/// mapped by their header and row labels (<see cref="HtmlTableReader"/>); the prose is read as the lines a reader
/// sees, by the same rules as the plain-text import, so a page and its copied text give the same report.
/// What cannot be read is an IMPORT.UNREADABLE finding naming the line of the page source.
/// </summary>
public static partial class HtmlImporter
{
    public static ImportResult Import(string html)
    {
        var blocks = ReportBlocks(HtmlPage.Parse(html));
        var findings = new List<Finding>();
        var sections = SectionOf(blocks);

        var report = ReadNarrative(blocks, sections, findings);
        var tables = new HtmlTableReader(findings);
        string? captionAbove = null;
        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case HtmlTableBlock table:
                    tables.Add(table, sections[i], captionAbove);
                    captionAbove = null;
                    break;
                case HtmlTextBlock text when sections[i] is 2 or 3 or 4 && !IsSectionHeading(text, sections, i):
                    if (HtmlTableReader.IsCaption(text.Text)) captionAbove = text.Text;
                    else if (!HtmlTableReader.IsTableNote(text.Text))
                    {
                        findings.Add(new Finding(Rules.ImportUnreadable, Severity.Error, text.Where,
                            $"第{LabelMatching.ChineseNumeral(sections[i])}部分表格之外的文字，未读入：{text.Text}"));
                    }
                    break;
            }
        }
        tables.Complete(report, n =>
        {
            var heading = Array.FindIndex(sections, s => s == n);
            return heading >= 0 && blocks[heading] is HtmlTextBlock text && IsSectionHeading(text, sections, heading) ? text.Where : null;
        });
        return new ImportResult(report, findings.OrderBy(f => LineNumber(f.Where)).ToList());
    }

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
        var sections = SectionOf(fromTitle);
        var container = fromTitle.Where((b, i) => b is HtmlTableBlock t && (sections[i] is 2 or 3 or 4 || HtmlTableReader.IsReportTable(t.Grid)))
            .Aggregate(blocks[title].Element, (common, table) => CommonAncestor(common, table.Element, page.DocumentElement));
        return blocks.Skip(title).Where(b => IsWithin(b.Element, container)).ToList();
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

    /// <summary>The section (1 to 6, 0 before 一) each block is in, by the headings in increasing order as the text import finds them.</summary>
    private static int[] SectionOf(List<HtmlBlock> blocks)
    {
        var sections = new int[blocks.Count];
        var current = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is HtmlTextBlock text && LabelMatching.TryParseSectionHeading(text.Text, out var number, out _) && number > current)
            {
                current = number;
            }
            sections[i] = current;
        }
        return sections;
    }

    private static bool IsSectionHeading(HtmlTextBlock text, int[] sections, int index) =>
        (index == 0 || sections[index - 1] != sections[index]) && LabelMatching.TryParseSectionHeading(text.Text, out _, out _);

    /// <summary>
    /// The title, opening and sections 一, 五 and 六 (and the headings of 二–四), read by the plain-text import from the
    /// page's lines. Its findings are mapped back to page lines; those about the tables it was not given are dropped,
    /// since the tables are read here from the markup.
    /// </summary>
    private static AnnualReport ReadNarrative(List<HtmlBlock> blocks, int[] sections, List<Finding> findings)
    {
        var text = new StringBuilder();
        var sourceLines = new List<int>();
        var tableHeadings = new HashSet<int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not HtmlTextBlock line) continue;
            var heading = IsSectionHeading(line, sections, i);
            if (sections[i] is 2 or 3 or 4 && !heading) continue;
            if (heading && sections[i] is 2 or 3 or 4) tableHeadings.Add(sourceLines.Count + 1);
            text.Append(line.Text).Append('\n');
            sourceLines.Add(line.SourceLine);
        }

        var result = TextImporter.Import(text.ToString());
        foreach (var finding in result.Findings)
        {
            var line = LineNumber(finding.Where);
            if (tableHeadings.Contains(line) && TableFinding().IsMatch(finding.Message)) continue;
            // The text import names the line after the last for what it found missing at the end.
            var where = sourceLines.Count == 0 || line < 1 ? finding.Where : $"第{sourceLines[Math.Min(line, sourceLines.Count) - 1]}行";
            findings.Add(finding with { Where = where });
        }
        var report = result.Report;
        report.ProactiveDisclosure = null;
        report.LegacyProactiveTables = null;
        report.Applications = null;
        report.ReviewAndLitigation = null;
        report.FormatVersion = ReportFormats.Format2021;
        return report;
    }

    private static int LineNumber(string where)
    {
        // "第12行…" as the findings write it, read without the pattern; anything else (other digits) by the pattern.
        if (where.Length > 2 && where[0] == '第' && char.IsAsciiDigit(where[1]))
        {
            var end = 1;
            while (end < where.Length && char.IsAsciiDigit(where[end])) end++;
            if (end < where.Length && where[end] == '行' && end - 1 <= 9) return int.Parse(where.AsSpan(1, end - 1), System.Globalization.CultureInfo.InvariantCulture);
        }
        return LineWhere().Match(where) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
    }

    [GeneratedRegex(@"^第(\d+)行")]
    private static partial Regex LineWhere();

    /// <summary>The text import's findings about the tables of sections 二–四, which it was not given.</summary>
    [GeneratedRegex(@"^第[二三四]部分")]
    private static partial Regex TableFinding();

    /// <summary>A title line; a breadcrumb ("首页 &gt; … &gt; …年度报告") or a label ("标题：…") is not one.</summary>
    [GeneratedRegex(@"^[^>»|：:]*政府信息公开(?:工作)?年度报告\s*$")]
    private static partial Regex TitleLine();

    /// <summary>An agency name on the line above "××××年政府信息公开工作年度报告": short, not a sentence, not a breadcrumb.</summary>
    [GeneratedRegex(@"^(?!.*当前位置)(?!.*\s>\s)[^»|：:。，]{2,40}$")]
    private static partial Regex AgencyLine();

    [GeneratedRegex(@"^\d{4}\s*年度?\s*政府信息公开(?:工作)?年度报告$")]
    private static partial Regex YearOnlyTitle();
}
