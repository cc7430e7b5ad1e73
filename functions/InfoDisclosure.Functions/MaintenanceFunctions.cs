using InfoDisclosure.Workflow.Monitoring;
using InfoDisclosure.Workflow.Retention;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Functions;

/// <summary>
/// The health gauges every 5 minutes (the alert rules evaluate them), and the purge of finished instances past
/// Retention__CompletedInstancesDays once a day at 18:00 UTC (02:00 Beijing, outside office hours). The local host runs
/// the same services from its MaintenanceTicker.
/// </summary>
public sealed class MaintenanceFunctions(WorkflowHealthProbe health, InstanceRetention retention, ILogger<MaintenanceFunctions> logger)
{
    [Function("Health_Tick")]
    public async Task HealthAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        var counted = await health.RefreshAsync(durable, ct);
        logger.LogInformation("Health: {Stuck} stuck reports ({StuckReports}), {Failed} failed instances",
            counted.StuckByStage.Values.Sum(), string.Join(", ", counted.StuckReports.Take(20)), counted.FailedInstances);
    }

    [Function("Retention_Purge")]
    public async Task PurgeAsync([TimerTrigger("0 0 18 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        var run = await retention.PurgeExpiredAsync(durable, ct);
        logger.LogInformation("Retention: {Purged} finished instances summarised and purged", run.Purged);
    }
}
