using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>
/// Where in the editor a finding points: the cell it names, the text area of the part it names, or the section's
/// heading. Column and row findings of 三 point at their 总计 cell, whose figure the rule checks.
/// </summary>
public sealed class EditorAnchors
{
    private static readonly string[] Sections = ["开头", "一", "二", "三", "四", "五", "六"];

    private readonly HashSet<string> cells;
    private readonly Dictionary<string, string> blocks;

    public EditorAnchors(AnnualReport report)
    {
        cells = ReportEditing.Cells(report).Select(c => c.Where).ToHashSet(StringComparer.Ordinal);
        blocks = ReportEditing.Blocks(report).GroupBy(b => b.Where).ToDictionary(g => g.Key, g => g.First().Field, StringComparer.Ordinal);
    }

    /// <summary>The element id in the editor (a cell's field, a text area's field, or a section's "s-" heading).</summary>
    public string For(string where)
    {
        if (cells.Contains(where)) return ReportEditing.CellField(where);
        if (blocks.TryGetValue(where, out var field)) return field;
        if (where.StartsWith(ReportCells.Section3 + ".", StringComparison.Ordinal))
        {
            var rest = where[2..];
            var column = ApplicantCounts.Columns.Select(ApplicantCounts.Label).FirstOrDefault(label => label == rest);
            if (column is not null) return ReportEditing.CellField($"三.{ApplicationRows.ResultsTotal.Where}.{column}");
            var rowTotal = $"三.{rest}.{ApplicantCounts.Label(ApplicantColumn.Total)}";
            if (cells.Contains(rowTotal)) return ReportEditing.CellField(rowTotal);
        }
        return SectionAnchor(SectionOf(where));
    }

    public static string SectionAnchor(string section) => "s-" + section;

    /// <summary>The section a place belongs to: 开头, 一 … 六, or 全文 (title, whole report, import lines).</summary>
    public static string SectionOf(string where)
    {
        if (where.StartsWith(Locations.Opening, StringComparison.Ordinal)) return Locations.Opening;
        var first = where.Length > 0 ? where[..1] : "";
        return Sections.Contains(first) ? first : Locations.WholeReport;
    }

    public static int SectionOrder(string section) => Array.IndexOf(Sections, section) is var i and >= 0 ? i : -1;
}
