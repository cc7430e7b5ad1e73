using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

public sealed record PublishRetry(string RequestedBy);

/// <summary>
/// One report's life, one instance per (agency, year) with the id "report-{agencyId}-{year}": drafting; review rounds
/// through the 三审三校 chain (a rejection at any level returns it to the drafter, the next submission starts a new
/// round at level 1); approval; 报送 to the supervising office; publication.
/// Registered as "ReportWorkflow_v1". A change that alters the sequence of awaited tasks must become
/// ReportWorkflowV2 under a new name, with this class kept registered until no instance runs it (reviews last weeks).
/// Deterministic: time only from the context, every I/O in an activity.
/// </summary>
public sealed class ReportWorkflowV1 : TaskOrchestrator<ReportWorkflowInput, ReportOutcome>
{
    // The Functions host accepts only letters, digits, '_' and '-' in function names (it skips any other at start).
    public const string Name = "ReportWorkflow_v1";

    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1)));

    public override async Task<ReportOutcome> RunAsync(TaskOrchestrationContext context, ReportWorkflowInput input)
    {
        var report = new ReportRef(input.AgencyId, input.AgencyName, input.Year);
        context.SetCustomStatus(new StageChange(input.AgencyId, input.Year, ReportStages.Draft, 0, null, null, [input.Drafter],
            input.Deadline, null, null, null, null, null, Now(context), "created").ToStatus());

        Submission submission;
        for (var round = 1; ; round++)
        {
            submission = await context.WaitForExternalEvent<Submission>(WorkflowEvents.Submit(round));
            var rejection = await ReviewRoundAsync(context, input, report, submission);
            if (rejection is null) break;

            var comment = $"{rejection.LevelName} {rejection.Reviewer.Name}: {rejection.Comment}";
            await EnterAsync(context, Change(input, submission, ReportStages.Draft, "rejected", [submission.Drafter]) with { Comment = comment });
            await NotifyDrafterAsync(context, report, submission, DrafterNoticeKinds.Rejected, rejection);
        }

        await EnterAsync(context, Change(input, submission, ReportStages.Approved, "approved", []));
        await NotifyDrafterAsync(context, report, submission, DrafterNoticeKinds.Approved);

        var publication = await DeliverAndPublishAsync(context, input, report, submission);
        await EnterAsync(context, Change(input, submission, ReportStages.Published, "published", []) with { PublishedUrl = publication.Url });
        await NotifyDrafterAsync(context, report, submission, DrafterNoticeKinds.Published, publishedUrl: publication.Url);
        return new ReportOutcome(ReportStages.Published, submission.Round, publication.Url);
    }

    /// <summary>Level after level; returns the rejecting decision, or null when every level approved.</summary>
    private static async Task<ReviewDecision?> ReviewRoundAsync(
        TaskOrchestrationContext context, ReportWorkflowInput input, ReportRef report, Submission submission)
    {
        for (var index = 0; index < submission.Chain.Count; index++)
        {
            var level = submission.Chain[index];
            var startedAt = Now(context);
            var request = new ReviewRequest($"{context.InstanceId}:R{submission.Round}:L{index + 1}:review", report, index + 1, level.Name,
                submission.Round, level.Reviewers, submission.VersionNumber, submission.Sha256, startedAt,
                StageDue.After(startedAt, submission.Reminders), input.Deadline);

            // The index must show the level before any reviewer is asked: a decision is checked against it.
            await EnterAsync(context, Change(input, submission, ReportStages.InReview, "level-started", level.Reviewers) with
            {
                Level = request.Level, LevelName = level.Name, LevelDueAt = request.LevelDueAt,
            });
            await context.CallActivityAsync<string>(RequestReview.Name, request, Retry);

            if (await AwaitLevelAsync(context, level, request, submission.Drafter) is { } rejection) return rejection;
        }
        return null;
    }

    /// <summary>
    /// Waits for the level's decisions ("any": the first; "all": every reviewer's approval, a rejection ends it), with a
    /// reminder when the level falls due and an escalation one period later. The one wait for the decision event is kept
    /// across reminders (never cancelled and re-created, which could lose an event); each losing timer is cancelled.
    /// </summary>
    private static async Task<ReviewDecision?> AwaitLevelAsync(
        TaskOrchestrationContext context, ReviewLevel level, ReviewRequest request, Person drafter)
    {
        var eventName = WorkflowEvents.Decision(request.Level, request.Round);
        var undecided = level.Reviewers.ToList();
        var period = request.LevelDueAt - request.RequestedAt;
        var nextReminderAt = request.LevelDueAt;
        var remindersSent = 0;
        var decision = context.WaitForExternalEvent<ReviewDecision>(eventName);
        while (true)
        {
            if (remindersSent < 2 && !decision.IsCompleted)
            {
                using var cancelTimer = new CancellationTokenSource();
                var timer = context.CreateTimer(nextReminderAt.UtcDateTime, cancelTimer.Token);
                if (await Task.WhenAny(decision, timer) == timer)
                {
                    remindersSent++;
                    var kind = remindersSent == 1 ? ReminderKinds.Reminder : ReminderKinds.Escalation;
                    await context.CallActivityAsync<string>(SendStageReminder.Name, new StageReminder(
                        $"{request.NotificationId}:{kind}", kind, request, undecided.ToList(), drafter, Now(context)), Retry);
                    nextReminderAt += period;
                    continue;
                }
                cancelTimer.Cancel();
            }

            var received = await decision;
            if (!received.Approved) return received;
            undecided.RemoveAll(p => p.Key == received.Reviewer.Key);
            if (level.Rule != ReviewRules.All || undecided.Count == 0) return null;
            decision = context.WaitForExternalEvent<ReviewDecision>(eventName);
        }
    }

    /// <summary>
    /// 报送 then publication, each with retries. After the last failed attempt of either, the report is PublishFailed
    /// (holder: the drafter) until a retry is requested by the event "Publish-A{n}"; steps already done are not repeated.
    /// </summary>
    private static async Task<Publication> DeliverAndPublishAsync(
        TaskOrchestrationContext context, ReportWorkflowInput input, ReportRef report, Submission submission)
    {
        FinalArtifacts? artifacts = null;
        var delivered = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The retry policy of 报送 and the portal push is configuration (Publishing__Retry*), read through an activity so a replay keeps it.
                var publishRetry = (await context.CallActivityAsync<PublishingPolicy>(ReadPublishingPolicy.Name, null, Retry)).ToTaskOptions();
                artifacts ??= await context.CallActivityAsync<FinalArtifacts>(StoreFinalArtifacts.Name,
                    new FinalArtifactsRequest(input.AgencyId, input.Year, submission.Round, submission.VersionNumber, submission.Sha256), Retry);
                if (!delivered)
                {
                    await context.CallActivityAsync<DeliveryReceipt>(DeliverReport.Name, new DeliveryRequest(
                        $"{context.InstanceId}:R{submission.Round}:delivery", report, submission.SupervisingOfficeEmail, submission.Round, artifacts),
                        publishRetry);
                    delivered = true;
                    await EnterAsync(context, Change(input, submission, ReportStages.Submitted, "submitted", []));
                    await NotifyDrafterAsync(context, report, submission, DrafterNoticeKinds.Submitted);
                }
                await EnterAsync(context, Change(input, submission, ReportStages.Publishing, $"publishing-{attempt}", []));
                return await context.CallActivityAsync<Publication>(PublishReport.Name,
                    new PublicationRequest($"{context.InstanceId}:v{submission.VersionNumber}", report, artifacts), publishRetry);
            }
            catch (TaskFailedException failure)
            {
                var reason = $"{(delivered ? "发布" : "报送")}失败: {failure.FailureDetails.ErrorMessage}";
                // Before the stage changes: once PublishFailed shows, POST …/publish finds the failed cycle recorded.
                await context.CallActivityAsync<string>(NotifyPublishFailed.Name, new PublishFailure(
                    $"{context.InstanceId}:v{submission.VersionNumber}:publish-failed:{attempt}", report, submission.VersionNumber, attempt, reason, Now(context)), Retry);
                await EnterAsync(context, Change(input, submission, ReportStages.PublishFailed, $"publish-failed-{attempt}", [submission.Drafter])
                    with { Comment = reason });
                await NotifyDrafterAsync(context, report, submission, DrafterNoticeKinds.PublishFailed, comment: reason, attempt: attempt);
                await context.WaitForExternalEvent<PublishRetry>(WorkflowEvents.RetryPublish(attempt + 1));
            }
        }
    }

    /// <summary>
    /// Records the stage in the index and the audit log (the RecordStage activity), then shows it in the custom status:
    /// whoever sees the new stage in the status (a client, a reviewer's e-mail sent after this) finds the index
    /// agreeing, so a decision is not refused as stale.
    /// </summary>
    private static async Task EnterAsync(TaskOrchestrationContext context, StageChange change)
    {
        change = change with { At = Now(context) };
        await context.CallActivityAsync<string>(RecordStage.Name, change, Retry);
        context.SetCustomStatus(change.ToStatus());
    }

    private static Task NotifyDrafterAsync(
        TaskOrchestrationContext context, ReportRef report, Submission submission, string kind,
        ReviewDecision? decision = null, string? publishedUrl = null, string? comment = null, int attempt = 1) =>
        context.CallActivityAsync<string>(NotifyDrafter.Name, new DrafterNotice(
            $"{context.InstanceId}:R{submission.Round}:{kind}:{attempt}", kind, report, submission.Drafter, submission.Round,
            decision?.Level, decision?.LevelName, decision?.Reviewer, decision?.Comment ?? comment, publishedUrl, Now(context)), Retry);

    private static StageChange Change(ReportWorkflowInput input, Submission submission, string stage, string action, IReadOnlyList<Person> holder) =>
        new(input.AgencyId, input.Year, stage, submission.Round, null, null, holder, input.Deadline, submission.VersionNumber,
            submission.Sha256, null, null, null, At: default, action);

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(context.CurrentUtcDateTime, TimeSpan.Zero);
}
