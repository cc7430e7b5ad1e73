using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>Every paragraph of the report's text with the place it is in, for the rules that read the narrative.</summary>
public static class Narrative
{
    public static IEnumerable<(string Where, string Text)> Paragraphs(AnnualReport report)
    {
        foreach (var p in report.Opening.Paragraphs) yield return (Locations.Opening, p);

        var overview = report.Overview;
        foreach (var p in overview.Introduction) yield return ("一", p);
        var index = 0;
        foreach (var part in overview.Parts)
        {
            var where = SectionRules.PartLocation("一", index++, part);
            foreach (var p in part.Paragraphs) yield return (where, p);
        }

        var section5 = report.ProblemsAndImprovements;
        foreach (var p in section5.Introduction) yield return ("五", p);
        foreach (var p in section5.Problems.Paragraphs) yield return (Titled("五", 0, section5.Problems), p);
        foreach (var p in section5.Improvements.Paragraphs) yield return (Titled("五", 1, section5.Improvements), p);

        var section6 = report.OtherMatters;
        foreach (var p in section6.Introduction) yield return ("六", p);
        index = 0;
        foreach (var part in section6.Parts)
        {
            var where = SectionRules.PartLocation("六", index++, part);
            foreach (var p in part.Paragraphs) yield return (where, p);
        }
    }

    private static string Titled(string section, int index, NarrativePart part) =>
        string.IsNullOrWhiteSpace(part.Title) ? section : SectionRules.PartLocation(section, index, part);
}
