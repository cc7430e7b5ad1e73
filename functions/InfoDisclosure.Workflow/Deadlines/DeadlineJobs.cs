using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>What both hosts' timers run: the January 1 roll-over, then the deadline reminders.</summary>
public sealed class DeadlineJobs(NextYearDrafts rollOver, DeadlineReminderService reminders)
{
    public async Task<(RollOverRun RollOver, ReminderRun Reminders)> RunAsync(DurableTaskClient durable, CancellationToken ct)
    {
        var created = await rollOver.RunDueAsync(durable, ct);
        var sent = await reminders.RunDueAsync(ct);
        return (created, sent);
    }
}
