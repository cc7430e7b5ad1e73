using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// The 勾稽 of section 三. A sum is checked only when every cell in it is a readable count (blank and unreadable cells
/// are reported once by <see cref="CellRules"/>).
/// </summary>
public static class ApplicationTableRules
{
    public static void Check(AnnualReport report, List<Finding> findings)
    {
        if (report.Applications is not { } table) return;
        CheckBalance(table, findings);
        CheckResultsSum(table, findings);
        CheckRowTotals(table, findings);
    }

    /// <summary>T3.BALANCE, printed in the table's header: per column 一 + 二 = 三（七）总计 + 四.</summary>
    public static void CheckBalance(ApplicationTable table, List<Finding> findings)
    {
        var received = ApplicationRows.NewApplications.Get(table);
        var carried = ApplicationRows.CarriedOver.Get(table);
        var handled = ApplicationRows.ResultsTotal.Get(table);
        var forward = ApplicationRows.CarriedForward.Get(table);
        if (received is null || carried is null || handled is null || forward is null) return;

        foreach (var column in ApplicantCounts.Columns)
        {
            Cell a = received[column], b = carried[column], c = handled[column], d = forward[column];
            if (!(a.IsCount && b.IsCount && c.IsCount && d.IsCount)) continue;
            var incoming = a.Number + b.Number;
            var outgoing = c.Number + d.Number;
            if (incoming == outgoing) continue;
            findings.Add(new Finding(Rules.T3Balance, Severity.Error, Locations.Section3Column(column),
                $"{ApplicantCounts.Label(column)}列：一、本年新收{a}＋二、上年结转{b}＝{F(incoming)}，" +
                $"但三（七）总计{c}＋四、结转下年度继续办理{d}＝{F(outgoing)}"));
        }
    }

    /// <summary>T3.RESULTS_SUM: an application is counted once among the results, so per column （七）总计 = （一）…（六）.</summary>
    public static void CheckResultsSum(ApplicationTable table, List<Finding> findings)
    {
        if (ApplicationRows.ResultsTotal.Get(table) is not { } total) return;
        var items = ApplicationRows.ResultItems(table).Select(p => p.Counts).ToList();

        foreach (var column in ApplicantCounts.Columns)
        {
            var stated = total[column];
            if (!stated.IsCount || !items.All(i => i[column].IsCount)) continue;
            var sum = items.Sum(i => i[column].Number);
            if (sum == stated.Number) continue;
            findings.Add(new Finding(Rules.T3ResultsSum, Severity.Error, Locations.Section3(ApplicationRows.ResultsTotal, column),
                $"（七）总计（{ApplicantCounts.Label(column)}）为{stated}，但（一）至（六）各项办理结果之和为{F(sum)}"));
        }
    }

    /// <summary>T3.ROW_TOTAL: per row, 总计 = the six applicant columns.</summary>
    public static void CheckRowTotals(ApplicationTable table, List<Finding> findings)
    {
        foreach (var (row, counts) in ApplicationRows.Present(table))
        {
            if (!ApplicantCounts.Columns.All(c => counts[c].IsCount)) continue;
            var sum = ApplicantCounts.ApplicantColumns.Sum(c => counts[c].Number);
            if (sum == counts.Total.Number) continue;
            var terms = string.Join("＋", ApplicantCounts.ApplicantColumns.Select(c => $"{ApplicantCounts.Label(c)}{counts[c]}"));
            findings.Add(new Finding(Rules.T3RowTotal, Severity.Error, Locations.Section3(row, ApplicantColumn.Total),
                $"“{row.Where}”总计为{counts.Total}，但{terms}＝{F(sum)}"));
        }
    }

    private static string F(decimal value) => Cell.Format(value);
}
