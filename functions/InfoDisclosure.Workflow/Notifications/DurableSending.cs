using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>
/// How ReportWorkflow_v2 retries a send to the outside (e-mail, 报送, portal push) that fails (configuration section
/// "Sending": Sending__RetryFirstDelay, Sending__RetryMaxDelay, Sending__GiveUpAfter). Between attempts the orchestration
/// waits on a durable timer, so no host holds anything while a mail server is down. Defaults: 30 s, doubling, at most
/// 5 minutes apart, for 24 hours; then only an administrator's resend (or, for 报送 and the portal, PublishFailed) goes on.
/// </summary>
public sealed class SendingOptions
{
    public const string Section = "Sending";

    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>The sending policy as plain data, recorded in the history by <see cref="ReadSendingPolicy"/>.</summary>
public sealed record SendingPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan GiveUpAfter)
{
    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row: doubling from the first delay, capped.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var first = FirstDelay > TimeSpan.Zero ? FirstDelay : TimeSpan.FromSeconds(1);
        var cap = MaxDelay >= first ? MaxDelay : first;
        var delay = first;
        for (var i = 1; i < failures && delay < cap; i++) delay *= 2;
        return delay < cap ? delay : cap;
    }
}

/// <summary>
/// Reads Sending__* for the orchestrator when a send first fails: configuration is outside the orchestration, so it
/// comes through an activity and a replay uses the recorded value.
/// </summary>
public sealed class ReadSendingPolicy(IOptions<SendingOptions> options) : TaskActivity<string?, SendingPolicy>
{
    public const string Name = nameof(ReadSendingPolicy);

    public override Task<SendingPolicy> RunAsync(TaskActivityContext context, string? input)
    {
        var o = options.Value;
        return Task.FromResult(new SendingPolicy(o.RetryFirstDelay, o.RetryMaxDelay, o.GiveUpAfter));
    }
}

/// <summary>
/// A thrown exception of this type (or a subclass) tells ReportWorkflow_v2 that trying again cannot help (a portal or
/// delivery endpoint answered 4xx, the 报送 has no address): the report goes to PublishFailed at once. Any other failure
/// of a send is retried durably.
/// </summary>
public class PermanentSendFailure(string message) : Exception(message);

/// <summary>
/// A send is failing (<paramref name="Failing"/> true, after each failed attempt) or works again (false, once).
/// <paramref name="What"/> names the send (the activity and its notification id); <paramref name="AutomaticRetry"/> is
/// false once the give-up time passed and only a resend continues.
/// </summary>
public sealed record SendingState(
    ReportRef Report, string What, bool Failing, int Failures, string? Error, DateTimeOffset FailingSince, bool AutomaticRetry, DateTimeOffset At);

/// <summary>Stable log event ids of sending, which the alerting reads.</summary>
public static class SendingEvents
{
    /// <summary>Error: a send to the outside failed again; the report's notificationFailed flag is on.</summary>
    public static readonly EventId NotificationFailing = new(7101, nameof(NotificationFailing));

    /// <summary>Information: a send that was failing went through (or stopped: permanent failure, no longer needed); the flag is off.</summary>
    public static readonly EventId NotificationRecovered = new(7102, nameof(NotificationRecovered));
}

/// <summary>
/// Shows a failing send where people look: the report index (notificationFailed in the status API and the overview),
/// one audit entry per failing episode, and an Error log "NotificationFailing" per failed attempt for the administrator's
/// alert. Safe to run twice.
/// </summary>
public sealed class RecordSendingState(ReportIndex index, AuditLog audit, ILogger<RecordSendingState> logger) : TaskActivity<SendingState, bool>
{
    public const string Name = nameof(RecordSendingState);

    public override async Task<bool> RunAsync(TaskActivityContext context, SendingState state)
    {
        var (agencyId, year) = (state.Report.AgencyId, state.Report.Year);
        if (state.Failing)
        {
            // The notification id ends in its kind (review, reminder, delivery…): a tag with few values.
            WorkflowTelemetry.NotificationFailing(state.What[(state.What.LastIndexOf(':') + 1)..]);
            logger.LogError(SendingEvents.NotificationFailing,
                "Sending {What} for {Report} failed {Failures} time(s) since {FailingSince:O}; {Retry}. Last error: {Error}",
                state.What, StorageNames.ReportKey(agencyId, year), state.Failures, state.FailingSince,
                state.AutomaticRetry ? "retrying on a durable timer" : "automatic retries stopped: POST …/resend to try again",
                state.Error);
        }
        else
        {
            logger.LogInformation(SendingEvents.NotificationRecovered, "Sending {What} for {Report} is no longer failing ({Outcome}) after {Failures} failure(s).",
                state.What, StorageNames.ReportKey(agencyId, year), state.Error, state.Failures);
        }
        await index.UpdateAsync(agencyId, year, e => e with
        {
            NotificationFailed = state.Failing,
            NotificationError = state.Failing ? $"{state.What}: {state.Error}" : null,
            NotificationFailingSince = state.Failing ? state.FailingSince : null,
        }, CancellationToken.None);
        await audit.AppendOnceAsync(StorageNames.ReportKey(agencyId, year),
            // One entry per failing episode (its start), one when it ends.
            new AuditEntry(state.Failing ? state.FailingSince : state.At, "workflow", state.Failing ? "notification-failing" : "notification-recovered",
                $"{state.What}: {state.Error ?? "sent"}", null, null, null, null),
            $"wf-notification-{(state.Failing ? "failing" : "recovered")}-{state.FailingSince.UtcTicks}-{Uri.EscapeDataString(state.What)}",
            CancellationToken.None);
        return state.Failing;
    }
}
