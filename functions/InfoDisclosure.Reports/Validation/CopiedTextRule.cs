using System.Buffers;
using System.Globalization;
using System.Text;
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
        var lastYearParagraphs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var paragraphs in before.Values)
        {
            foreach (var paragraph in paragraphs)
            {
                if (paragraph.Length >= MinRepeatedLength) lastYearParagraphs.Add(paragraph);
            }
        }

        var copied = new List<CopiedSection>();
        long total = 0, copiedChars = 0;
        foreach (var (where, squeezed) in now)
        {
            var length = squeezed.Sum(p => p.Length);
            total += length;

            double? similarity = null;
            if (before.TryGetValue(where, out var old) && length >= MinSectionLength)
            {
                similarity = Jaccard(Grams(squeezed), Grams(old));
            }
            if (similarity >= Threshold)
            {
                copied.Add(new CopiedSection(where, similarity, Enumerable.Range(1, squeezed.Count).ToList(), true));
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

    /// <summary>Each section's paragraphs, squeezed (<see cref="Squeeze"/>).</summary>
    private static Dictionary<string, List<string>> Sections(AnnualReport report)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (where, text) in Narrative.Paragraphs(report))
        {
            if (where == Locations.Opening || string.IsNullOrWhiteSpace(text)) continue;
            if (text.TrimStart().StartsWith(NewReport.UnrevisedMarker, StringComparison.Ordinal)) continue;
            if (!sections.TryGetValue(where, out var list)) sections[where] = list = [];
            list.Add(Squeeze(text));
        }
        return sections;
    }

    /// <summary>Every character <see cref="char.IsWhiteSpace(char)"/> holds to be whitespace.</summary>
    private static readonly SearchValues<char> Whitespace = SearchValues.Create(
        "\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    /// <summary>The paragraph without whitespace: a reflowed or re-indented paragraph is the same paragraph.</summary>
    private static string Squeeze(string paragraph)
    {
        if (paragraph.AsSpan().IndexOfAny(Whitespace) < 0) return paragraph;
        var kept = new StringBuilder(paragraph.Length);
        var rest = paragraph.AsSpan();
        while (rest.Length > 0)
        {
            var at = rest.IndexOfAny(Whitespace);
            if (at < 0)
            {
                kept.Append(rest);
                break;
            }
            kept.Append(rest[..at]);
            rest = rest[(at + 1)..];
        }
        return kept.ToString();
    }

    /// <summary>
    /// The section's character 3-grams, each packed in a long (three UTF-16 units), with full-width digits read as
    /// ASCII and every run of digits as one "#".
    /// </summary>
    private static HashSet<long> Grams(List<string> paragraphs)
    {
        var grams = new HashSet<long>(paragraphs.Sum(p => p.Length));
        foreach (var paragraph in paragraphs)
        {
            long window = 0;
            var inWindow = 0;
            var inDigits = false;
            foreach (var original in paragraph)
            {
                var c = original is >= '\uFF0B' and <= '\uFF19' ? (char)(original - 0xFEE0) : original;
                if (char.IsAsciiDigit(c))
                {
                    if (inDigits) continue;
                    inDigits = true;
                    c = '#';
                }
                else
                {
                    inDigits = false;
                }
                window = (window << 16 | c) & 0xFFFF_FFFF_FFFF;
                if (++inWindow >= 3) grams.Add(window);
            }
        }
        return grams;
    }

    private static double Jaccard(HashSet<long> a, HashSet<long> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var shared = 0;
        foreach (var gram in a)
        {
            if (b.Contains(gram)) shared++;
        }
        return (double)shared / (a.Count + b.Count - shared);
    }
}
