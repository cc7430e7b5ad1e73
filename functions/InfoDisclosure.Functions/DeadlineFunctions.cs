using InfoDisclosure.Workflow.Deadlines;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Functions;

/// <summary>
/// The deadline timer: every 15 minutes (UTC cron; 01:00 UTC is 09:00 Beijing, so reminders go out on the hour) it runs
/// the January 1 roll-over and the due deadline reminders. The local host runs the same <see cref="DeadlineJobs"/> from
/// its ticker; the mail ledger makes both, and any overlap, send each reminder once.
/// </summary>
public sealed class DeadlineFunctions(DeadlineJobs jobs, ILogger<DeadlineFunctions> logger)
{
    [Function("Deadlines_Tick")]
    public async Task TickAsync([TimerTrigger("0 */15 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        var (rollOver, reminders) = await jobs.RunAsync(durable, ct);
        logger.LogInformation("Deadline tick: {Created} new-year reports, {Sent} reminders sent ({Already} already sent, {Failed} failed)",
            rollOver.Created, reminders.Sent, reminders.AlreadySent, reminders.Failed + rollOver.Failed);
    }
}
