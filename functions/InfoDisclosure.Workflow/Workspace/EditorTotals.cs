using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>
/// The totals the editor's script recomputes as the drafter types, by form field: each total and the cells it sums,
/// the same sums the 勾稽 rules check (T3.ROW_TOTAL, T3.RESULTS_SUM, T4.TOTAL). Rendered as data-sum on the total's
/// input; without script nothing happens and validation after saving says what does not add up.
/// </summary>
public static class EditorTotals
{
    public const char Separator = '|';

    public static IReadOnlyDictionary<string, string> For(AnnualReport report)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        if (report.Applications is { } applications)
        {
            var items = ApplicationRows.ResultItems(applications).Select(p => p.Row).ToList();
            foreach (var column in ApplicantCounts.ApplicantColumns)
            {
                if (items.Count > 0 && ApplicationRows.ResultsTotal.Get(applications) is not null)
                    Add(sums, ReportCells.ApplicationWhere(ApplicationRows.ResultsTotal, column), items.Select(row => ReportCells.ApplicationWhere(row, column)));
            }
            foreach (var (row, _) in ApplicationRows.Present(applications))
            {
                Add(sums, ReportCells.ApplicationWhere(row, ApplicantColumn.Total), ApplicantCounts.ApplicantColumns.Select(c => ReportCells.ApplicationWhere(row, c)));
            }
        }
        if (report.ReviewAndLitigation is not null)
        {
            foreach (var group in ReportCells.ReviewGroups)
            {
                Add(sums, ReportCells.ReviewWhere(group, ReportCells.Outcomes[^1]), ReportCells.Outcomes.SkipLast(1).Select(o => ReportCells.ReviewWhere(group, o)));
            }
        }
        return sums;
    }

    private static void Add(Dictionary<string, string> sums, string total, IEnumerable<string> parts) =>
        sums[ReportEditing.CellField(total)] = string.Join(Separator, parts.Select(ReportEditing.CellField));
}
