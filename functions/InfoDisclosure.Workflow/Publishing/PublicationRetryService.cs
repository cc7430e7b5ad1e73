using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Publishing;

public enum RetryStatus
{
    Requested,
    NoSuchReport,
    /// <summary>Only a report whose publication failed can be published again.</summary>
    NotPublishFailed,
    /// <summary>The failure is still being recorded (or the orchestration is not waiting yet); try again in a moment.</summary>
    NotReady,
}

/// <summary>A request to publish again. <paramref name="Actor"/> is who asks, for the audit log and the orchestration.</summary>
public sealed record PublicationRetryInput(string AgencyId, int Year, string Actor, string? ClientAddress);

/// <summary>What happened; on <see cref="RetryStatus.Requested"/>, the publication cycle asked for and its idempotency key.</summary>
public sealed record PublicationRetryOutcome(
    RetryStatus Status, string Detail, ReportIndexEntry? Entry = null, int? Attempt = null, string? IdempotencyKey = null);

/// <summary>
/// Retries a publication that ended PublishFailed by raising the event the orchestration waits for. The orchestration
/// waits for the retry of the next cycle only; a second request raises the same, already-consumed name and changes nothing.
/// </summary>
public sealed class PublicationRetryService(ReportIndex index, PublicationStore publications, AuditLog audit, TimeProvider time)
{
    public async Task<PublicationRetryOutcome> RetryAsync(DurableTaskClient durable, PublicationRetryInput input, CancellationToken ct)
    {
        var (agencyId, year) = (input.AgencyId, input.Year);
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null) return new(RetryStatus.NoSuchReport, $"There is no report of {agencyId} for {year}.");
        if (entry.Stage != ReportStages.PublishFailed)
        {
            return new(RetryStatus.NotPublishFailed,
                $"Only a report whose publication failed can be published again; this one is {entry.Stage}.", entry);
        }
        var version = entry.SubmittedVersion ?? entry.CurrentVersion;
        var publication = await publications.GetAsync(agencyId, year, version, ct);
        var instance = await durable.GetInstanceAsync(entry.Key, getInputsAndOutputs: false, ct);
        if (publication is not { FailedCycles: > 0 } || instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running })
        {
            return new(RetryStatus.NotReady, "The failed publication is still being recorded; try again in a moment.", entry);
        }

        var attempt = publication.FailedCycles + 1;
        await durable.RaiseEventAsync(entry.Key, WorkflowEvents.RetryPublish(attempt), new PublishRetry(input.Actor), CancellationToken.None);
        await audit.AppendAsync(entry.Key,
            new AuditEntry(time.GetUtcNow(), input.Actor, "publish-retry-requested",
                $"cycle {attempt}, key {publication.IdempotencyKey}", input.ClientAddress, entry.Round, null, version),
            CancellationToken.None);
        return new(RetryStatus.Requested, "Requested.", entry, attempt, publication.IdempotencyKey);
    }
}
