using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Comparison;

/// <summary>A comparison as plain text for a console: cells, changed paragraphs, findings.</summary>
public static class ComparisonText
{
    public static string Render(ReportComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var (a, b) = (comparison.A, comparison.B);
        var text = new StringBuilder();
        text.Append("A：").Append(a.AgencyName).Append(' ').Append(a.Year).Append("年度\n");
        text.Append("B：").Append(b.AgencyName).Append(' ').Append(b.Year).Append("年度\n\n");

        var changed = comparison.Cells.Count(c => c.Changed);
        text.Append($"表格：{comparison.Cells.Count}个单元格，{changed}个不同（位置\tA\tB\tB−A，不同者以 * 标出）\n");
        foreach (var cell in comparison.Cells)
        {
            text.Append(cell.Changed ? "* " : "  ").Append(cell.Where).Append('\t')
                .Append(cell.A.ToString()).Append('\t').Append(cell.B.ToString()).Append('\t').Append(Delta(cell)).Append('\n');
        }

        text.Append($"\n改动的段落：{comparison.Paragraphs.Count}处\n");
        foreach (var p in comparison.Paragraphs)
        {
            text.Append(p.Kind == ParagraphChangeKind.Removed ? "- " : "+ ").Append(p.Where)
                .Append(p.Kind == ParagraphChangeKind.Removed ? $" 仅A第{p.Index}段：" : $" 仅B第{p.Index}段：").Append(p.Text).Append('\n');
        }

        Findings(text, "A", comparison.FindingsA);
        Findings(text, "B", comparison.FindingsB);
        return text.ToString();
    }

    /// <summary>B − A with its sign ("+3", "-2", "0"), or "" when a side is not a number.</summary>
    public static string Delta(CellComparison cell) => cell.Delta is { } d ? (d > 0 ? "+" : "") + Cell.Format(d) : "";

    private static void Findings(StringBuilder text, string side, IReadOnlyList<Finding> findings)
    {
        text.Append($"\n{side}的问题：{findings.Count}条\n");
        foreach (var f in findings)
        {
            text.Append("  ").Append(f.Severity == Severity.Error ? "错误" : "警告").Append(" [").Append(f.Rule).Append("] ")
                .Append(f.Where).Append('：').Append(f.Message).Append('\n');
        }
    }
}
