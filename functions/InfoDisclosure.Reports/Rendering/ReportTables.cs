using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Rendering;

/// <summary>
/// A printed cell: a label (header or row label, with its HTML scope) or a figure (with its place, <see cref="Where"/>).
/// Spans are those of the official template.
/// </summary>
public sealed record LayoutCell(string Text, int ColumnSpan = 1, int RowSpan = 1, string? Scope = null, string? Where = null, string? CssClass = null)
{
    public bool IsFigure => Where is not null;
}

public sealed record LayoutRow(IReadOnlyList<LayoutCell> Cells, string? RowName = null);

/// <summary>A table as printed: header rows, body rows, and its grid width.</summary>
public sealed record LayoutTable(string Name, string Kind, string? Caption, int Columns, IReadOnlyList<LayoutRow> Header, IReadOnlyList<LayoutRow> Body);

/// <summary>
/// The tables of sections 二, 三 and 四 laid out as 国办公开办函〔2021〕30号 prints them, shared by the HTML and DOCX
/// renderers so the page and the paper copy have the same merged cells.
/// </summary>
public static class ReportTables
{
    public const string Section3Note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    public static IEnumerable<LayoutTable> Section2(AnnualReport report)
    {
        if (report.ProactiveDisclosure is { } proactive)
        {
            foreach (var table in ReportCells.ProactiveTables)
            {
                LayoutRow header = new([Label(ReportCells.ItemColumnHeader, "col"), .. table.Headers.Select(h => Label(h, "col"))]);
                var body = table.Rows.Select(row => new LayoutRow(
                    [Label(row.Item, "row"), .. row.Cells.Select(c => Figure(c.Where, c.Get(proactive)))])).ToList();
                yield return new($"{ReportCells.Section2}.{table.Provision}", "t2", table.Provision, table.Headers.Count + 1, [header], body);
            }
        }
        foreach (var table in report.LegacyProactiveTables ?? [])
        {
            var header = table.Header.Count > 0 ? new[] { new LayoutRow(table.Header.Select(h => Label(h, "col")).ToList()) } : [];
            var body = table.Rows.Select(row => new LayoutRow(
                [Label(row.Label, "row"), .. row.Cells.Select((c, i) => Figure(ReportCells.LegacyWhere(table, row, i), c))])).ToList();
            var columns = Math.Max(table.Header.Count, table.Rows.Select(r => r.Cells.Count + 1).DefaultIfEmpty(1).Max());
            yield return new($"{ReportCells.Section2}.{table.Caption}", "t2 legacy", table.Caption, columns, header, body);
        }
    }

    public static LayoutTable? Section3(AnnualReport report)
    {
        if (report.Applications is not { } applications) return null;
        var rows = ApplicationRows.Present(applications).ToList();
        var results = rows.Count(r => IsResult(r.Row));

        LayoutRow[] header =
        [
            new([new(Section3Note, 3, 3, CssClass: "note"), new("申请人情况", 7, Scope: "colgroup")]),
            new([
                Label(ApplicantCounts.Label(ApplicantColumn.NaturalPerson), "col", rowSpan: 2),
                new("法人或其他组织", 5, Scope: "colgroup"),
                Label(ApplicantCounts.Label(ApplicantColumn.Total), "col", rowSpan: 2),
            ]),
            new(ApplicantCounts.ApplicantColumns.Skip(1).Select(c => Label(ApplicantCounts.Label(c), "col")).ToList()),
        ];

        var body = new List<LayoutRow>();
        var resultsHeadingWritten = false;
        string? openGroup = null;
        foreach (var (row, counts) in rows)
        {
            var cells = new List<LayoutCell>();
            if (!IsResult(row))
            {
                cells.Add(Label(row.Label, "row", columnSpan: 3));
            }
            else
            {
                if (!resultsHeadingWritten)
                {
                    cells.Add(Label("三、本年度办理结果", "rowgroup", rowSpan: results));
                    resultsHeadingWritten = true;
                }
                if (row.Group is null)
                {
                    cells.Add(Label(row.Label, "row", columnSpan: 2));
                }
                else
                {
                    if (row.Group != openGroup)
                    {
                        cells.Add(Label(row.Group, "rowgroup", rowSpan: rows.Count(r => r.Row.Group == row.Group)));
                        openGroup = row.Group;
                    }
                    cells.Add(Label(row.Label, "row"));
                }
            }
            cells.AddRange(ApplicantCounts.Columns.Select(c => Figure(ReportCells.ApplicationWhere(row, c), counts[c])));
            body.Add(new LayoutRow(cells, row.Where));
        }
        return new(ReportCells.Section3, "t3", null, 10, header, body);
    }

    /// <summary>The rows under 三、本年度办理结果: （一）…（七）.</summary>
    private static bool IsResult(ApplicationRow row) => row.IsResultItem || row == ApplicationRows.ResultsTotal;

    public static LayoutTable? Section4(AnnualReport report)
    {
        if (report.ReviewAndLitigation is not { } review) return null;
        LayoutRow[] header =
        [
            new([new(ReportCells.Reconsideration.Label, 5, Scope: "colgroup"), new("行政诉讼", 10, Scope: "colgroup")]),
            new([
                .. ReportCells.Outcomes.Select(o => Label(o.Label, "col", rowSpan: 2)),
                new(ReportCells.LitigationWithout.Label, 5, Scope: "colgroup"),
                new(ReportCells.LitigationAfter.Label, 5, Scope: "colgroup"),
            ]),
            new([.. ReportCells.Outcomes.Select(o => Label(o.Label, "col")), .. ReportCells.Outcomes.Select(o => Label(o.Label, "col"))]),
        ];
        var figures = ReportCells.ReviewGroups
            .SelectMany(g => ReportCells.Outcomes.Select(o => Figure(ReportCells.ReviewWhere(g, o), o.Get(g.Get(review)))))
            .ToList();
        return new(ReportCells.Section4, "t4", null, 15, header, [new LayoutRow(figures)]);
    }

    private static LayoutCell Label(string text, string scope, int columnSpan = 1, int rowSpan = 1) => new(text, columnSpan, rowSpan, scope);

    private static LayoutCell Figure(string where, Cell cell) => new(cell.ToString(), Where: where);
}
