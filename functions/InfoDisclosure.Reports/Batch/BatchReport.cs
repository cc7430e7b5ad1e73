using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Batch;

/// <summary>
/// One checked file as the supervising office's batch report shows it.
/// <paramref name="CopiedShare"/> is the share of the narrative found copied from last year's report (0..1), null when
/// no year pair was found; <paramref name="Error"/> says why the file could not be read.
/// </summary>
public sealed record BatchEntry(
    string File,
    string? Agency,
    int? Year,
    IReadOnlyList<Finding> Findings,
    string? PairedWith,
    double? CopiedShare,
    string? Error)
{
    public int Errors => Findings.Count(f => f.Severity == Severity.Error);
    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);

    /// <summary>Findings per rule id, in rule-id order.</summary>
    public IReadOnlyList<(string Rule, int Errors, int Warnings)> ByRule =>
        Findings.GroupBy(f => f.Rule).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(f => f.Severity == Severity.Error), g.Count(f => f.Severity == Severity.Warning)))
            .ToList();
}

/// <summary>The batch report's content: entries sorted by risk, and the totals across agencies.</summary>
public sealed record BatchReport(IReadOnlyList<BatchEntry> Entries, BatchTotals Totals)
{
    /// <summary>
    /// Sorted by risk: unreadable files first (nothing about them is known), then by errors, warnings and copied share,
    /// each descending; ties in file order so the report is the same on every run.
    /// </summary>
    public static BatchReport Create(IEnumerable<BatchEntry> entries)
    {
        var sorted = entries
            .OrderByDescending(e => e.Error is not null)
            .ThenByDescending(e => e.Errors)
            .ThenByDescending(e => e.Warnings)
            .ThenByDescending(e => e.CopiedShare ?? 0)
            .ThenBy(e => e.File, StringComparer.Ordinal)
            .ToList();
        return new BatchReport(sorted, BatchTotals.Of(sorted));
    }
}

public sealed record BatchTotals(
    int Reports,
    int Agencies,
    int Unreadable,
    int WithErrors,
    int WarningsOnly,
    int Errors,
    int Warnings,
    int Paired,
    double? MeanCopiedShare,
    IReadOnlyList<(string Rule, int Errors, int Warnings, int Reports)> ByRule)
{
    public static BatchTotals Of(IReadOnlyList<BatchEntry> entries)
    {
        var read = entries.Where(e => e.Error is null).ToList();
        var shares = read.Where(e => e.CopiedShare is not null).Select(e => e.CopiedShare!.Value).ToList();
        var byRule = read.SelectMany(e => e.Findings.Select(f => (e.File, Finding: f)))
            .GroupBy(x => x.Finding.Rule).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key,
                g.Count(x => x.Finding.Severity == Severity.Error),
                g.Count(x => x.Finding.Severity == Severity.Warning),
                g.Select(x => x.File).Distinct(StringComparer.Ordinal).Count()))
            .ToList();
        return new BatchTotals(
            Reports: read.Count,
            Agencies: read.Select(e => AgencyNames.Normalise(e.Agency)).Distinct(StringComparer.Ordinal).Count(),
            Unreadable: entries.Count - read.Count,
            WithErrors: read.Count(e => e.Errors > 0),
            WarningsOnly: read.Count(e => e.Errors == 0 && e.Warnings > 0),
            Errors: read.Sum(e => e.Errors),
            Warnings: read.Sum(e => e.Warnings),
            Paired: read.Count(e => e.PairedWith is not null),
            MeanCopiedShare: shares.Count == 0 ? null : shares.Average(),
            ByRule: byRule);
    }
}
