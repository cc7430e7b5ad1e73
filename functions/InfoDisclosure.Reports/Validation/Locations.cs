using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// Finding locations in the template's own labels, section numeral first: "二.第二十条第（一）项.规章.现行有效件数",
/// "三.（七）总计.自然人", "四.行政诉讼.复议后起诉.总计".
/// </summary>
public static class Locations
{
    public const string WholeReport = "全文";
    public const string Title = "标题";
    public const string Opening = "开头";

    public const string Rule20Item1 = "二.第二十条第（一）项";
    public const string Rule20Item5 = "二.第二十条第（五）项";
    public const string Rule20Item6 = "二.第二十条第（六）项";
    public const string Rule20Item8 = "二.第二十条第（八）项";

    public const string Reconsideration = "四.行政复议";
    public const string LitigationWithout = "四.行政诉讼.未经复议直接起诉";
    public const string LitigationAfter = "四.行政诉讼.复议后起诉";

    public static string Section3(ApplicationRow row, ApplicantColumn column) => $"三.{row.Where}.{ApplicantCounts.Label(column)}";

    public static string Section3Row(ApplicationRow row) => $"三.{row.Where}";

    /// <summary>A whole column of section 三, for the per-column balance.</summary>
    public static string Section3Column(ApplicantColumn column) => $"三.{ApplicantCounts.Label(column)}";

    /// <summary>The three groups of section 四 with their place and their name in a message.</summary>
    public static IEnumerable<(string Where, string Name, OutcomeGroup Group)> OutcomeGroups(ReviewAndLitigation section) =>
    [
        (Reconsideration, "行政复议", section.AdministrativeReconsideration),
        (LitigationWithout, "行政诉讼（未经复议直接起诉）", section.LitigationWithoutReconsideration),
        (LitigationAfter, "行政诉讼（复议后起诉）", section.LitigationAfterReconsideration),
    ];

    /// <summary>The five cells of a section 四 group, in template order.</summary>
    public static IEnumerable<(string Label, Cell Cell)> OutcomeCells(OutcomeGroup group) =>
    [
        ("结果维持", group.Upheld),
        ("结果纠正", group.Corrected),
        ("其他结果", group.OtherResult),
        ("尚未审结", group.Pending),
        ("总计", group.Total),
    ];
}
