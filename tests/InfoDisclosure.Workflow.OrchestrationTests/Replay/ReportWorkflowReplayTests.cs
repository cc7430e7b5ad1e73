using DurableTask.Core.History;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.OrchestrationTests.Harness;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review;
using Microsoft.DurableTask;
using static InfoDisclosure.Workflow.OrchestrationTests.Harness.WorkflowWorld;

namespace InfoDisclosure.Workflow.OrchestrationTests.Replay;

/// <summary>
/// Each registered report orchestrator against the recorded history of a full chain (Replay/README.md says how each
/// was recorded). Reviews last weeks, so instances started by today's code are replayed by tomorrow's: a change to the
/// sequence of awaited tasks of a registered version fails here, and must become a new version under a new name.
/// </summary>
public sealed class ReportWorkflowReplayTests
{
    /// <summary>Every version with a recording: its name, its class, and whether its chain includes outages (v2 on: durable sends).</summary>
    private static readonly Dictionary<string, (Func<ITaskOrchestrator> Create, bool Outages)> Versions = new()
    {
        [ReportWorkflowV1.Name] = (() => new ReportWorkflowV1(), false),
        [ReportWorkflowV2.Name] = (() => new ReportWorkflowV2(), true),
        [ReportWorkflowV3.Name] = (() => new ReportWorkflowV3(), true),
    };

    public static TheoryData<string> Recorded => new(Versions.Keys);

    private static string RecordedFile(string orchestrator) => $"{orchestrator.Replace("ReportWorkflow_", "report-workflow-", StringComparison.Ordinal)}.full-chain.json";

    private static string SourcePath(string orchestrator) =>
        Path.Combine(TestPaths.RepoRoot, "tests", "InfoDisclosure.Workflow.OrchestrationTests", "Replay", RecordedFile(orchestrator));

    private static void AssertReplaysAsRecorded(string orchestrator, IReadOnlyList<HistoryEvent> history)
    {
        foreach (var episode in HistoryReplay.Episodes(Versions[orchestrator].Create, history))
        {
            Assert.True(episode.Replayed.SequenceEqual(episode.Recorded),
                $"{orchestrator} episode {episode.Number} (received: {string.Join(", ", episode.Received)}) recorded [{string.Join(", ", episode.Recorded)}]"
                + $" but the orchestrator now decides [{string.Join(", ", episode.Replayed)}]");
        }
    }

    [Theory]
    [MemberData(nameof(Recorded))]
    public void The_recorded_full_chain_replays_without_non_determinism_and_every_step_decides_what_was_recorded(string orchestrator)
    {
        var history = HistoryReplay.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", RecordedFile(orchestrator))));
        var episodes = HistoryReplay.Episodes(Versions[orchestrator].Create, history);

        // The recording is the chain the README describes: a rejected round, a reminder, three levels approved, 报送, publication.
        Assert.Equal(orchestrator, history.OfType<ExecutionStartedEvent>().Single().Name);
        Assert.Contains(history, e => e is EventRaisedEvent { Name: "Submit-R2" });
        Assert.Contains(history, e => e is TimerFiredEvent);
        Assert.Contains(history, e => e is TaskScheduledEvent { Name: DeliverReport.Name or DeliverAndRecord.Name });
        if (Versions[orchestrator].Outages)
        {
            // A failed e-mail and a failed push (each failing, then recovered), retried on durable timers.
            Assert.True(history.OfType<TaskScheduledEvent>().Count(e => e.Name == RecordSendingState.Name) >= 4);
        }
        Assert.Contains("complete Completed", episodes[^1].Recorded.LastOrDefault() ?? "");
        AssertReplaysAsRecorded(orchestrator, history);

        // The whole history as past: the orchestrator ends where the recording ended, completed.
        var final = HistoryReplay.Execute(Versions[orchestrator].Create, history.ToList(), []);
        var completion = Assert.IsType<DurableTask.Core.Command.OrchestrationCompleteOrchestratorAction>(Assert.Single(final.Actions));
        Assert.Equal(DurableTask.Core.OrchestrationStatus.Completed, completion.OrchestrationStatus);
    }

    /// <summary>
    /// Runs the recorded chain on the in-process host and checks that its fresh history replays as well (so the
    /// replay itself is sound); with RECORD_REPLAY_HISTORY set to the orchestrator's name it also writes that history
    /// over its recorded file (only for a version not yet deployed: README.md).
    /// </summary>
    [Theory]
    [MemberData(nameof(Recorded))]
    public async Task A_fresh_run_of_the_chain_replays_as_it_ran_and_can_be_recorded(string orchestrator)
    {
        var outages = Versions[orchestrator].Outages;
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("replay"), orchestrator);

        var first = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, first);
        await world.ReviewRequested(1, 1);
        await world.DecideAsync(id, first, 1, "li", Decisions.Approve);
        await world.ReviewRequested(1, 2);
        await world.DecideAsync(id, first, 2, "chen", Decisions.Reject, "第三部分数字不符");
        await world.DrafterTold(DrafterNoticeKinds.Rejected, 1);

        // Round 2: level 1 left overdue until its reminder, later levels decided within their (one day) period.
        // With outages: the mail server is down when level 1 is requested, and the portal answers 503 once.
        var second = Submission(2, ThreeLevels(), dueAfter: TimeSpan.FromSeconds(1));
        world.Outside.MailDown = outages;
        if (outages) world.Outside.PortalAnswers(new PortalPushException("The portal answered HTTP 503 Service Unavailable; retrying.", 503));
        await world.SubmitAsync(id, second);
        if (outages)
        {
            await world.Next<SendingState>(s => s.Failing);
            world.Outside.MailDown = false;
        }
        await world.ReviewRequested(2, 1);
        await world.Next<StageReminder>(r => r.Request.Round == 2 && r.Kind == ReminderKinds.Reminder);
        await world.DecideAsync(id, second, 1, "zhao", Decisions.Approve);
        await world.ReviewRequested(2, 2);
        await world.DecideAsync(id, second, 2, "chen", Decisions.Approve);
        await world.ReviewRequested(2, 3);
        await world.DecideAsync(id, second, 3, "zhou", Decisions.Approve);
        await world.CompletedAsync(id);

        var history = world.Host.History(id);
        AssertReplaysAsRecorded(orchestrator, HistoryReplay.Deserialize(HistoryReplay.Serialize(history)));
        if (Environment.GetEnvironmentVariable("RECORD_REPLAY_HISTORY") == orchestrator)
        {
            File.WriteAllText(SourcePath(orchestrator), HistoryReplay.Serialize(history) + "\n");
        }
    }
}
