namespace InfoDisclosure.Reports.Model;

/// <summary>One figure of a report's tables and its place in the template's own labels, e.g. "三.（七）总计.自然人".</summary>
public readonly record struct ReportCell(string Where, Cell Value);

/// <summary>A cell of section 二 (2021 format): its table (第二十条第（N）项), row, printed column header and accessors.</summary>
public sealed record ProactiveCellLayout(
    string Provision,
    string Item,
    string Header,
    string ColumnName,
    Func<ProactiveDisclosure, Cell> Get,
    Action<ProactiveDisclosure, Cell> Set)
{
    public string Where => $"{ReportCells.Section2}.{Provision}.{Item}.{ColumnName}";
}

/// <summary>One small table of section 二 as the template prints it.</summary>
public sealed record ProactiveTableLayout(string Provision, IReadOnlyList<string> Headers, IReadOnlyList<ProactiveRowLayout> Rows);

public sealed record ProactiveRowLayout(string Item, IReadOnlyList<ProactiveCellLayout> Cells);

/// <summary>A group of section 四 (行政复议; 行政诉讼 未经复议直接起诉; 复议后起诉) and its accessor.</summary>
public sealed record ReviewGroupLayout(string Path, string Label, Func<ReviewAndLitigation, OutcomeGroup> Get);

/// <summary>An outcome column of a section 四 group.</summary>
public sealed record OutcomeLayout(string Label, Func<OutcomeGroup, Cell> Get, Action<OutcomeGroup, Cell> Set);

/// <summary>
/// Every figure of a report's tables with its place, in template order. Rendering puts these places on the
/// cells (data-where), validation names them in findings, and the review page diffs versions by them.
/// </summary>
public static class ReportCells
{
    public const string Section2 = "二";
    public const string Section3 = "三";
    public const string Section4 = "四";

    public const string ItemColumnHeader = "信息内容";
    public const string DecisionsHeader = "本年处理决定数量";
    public const string FeesHeader = "本年收费金额（单位：万元）";

    /// <summary>The four tables of section 二 in the 2021 format.</summary>
    public static readonly IReadOnlyList<ProactiveTableLayout> ProactiveTables = BuildProactiveTables();

    /// <summary>Every cell of section 二 (2021 format), in template order.</summary>
    public static readonly IReadOnlyList<ProactiveCellLayout> ProactiveCells =
        ProactiveTables.SelectMany(t => t.Rows).SelectMany(r => r.Cells).ToArray();

    public static readonly ReviewGroupLayout Reconsideration = new("行政复议", "行政复议", r => r.AdministrativeReconsideration);
    public static readonly ReviewGroupLayout LitigationWithout = new("行政诉讼.未经复议直接起诉", "未经复议直接起诉", r => r.LitigationWithoutReconsideration);
    public static readonly ReviewGroupLayout LitigationAfter = new("行政诉讼.复议后起诉", "复议后起诉", r => r.LitigationAfterReconsideration);

    /// <summary>The three groups of section 四 in printed order.</summary>
    public static readonly IReadOnlyList<ReviewGroupLayout> ReviewGroups = [Reconsideration, LitigationWithout, LitigationAfter];

    /// <summary>The five columns of each section 四 group in printed order.</summary>
    public static readonly IReadOnlyList<OutcomeLayout> Outcomes =
    [
        new("结果维持", g => g.Upheld, (g, c) => g.Upheld = c),
        new("结果纠正", g => g.Corrected, (g, c) => g.Corrected = c),
        new("其他结果", g => g.OtherResult, (g, c) => g.OtherResult = c),
        new("尚未审结", g => g.Pending, (g, c) => g.Pending = c),
        new("总计", g => g.Total, (g, c) => g.Total = c),
    ];

    /// <summary>E.g. "三.（三）不予公开.1.属于国家秘密.自然人".</summary>
    public static string ApplicationWhere(ApplicationRow row, ApplicantColumn column) =>
        $"{Section3}.{row.Where}.{ApplicantCounts.Label(column)}";

    /// <summary>E.g. "四.行政复议.总计" or "四.行政诉讼.复议后起诉.结果维持".</summary>
    public static string ReviewWhere(ReviewGroupLayout group, OutcomeLayout outcome) =>
        $"{Section4}.{group.Path}.{outcome.Label}";

    /// <summary>A cell of a 2019-format section 二 table, named by the table's own caption, row label and header.</summary>
    public static string LegacyWhere(SimpleTable table, SimpleRow row, int cellIndex)
    {
        var header = cellIndex + 1 < table.Header.Count && !string.IsNullOrWhiteSpace(table.Header[cellIndex + 1])
            ? table.Header[cellIndex + 1]
            : $"第{cellIndex + 1}列";
        return $"{Section2}.{table.Caption}.{row.Label}.{header}";
    }

    /// <summary>All table cells of the report, in printed order: section 二, then 三, then 四.</summary>
    public static IEnumerable<ReportCell> Enumerate(AnnualReport report)
    {
        if (report.ProactiveDisclosure is { } proactive)
        {
            foreach (var cell in ProactiveCells) yield return new(cell.Where, cell.Get(proactive));
        }
        foreach (var table in report.LegacyProactiveTables ?? [])
        {
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < row.Cells.Count; i++) yield return new(LegacyWhere(table, row, i), row.Cells[i]);
            }
        }
        if (report.Applications is { } applications)
        {
            foreach (var (row, counts) in ApplicationRows.Present(applications))
            {
                foreach (var column in ApplicantCounts.Columns) yield return new(ApplicationWhere(row, column), counts[column]);
            }
        }
        if (report.ReviewAndLitigation is { } review)
        {
            foreach (var group in ReviewGroups)
            {
                foreach (var outcome in Outcomes) yield return new(ReviewWhere(group, outcome), outcome.Get(group.Get(review)));
            }
        }
    }

    private static ProactiveTableLayout[] BuildProactiveTables()
    {
        const string first = "第二十条第（一）项";
        const string fifth = "第二十条第（五）项";
        const string sixth = "第二十条第（六）项";
        const string eighth = "第二十条第（八）项";
        string[] documentHeaders = ["本年制发件数", "本年废止件数", "现行有效件数"];

        ProactiveRowLayout Documents(string item, Func<ProactiveDisclosure, DocumentCounts> get) => new(item,
        [
            new(first, item, documentHeaders[0], documentHeaders[0], p => get(p).Issued, (p, c) => get(p).Issued = c),
            new(first, item, documentHeaders[1], documentHeaders[1], p => get(p).Repealed, (p, c) => get(p).Repealed = c),
            new(first, item, documentHeaders[2], documentHeaders[2], p => get(p).InForce, (p, c) => get(p).InForce = c),
        ]);

        ProactiveRowLayout Single(string provision, string item, string header, string column,
            Func<ProactiveDisclosure, Cell> get, Action<ProactiveDisclosure, Cell> set) =>
            new(item, [new(provision, item, header, column, get, set)]);

        return
        [
            new(first, documentHeaders,
            [
                Documents("规章", p => p.Rules),
                Documents("行政规范性文件", p => p.NormativeDocuments),
            ]),
            new(fifth, [DecisionsHeader],
            [
                Single(fifth, "行政许可", DecisionsHeader, DecisionsHeader, p => p.AdministrativeLicensing, (p, c) => p.AdministrativeLicensing = c),
            ]),
            new(sixth, [DecisionsHeader],
            [
                Single(sixth, "行政处罚", DecisionsHeader, DecisionsHeader, p => p.AdministrativePunishment, (p, c) => p.AdministrativePunishment = c),
                Single(sixth, "行政强制", DecisionsHeader, DecisionsHeader, p => p.AdministrativeCoercion, (p, c) => p.AdministrativeCoercion = c),
            ]),
            new(eighth, [FeesHeader],
            [
                Single(eighth, "行政事业性收费", FeesHeader, "本年收费金额", p => p.AdministrativeFees, (p, c) => p.AdministrativeFees = c),
            ]),
        ];
    }
}
