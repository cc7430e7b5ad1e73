using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Review;

public enum RecoveryStatus
{
    Recovered,
    NoSuchReport,

    /// <summary>The instance runs, or completed: there is nothing to recover.</summary>
    NotFailed,

    /// <summary>The index and the stored versions do not give a point to restart from (the approved version or the agency is missing).</summary>
    NoGoodPoint,
}

public sealed record RecoveryInput(string AgencyId, int Year, string Actor, string? ClientAddress);

public sealed record RecoveryOutcome(RecoveryStatus Status, string Detail, string? From = null, string? RuntimeStatus = null);

/// <summary>
/// Restarts a report whose orchestration failed (a bug, not an outage: sends are retried durably) from its last good
/// point, under the same instance id on the current orchestrator version. The point comes from the report index: a draft
/// waits for its next submission; a report in review restarts its current level (the recorded decisions of that level are
/// raised again, e-mails already sent are not sent again); an approved report is delivered and published (both once per
/// version by their keys). The failed instance is purged after its failure is written to the audit log.
/// </summary>
public sealed class ReportRecoveryService(
    ReportIndex index, AgencyStore agencies, ReportDocuments documents, DecisionLog decisions, PublicationStore publications,
    AuditLog audit, TimeProvider time)
{
    public async Task<RecoveryOutcome> RecoverAsync(DurableTaskClient durable, RecoveryInput input, CancellationToken ct)
    {
        var entry = await index.GetAsync(input.AgencyId, input.Year, ct);
        if (entry is null) return new(RecoveryStatus.NoSuchReport, $"There is no report of {input.AgencyId} for {input.Year}.");
        var instance = await durable.GetInstanceAsync(entry.Key, getInputsAndOutputs: false, ct);
        if (instance is { RuntimeStatus: not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated) })
        {
            return new(RecoveryStatus.NotFailed,
                $"The report's workflow is {instance.RuntimeStatus}; only a failed (or terminated) workflow can be recovered.",
                RuntimeStatus: instance.RuntimeStatus.ToString());
        }
        if (instance is null && entry.Stage == ReportStages.Published)
        {
            return new(RecoveryStatus.NotFailed, "The report is published; there is nothing to recover.");
        }

        var agency = (await agencies.GetAsync(input.AgencyId, ct))?.Agency;
        if (agency is null) return new(RecoveryStatus.NoGoodPoint, $"Agency {input.AgencyId} no longer exists.");
        var (resume, problem) = await ResumePointAsync(entry, agency, ct);
        if (resume is null) return new(RecoveryStatus.NoGoodPoint, problem!);

        var failure = instance?.FailureDetails is { } details ? $"{details.ErrorType}: {details.ErrorMessage}" : instance?.RuntimeStatus.ToString() ?? "missing";
        await audit.AppendAsync(entry.Key, new AuditEntry(time.GetUtcNow(), input.Actor, "recovered",
            $"{instance?.Name ?? "no instance"} was {failure}; restarted on {WorkflowTasks.CurrentReportWorkflow} from {resume.From} (round {resume.Round}, level {resume.Level})",
            input.ClientAddress, entry.Round, resume.Level > 0 ? resume.Level : null, resume.Submission?.VersionNumber), CancellationToken.None);
        if (instance is not null) await durable.PurgeInstanceAsync(entry.Key, CancellationToken.None);
        await durable.ScheduleNewOrchestrationInstanceAsync(WorkflowTasks.CurrentReportWorkflow,
            new ReportWorkflowInput(entry.AgencyId, entry.Year, entry.AgencyName, agency.Drafter, entry.Deadline, resume),
            new StartOrchestrationOptions(entry.Key), CancellationToken.None);

        if (resume.From == ResumeStages.Review)
        {
            // Decisions recorded (and counted) before the failure may have been lost with the old instance: raise them again.
            foreach (var decision in (await decisions.ReadAsync(entry.Key, ct)).Where(d => d.Round == resume.Round && d.Level == resume.Level))
            {
                await durable.RaiseEventAsync(entry.Key, WorkflowEvents.Decision(decision.Level, decision.Round), decision, CancellationToken.None);
            }
        }
        return new(RecoveryStatus.Recovered, "Recovered.", resume.From, instance?.RuntimeStatus.ToString());
    }

    private async Task<(ResumePoint? Point, string? Problem)> ResumePointAsync(ReportIndexEntry entry, Agency agency, CancellationToken ct)
    {
        if (entry.Stage == ReportStages.Draft) return (new ResumePoint(ResumeStages.Draft, entry.Round, 0, null), null);

        if (entry.SubmittedVersion is not { } version || entry.SubmittedSha256 is not { } sha)
            return (null, $"The report is {entry.Stage} but the index names no submitted version.");
        var stored = (await documents.ListVersionsAsync(entry.AgencyId, entry.Year, ct)).FirstOrDefault(v => v.Number == version);
        if (stored is null || stored.Sha256 != sha)
            return (null, $"Version {version} with SHA-256 {sha} is not among the stored versions.");
        var chain = entry.Chain.Count > 0 ? entry.Chain : agency.ReviewChain;
        var submission = new Submission(entry.Round, version, sha, "recovery", entry.UpdatedAt, chain, agency.Drafter,
            agency.SupervisingOfficeEmail, agency.StageReminders);

        if (entry.Stage == ReportStages.InReview)
        {
            var level = Math.Clamp(entry.Level, 1, chain.Count);
            return (new ResumePoint(ResumeStages.Review, entry.Round, level, submission), null);
        }
        var failedCycles = (await publications.GetAsync(entry.AgencyId, entry.Year, version, ct))?.FailedCycles ?? 0;
        return (new ResumePoint(ResumeStages.Approved, entry.Round, 0, submission, failedCycles + 1), null);
    }
}
