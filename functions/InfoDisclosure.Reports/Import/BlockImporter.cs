using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// A piece of a published report in reading order, whatever it was published as: a line of text or a table
/// expanded into a grid. <paramref name="Position"/> orders the findings; <paramref name="Where"/> names the place
/// as its format does (a line of an HTML page's source, a paragraph or table of a Word document).
/// </summary>
internal abstract record ReportBlock(int Position, string Where);

internal sealed record TextBlock(string Text, int Position, string Where) : ReportBlock(Position, Where);

/// <summary>A data table; <paramref name="RowWhere"/> names a grid row (asked for only when a finding needs it).</summary>
internal sealed record TableBlock(HtmlTableGrid Grid, int Position, string Where, Func<int, string> RowWhere) : ReportBlock(Position, Where);

/// <summary>
/// Reads a report from its blocks, the same way for every published format: the tables are mapped by their header
/// and row labels (<see cref="HtmlTableReader"/>); the prose is read as the lines a reader sees, by the rules of the
/// plain-text import, so a page, a Word document and their copied text give the same report.
/// </summary>
internal static partial class BlockImporter
{
    public static ImportResult Import(IReadOnlyList<ReportBlock> blocks)
    {
        var findings = new List<Finding>();
        var sections = SectionOf(blocks.Select(b => (b as TextBlock)?.Text).ToList());

        var report = ReadNarrative(blocks, sections, findings);
        var tables = new HtmlTableReader(findings);
        string? captionAbove = null;
        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case TableBlock table:
                    tables.Add(table, sections[i], captionAbove);
                    captionAbove = null;
                    break;
                case TextBlock text when sections[i] is 2 or 3 or 4 && !IsSectionHeading(text.Text, sections, i):
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
            return heading >= 0 && blocks[heading] is TextBlock text && IsSectionHeading(text.Text, sections, heading) ? text.Where : null;
        });
        return new ImportResult(report, findings.Count > 1 ? findings.OrderBy(Order(blocks)).ToList() : findings);
    }

    /// <summary>Lines of a portal's footer printed with the page.</summary>
    internal static readonly string[] FooterWords = ["主办单位", "承办单位", "ICP备", "网站标识码", "版权所有", "技术支持", "打印本页", "关闭窗口"];

    /// <summary>
    /// The report without what a portal prints around it, as a page printed to PDF or converted to a Word document
    /// keeps it: the menu and breadcrumb above its title, the footer below.
    /// </summary>
    internal static List<ReportBlock> ReportOnly(List<ReportBlock> blocks)
    {
        var title = blocks.FindIndex(b => b is TextBlock t && t.Text.Contains("年度报告", StringComparison.Ordinal)
            && HtmlImporter.TitleLine().IsMatch(Cell.NormalizeDigits(t.Text)));
        if (title > 0 && blocks[title - 1] is TextBlock agency && HtmlImporter.YearOnlyTitle().IsMatch(Cell.NormalizeDigits(((TextBlock)blocks[title]).Text))
            && HtmlImporter.AgencyLine().IsMatch(agency.Text))
        {
            title--;
        }
        var end = blocks.Count;
        while (end > 0 && IsFooter(blocks[end - 1])) end--;
        var start = Math.Max(title, 0);
        return start == 0 && end == blocks.Count ? blocks : blocks.Skip(start).Take(end - start).ToList();
    }

    /// <summary>A line of the footer, or a table of its links ("打印本页 | 关闭窗口").</summary>
    private static bool IsFooter(ReportBlock block) => block switch
    {
        TextBlock t => IsFooterText(t.Text),
        TableBlock table => table.Grid.Rows.Count > 0 && Enumerable.Range(0, table.Grid.Rows.Count)
            .SelectMany(table.Grid.CellsOf).All(c => c.Text.Length == 0 || IsFooterText(c.Text)),
        _ => false,
    };

    private static bool IsFooterText(string text) => Array.Exists(FooterWords, w => text.Contains(w, StringComparison.Ordinal));

    /// <summary>Findings in the order of the places they name; a place no block names (the whole text) last, or by the line it names.</summary>
    private static Func<Finding, int> Order(IReadOnlyList<ReportBlock> blocks)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            positions.TryAdd(block.Where, block.Position);
            if (block is TableBlock table)
            {
                for (var row = 0; row < table.Grid.Rows.Count; row++) positions.TryAdd(table.RowWhere(row), block.Position);
            }
        }
        return f => positions.TryGetValue(f.Where, out var position) ? position : LineNumber(f.Where);
    }

    /// <summary>The section (1 to 6, 0 before 一) each block is in (null for a table), by the headings in increasing order as the text import finds them.</summary>
    public static int[] SectionOf(IReadOnlyList<string?> texts)
    {
        var sections = new int[texts.Count];
        var current = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is { } text && LabelMatching.TryParseSectionHeading(text, out var number, out _) && number > current)
            {
                current = number;
            }
            sections[i] = current;
        }
        return sections;
    }

    private static bool IsSectionHeading(string text, int[] sections, int index) =>
        (index == 0 || sections[index - 1] != sections[index]) && LabelMatching.TryParseSectionHeading(text, out _, out _);

    /// <summary>
    /// The title, opening and sections 一, 五 and 六 (and the headings of 二–四), read by the plain-text import from the
    /// lines of text. Its findings are mapped back to the blocks; those about the tables it was not given are dropped,
    /// since the tables are read from their grids.
    /// </summary>
    private static AnnualReport ReadNarrative(IReadOnlyList<ReportBlock> blocks, int[] sections, List<Finding> findings)
    {
        var lines = new List<string>();
        var sourceLines = new List<string>();
        var tableHeadings = new HashSet<int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not TextBlock line) continue;
            var heading = IsSectionHeading(line.Text, sections, i);
            if (sections[i] is 2 or 3 or 4 && !heading) continue;
            if (heading && sections[i] is 2 or 3 or 4) tableHeadings.Add(sourceLines.Count + 1);
            lines.Add(line.Text);
            sourceLines.Add(line.Where);
        }

        // The text the lines make, ending in a line break, splits into them and an empty last line. A block's text
        // that holds a line break (or starts with a byte-order mark) is read from that text, as the text import reads it.
        ImportResult result;
        if (lines.Exists(l => l.AsSpan().ContainsAny('\r', '\n')) || (lines.Count > 0 && lines[0].StartsWith('\uFEFF')))
        {
            result = TextImporter.Import(string.Concat(lines.Select(l => l + "\n")));
        }
        else
        {
            lines.Add("");
            result = TextImporter.ImportNarrative(lines, tableHeadings);
        }
        foreach (var finding in result.Findings)
        {
            var line = LineNumber(finding.Where);
            if (tableHeadings.Contains(line) && IsTableFinding(finding.Message)) continue;
            // The text import names the line after the last for what it found missing at the end.
            var where = sourceLines.Count == 0 || line < 1 ? finding.Where : sourceLines[Math.Min(line, sourceLines.Count) - 1];
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

    /// <summary>The text import's findings about the tables of sections 二–四, which it was not given: "第[二三四]部分…".</summary>
    private static bool IsTableFinding(string message) =>
        message.Length >= 4 && message[0] == '第' && message[1] is '二' or '三' or '四' && message.AsSpan(2).StartsWith("部分");
}
