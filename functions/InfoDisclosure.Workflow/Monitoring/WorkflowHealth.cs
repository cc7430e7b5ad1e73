using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Monitoring;

/// <summary>What the health gauges report: stuck reports per stage, and Failed instances (null: not counted yet).</summary>
/// <param name="StuckReports">Which reports are stuck ("agencyId/year"), so the administrator who gets the alert knows where to look.</param>
public sealed record WorkflowHealth(IReadOnlyDictionary<string, long> StuckByStage, IReadOnlyList<string> StuckReports, long? FailedInstances, DateTimeOffset? At)
{
    public static readonly WorkflowHealth Unknown = new(new Dictionary<string, long>(), [], null, null);
}

/// <summary>
/// Counts what the alerts watch, from the report index and the task hub, and hands it to the gauges
/// (<see cref="WorkflowTelemetry.Report"/>). Both hosts run it every few minutes.
/// </summary>
public sealed class WorkflowHealthProbe(ReportIndex index, TimeProvider time, IOptions<AlertOptions> options)
{
    /// <summary>Stages that wait for the workflow or a reviewer, not for the drafter: a report that stays in one is stuck.</summary>
    public static readonly IReadOnlyList<string> WatchedStages =
        [ReportStages.InReview, ReportStages.Approved, ReportStages.Submitted, ReportStages.Publishing, ReportStages.PublishFailed];

    public async Task<WorkflowHealth> RefreshAsync(DurableTaskClient durable, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stuckBefore = now - options.Value.StuckAfter;
        var stuck = WatchedStages.ToDictionary(stage => stage, _ => 0L);
        var stuckReports = new List<string>();
        // Any year's: a report left in review from an earlier year is as stuck as this year's.
        foreach (var report in await index.ListInStagesAsync(WatchedStages.ToList(), ct))
        {
            if (report.UpdatedAt >= stuckBefore) continue;
            stuck[report.Stage]++;
            stuckReports.Add($"{report.AgencyId}/{report.Year}");
        }

        long failed = 0;
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed], FetchInputsAndOutputs = false };
        await foreach (var _ in durable.GetAllInstancesAsync(query).WithCancellation(ct)) failed++;

        var health = new WorkflowHealth(stuck, stuckReports, failed, now);
        WorkflowTelemetry.Report(health);
        return health;
    }
}
