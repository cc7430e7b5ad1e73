using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>FORMAT.LEGACY: which format the report is in, and whether the 2021 rules apply to it.</summary>
public static class FormatRules
{
    public enum Verdict
    {
        Format2021,
        Legacy,
    }

    /// <summary>The first year for which the 2021 format (国办公开办函〔2021〕30号) is required.</summary>
    public const int First2021FormatYear = 2021;

    /// <summary>
    /// A 2019/2020 report in the trial format was right in its day: a warning that the 2021 rules were not applied.
    /// A report for 2021 or later in the trial format is wrong: an error, it must be redone.
    /// An unknown version is an error and the report is then checked as 2021.
    /// </summary>
    public static Verdict Check(AnnualReport report, List<Finding> findings)
    {
        switch (report.FormatVersion)
        {
            case ReportFormats.Format2021:
                return Verdict.Format2021;
            case ReportFormats.Format2019:
                var outdated = report.Year >= First2021FormatYear;
                findings.Add(new Finding(Rules.FormatLegacy, outdated ? Severity.Error : Severity.Warning, Locations.WholeReport,
                    outdated
                        ? $"本报告为{report.Year}年度报告，却采用2019年试行格式（国办公开办函〔2019〕60号）；2021年及以后年度的报告须按2021年格式（国办公开办函〔2021〕30号）重新编制"
                        : "本报告采用2019年试行格式（国办公开办函〔2019〕60号），2021年格式（国办公开办函〔2021〕30号）的勾稽规则不适用，未作表格校验；如需按现行要求发布，须按2021年格式重新编制"));
                return Verdict.Legacy;
            default:
                findings.Add(new Finding(Rules.FormatLegacy, Severity.Error, Locations.WholeReport,
                    $"无法识别的格式版本“{report.FormatVersion}”（应为“2021”或“2019”），以下按2021年格式校验"));
                return Verdict.Format2021;
        }
    }
}
