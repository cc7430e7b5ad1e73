using InfoDisclosure.Workflow.Monitoring;
using InfoDisclosure.Workflow.Retention;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Dev.Maintenance;

/// <summary>
/// The local host's maintenance timer (the Functions app: MaintenanceFunctions): refreshes the health gauges every
/// Alerts__RefreshSeconds, and purges finished instances past their retention every Retention__TickHours, first at start.
/// </summary>
public sealed class MaintenanceTicker(
    IServiceProvider services,
    IOptions<AlertOptions> alerts,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<MaintenanceTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var purgeEvery = TimeSpan.FromHours(Math.Max(1, retention.Value.TickHours));
        DateTimeOffset? lastPurge = null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, alerts.Value.RefreshSeconds)), time);
        do
        {
            try
            {
                var durable = services.GetRequiredService<DurableTaskClient>();
                await services.GetRequiredService<WorkflowHealthProbe>().RefreshAsync(durable, stoppingToken);
                if (lastPurge is null || time.GetUtcNow() - lastPurge >= purgeEvery)
                {
                    var run = await services.GetRequiredService<InstanceRetention>().PurgeExpiredAsync(durable, stoppingToken);
                    lastPurge = time.GetUtcNow();
                    if (run.Purged > 0) logger.LogInformation("Retention: {Purged} finished instances summarised and purged", run.Purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage or the engine not reachable: the next tick tries again; nothing is purged before its summary is stored.
                logger.LogWarning(e, "Maintenance tick failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
