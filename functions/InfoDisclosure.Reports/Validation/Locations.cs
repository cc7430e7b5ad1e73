using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// Finding locations in the template's own labels, section numeral first: "二.第二十条第（一）项.规章.现行有效件数",
/// "三.（七）总计.自然人", "四.行政诉讼.复议后起诉.总计". Table cells are named by <see cref="ReportCells"/>, as rendering names them.
/// </summary>
public static class Locations
{
    public const string WholeReport = "全文";
    public const string Title = "标题";
    public const string Opening = "开头";

    public static string Section3(ApplicationRow row, ApplicantColumn column) => ReportCells.ApplicationWhere(row, column);

    public static string Section3Row(ApplicationRow row) => $"三.{row.Where}";

    /// <summary>A whole column of section 三, for the per-column balance.</summary>
    public static string Section3Column(ApplicantColumn column) => $"三.{ApplicantCounts.Label(column)}";

    /// <summary>A group of section 四 as a message names it, e.g. "行政诉讼（复议后起诉）".</summary>
    public static string GroupName(ReviewGroupLayout group) =>
        group == ReportCells.Reconsideration ? group.Label : $"行政诉讼（{group.Label}）";

    /// <summary>A cell of section 二, e.g. "二.第二十条第（一）项.规章.现行有效件数".</summary>
    public static string Section2(string item, string column) =>
        ReportCells.ProactiveCells.Single(c => c.Item == item && c.ColumnName == column).Where;
}
