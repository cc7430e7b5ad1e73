using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.OrchestrationTests.Harness;
using InfoDisclosure.Workflow.Review;
using static InfoDisclosure.Workflow.OrchestrationTests.Harness.WorkflowWorld;

namespace InfoDisclosure.Workflow.OrchestrationTests.Review;

/// <summary>
/// Reminders and escalation of an overdue level, in every report orchestrator version. Timers run in real time on this host, so the submissions set an exact
/// due span of one second (<see cref="StageReminderSettings.DueAfter"/>); the assertions read the orchestration's own times.
/// </summary>
public sealed class RemindersTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory]
    [MemberData(nameof(Versions), MemberType = typeof(WorkflowWorld))]
    public async Task An_overdue_level_reminds_its_reviewers_then_escalates_one_period_later_and_still_takes_the_decision(string orchestrator)
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("reminders"), orchestrator);
        var submission = Submission(1, ThreeLevels(), dueAfter: Second);
        await world.SubmitAsync(id, submission);

        var request = await world.ReviewRequested(1, 1);
        Assert.Equal(request.RequestedAt + Second, request.LevelDueAt);
        var reminder = await world.Next<StageReminder>(r => r.Request.Level == 1);
        Assert.Equal((ReminderKinds.Reminder, $"{id}:R1:L1:review:reminder"), (reminder.Kind, reminder.NotificationId));
        Assert.Equal(["li", "zhao"], reminder.Undecided.Select(p => p.Name));
        Assert.True(reminder.At >= request.LevelDueAt, $"reminded at {reminder.At:O}, due {request.LevelDueAt:O}");

        var escalation = await world.Next<StageReminder>(r => r.Request.Level == 1);
        Assert.Equal((ReminderKinds.Escalation, Drafter), (escalation.Kind, escalation.Drafter));
        Assert.True(escalation.At >= request.LevelDueAt + Second, $"escalated at {escalation.At:O}, due {request.LevelDueAt:O}");

        await world.DecideAsync(id, submission, 1, "li", Decisions.Approve);
        await world.ReviewRequested(1, 2);
    }

    [Theory]
    [MemberData(nameof(Versions), MemberType = typeof(WorkflowWorld))]
    public async Task The_reminder_of_an_all_level_goes_only_to_the_reviewers_who_have_not_decided(string orchestrator)
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("undecided"), orchestrator);
        var submission = Submission(1, ThreeLevels(ReviewRules.All), dueAfter: Second);
        await world.SubmitAsync(id, submission);
        // Raised with the submission, li's approval is waiting when the level starts: it is taken before any timer.
        await world.DecideAsync(id, submission, 1, "li", Decisions.Approve);

        var reminder = await world.Next<StageReminder>(r => r.Request.Level == 1);
        Assert.Equal(ReminderKinds.Reminder, reminder.Kind);
        Assert.Equal(["zhao"], reminder.Undecided.Select(p => p.Name));

        await world.DecideAsync(id, submission, 1, "zhao", Decisions.Approve);
        await world.ReviewRequested(1, 2);
    }
}
