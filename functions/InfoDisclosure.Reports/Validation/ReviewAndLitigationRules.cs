using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>T4.TOTAL: in each group of section 四, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.</summary>
public static class ReviewAndLitigationRules
{
    public static void Check(AnnualReport report, List<Finding> findings)
    {
        if (report.ReviewAndLitigation is not { } section) return;
        foreach (var layout in ReportCells.ReviewGroups)
        {
            var group = layout.Get(section);
            var cells = ReportCells.Outcomes.Select(o => (o.Label, Cell: o.Get(group))).ToList();
            if (!cells.All(c => c.Cell.IsCount)) continue;
            var parts = cells.Where(c => c.Label != "总计").ToList();
            var sum = parts.Sum(c => c.Cell.Number);
            if (sum == group.Total.Number) continue;
            var terms = string.Join("＋", parts.Select(c => $"{c.Label}{c.Cell}"));
            findings.Add(new Finding(Rules.T4Total, Severity.Error, ReportCells.ReviewWhere(layout, ReportCells.Outcomes[^1]),
                $"{Locations.GroupName(layout)}总计为{group.Total}，但{terms}＝{Cell.Format(sum)}"));
        }
    }
}
