using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Comparison;

/// <summary>One table cell in both reports, by its place (<see cref="ReportCells"/>).</summary>
/// <param name="Delta">B − A when both are numbers, else null.</param>
public sealed record CellComparison(string Where, Cell A, Cell B, decimal? Delta)
{
    public bool Changed => A != B;
}

public enum ParagraphChangeKind
{
    Removed,
    Added,
}

/// <summary>A paragraph that is only in A (removed) or only in B (added); <paramref name="Index"/> is 1-based within the section in its report.</summary>
public sealed record ParagraphChange(string Where, ParagraphChangeKind Kind, int Index, string Text);

/// <summary>
/// Two reports side by side (usually one agency's two years, or two versions of one report): every cell and its delta,
/// the paragraphs that changed per section, and each one's findings. B is validated with A as last year's report when
/// A is of the year before.
/// </summary>
public sealed record ReportComparison(
    AnnualReport A,
    AnnualReport B,
    IReadOnlyList<CellComparison> Cells,
    IReadOnlyList<ParagraphChange> Paragraphs,
    IReadOnlyList<Finding> FindingsA,
    IReadOnlyList<Finding> FindingsB)
{
    /// <param name="importFindingsA">What the import of A could not read; listed before A's rule findings.</param>
    public static ReportComparison Create(
        AnnualReport a, AnnualReport b, IReadOnlyList<Finding>? importFindingsA = null, IReadOnlyList<Finding>? importFindingsB = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var findingsA = (importFindingsA ?? []).Concat(ReportValidator.Validate(a)).ToList();
        var findingsB = (importFindingsB ?? []).Concat(ReportValidator.Validate(b, a.Year == b.Year - 1 ? a : null)).ToList();
        return new ReportComparison(a, b, CompareCells(a, b), CompareParagraphs(a, b), findingsA, findingsB);
    }

    /// <summary>Cells in A's printed order, then those only B has; a cell missing from one side is blank there.</summary>
    private static List<CellComparison> CompareCells(AnnualReport a, AnnualReport b)
    {
        var cellsB = new Dictionary<string, Cell>(StringComparer.Ordinal);
        foreach (var cell in ReportCells.Enumerate(b)) cellsB.TryAdd(cell.Where, cell.Value);
        var result = new List<CellComparison>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in ReportCells.Enumerate(a))
        {
            if (!seen.Add(cell.Where)) continue;
            result.Add(Compare(cell.Where, cell.Value, cellsB.GetValueOrDefault(cell.Where)));
        }
        foreach (var (where, value) in cellsB)
        {
            if (seen.Add(where)) result.Add(Compare(where, Cell.Blank, value));
        }
        return result;
    }

    private static CellComparison Compare(string where, Cell a, Cell b) =>
        new(where, a, b, a.Value is { } x && b.Value is { } y ? y - x : null);

    /// <summary>Per section, the paragraphs outside the longest common subsequence of the two (whitespace ignored).</summary>
    private static List<ParagraphChange> CompareParagraphs(AnnualReport a, AnnualReport b)
    {
        var sectionsA = Sections(a);
        var sectionsB = Sections(b);
        var order = sectionsA.Keys.Concat(sectionsB.Keys.Where(k => !sectionsA.ContainsKey(k)));
        var changes = new List<ParagraphChange>();
        foreach (var where in order)
        {
            var pa = sectionsA.GetValueOrDefault(where) ?? [];
            var pb = sectionsB.GetValueOrDefault(where) ?? [];
            Diff(where, pa, pb, changes);
        }
        return changes;
    }

    private static void Diff(string where, List<string> a, List<string> b, List<ParagraphChange> changes)
    {
        var ka = a.Select(Key).ToArray();
        var kb = b.Select(Key).ToArray();
        var lcs = new int[ka.Length + 1, kb.Length + 1];
        for (var i = ka.Length - 1; i >= 0; i--)
        {
            for (var j = kb.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = ka[i] == kb[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        int x = 0, y = 0;
        while (x < ka.Length || y < kb.Length)
        {
            if (x < ka.Length && y < kb.Length && ka[x] == kb[y])
            {
                x++;
                y++;
            }
            else if (y == kb.Length || (x < ka.Length && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                changes.Add(new ParagraphChange(where, ParagraphChangeKind.Removed, x + 1, a[x]));
                x++;
            }
            else
            {
                changes.Add(new ParagraphChange(where, ParagraphChangeKind.Added, y + 1, b[y]));
                y++;
            }
        }
    }

    private static string Key(string paragraph) => string.Concat(paragraph.Where(c => !char.IsWhiteSpace(c)));

    private static Dictionary<string, List<string>> Sections(AnnualReport report)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (where, text) in Narrative.Paragraphs(report))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!sections.TryGetValue(where, out var list)) sections[where] = list = [];
            list.Add(text);
        }
        return sections;
    }
}
