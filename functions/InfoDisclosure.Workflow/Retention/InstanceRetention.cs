using System.Globalization;
using System.Text.Json.Serialization;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Retention;

public sealed record RetentionRun(int Purged, int Kept);

/// <summary>What the audit keeps of a purged instance (the audit row's Detail, as JSON).</summary>
public sealed record InstanceSummary(
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("orchestrator")] string Orchestrator,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("finishedAt")] DateTimeOffset FinishedAt,
    [property: JsonPropertyName("stageChanges")] IReadOnlyList<InstanceSummaryStep> StageChanges,
    [property: JsonPropertyName("decisions")] IReadOnlyList<InstanceSummaryStep> Decisions,
    [property: JsonPropertyName("output")] string? Output);

public sealed record InstanceSummaryStep(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("round")] int? Round,
    [property: JsonPropertyName("level")] int? Level,
    [property: JsonPropertyName("detail")] string? Detail);

/// <summary>
/// Keeps the task hub small: a report instance that finished (Completed or Terminated) more than
/// Retention:CompletedInstancesDays ago is summarised into the audit log (one "instance-summary" row: created, each
/// stage change, each decision, the end) and then purged from the task hub. The audit log is never purged.
/// Failed instances are kept: they wait for an administrator. Both hosts run it daily.
/// </summary>
public sealed class InstanceRetention(AuditLog audit, TimeProvider time, IOptions<RetentionOptions> options, ILogger<InstanceRetention> logger)
{
    public const string SummaryAction = "instance-summary";

    /// <summary>Report instances are "report-{agencyId}-{year}" (<see cref="StorageNames.ReportKey"/>), the audit's partitions.</summary>
    public const string ReportInstancePrefix = "report-";

    public async Task<RetentionRun> PurgeExpiredAsync(DurableTaskClient durable, CancellationToken ct, string instanceIdPrefix = ReportInstancePrefix)
    {
        var now = time.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(options.Value.CompletedInstancesDays);
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated],
            // An instance finished before the cutoff was created before it; the finish time is checked below.
            CreatedTo = cutoff,
            InstanceIdPrefix = instanceIdPrefix,
            FetchInputsAndOutputs = true,
        };
        // Listed first, purged after: purging while paging could move the continuation past instances.
        var candidates = new List<OrchestrationMetadata>();
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(ct)) candidates.Add(instance);

        var purged = 0;
        var kept = 0;
        foreach (var instance in candidates)
        {
            if (instance.LastUpdatedAt > cutoff)
            {
                kept++;
                continue;
            }
            await SummariseAsync(instance, ct);
            // Only after the summary is stored: a failure in between leaves the instance for the next run.
            await durable.PurgeInstanceAsync(instance.InstanceId, ct);
            purged++;
            logger.LogInformation("Purged {InstanceId} ({Status}, finished {FinishedAt:O}) after summarising it into the audit log",
                instance.InstanceId, instance.RuntimeStatus, instance.LastUpdatedAt);
        }
        return new RetentionRun(purged, kept);
    }

    private async Task SummariseAsync(OrchestrationMetadata instance, CancellationToken ct)
    {
        var entries = await audit.ReadAsync(instance.InstanceId, ct);
        var steps = entries
            .Where(e => e.Action != SummaryAction)
            .OrderBy(e => e.At)
            .Select(e => new InstanceSummaryStep(e.At, e.Action, e.Actor, e.Round, e.Level, e.Detail))
            .ToList();
        var summary = new InstanceSummary(
            instance.InstanceId,
            instance.Name,
            instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            steps.Where(s => s.Actor == "workflow").ToList(),
            steps.Where(s => s.Action.StartsWith("decision-", StringComparison.Ordinal)).ToList(),
            instance.SerializedOutput);
        // Dated when the instance finished, keyed by its creation: a run that stopped after writing it finds it there
        // and does not add a second.
        var suffix = "summary-" + instance.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        await audit.AppendOnceAsync(instance.InstanceId,
            new AuditEntry(instance.LastUpdatedAt, "retention", SummaryAction, WorkflowJson.Serialize(summary)), suffix, ct);
    }
}
