using InfoDisclosure.Reports.Import;

namespace InfoDisclosure.Reports.Tests.Import.Reference;

/// <summary>
/// The typo matchers as they were before their edit distance was bounded (functions/InfoDisclosure.Reports/Import/
/// LabelMatching.cs at cf0609a): every distance computed in full, kept verbatim as the reference the bounded ones
/// must agree with (<see cref="LabelMatchingReferenceTests"/>).
/// </summary>
internal static class FullEditDistanceLabelTypos
{
    private static readonly string[][] HeadingWordings =
    [
        ["总体情况"],
        ["主动公开政府信息情况"],
        ["收到和处理政府信息公开申请情况"],
        ["政府信息公开行政复议、行政诉讼情况"],
        ["存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况"],
        ["其他需要报告的事项"],
    ];

    private const string OptionalInHeadings = "的工作";

    public static string? MistypedHeading(int number, string heading)
    {
        if (number is < 1 or > 6) return null;
        var printed = RegexLabelMatching.Normalize(heading);
        string? closest = null;
        var best = int.MaxValue;
        foreach (var wording in HeadingWordings[number - 1])
        {
            var distance = EditDistance(printed, wording);
            if (distance == 0) return null;
            if (distance < best) (best, closest) = (distance, wording);
        }
        return best <= 2 ? closest : null;
    }

    public static string? MistypedLabel(string label, IReadOnlyList<string> wordings)
    {
        var printed = RegexLabelMatching.Normalize(label);
        if (printed.Length == 0) return null;
        string? closest = null;
        var best = int.MaxValue;
        foreach (var wording in wordings)
        {
            var distance = EditDistance(printed, RegexLabelMatching.Normalize(wording), "");
            if (distance == 0) return null;
            if (distance < best) (best, closest) = (distance, wording);
        }
        return closest is not null && best <= Math.Min(2, RegexLabelMatching.Normalize(closest).Length / 4) ? closest : null;
    }

    private static int EditDistance(string a, string b, string optional = OptionalInHeadings)
    {
        int Cost(char c) => optional.Contains(c) ? 0 : 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 1; j <= b.Length; j++) previous[j] = previous[j - 1] + Cost(b[j - 1]);
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = previous[0] + Cost(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + Cost(a[i - 1]), current[j - 1] + Cost(b[j - 1])),
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
