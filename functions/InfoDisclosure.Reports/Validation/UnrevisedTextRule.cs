using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// TEXT.UNREVISED (warning): a paragraph still begins with <see cref="NewReport.UnrevisedMarker"/>, i.e. it is last
/// year's text that <see cref="NewReport.Create"/> copied as a starting point and nobody has revised yet.
/// One finding per part, naming how many paragraphs are left.
/// </summary>
public static class UnrevisedTextRule
{
    public static void Check(AnnualReport report, List<Finding> findings)
    {
        var unrevised = Narrative.Paragraphs(report)
            .Where(p => p.Text.TrimStart().StartsWith(NewReport.UnrevisedMarker, StringComparison.Ordinal))
            .GroupBy(p => p.Where);
        foreach (var part in unrevised)
        {
            findings.Add(new Finding(Rules.TextUnrevised, Severity.Warning, part.Key,
                $"有{part.Count()}段仍是上年报告的文字（以“{NewReport.UnrevisedMarker}”开头），请按本年度情况改写后删去该标记"));
        }
    }
}
