using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Review;

public enum SubmissionStatus
{
    Submitted,
    NoSuchReport,
    NotADraft,
    NoVersion,
    /// <summary>The current version has errors; <see cref="SubmissionOutcome.Findings"/> lists them.</summary>
    HasErrors,
    WorkflowNotRunning,
    NoAgency,
    /// <summary>A concurrent save or submission changed the report between reading and writing it.</summary>
    Changed,
    /// <summary>The orchestration did not take the submission's event; the index was put back, so nothing changed.</summary>
    EngineUnavailable,
}

/// <summary>A submission for review of the current draft. <paramref name="Actor"/> is who submits, for the audit log.</summary>
public sealed record SubmissionInput(string AgencyId, int Year, string Actor, string? ClientAddress);

/// <summary>What happened; <see cref="Entry"/> is the report as read, <see cref="Submission"/> what was sent to the orchestration.</summary>
public sealed record SubmissionOutcome(
    SubmissionStatus Status,
    string Detail,
    ReportIndexEntry? Entry = null,
    Submission? Submission = null,
    IReadOnlyList<Finding>? Findings = null);

/// <summary>
/// Submits the current draft for review: validates it, moves the index Draft→InReview with the row's ETag (the one
/// place that move is written, see <see cref="ReportStages"/>), then raises the orchestration's event; an event that
/// cannot be raised puts the row back. The one path for POST …/submit and the coming drafter pages.
/// </summary>
public sealed class SubmissionService(
    ReportIndex index, ReportDocuments documents, AgencyStore agencies, AuditLog audit, TimeProvider time)
{
    public async Task<SubmissionOutcome> SubmitAsync(DurableTaskClient durable, SubmissionInput input, CancellationToken ct)
    {
        var (agencyId, year) = (input.AgencyId, input.Year);
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null) return new(SubmissionStatus.NoSuchReport, $"There is no report for '{agencyId}' {year}.");
        if (entry.Stage != ReportStages.Draft)
        {
            return new(SubmissionStatus.NotADraft, $"The report is {entry.Stage} (round {entry.Round}); only a draft can be submitted.", entry);
        }

        var report = await documents.ReadReportAsync(agencyId, year, entry.CurrentVersion, ct);
        if (report is null) return new(SubmissionStatus.NoVersion, "The report has no saved version to submit.", entry);
        var previous = await PreviousYearReport.ForAsync(index, documents, agencyId, year, ct);
        var findings = ReportValidator.Validate(report, previous);
        var errors = findings.Count(f => f.Severity == Severity.Error);
        if (errors > 0)
        {
            return new(SubmissionStatus.HasErrors,
                $"Version {entry.CurrentVersion} has {errors} error(s); correct them and save a new version before submitting.", entry, null, findings);
        }

        if (await WorkflowInstances.NotRunningReasonAsync(durable, entry.Key, ct) is { } notRunning)
        {
            return new(SubmissionStatus.WorkflowNotRunning, notRunning, entry);
        }
        var agency = (await agencies.GetAsync(agencyId, ct))?.Agency;
        if (agency is null) return new(SubmissionStatus.NoAgency, $"The agency '{agencyId}' no longer exists.", entry);

        var now = time.GetUtcNow();
        var chain = DefaultReviewChain.Normalize(agency.ReviewChain);
        var submission = new Submission(entry.Round + 1, entry.CurrentVersion, entry.CurrentSha256!, input.Actor, now, chain,
            agency.Drafter, agency.SupervisingOfficeEmail, agency.StageReminders ?? new StageReminderSettings());
        var inReview = entry with
        {
            Stage = ReportStages.InReview, Round = submission.Round, Level = 1, LevelName = chain[0].Name, Holder = chain[0].Reviewers,
            SubmittedVersion = submission.VersionNumber, SubmittedSha256 = submission.Sha256, Chain = chain, LevelDueAt = null, UpdatedAt = now,
        };
        // The ETag makes this the single submission of this draft: a concurrent save or submit makes it fail.
        if (!await index.TryReplaceAsync(inReview, ct))
        {
            return new(SubmissionStatus.Changed,
                "The report changed while submitting (a new version was saved, or it was submitted); reload and try again.", entry);
        }
        try
        {
            await durable.RaiseEventAsync(entry.Key, WorkflowEvents.Submit(submission.Round), submission, CancellationToken.None);
        }
        catch (Exception)
        {
            await index.UpdateAsync(agencyId, year, e => e.Round == submission.Round && e.Stage == ReportStages.InReview
                ? e with { Stage = ReportStages.Draft, Round = entry.Round, Level = 0, LevelName = null, Holder = entry.Holder, SubmittedVersion = entry.SubmittedVersion, SubmittedSha256 = entry.SubmittedSha256 }
                : null, CancellationToken.None);
            return new(SubmissionStatus.EngineUnavailable, "The workflow engine did not take the submission; nothing was changed.", entry);
        }

        await audit.AppendAsync(entry.Key,
            new AuditEntry(now, input.Actor, "submitted-for-review", $"SHA-256 {submission.Sha256}", input.ClientAddress, submission.Round, 1, submission.VersionNumber),
            CancellationToken.None);
        return new(SubmissionStatus.Submitted, "Submitted.", inReview, submission, findings);
    }
}
