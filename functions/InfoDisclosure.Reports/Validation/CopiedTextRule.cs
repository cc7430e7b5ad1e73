using System.Globalization;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// TEXT.COPIED (warning): a section's narrative is at least <see cref="Threshold"/> the same as last year's, or a
/// paragraph is repeated unchanged. Similarity is the Jaccard index of the character 3-grams of the section's text with
/// every run of digits read as one placeholder, so that a text copied with only its figures changed still counts as
/// copied. The opening (the template's fixed preamble) and paragraphs already marked 【待修订】 (TEXT.UNREVISED says
/// so) are left out. One finding per section, naming its paragraphs and the similarity.
/// </summary>
public static class CopiedTextRule
{
    public const double Threshold = 0.9;

    /// <summary>
    /// Paragraphs shorter than this (whitespace left out) are not reported as repeated: stock sentences such as the
    /// processing-fee statement are the same every year by nature.
    /// </summary>
    public const int MinRepeatedLength = 60;

    /// <summary>
    /// Sections with less text than this are not compared as a whole: a one-sentence section is stock text (洪泽's
    /// 2023 and 2024 section 六 is the 49-character fee statement, the same but for the year).
    /// </summary>
    public const int MinSectionLength = 100;

    /// <summary>What was found copied: per section, and the share of this year's narrative characters that is.</summary>
    public sealed record Result(IReadOnlyList<CopiedSection> Sections, double CopiedShare);

    /// <param name="Where">The section, as <see cref="Narrative"/> names it.</param>
    /// <param name="Similarity">The section's similarity to last year's same section (0..1), null when last year has no such section.</param>
    /// <param name="Paragraphs">This year's paragraph numbers (1-based, within the section) that are copied.</param>
    /// <param name="WholeSection">True when the section as a whole reaches the threshold.</param>
    public sealed record CopiedSection(string Where, double? Similarity, IReadOnlyList<int> Paragraphs, bool WholeSection);

    public static void Check(AnnualReport report, AnnualReport previous, List<Finding> findings)
    {
        foreach (var section in Analyse(report, previous).Sections)
        {
            var paragraphs = string.Join("、", section.Paragraphs.Select(n => $"第{n}段"));
            var similarity = section.Similarity is { } s ? $"，与{previous.Year}年度报告同一部分的文字相似度为{Percent(s)}" : "";
            var message = section.WholeSection
                ? $"本部分文字与{previous.Year}年度报告基本相同（{paragraphs}{similarity}），请按本年度情况撰写"
                : $"{paragraphs}与{previous.Year}年度报告中的段落完全相同{similarity}，请按本年度情况撰写";
            findings.Add(new Finding(Rules.TextCopied, Severity.Warning, section.Where, message));
        }
    }

    /// <summary>The copied sections and the copied share of this year's narrative (0 when it has none).</summary>
    public static Result Analyse(AnnualReport report, AnnualReport previous)
    {
        var now = Sections(report);
        var before = Sections(previous);
        var lastYearParagraphs = before.Values.SelectMany(p => p).Select(Squeeze).Where(p => p.Length >= MinRepeatedLength).ToHashSet(StringComparer.Ordinal);

        var copied = new List<CopiedSection>();
        long total = 0, copiedChars = 0;
        foreach (var (where, paragraphs) in now)
        {
            var squeezed = paragraphs.Select(Squeeze).ToList();
            var length = squeezed.Sum(p => p.Length);
            total += length;

            double? similarity = null;
            if (before.TryGetValue(where, out var old) && length >= MinSectionLength)
            {
                similarity = Jaccard(Grams(squeezed), Grams(old.Select(Squeeze)));
            }
            if (similarity >= Threshold)
            {
                copied.Add(new CopiedSection(where, similarity, Enumerable.Range(1, paragraphs.Count).ToList(), true));
                copiedChars += length;
                continue;
            }
            var repeated = Enumerable.Range(0, squeezed.Count).Where(i => squeezed[i].Length >= MinRepeatedLength && lastYearParagraphs.Contains(squeezed[i])).ToList();
            if (repeated.Count == 0) continue;
            copied.Add(new CopiedSection(where, similarity, repeated.Select(i => i + 1).ToList(), false));
            copiedChars += repeated.Sum(i => squeezed[i].Length);
        }
        return new Result(copied, total == 0 ? 0 : (double)copiedChars / total);
    }

    public static string Percent(double share) => (Math.Floor(share * 1000) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static Dictionary<string, List<string>> Sections(AnnualReport report)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (where, text) in Narrative.Paragraphs(report))
        {
            if (where == Locations.Opening || string.IsNullOrWhiteSpace(text)) continue;
            if (text.TrimStart().StartsWith(NewReport.UnrevisedMarker, StringComparison.Ordinal)) continue;
            if (!sections.TryGetValue(where, out var list)) sections[where] = list = [];
            list.Add(text);
        }
        return sections;
    }

    /// <summary>The paragraph without whitespace: a reflowed or re-indented paragraph is the same paragraph.</summary>
    private static string Squeeze(string paragraph) => string.Concat(paragraph.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The section's character 3-grams, each packed in a long (three UTF-16 units): no string per gram.</summary>
    private static HashSet<long> Grams(IEnumerable<string> paragraphs)
    {
        var grams = new HashSet<long>();
        foreach (var paragraph in paragraphs)
        {
            var text = DigitsAsOne(Cell.NormalizeDigits(paragraph));
            for (var i = 0; i + 3 <= text.Length; i++) grams.Add((long)text[i] << 32 | (long)text[i + 1] << 16 | text[i + 2]);
        }
        return grams;
    }

    private static string DigitsAsOne(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                if (i == 0 || !char.IsAsciiDigit(text[i - 1])) result.Append('#');
                continue;
            }
            result.Append(text[i]);
        }
        return result.ToString();
    }

    private static double Jaccard(HashSet<long> a, HashSet<long> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
