using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Rendering;

/// <summary>A line of narrative as printed: a part title on its own line, or a paragraph that may open with a part title.</summary>
internal readonly record struct NarrativeLine(bool IsPartTitle, string? LeadTitle, string Text);

/// <summary>
/// The printed order and wording of a report outside its tables (headings, part numbering, the title),
/// shared by the HTML and DOCX renderers so both print the same document.
/// </summary>
internal static class ReportOutline
{
    public const string Section2Heading = "二、主动公开政府信息情况";
    public const string Section3Heading = "三、收到和处理政府信息公开申请情况";
    public const string Section4Heading = "四、政府信息公开行政复议、行政诉讼情况";
    public const string PublicationDatePrefix = "发布日期：";

    public static string Section1Heading(AnnualReport report) => "一、" + report.Overview.Heading;
    public static string Section5Heading(AnnualReport report) => "五、" + report.ProblemsAndImprovements.Heading;
    public static string Section6Heading(AnnualReport report) => "六、" + report.OtherMatters.Heading;

    /// <summary>The second title line, under the agency name.</summary>
    public static string ReportName(AnnualReport report) => $"{report.Year}年政府信息公开工作年度报告";

    public static IEnumerable<NarrativeLine> Overview(Overview overview) =>
        Lines(overview.Introduction, overview.Parts.Select((p, i) => (p, i + 1)));

    public static IEnumerable<NarrativeLine> ProblemsAndImprovements(ProblemsAndImprovements section) =>
        Lines(section.Introduction, [(section.Problems, 1), (section.Improvements, 2)]);

    public static IEnumerable<NarrativeLine> OtherMatters(OtherMatters section) =>
        Lines(section.Introduction, section.Parts.Select((p, i) => (p, i + 1)));

    /// <summary>"（一）", "（十二）".</summary>
    public static string PartNumber(int n) => $"（{Numeral(n)}）";

    public static string Numeral(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 99) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (n < 10) return digits[n].ToString();
        var tens = n / 10 == 1 ? "" : digits[n / 10].ToString();
        var units = n % 10 == 0 ? "" : digits[n % 10].ToString();
        return tens + "十" + units;
    }

    private static IEnumerable<NarrativeLine> Lines(IEnumerable<string> introduction, IEnumerable<(NarrativePart Part, int Number)> parts)
    {
        foreach (var paragraph in introduction) yield return new(false, null, paragraph);
        foreach (var (part, number) in parts)
        {
            if (string.IsNullOrWhiteSpace(part.Title))
            {
                foreach (var paragraph in part.Paragraphs) yield return new(false, null, paragraph);
                continue;
            }
            var title = PartNumber(number) + part.Title;
            if (part.TitleOnOwnLine || part.Paragraphs.Count == 0)
            {
                yield return new(true, null, title);
                foreach (var paragraph in part.Paragraphs) yield return new(false, null, paragraph);
                continue;
            }
            yield return new(false, title + "。", part.Paragraphs[0]);
            foreach (var paragraph in part.Paragraphs.Skip(1)) yield return new(false, null, paragraph);
        }
    }
}
