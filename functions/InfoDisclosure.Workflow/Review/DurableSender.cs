using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Publishing;
using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

/// <summary>What a send is, which decides its retry budget and what happens when the budget is spent.</summary>
public enum SendKind
{
    /// <summary>An e-mail (Sending__*): after the give-up time the orchestration waits for an administrator's resend.</summary>
    Notification,

    /// <summary>报送 (Sending__*): after the give-up time, PublishFailed.</summary>
    Delivery,

    /// <summary>The portal push (Publishing__Retry*: a number of attempts): then PublishFailed.</summary>
    PortalPush,
}

public enum SendStatus
{
    Sent,

    /// <summary>A permanent failure (<see cref="PermanentSendFailure"/>, e.g. a 4xx), or the budget of 报送 or the push is spent.</summary>
    Failed,

    /// <summary>The caller's reason to send went away while it was failing (a reminder whose level was decided).</summary>
    Abandoned,
}

public sealed record SendOutcome<T>(SendStatus Status, T? Value, string? Error);

/// <summary>
/// The sends of ReportWorkflow_v2 and v3 to the outside, retried durably: a failed attempt is followed by a durable timer
/// (doubling, capped), never by an activity retry inside one episode, so a mail server down for hours costs nothing but
/// timers. While a send fails the report stays where it is, the custom status and the index show notificationFailed,
/// and an administrator's resend (event <see cref="WorkflowEvents.Resend"/>) tries at once. Part of the orchestration:
/// deterministic, configuration only through recorded activities.
/// </summary>
internal sealed class DurableSender(TaskOrchestrationContext context, ReportRef report, StageChange shown)
{
    private static readonly TaskOptions StorageRetry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1)));

    private SendingPolicy? _sending;
    private PublishingPolicy? _publishing;
    private Task<ResendRequest>? _resend;

    /// <summary>What the custom status shows now.</summary>
    public StageChange Shown { get; private set; } = shown;

    public void Show(StageChange change)
    {
        Shown = change;
        context.SetCustomStatus(change.ToStatus());
    }

    /// <summary>
    /// Calls the activity until it succeeds, fails permanently, spends its budget (<see cref="SendKind"/>), or
    /// <paramref name="abandonWhen"/> completes while waiting between attempts.
    /// </summary>
    public Task<SendOutcome<T>> SendAsync<T>(string activity, object input, string what, SendKind kind, Task? abandonWhen = null) =>
        SendAsync<T>(activity, input, what, kind, abandonWhen, firstError: null);

    /// <summary>
    /// The same for a send whose first attempt a merged activity of ReportWorkflow_v3 made (<see cref="SendAttempt"/>):
    /// nothing more when it went through (the value is then the merged activity's to give), PublishFailed's
    /// <see cref="SendStatus.Failed"/> when it failed permanently, else the retries above with <paramref name="activity"/>.
    /// </summary>
    public async Task<SendOutcome<T>> RetryAsync<T>(SendAttempt first, string activity, object input, string what, SendKind kind)
    {
        if (first.Sent) return new(SendStatus.Sent, default, null);
        if (first.Permanent) return new(SendStatus.Failed, default, first.Error);
        return await SendAsync<T>(activity, input, what, kind, abandonWhen: null, first.Error);
    }

    private async Task<SendOutcome<T>> SendAsync<T>(string activity, object input, string what, SendKind kind, Task? abandonWhen, string? firstError)
    {
        DateTimeOffset? failingSince = null;
        DateTimeOffset budgetFrom = default;
        var failures = 0;
        while (true)
        {
            string error;
            if (firstError is not null)
            {
                (error, firstError) = (firstError, null);
            }
            else
            {
                try
                {
                    var result = await context.CallActivityAsync<T>(activity, input);
                    if (failingSince is { } since) await RecordAsync(what, false, failures, "sent", since, true);
                    return new(SendStatus.Sent, result, null);
                }
                catch (TaskFailedException e) when (e.FailureDetails.IsCausedBy<PermanentSendFailure>())
                {
                    if (failingSince is { } since) await RecordAsync(what, false, failures, "failed permanently", since, false);
                    return new(SendStatus.Failed, default, e.FailureDetails.ErrorMessage);
                }
                catch (TaskFailedException e)
                {
                    error = e.FailureDetails.ErrorMessage;
                }
            }

            failures++;
            if (failingSince is null) budgetFrom = Now;
            failingSince ??= Now;
            var delay = await NextDelayAsync(kind, failures, Now - budgetFrom);
            if (delay is null && kind != SendKind.Notification)
            {
                // PublishFailed says it from here on, with the error; the flag is for sends still being retried.
                await RecordAsync(what, false, failures, error, failingSince.Value, false);
                return new(SendStatus.Failed, default, error);
            }
            await RecordAsync(what, true, failures, error, failingSince.Value, delay is not null);

            _resend ??= context.WaitForExternalEvent<ResendRequest>(WorkflowEvents.Resend);
            using var cancelTimer = new CancellationTokenSource();
            var timer = delay is { } d ? context.CreateTimer(context.CurrentUtcDateTime + d, cancelTimer.Token) : null;
            var waits = new List<Task> { _resend };
            if (timer is not null) waits.Add(timer);
            if (abandonWhen is not null) waits.Add(abandonWhen);
            var winner = await Task.WhenAny(waits);
            if (winner != timer) cancelTimer.Cancel();
            if (winner == _resend)
            {
                // Taken: the next failure waits for a new resend. An administrator's resend also restarts the budget.
                _resend = null;
                budgetFrom = Now;
                failures = kind == SendKind.PortalPush ? 0 : failures;
            }
            if (abandonWhen is not null && winner == abandonWhen)
            {
                await RecordAsync(what, false, failures, "no longer needed", failingSince.Value, false);
                return new(SendStatus.Abandoned, default, error);
            }
        }
    }

    /// <summary>The wait before the next attempt, or null when the budget is spent.</summary>
    private async Task<TimeSpan?> NextDelayAsync(SendKind kind, int failures, TimeSpan failingFor)
    {
        if (kind == SendKind.PortalPush)
        {
            _publishing ??= await context.CallActivityAsync<PublishingPolicy>(ReadPublishingPolicy.Name, null, StorageRetry);
            if (failures >= Math.Max(1, _publishing.Attempts)) return null;
            var first = _publishing.FirstInterval > TimeSpan.Zero ? _publishing.FirstInterval : TimeSpan.FromSeconds(1);
            var delay = first * Math.Pow(Math.Max(1, _publishing.Backoff), failures - 1);
            return _publishing.MaxInterval > TimeSpan.Zero && delay > _publishing.MaxInterval ? _publishing.MaxInterval : delay;
        }
        _sending ??= await context.CallActivityAsync<SendingPolicy>(ReadSendingPolicy.Name, null, StorageRetry);
        return failingFor >= _sending.GiveUpAfter ? null : _sending.DelayAfter(failures);
    }

    private async Task RecordAsync(string what, bool failing, int failures, string? error, DateTimeOffset since, bool automatic)
    {
        await context.CallActivityAsync<bool>(RecordSendingState.Name,
            new SendingState(report, what, failing, failures, error, since, automatic, Now), StorageRetry);
        if (Shown.NotificationFailed != failing) Show(Shown with { NotificationFailed = failing });
    }

    private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);
}
