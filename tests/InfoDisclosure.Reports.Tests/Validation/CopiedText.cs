using System.Globalization;
using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Tests.Validation;

/// <summary>The copied report TEXT.COPIED must catch: last year's narrative with every figure in it changed.</summary>
public static partial class CopiedText
{
    public static AnnualReport NextYear(AnnualReport report)
    {
        var next = ReportJson.Clone(report);
        next.Year = report.Year + 1;
        next.Opening.Paragraphs = Bump(next.Opening.Paragraphs);
        next.Overview.Introduction = Bump(next.Overview.Introduction);
        foreach (var part in next.Overview.Parts) part.Paragraphs = Bump(part.Paragraphs);
        var section5 = next.ProblemsAndImprovements;
        section5.Introduction = Bump(section5.Introduction);
        section5.Problems.Paragraphs = Bump(section5.Problems.Paragraphs);
        section5.Improvements.Paragraphs = Bump(section5.Improvements.Paragraphs);
        next.OtherMatters.Introduction = Bump(next.OtherMatters.Introduction);
        foreach (var part in next.OtherMatters.Parts) part.Paragraphs = Bump(part.Paragraphs);
        return next;
    }

    private static List<string> Bump(List<string> paragraphs) =>
        paragraphs.Select(p => Digits().Replace(p, m => (long.Parse(m.Value, CultureInfo.InvariantCulture) + 7).ToString(CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
