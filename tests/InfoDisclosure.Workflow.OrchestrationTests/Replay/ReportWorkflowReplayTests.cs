using DurableTask.Core.History;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.OrchestrationTests.Harness;
using InfoDisclosure.Workflow.Review;
using static InfoDisclosure.Workflow.OrchestrationTests.Harness.WorkflowWorld;

namespace InfoDisclosure.Workflow.OrchestrationTests.Replay;

/// <summary>
/// <see cref="ReportWorkflowV1"/> against the recorded history of a full chain (Replay/README.md says how it was
/// recorded). Reviews last weeks, so instances started by today's code are replayed by tomorrow's: a change to the
/// sequence of awaited tasks fails here, and must become ReportWorkflowV2 under a new name.
/// </summary>
public sealed class ReportWorkflowReplayTests
{
    public const string RecordedFile = "report-workflow-v1.full-chain.json";

    private static string SourcePath => Path.Combine(TestPaths.RepoRoot, "tests", "InfoDisclosure.Workflow.OrchestrationTests", "Replay", RecordedFile);

    private static void AssertReplaysAsRecorded(IReadOnlyList<HistoryEvent> history)
    {
        foreach (var episode in HistoryReplay.Episodes(history))
        {
            Assert.True(episode.Replayed.SequenceEqual(episode.Recorded),
                $"Episode {episode.Number} (received: {string.Join(", ", episode.Received)}) recorded [{string.Join(", ", episode.Recorded)}]"
                + $" but the orchestrator now decides [{string.Join(", ", episode.Replayed)}]");
        }
    }

    [Fact]
    public void The_recorded_full_chain_replays_without_non_determinism_and_every_step_decides_what_was_recorded()
    {
        var history = HistoryReplay.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", RecordedFile)));
        var episodes = HistoryReplay.Episodes(history);

        // The recording is the chain the README describes: a rejected round, a reminder, three levels approved, 报送, publication.
        Assert.Contains(history, e => e is EventRaisedEvent { Name: "Submit-R2" });
        Assert.Contains(history, e => e is TimerFiredEvent);
        Assert.Contains(history, e => e is TaskScheduledEvent { Name: DeliverReport.Name });
        Assert.Contains("complete Completed", episodes[^1].Recorded.LastOrDefault() ?? "");
        AssertReplaysAsRecorded(history);

        // The whole history as past: the orchestrator ends where the recording ended, completed.
        var final = HistoryReplay.Execute(history.ToList(), []);
        var completion = Assert.IsType<DurableTask.Core.Command.OrchestrationCompleteOrchestratorAction>(Assert.Single(final.Actions));
        Assert.Equal(DurableTask.Core.OrchestrationStatus.Completed, completion.OrchestrationStatus);
    }

    /// <summary>
    /// Runs the recorded chain on the in-process host and checks that its fresh history replays as well (so the
    /// replay itself is sound); with RECORD_REPLAY_HISTORY=1 it also writes that history over the recorded file.
    /// </summary>
    [Fact]
    public async Task A_fresh_run_of_the_chain_replays_as_it_ran_and_can_be_recorded()
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("replay"));

        var first = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, first);
        await world.ReviewRequested(1, 1);
        await world.DecideAsync(id, first, 1, "li", Decisions.Approve);
        await world.ReviewRequested(1, 2);
        await world.DecideAsync(id, first, 2, "chen", Decisions.Reject, "第三部分数字不符");
        await world.DrafterTold(DrafterNoticeKinds.Rejected, 1);

        // Round 2: level 1 left overdue until its reminder, later levels decided within their (one day) period.
        var second = Submission(2, ThreeLevels(), dueAfter: TimeSpan.FromSeconds(1));
        await world.SubmitAsync(id, second);
        await world.ReviewRequested(2, 1);
        await world.Next<StageReminder>(r => r.Request.Round == 2 && r.Kind == ReminderKinds.Reminder);
        await world.DecideAsync(id, second, 1, "zhao", Decisions.Approve);
        await world.ReviewRequested(2, 2);
        await world.DecideAsync(id, second, 2, "chen", Decisions.Approve);
        await world.ReviewRequested(2, 3);
        await world.DecideAsync(id, second, 3, "zhou", Decisions.Approve);
        await world.CompletedAsync(id);

        var history = world.Host.History(id);
        AssertReplaysAsRecorded(HistoryReplay.Deserialize(HistoryReplay.Serialize(history)));
        if (Environment.GetEnvironmentVariable("RECORD_REPLAY_HISTORY") == "1")
        {
            File.WriteAllText(SourcePath, HistoryReplay.Serialize(history) + "\n");
        }
    }
}
