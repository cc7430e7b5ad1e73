using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Notifications;

public enum ResendStatus
{
    Requested,
    NoSuchReport,

    /// <summary>No send of the report is failing (notificationFailed is false).</summary>
    NotFailing,

    /// <summary>The orchestration does not run (it failed: recover it instead).</summary>
    NotRunning,
}

public sealed record ResendInput(string AgencyId, int Year, string Actor, string? ClientAddress);

public sealed record ResendOutcome(ResendStatus Status, string Detail, string? Failing = null);

/// <summary>
/// An administrator's "try again now" for a report whose send keeps failing: raises <see cref="WorkflowEvents.Resend"/>,
/// which the waiting ReportWorkflow_v2 takes instead of its next timer. The send keeps its notification id, so an e-mail
/// that did go out is not sent again.
/// </summary>
public sealed class NotificationResendService(ReportIndex index, AuditLog audit, TimeProvider time)
{
    public async Task<ResendOutcome> ResendAsync(DurableTaskClient durable, ResendInput input, CancellationToken ct)
    {
        var entry = await index.GetAsync(input.AgencyId, input.Year, ct);
        if (entry is null) return new(ResendStatus.NoSuchReport, $"There is no report of {input.AgencyId} for {input.Year}.");
        if (!entry.NotificationFailed) return new(ResendStatus.NotFailing, "No send of this report is failing; there is nothing to resend.");
        if (await WorkflowInstances.NotRunningReasonAsync(durable, entry.Key, ct) is { } reason)
        {
            return new(ResendStatus.NotRunning, reason + " Recover it with POST …/recover.");
        }
        await durable.RaiseEventAsync(entry.Key, WorkflowEvents.Resend, new ResendRequest(input.Actor), CancellationToken.None);
        await audit.AppendAsync(entry.Key, new AuditEntry(time.GetUtcNow(), input.Actor, "resend-requested", entry.NotificationError,
            input.ClientAddress, entry.Round, entry.Level > 0 ? entry.Level : null, entry.SubmittedVersion), CancellationToken.None);
        return new(ResendStatus.Requested, "Requested.", entry.NotificationError);
    }
}
