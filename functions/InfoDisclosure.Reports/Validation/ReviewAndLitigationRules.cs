using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>T4.TOTAL: in each group of section 四, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.</summary>
public static class ReviewAndLitigationRules
{
    public static void Check(AnnualReport report, List<Finding> findings)
    {
        if (report.ReviewAndLitigation is not { } section) return;
        foreach (var (where, name, group) in Locations.OutcomeGroups(section))
        {
            var cells = Locations.OutcomeCells(group).ToList();
            if (!cells.All(c => c.Cell.IsCount)) continue;
            var parts = cells.Where(c => c.Label != "总计").ToList();
            var sum = parts.Sum(c => c.Cell.Number);
            if (sum == group.Total.Number) continue;
            var terms = string.Join("＋", parts.Select(c => $"{c.Label}{c.Cell}"));
            findings.Add(new Finding(Rules.T4Total, Severity.Error, $"{where}.总计",
                $"{name}总计为{group.Total}，但{terms}＝{Cell.Format(sum)}"));
        }
    }
}
