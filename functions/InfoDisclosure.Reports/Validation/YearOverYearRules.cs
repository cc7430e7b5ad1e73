using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>Checks against last year's report: YEAR.CARRYOVER (error) and T2.IN_FORCE (warning).</summary>
public static class YearOverYearRules
{
    public static void Check(AnnualReport report, AnnualReport previous, List<Finding> findings)
    {
        if (previous.Year != report.Year - 1)
        {
            findings.Add(new Finding(Rules.YearCarryover, Severity.Warning, Locations.Title,
                $"所给上年报告是{previous.Year}年度的，不是{report.Year - 1}年度，未作跨年度核对"));
            return;
        }
        CheckCarryover(report, previous, findings);
        CheckInForce(report, previous, findings);
    }

    /// <summary>YEAR.CARRYOVER per column: this year's 二、上年结转 = last year's 四、结转下年度继续办理.</summary>
    private static void CheckCarryover(AnnualReport report, AnnualReport previous, List<Finding> findings)
    {
        if (report.Applications is null || previous.Applications is null) return;
        if (ApplicationRows.CarriedOver.Get(report.Applications) is not { } thisYear) return;
        if (ApplicationRows.CarriedForward.Get(previous.Applications) is not { } lastYear) return;

        foreach (var column in ApplicantCounts.Columns)
        {
            Cell carried = thisYear[column], forwarded = lastYear[column];
            if (!carried.IsCount || !forwarded.IsCount || carried.Number == forwarded.Number) continue;
            findings.Add(new Finding(Rules.YearCarryover, Severity.Error, Locations.Section3(ApplicationRows.CarriedOver, column),
                $"二、上年结转（{ApplicantCounts.Label(column)}）为{carried}，但{previous.Year}年度报告“四、结转下年度继续办理”为{forwarded}"));
        }
    }

    /// <summary>
    /// T2.IN_FORCE: 现行有效件数 = last year's + 本年制发 − 本年废止. A warning, not an error: a repeal can concern a
    /// document counted in another way, and agencies re-count their documents in force from time to time.
    /// </summary>
    private static void CheckInForce(AnnualReport report, AnnualReport previous, List<Finding> findings)
    {
        if (report.ProactiveDisclosure is not { } now || previous.ProactiveDisclosure is not { } before) return;
        if (previous.FormatVersion != ReportFormats.Format2021) return;
        CheckInForce("规章", now.Rules, before.Rules, previous.Year, findings);
        CheckInForce("行政规范性文件", now.NormativeDocuments, before.NormativeDocuments, previous.Year, findings);
    }

    private static void CheckInForce(string label, DocumentCounts now, DocumentCounts before, int previousYear, List<Finding> findings)
    {
        if (!(now.InForce.IsCount && now.Issued.IsCount && now.Repealed.IsCount && before.InForce.IsCount)) return;
        var expected = before.InForce.Number + now.Issued.Number - now.Repealed.Number;
        if (expected == now.InForce.Number) return;
        findings.Add(new Finding(Rules.T2InForce, Severity.Warning, Locations.Section2(label, "现行有效件数"),
            $"{label}现行有效件数为{now.InForce}，但{previousYear}年度报告的{before.InForce}＋本年制发{now.Issued}－本年废止{now.Repealed}＝{Cell.Format(expected)}" +
            "（如废止的是其他年度统计口径的文件，请在报告中说明）"));
    }
}
