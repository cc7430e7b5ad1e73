using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// The 勾稽 checks of a report in the 2021 format (国办公开办函〔2021〕30号). Each rule family lives in its own class;
/// findings come in template order: title and sections, section 二, 三, 四, then the cross-year and narrative checks.
/// </summary>
public static class ReportValidator
{
    public static IReadOnlyList<Finding> Validate(AnnualReport report, AnnualReport? previous = null)
    {
        ArgumentNullException.ThrowIfNull(report);

        var findings = new List<Finding>();

        // A trial-format report has other columns in section 二: checking it against the 2021 rules would only bury
        // the one thing worth saying under a finding per cell.
        if (FormatRules.Check(report, findings) == FormatRules.Verdict.Legacy) return findings;

        SectionRules.Check(report, findings);
        CellRules.Check(report, findings);
        ApplicationTableRules.Check(report, findings);
        ReviewAndLitigationRules.Check(report, findings);
        if (previous is not null) YearOverYearRules.Check(report, previous, findings);
        NarrativeFigureRules.Check(report, findings);
        UnrevisedTextRule.Check(report, findings);
        if (previous is not null && previous.Year == report.Year - 1) CopiedTextRule.Check(report, previous, findings);
        return findings;
    }

    /// <summary>True when some finding is an error (a report that must not be submitted as it is).</summary>
    public static bool HasErrors(IEnumerable<Finding> findings) => findings.Any(f => f.Severity == Severity.Error);
}
