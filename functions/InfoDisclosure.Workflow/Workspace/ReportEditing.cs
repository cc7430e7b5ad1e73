using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>
/// One text area of the editor: a run of narrative paragraphs, one per line. <see cref="Where"/> is the place findings
/// name it by (Reports.Validation's locations); <see cref="Field"/> is the form field and the page anchor.
/// </summary>
public sealed record NarrativeBlock(string Field, string Where, string Section, string Label, Func<AnnualReport, List<string>> Paragraphs);

/// <summary>What the editor posted, applied to the version it was opened on; or the field that could not be taken.</summary>
public sealed record EditResult(AnnualReport? Report, string? Field, string? Error);

/// <summary>
/// The editor's form, both ways: the fields a report is shown in (cells by their place, text areas by part) and a
/// posted form applied to a copy of the version it was opened on. A blank cell stays blank; anything typed into a
/// cell is kept as typed, and validation says what is wrong with it, as for an imported report.
/// </summary>
public static class ReportEditing
{
    public const string CellPrefix = "c:";
    public const string BaseVersionField = "baseVersion";
    public const int MaxCellLength = 40;
    public const int MaxTextLength = 20_000;

    public static string CellField(string where) => CellPrefix + where;

    public static IReadOnlyList<NarrativeBlock> Blocks(AnnualReport report)
    {
        var blocks = new List<NarrativeBlock>
        {
            new("t.opening", Locations.Opening, Locations.Opening, "开头", r => r.Opening.Paragraphs),
            new("t.1.intro", "一", "一", "一、总体情况（导语）", r => r.Overview.Introduction),
        };
        var overviewParts = report.Overview.Parts.ToList();
        for (var i = 0; i < overviewParts.Count; i++)
        {
            var index = i;
            blocks.Add(new($"t.1.{i}", SectionRules.PartLocation("一", i, overviewParts[i]), "一", Label(overviewParts[i], i),
                r => r.Overview.Parts.ElementAt(index).Paragraphs));
        }
        var section5 = report.ProblemsAndImprovements;
        blocks.Add(new("t.5.intro", "五", "五", "五、存在的主要问题及改进情况（导语）", r => r.ProblemsAndImprovements.Introduction));
        blocks.Add(new("t.5.problems", Titled("五", 0, section5.Problems), "五", "存在的主要问题", r => r.ProblemsAndImprovements.Problems.Paragraphs));
        blocks.Add(new("t.5.improvements", Titled("五", 1, section5.Improvements), "五", "改进情况", r => r.ProblemsAndImprovements.Improvements.Paragraphs));
        blocks.Add(new("t.6.intro", "六", "六", "六、其他需要报告的事项", r => r.OtherMatters.Introduction));
        for (var i = 0; i < report.OtherMatters.Parts.Count; i++)
        {
            var index = i;
            blocks.Add(new($"t.6.{i}", SectionRules.PartLocation("六", i, report.OtherMatters.Parts[i]), "六", Label(report.OtherMatters.Parts[i], i),
                r => r.OtherMatters.Parts[index].Paragraphs));
        }
        return blocks;
    }

    /// <summary>Every editable cell's place and value (the 2021 tables of 二, 三 and 四).</summary>
    public static IEnumerable<ReportCell> Cells(AnnualReport report) =>
        ReportCells.Enumerate(report).Where(c => !c.Where.StartsWith(ReportCells.Section2 + ".", StringComparison.Ordinal) || report.ProactiveDisclosure is not null);

    /// <summary>
    /// The posted form applied to a copy of <paramref name="opened"/>: the cells and text areas present in the form
    /// replace the version's; a field that is too long refuses the whole form (nothing is half taken).
    /// </summary>
    public static EditResult Apply(AnnualReport opened, IReadOnlyDictionary<string, string> form)
    {
        var report = ReportJson.Clone(opened);
        foreach (var block in Blocks(report))
        {
            if (!form.TryGetValue(block.Field, out var text)) continue;
            if (text.Length > MaxTextLength) return new(null, block.Field, $"“{block.Label}”的文字过长（最多 {MaxTextLength} 字）。");
            var paragraphs = block.Paragraphs(report);
            paragraphs.Clear();
            paragraphs.AddRange(text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
        }
        foreach (var (where, cell) in Cells(report).ToList())
        {
            if (!form.TryGetValue(CellField(where), out var text)) continue;
            if (text.Length > MaxCellLength) return new(null, CellField(where), $"表格“{where}”的内容过长（最多 {MaxCellLength} 个字符）。");
            var value = Cell.Parse(text);
            if (value != cell) Set(report, where, value);
        }
        return new(report, null, null);
    }

    private static void Set(AnnualReport report, string where, Cell value)
    {
        if (report.ProactiveDisclosure is { } proactive && ReportCells.ProactiveCells.FirstOrDefault(c => c.Where == where) is { } p)
        {
            p.Set(proactive, value);
            return;
        }
        if (report.Applications is { } applications)
        {
            foreach (var (row, counts) in ApplicationRows.Present(applications))
            {
                foreach (var column in ApplicantCounts.Columns)
                {
                    if (ReportCells.ApplicationWhere(row, column) != where) continue;
                    counts[column] = value;
                    return;
                }
            }
        }
        if (report.ReviewAndLitigation is { } review)
        {
            foreach (var group in ReportCells.ReviewGroups)
            {
                foreach (var outcome in ReportCells.Outcomes)
                {
                    if (ReportCells.ReviewWhere(group, outcome) != where) continue;
                    outcome.Set(group.Get(review), value);
                    return;
                }
            }
        }
    }

    private static string Label(NarrativePart part, int index) =>
        $"（{(index < Numerals.Length ? Numerals[index] : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}）{part.Title}";

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>As <see cref="Narrative"/> names the two parts of 五: by the section alone when the part has no title.</summary>
    private static string Titled(string section, int index, NarrativePart part) =>
        string.IsNullOrWhiteSpace(part.Title) ? section : SectionRules.PartLocation(section, index, part);
}
