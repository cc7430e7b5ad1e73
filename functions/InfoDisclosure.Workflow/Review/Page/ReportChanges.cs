using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Workflow.Review.Page;

/// <summary>A figure that differs between two versions, named by its place ("三.（七）总计.自然人").</summary>
public sealed record CellChange(string Where, string Old, string New);

/// <summary>A paragraph that differs, named by its place ("一、总体情况（二）依申请公开情况 第1段"); null Old: added, null New: removed.</summary>
public sealed record ParagraphChange(string Where, string? Old, string? New);

/// <summary>What changed between the version a reviewer compares against and the one under review.</summary>
public sealed record ReportChanges(string ComparedWith, IReadOnlyList<CellChange> Cells, IReadOnlyList<ParagraphChange> Paragraphs)
{
    public bool IsEmpty => Cells.Count == 0 && Paragraphs.Count == 0;

    /// <summary>Compares every table figure (by <see cref="ReportCells"/> place) and every narrative paragraph (by section, part and position).</summary>
    public static ReportChanges Compare(string comparedWith, AnnualReport before, AnnualReport after)
    {
        var oldCells = ReportCells.Enumerate(before).GroupBy(c => c.Where).ToDictionary(g => g.Key, g => g.First().Value);
        var cells = new List<CellChange>();
        var seen = new HashSet<string>();
        foreach (var cell in ReportCells.Enumerate(after))
        {
            if (!seen.Add(cell.Where)) continue;
            var old = oldCells.TryGetValue(cell.Where, out var o) ? o : Cell.Blank;
            if (!old.Equals(cell.Value)) cells.Add(new CellChange(cell.Where, old.ToString(), cell.Value.ToString()));
        }

        var oldParagraphs = NarrativeOf(before).ToDictionary(p => p.Where, p => p.Text);
        var newParagraphs = NarrativeOf(after).ToList();
        var paragraphs = new List<ParagraphChange>();
        foreach (var (where, text) in newParagraphs)
        {
            if (!oldParagraphs.TryGetValue(where, out var old)) paragraphs.Add(new ParagraphChange(where, null, text));
            else if (!string.Equals(old, text, StringComparison.Ordinal)) paragraphs.Add(new ParagraphChange(where, old, text));
        }
        var newPlaces = newParagraphs.Select(p => p.Where).ToHashSet();
        paragraphs.AddRange(oldParagraphs.Where(p => !newPlaces.Contains(p.Key)).Select(p => new ParagraphChange(p.Key, p.Value, null)));
        return new ReportChanges(comparedWith, cells, paragraphs);
    }

    /// <summary>Every narrative paragraph with a place a reader can find: the title, the opening, sections 一, 五 and 六.</summary>
    public static IEnumerable<(string Where, string Text)> NarrativeOf(AnnualReport report)
    {
        yield return ("标题", report.Title);
        for (var i = 0; i < report.Opening.Paragraphs.Count; i++) yield return ($"开头 第{i + 1}段", report.Opening.Paragraphs[i]);
        foreach (var p in Section("一、" + report.Overview.Heading, report.Overview.Introduction,
                     report.Overview.Parts.Select((part, i) => (part, i + 1)))) yield return p;
        var problems = report.ProblemsAndImprovements;
        foreach (var p in Section("五、" + problems.Heading, problems.Introduction,
                     [(problems.Problems, 1), (problems.Improvements, 2)])) yield return p;
        foreach (var p in Section("六、" + report.OtherMatters.Heading, report.OtherMatters.Introduction,
                     report.OtherMatters.Parts.Select((part, i) => (part, i + 1)))) yield return p;
    }

    private static IEnumerable<(string, string)> Section(string heading, IReadOnlyList<string> introduction, IEnumerable<(NarrativePart Part, int Number)> parts)
    {
        for (var i = 0; i < introduction.Count; i++) yield return ($"{heading} 第{i + 1}段", introduction[i]);
        foreach (var (part, number) in parts)
        {
            var name = string.IsNullOrWhiteSpace(part.Title) ? $"{heading}（{Numeral(number)}）" : $"{heading}（{Numeral(number)}）{part.Title}";
            for (var i = 0; i < part.Paragraphs.Count; i++) yield return ($"{name} 第{i + 1}段", part.Paragraphs[i]);
        }
    }

    /// <summary>一 … 九十九, as parts are numbered in print.</summary>
    private static string Numeral(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 99) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (n < 10) return digits[n].ToString();
        return (n / 10 == 1 ? "" : digits[n / 10].ToString()) + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
    }
}
