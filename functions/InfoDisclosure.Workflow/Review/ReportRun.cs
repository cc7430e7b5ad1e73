using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// One run of a report's orchestration from ReportWorkflow_v2 on: the stages, rounds, levels, recovery and the
/// publication cycles, the same in every version. What a version changes is how a step reaches storage and the outside
/// (which activities, in which order), so each version implements the steps and keeps its own awaited sequence:
/// <see cref="ReportWorkflowV2"/> one activity per I/O, <see cref="ReportWorkflowV3"/> merged ones.
/// Deterministic: time only from the context, every I/O in an activity.
/// </summary>
internal abstract class ReportRun
{
    // Storage steps (index, audit, artifacts) keep a short activity retry: a failure there is a bug or an outage of
    // the engine's own storage, not of something outside.
    protected static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1)));

    protected ReportRun(TaskOrchestrationContext context, ReportWorkflowInput input)
    {
        Context = context;
        Input = input;
        Report = new ReportRef(input.AgencyId, input.AgencyName, input.Year);
        Send = new DurableSender(context, Report,
            new StageChange(input.AgencyId, input.Year, ReportStages.Draft, 0, null, null, [input.Drafter], input.Deadline,
                null, null, null, null, null, default, "created"));
    }

    protected TaskOrchestrationContext Context { get; }

    protected ReportWorkflowInput Input { get; }

    protected ReportRef Report { get; }

    protected DurableSender Send { get; }

    protected DateTimeOffset Now => new(Context.CurrentUtcDateTime, TimeSpan.Zero);

    /// <summary>The level's stage is recorded (index, audit) and shown, and its reviewers are asked, in that order.</summary>
    protected abstract Task StartLevelAsync(StageChange change, ReviewRequest request);

    /// <summary>The stage is recorded and shown, then the drafter is told (the notice is built after the stage is recorded).</summary>
    protected abstract Task EnterAndTellDrafterAsync(StageChange change, Func<DrafterNotice> notice);

    /// <summary>
    /// 报送; once its receipt is recorded, the Submitted stage (built by <paramref name="submitted"/>) and then the
    /// 【已报送】 notice. Returns how the 报送 went.
    /// </summary>
    protected abstract Task<SendOutcome<DeliveryReceipt>> DeliverAsync(DeliveryRequest delivery, Func<StageChange> submitted, Func<DrafterNotice> notice);

    /// <summary>The Publishing stage of the cycle, then the push.</summary>
    protected abstract Task<SendOutcome<Publication>> PublishAsync(StageChange publishing, PublicationRequest push);

    public async Task<ReportOutcome> RunAsync()
    {
        var resume = Input.Resume;
        var submission = resume?.Submission;
        if (resume?.From != ResumeStages.Approved)
        {
            var round = resume is null ? 1 : resume.From == ResumeStages.Draft ? resume.Round + 1 : resume.Round;
            var fromLevel = resume?.From == ResumeStages.Review ? Math.Max(1, resume.Level) : 1;
            var awaitSubmission = resume?.From != ResumeStages.Review || submission is null;
            if (awaitSubmission)
            {
                Send.Show(Send.Shown with { Round = round - 1, At = Now, Action = resume is null ? "created" : "recovered" });
            }
            for (; ; round++)
            {
                if (awaitSubmission) submission = await Context.WaitForExternalEvent<Submission>(WorkflowEvents.Submit(round));
                awaitSubmission = true;
                var rejection = await ReviewRoundAsync(submission!, fromLevel);
                fromLevel = 1;
                if (rejection is null) break;

                var comment = $"{rejection.LevelName} {rejection.Reviewer.Name}: {rejection.Comment}";
                await EnterAndTellDrafterAsync(Change(submission!, ReportStages.Draft, "rejected", [submission!.Drafter]) with { Comment = comment },
                    () => Notice(submission, DrafterNoticeKinds.Rejected, rejection));
            }
            await EnterAndTellDrafterAsync(Change(submission!, ReportStages.Approved, "approved", []),
                () => Notice(submission!, DrafterNoticeKinds.Approved));
        }
        else
        {
            Send.Show(Change(submission!, ReportStages.Approved, "recovered", []) with { At = Now });
            await SendNoticeAsync(Notice(submission!, DrafterNoticeKinds.Approved));
        }

        var publication = await DeliverAndPublishAsync(submission!, resume?.PublishCycle ?? 1);
        await EnterAndTellDrafterAsync(Change(submission!, ReportStages.Published, "published", []) with { PublishedUrl = publication.Url },
            () => Notice(submission!, DrafterNoticeKinds.Published, publishedUrl: publication.Url));
        return new ReportOutcome(ReportStages.Published, submission!.Round, publication.Url);
    }

    /// <summary>Level after level from <paramref name="fromLevel"/>; returns the rejecting decision, or null when every level approved.</summary>
    private async Task<ReviewDecision?> ReviewRoundAsync(Submission submission, int fromLevel)
    {
        for (var index = fromLevel - 1; index < submission.Chain.Count; index++)
        {
            var level = submission.Chain[index];
            var startedAt = Now;
            var request = new ReviewRequest($"{Context.InstanceId}:R{submission.Round}:L{index + 1}:review", Report, index + 1, level.Name,
                submission.Round, level.Reviewers, submission.VersionNumber, submission.Sha256, startedAt,
                StageDue.After(startedAt, submission.Reminders), Input.Deadline);

            // The index must show the level before any reviewer is asked: a decision is checked against it.
            await StartLevelAsync(Change(submission, ReportStages.InReview, "level-started", level.Reviewers) with
            {
                Level = request.Level, LevelName = level.Name, LevelDueAt = request.LevelDueAt,
            }, request);

            if (await AwaitLevelAsync(level, request, submission.Drafter) is { } rejection) return rejection;
        }
        return null;
    }

    /// <summary>
    /// As in v1: the level's decisions with a reminder when it falls due and an escalation one period later; the one
    /// wait for the decision is kept across reminders. A reminder that keeps failing is given up when the decision comes.
    /// </summary>
    private async Task<ReviewDecision?> AwaitLevelAsync(ReviewLevel level, ReviewRequest request, Person drafter)
    {
        var eventName = WorkflowEvents.Decision(request.Level, request.Round);
        var undecided = level.Reviewers.ToList();
        var period = request.LevelDueAt - request.RequestedAt;
        var nextReminderAt = request.LevelDueAt;
        var remindersSent = 0;
        var decision = Context.WaitForExternalEvent<ReviewDecision>(eventName);
        while (true)
        {
            if (remindersSent < 2 && !decision.IsCompleted)
            {
                using var cancelTimer = new CancellationTokenSource();
                var timer = Context.CreateTimer(nextReminderAt.UtcDateTime, cancelTimer.Token);
                if (await Task.WhenAny(decision, timer) == timer)
                {
                    remindersSent++;
                    var kind = remindersSent == 1 ? ReminderKinds.Reminder : ReminderKinds.Escalation;
                    var reminder = new StageReminder($"{request.NotificationId}:{kind}", kind, request, undecided.ToList(), drafter, Now);
                    await Send.SendAsync<string>(SendStageReminder.Name, reminder, reminder.NotificationId, SendKind.Notification, abandonWhen: decision);
                    nextReminderAt += period;
                    continue;
                }
                cancelTimer.Cancel();
            }

            var received = await decision;
            if (!received.Approved) return received;
            undecided.RemoveAll(p => p.Key == received.Reviewer.Key);
            if (level.Rule != ReviewRules.All || undecided.Count == 0) return null;
            decision = Context.WaitForExternalEvent<ReviewDecision>(eventName);
        }
    }

    /// <summary>
    /// 报送 then publication. A permanent failure, or a budget spent, makes the report PublishFailed (holder: the
    /// drafter) until "Publish-A{n}" asks again; a step done is not repeated, and each is keyed so that it happens once.
    /// </summary>
    private async Task<Publication> DeliverAndPublishAsync(Submission submission, int firstCycle)
    {
        FinalArtifacts? artifacts = null;
        var delivered = false;
        for (var cycle = firstCycle; ; cycle++)
        {
            artifacts ??= await Context.CallActivityAsync<FinalArtifacts>(StoreFinalArtifacts.Name,
                new FinalArtifactsRequest(Input.AgencyId, Input.Year, submission.Round, submission.VersionNumber, submission.Sha256), Retry);
            var reason = "";
            if (!delivered)
            {
                var delivery = new DeliveryRequest($"{Context.InstanceId}:v{submission.VersionNumber}:delivery", Report,
                    submission.SupervisingOfficeEmail, submission.Round, artifacts);
                // The 【已报送】 notice follows the recorded receipt.
                var sent = await DeliverAsync(delivery, () => Change(submission, ReportStages.Submitted, "submitted", []) with { At = Now },
                    () => Notice(submission, DrafterNoticeKinds.Submitted));
                delivered = sent.Status == SendStatus.Sent;
                reason = $"报送失败: {sent.Error}";
            }
            if (delivered)
            {
                var push = new PublicationRequest($"{Context.InstanceId}:v{submission.VersionNumber}", Report, artifacts);
                var published = await PublishAsync(Change(submission, ReportStages.Publishing, $"publishing-{cycle}", []) with { At = Now }, push);
                if (published.Status == SendStatus.Sent) return published.Value!;
                reason = $"发布失败: {published.Error}";
            }

            // Before the stage changes: once PublishFailed shows, POST …/publish finds the failed cycle recorded.
            await Context.CallActivityAsync<string>(NotifyPublishFailed.Name, new PublishFailure(
                $"{Context.InstanceId}:v{submission.VersionNumber}:publish-failed:{cycle}", Report, submission.VersionNumber, cycle, reason, Now), Retry);
            var failedCycle = cycle;
            await EnterAndTellDrafterAsync(Change(submission, ReportStages.PublishFailed, $"publish-failed-{cycle}", [submission.Drafter]) with { Comment = reason },
                () => Notice(submission, DrafterNoticeKinds.PublishFailed, comment: reason, attempt: failedCycle));
            await Context.WaitForExternalEvent<PublishRetry>(WorkflowEvents.RetryPublish(cycle + 1));
        }
    }

    /// <summary>Sends a notice to the drafter (its first attempt here), retried durably.</summary>
    protected Task SendNoticeAsync(DrafterNotice notice) =>
        Send.SendAsync<string>(NotifyDrafter.Name, notice, notice.NotificationId, SendKind.Notification);

    private DrafterNotice Notice(Submission submission, string kind,
        ReviewDecision? decision = null, string? publishedUrl = null, string? comment = null, int attempt = 1) =>
        new($"{Context.InstanceId}:R{submission.Round}:{kind}:{attempt}", kind, Report, submission.Drafter,
            submission.Round, decision?.Level, decision?.LevelName, decision?.Reviewer, decision?.Comment ?? comment, publishedUrl, Now);

    private StageChange Change(Submission submission, string stage, string action, IReadOnlyList<Person> holder) =>
        new(Input.AgencyId, Input.Year, stage, submission.Round, null, null, holder, Input.Deadline, submission.VersionNumber,
            submission.Sha256, null, null, null, At: default, action);
}
