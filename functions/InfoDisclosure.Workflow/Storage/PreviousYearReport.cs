using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Workflow.Storage;

/// <summary>
/// The one definition of "last year's report", against which a report's year-over-year checks (勾稽) run: at
/// submission, in the reviewers' e-mails and on the review page, so a reviewer sees the warnings submission checked.
/// </summary>
public static class PreviousYearReport
{
    /// <summary>The report the checks of <paramref name="year"/>'s report compare against: the agency's report of the year before, as it stands.</summary>
    public static Task<AnnualReport?> ForAsync(ReportIndex index, ReportDocuments documents, string agencyId, int year, CancellationToken ct) =>
        AsItStandsAsync(index, documents, agencyId, year - 1, ct);

    /// <summary>
    /// The agency's report of <paramref name="year"/> as it stands: the version submitted for review once it left the
    /// draft and review stages (the approved one), else the current draft; null when there is none.
    /// </summary>
    public static async Task<AnnualReport?> AsItStandsAsync(ReportIndex index, ReportDocuments documents, string agencyId, int year, CancellationToken ct)
    {
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null) return null;
        var number = entry.Stage is ReportStages.Draft or ReportStages.InReview ? entry.CurrentVersion : entry.SubmittedVersion ?? entry.CurrentVersion;
        return number > 0 ? await documents.ReadReportAsync(agencyId, year, number, ct) : null;
    }
}
