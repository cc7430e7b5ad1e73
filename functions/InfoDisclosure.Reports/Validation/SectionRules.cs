using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// SECTION.MISSING: 《条例》第五十条 and the 2021 format require every section and every table.
/// Errors: no agency or year in the title, section 一 without any text, a missing table of 二, 三 or 四 (or a row of 三),
/// an empty section 五. Warnings: one of the five parts of 一 empty (reports sometimes merge two parts in one) and an
/// empty section 六 (a report may have nothing else to report, but it should say so, e.g. "无。").
/// </summary>
public static class SectionRules
{
    private static readonly string[] PartNumerals = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）", "（九）", "（十）"];

    public static void Check(AnnualReport report, List<Finding> findings)
    {
        CheckTitle(report, findings);
        CheckOverview(report.Overview, findings);

        if (report.ProactiveDisclosure is null)
        {
            findings.Add(Error("二", "缺少第二部分“主动公开政府信息情况”的表格（第二十条第（一）、（五）、（六）、（八）项）"));
        }

        if (report.Applications is null)
        {
            findings.Add(Error("三", "缺少第三部分“收到和处理政府信息公开申请情况”的表格"));
        }
        else
        {
            foreach (var row in MissingRows(report.Applications))
            {
                findings.Add(Error(Locations.Section3Row(row), $"第三部分表格缺少“{row.Where}”一行"));
            }
        }

        if (report.ReviewAndLitigation is null)
        {
            findings.Add(Error("四", "缺少第四部分“政府信息公开行政复议、行政诉讼情况”的表格"));
        }

        if (report.ProblemsAndImprovements.IsEmpty)
        {
            findings.Add(Error("五", "第五部分“存在的主要问题及改进情况”没有内容"));
        }

        var other = report.OtherMatters;
        if (!HasText(other.Introduction) && other.Parts.All(p => !HasText(p.Paragraphs) && string.IsNullOrWhiteSpace(p.Title)))
        {
            findings.Add(new Finding(Rules.SectionMissing, Severity.Warning, "六",
                "第六部分“其他需要报告的事项”没有内容；没有其他事项时也应写明（如信息处理费收取情况，或“无”）"));
        }
    }

    /// <summary>
    /// Rows of section 三 the table lacks. （六）其他处理 is complete either as one row or as its three sub-items.
    /// </summary>
    public static IEnumerable<ApplicationRow> MissingRows(ApplicationTable table)
    {
        foreach (var row in ApplicationRows.All)
        {
            if (row == ApplicationRows.OtherProcessingSingleRow) continue;
            if (row.Group == ApplicationRows.OtherProcessingGroup && table.OtherProcessing.SingleRow is not null) continue;
            if (row.Get(table) is null) yield return row;
        }
    }

    /// <summary>Where a narrative part of a section is, e.g. "一.（二）依申请公开情况".</summary>
    public static string PartLocation(string section, int index, NarrativePart part) =>
        $"{section}.{(index < PartNumerals.Length ? PartNumerals[index] : $"（{index + 1}）")}{part.Title}";

    private static void CheckTitle(AnnualReport report, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(report.AgencyName))
        {
            findings.Add(Error(Locations.Title, "标题中缺少机关名称"));
        }
        if (report.Year is < 2008 or > 2100)
        {
            findings.Add(Error(Locations.Title, $"报告年度“{report.Year}”不是有效年份"));
        }
    }

    private static void CheckOverview(Overview overview, List<Finding> findings)
    {
        var parts = overview.Parts.ToList();
        if (!HasText(overview.Introduction) && parts.All(p => !HasText(p.Paragraphs)))
        {
            findings.Add(Error("一", "第一部分“总体情况”没有内容"));
            return;
        }
        for (var i = 0; i < parts.Count; i++)
        {
            if (!HasText(parts[i].Paragraphs))
            {
                findings.Add(new Finding(Rules.SectionMissing, Severity.Warning, PartLocation("一", i, parts[i]),
                    $"“总体情况”的第{i + 1}部分“{parts[i].Title}”没有内容"));
            }
        }
    }

    private static bool HasText(IEnumerable<string> paragraphs) => paragraphs.Any(p => !string.IsNullOrWhiteSpace(p));

    private static Finding Error(string where, string message) => new(Rules.SectionMissing, Severity.Error, where, message);
}
