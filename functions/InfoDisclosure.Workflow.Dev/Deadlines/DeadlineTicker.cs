using InfoDisclosure.Workflow.Deadlines;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Dev.Deadlines;

/// <summary>The local host's timer: runs <see cref="DeadlineJobs"/> every Deadlines__TickSeconds (default 30) on the injected clock.</summary>
public sealed class DeadlineTicker(
    IServiceProvider services,
    IOptions<DeadlineOptions> options,
    TimeProvider time,
    ILogger<DeadlineTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (time is DevClock dev)
        {
            logger.LogWarning("DevClock__StartAt: the clock started at {StartAt} and now reads {Now} (Beijing); durable timers keep real time.",
                Workflow.Notifications.BeijingTime.Iso(dev.StartAt), Workflow.Notifications.BeijingTime.Iso(time.GetUtcNow()));
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.TickSeconds)), time);
        do
        {
            try
            {
                var durable = services.GetRequiredService<DurableTaskClient>();
                var (rollOver, reminders) = await services.GetRequiredService<DeadlineJobs>().RunAsync(durable, stoppingToken);
                if (rollOver.Created + reminders.Sent + reminders.Failed + rollOver.Failed > 0)
                {
                    logger.LogInformation("Deadline tick: {Created} new-year reports, {Sent} reminders sent, {Failed} failed",
                        rollOver.Created, reminders.Sent, reminders.Failed + rollOver.Failed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage or mail down: the next tick tries again; nothing was marked sent that was not.
                logger.LogWarning(e, "Deadline tick failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
