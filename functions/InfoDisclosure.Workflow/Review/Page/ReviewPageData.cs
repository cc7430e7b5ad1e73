using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Review.Page;

/// <summary>What a link's holder may still do, judged against where the report stands now.</summary>
public enum LinkVerdict
{
    Open,
    Unknown,
    Expired,
    /// <summary>The round ended or the version changed: the link belongs to a review that no longer exists.</summary>
    Superseded,
    /// <summary>This link was used, or the level it was for was decided (by another reviewer, or by this one through another link).</summary>
    AlreadyDecided,
}

/// <summary>Loads and judges what the review page needs; no writes.</summary>
public static class ReviewPageData
{
    public static async Task<LinkVerdict> JudgeAsync(ReviewLink? link, ReportIndexEntry? entry, DecisionLog decisions, DateTimeOffset now, CancellationToken ct)
    {
        if (link is null || entry is null) return LinkVerdict.Unknown;
        var grant = link.Grant;
        if (link.IsUsed) return LinkVerdict.AlreadyDecided;
        if (entry.Round != grant.Round) return LinkVerdict.Superseded;
        if (!string.Equals(entry.SubmittedSha256, grant.VersionSha256, StringComparison.OrdinalIgnoreCase)) return LinkVerdict.Superseded;
        if (entry.Stage != ReportStages.InReview || entry.Level != grant.Level) return LinkVerdict.AlreadyDecided;
        var mine = (await decisions.ReadAsync(entry.Key, ct)).Any(d => d.Round == grant.Round && d.Level == grant.Level
            && (entry.Chain[grant.Level - 1].Rule != Agencies.ReviewRules.All || d.Reviewer.Key == grant.ReviewerEmail));
        if (mine) return LinkVerdict.AlreadyDecided;
        if (now >= link.ExpiresAt) return LinkVerdict.Expired;
        return LinkVerdict.Open;
    }

    /// <summary>
    /// The page model: the bound version rendered, its warnings, and what changed since the version reviewed in the
    /// previous round (within a round every level sees the same version, since a draft under review cannot be edited).
    /// </summary>
    public static Task<ReviewPageModel?> LoadAsync(ReviewLink link, ReportIndexEntry entry, ReportIndex index, ReportDocuments documents,
        DecisionLog decisions, string formValue, CancellationToken ct) =>
        LoadAsync(link.Grant, link.ExpiresAt, entry, index, documents, decisions, formValue, ct);

    /// <summary>The page model for what <paramref name="grant"/> lets its holder decide: an e-mailed link's, or a signed-in reviewer's (no expiry, no form value).</summary>
    public static async Task<ReviewPageModel?> LoadAsync(ReviewLinkGrant grant, DateTimeOffset? expiresAt, ReportIndexEntry entry, ReportIndex index,
        ReportDocuments documents, DecisionLog decisions, string formValue, CancellationToken ct)
    {
        var report = await documents.ReadReportAsync(grant.AgencyId, grant.Year, grant.VersionNumber, ct);
        if (report is null) return null;
        var previousYear = await PreviousYearReport.ForAsync(index, documents, grant.AgencyId, grant.Year, ct);
        var findings = ReportValidator.Validate(report, previousYear);

        ReportChanges? changes = null;
        var earlier = (await decisions.ReadAsync(entry.Key, ct)).Where(d => d.Round < grant.Round).OrderBy(d => d.Round).LastOrDefault();
        if (earlier is not null)
        {
            var before = earlier.VersionNumber == grant.VersionNumber
                ? report
                : await documents.ReadReportAsync(grant.AgencyId, grant.Year, earlier.VersionNumber, ct);
            if (before is not null)
            {
                changes = ReportChanges.Compare($"第{earlier.Round}轮送审版本（第{earlier.VersionNumber}版）", before, report);
            }
        }

        var level = entry.Chain[grant.Level - 1];
        return new ReviewPageModel(report, grant.Level, level.Name, entry.Chain.Count, grant.Round, grant.ReviewerName, grant.ReviewerEmail,
            grant.VersionNumber, grant.VersionSha256, entry.LevelDueAt, entry.Deadline, expiresAt, findings, changes, formValue);
    }
}
