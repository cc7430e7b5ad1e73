using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Newtonsoft.Json;

namespace InfoDisclosure.Workflow.OrchestrationTests.Replay;

/// <summary>
/// Replays a report orchestrator over a history with DurableTask.Core's executor, as the worker does for each
/// work item (<c>GrpcOrchestrationRunner</c>): the runtime state built from the past events plus the new ones, the
/// orchestrator wrapped by <see cref="DurableTaskShimFactory"/>.
/// </summary>
public static class HistoryReplay
{
    /// <summary>History events as DurableTask.Core's own JSON stores them: each with its concrete type named.</summary>
    private static readonly JsonSerializerSettings Json = new()
    {
        TypeNameHandling = TypeNameHandling.Objects,
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateParseHandling = DateParseHandling.None,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        NullValueHandling = NullValueHandling.Ignore,
        Formatting = Formatting.Indented,
    };

    public static string Serialize(IReadOnlyList<HistoryEvent> history) => JsonConvert.SerializeObject(history, Json);

    public static IReadOnlyList<HistoryEvent> Deserialize(string json) =>
        JsonConvert.DeserializeObject<List<HistoryEvent>>(json, Json) ?? throw new InvalidDataException("no history");

    /// <summary>One work item of the engine: the events it saw, what it decided, and what the orchestrator decides now.</summary>
    public sealed record Episode(int Number, IReadOnlyList<string> Received, IReadOnlyList<string> Recorded, IReadOnlyList<string> Replayed);

    /// <summary>
    /// Each episode of the history replayed on its own: the events before it as past, its incoming events as new.
    /// What the orchestrator decides must be what the history records it decided then (the same tasks, timers and
    /// completion, with the same ids) — otherwise an instance that ran the old code fails on the new.
    /// </summary>
    public static IReadOnlyList<Episode> Episodes(Func<ITaskOrchestrator> orchestrator, IReadOnlyList<HistoryEvent> history)
    {
        var starts = Enumerable.Range(0, history.Count).Where(i => history[i] is OrchestratorStartedEvent).Append(history.Count).ToList();
        var episodes = new List<Episode>();
        for (var k = 0; k + 1 < starts.Count; k++)
        {
            var past = history.Take(starts[k]).ToList();
            var events = history.Skip(starts[k]).Take(starts[k + 1] - starts[k]).ToList();
            var incoming = events.Where(IsIncoming).ToList();
            var decided = events.Where(e => !IsIncoming(e) && e is not OrchestratorCompletedEvent).Select(Describe).ToList();
            var result = Execute(orchestrator, past, incoming);
            episodes.Add(new Episode(k + 1, incoming.Select(Describe).ToList(), decided, result.Actions.Select(Describe).ToList()));
        }
        return episodes;
    }

    /// <param name="orchestrator">A new instance of the orchestrator class, as the worker creates one per work item.</param>
    public static OrchestratorExecutionResult Execute(Func<ITaskOrchestrator> orchestrator, IList<HistoryEvent> past, IEnumerable<HistoryEvent> incoming)
    {
        var state = new OrchestrationRuntimeState(past);
        foreach (var e in incoming) state.AddEvent(e);
        var shim = DurableTaskShimFactory.Default.CreateOrchestration(new TaskName(state.Name), orchestrator());
        return new TaskOrchestrationExecutor(state, shim, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();
    }

    /// <summary>Events the engine hands to the orchestrator (the rest it writes from the orchestrator's decisions).</summary>
    private static bool IsIncoming(HistoryEvent e) => e is OrchestratorStartedEvent or ExecutionStartedEvent or TaskCompletedEvent
        or TaskFailedEvent or TimerFiredEvent or EventRaisedEvent or ExecutionTerminatedEvent or SubOrchestrationInstanceCompletedEvent
        or SubOrchestrationInstanceFailedEvent or ExecutionSuspendedEvent or ExecutionResumedEvent;

    private static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent t => $"#{t.EventId} call {t.Name}",
        TimerCreatedEvent t => $"#{t.EventId} timer {Utc(t.FireAt)}",
        ExecutionCompletedEvent c => $"complete {c.OrchestrationStatus} {c.Result}",
        TaskCompletedEvent t => $"result of #{t.TaskScheduledId}",
        TaskFailedEvent t => $"failure of #{t.TaskScheduledId}",
        TimerFiredEvent t => $"timer #{t.TimerId} fired",
        EventRaisedEvent r => $"event {r.Name}",
        _ => e.EventType.ToString(),
    };

    private static string Describe(OrchestratorAction a) => a switch
    {
        ScheduleTaskOrchestratorAction t => $"#{t.Id} call {t.Name}",
        CreateTimerOrchestratorAction t => $"#{t.Id} timer {Utc(t.FireAt)}",
        OrchestrationCompleteOrchestratorAction c => $"complete {c.OrchestrationStatus} {c.Result}"
            + (c.FailureDetails is { } f ? $" {f.ErrorType}: {f.ErrorMessage}" : ""),
        _ => $"#{a.Id} {a.OrchestratorActionType}",
    };

    private static string Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
