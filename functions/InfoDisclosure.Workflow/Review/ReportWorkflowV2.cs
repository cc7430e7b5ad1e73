using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// Version 2 of a report's life ("ReportWorkflow_v2"; <see cref="ReportWorkflowV1"/> stays registered for the
/// instances that run it). The same stages as v1, with these changes to the awaited sequence:
/// <list type="bullet">
/// <item>Every send to the outside (reviewers' and drafters' e-mail, reminders, 报送, the portal push) goes through
/// <see cref="DurableSender"/>: retried on durable timers for hours instead of failing the orchestration, with the
/// notificationFailed flag shown meanwhile and the administrator's resend event.</item>
/// <item>A permanent failure of 报送 or the push (a 4xx) ends in PublishFailed at once; 5xx and timeouts are retried.</item>
/// <item>报送 is keyed by the approved version ("{instanceId}:v{n}:delivery"): delivered once per approved version.</item>
/// <item>The input may carry a <see cref="ResumePoint"/>: an instance that failed is started again, under the same id,
/// from the stage the report index recorded (<see cref="ReportRecoveryService"/>).</item>
/// </list>
/// Deterministic: time only from the context, every I/O in an activity.
/// </summary>
public sealed class ReportWorkflowV2 : TaskOrchestrator<ReportWorkflowInput, ReportOutcome>
{
    public const string Name = "ReportWorkflow_v2";

    public override Task<ReportOutcome> RunAsync(TaskOrchestrationContext context, ReportWorkflowInput input) =>
        new Run(context, input).RunAsync();

    private sealed class Run(TaskOrchestrationContext context, ReportWorkflowInput input)
    {
        // Storage steps (index, audit, artifacts) keep a short activity retry: a failure there is a bug or an outage of
        // the engine's own storage, not of something outside.
        private static readonly TaskOptions Retry =
            TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1)));

        private readonly ReportRef _report = new(input.AgencyId, input.AgencyName, input.Year);
        private readonly DurableSender _send = new(context, new ReportRef(input.AgencyId, input.AgencyName, input.Year),
            new StageChange(input.AgencyId, input.Year, ReportStages.Draft, 0, null, null, [input.Drafter], input.Deadline,
                null, null, null, null, null, default, "created"));

        public async Task<ReportOutcome> RunAsync()
        {
            var resume = input.Resume;
            var submission = resume?.Submission;
            if (resume?.From != ResumeStages.Approved)
            {
                var round = resume is null ? 1 : resume.From == ResumeStages.Draft ? resume.Round + 1 : resume.Round;
                var fromLevel = resume?.From == ResumeStages.Review ? Math.Max(1, resume.Level) : 1;
                var awaitSubmission = resume?.From != ResumeStages.Review || submission is null;
                if (awaitSubmission)
                {
                    _send.Show(_send.Shown with { Round = round - 1, At = Now, Action = resume is null ? "created" : "recovered" });
                }
                for (; ; round++)
                {
                    if (awaitSubmission) submission = await context.WaitForExternalEvent<Submission>(WorkflowEvents.Submit(round));
                    awaitSubmission = true;
                    var rejection = await ReviewRoundAsync(submission!, fromLevel);
                    fromLevel = 1;
                    if (rejection is null) break;

                    var comment = $"{rejection.LevelName} {rejection.Reviewer.Name}: {rejection.Comment}";
                    await EnterAsync(Change(submission!, ReportStages.Draft, "rejected", [submission!.Drafter]) with { Comment = comment });
                    await NotifyDrafterAsync(submission, DrafterNoticeKinds.Rejected, rejection);
                }
                await EnterAsync(Change(submission!, ReportStages.Approved, "approved", []));
            }
            else
            {
                _send.Show(Change(submission!, ReportStages.Approved, "recovered", []) with { At = Now });
            }
            await NotifyDrafterAsync(submission!, DrafterNoticeKinds.Approved);

            var publication = await DeliverAndPublishAsync(submission!, resume?.PublishCycle ?? 1);
            await EnterAsync(Change(submission!, ReportStages.Published, "published", []) with { PublishedUrl = publication.Url });
            await NotifyDrafterAsync(submission!, DrafterNoticeKinds.Published, publishedUrl: publication.Url);
            return new ReportOutcome(ReportStages.Published, submission!.Round, publication.Url);
        }

        /// <summary>Level after level from <paramref name="fromLevel"/>; returns the rejecting decision, or null when every level approved.</summary>
        private async Task<ReviewDecision?> ReviewRoundAsync(Submission submission, int fromLevel)
        {
            for (var index = fromLevel - 1; index < submission.Chain.Count; index++)
            {
                var level = submission.Chain[index];
                var startedAt = Now;
                var request = new ReviewRequest($"{context.InstanceId}:R{submission.Round}:L{index + 1}:review", _report, index + 1, level.Name,
                    submission.Round, level.Reviewers, submission.VersionNumber, submission.Sha256, startedAt,
                    StageDue.After(startedAt, submission.Reminders), input.Deadline);

                // The index must show the level before any reviewer is asked: a decision is checked against it.
                await EnterAsync(Change(submission, ReportStages.InReview, "level-started", level.Reviewers) with
                {
                    Level = request.Level, LevelName = level.Name, LevelDueAt = request.LevelDueAt,
                });
                await _send.SendAsync<string>(RequestReview.Name, request, request.NotificationId, SendKind.Notification);

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
                        var reminder = new StageReminder($"{request.NotificationId}:{kind}", kind, request, undecided.ToList(), drafter, Now);
                        await _send.SendAsync<string>(SendStageReminder.Name, reminder, reminder.NotificationId, SendKind.Notification, abandonWhen: decision);
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
        /// 报送 then publication. A permanent failure, or a budget spent, makes the report PublishFailed (holder: the
        /// drafter) until "Publish-A{n}" asks again; a step done is not repeated, and each is keyed so that it happens once.
        /// </summary>
        private async Task<Publication> DeliverAndPublishAsync(Submission submission, int firstCycle)
        {
            FinalArtifacts? artifacts = null;
            var delivered = false;
            for (var cycle = firstCycle; ; cycle++)
            {
                artifacts ??= await context.CallActivityAsync<FinalArtifacts>(StoreFinalArtifacts.Name,
                    new FinalArtifactsRequest(input.AgencyId, input.Year, submission.Round, submission.VersionNumber, submission.Sha256), Retry);
                var reason = "";
                if (!delivered)
                {
                    var delivery = new DeliveryRequest($"{context.InstanceId}:v{submission.VersionNumber}:delivery", _report,
                        submission.SupervisingOfficeEmail, submission.Round, artifacts);
                    var sent = await _send.SendAsync<DeliveryReceipt>(DeliverReport.Name, delivery, delivery.DeliveryId, SendKind.Delivery);
                    delivered = sent.Status == SendStatus.Sent;
                    reason = $"报送失败: {sent.Error}";
                    if (delivered)
                    {
                        // The 【已报送】 notice follows the recorded receipt.
                        await EnterAsync(Change(submission, ReportStages.Submitted, "submitted", []));
                        await NotifyDrafterAsync(submission, DrafterNoticeKinds.Submitted);
                    }
                }
                if (delivered)
                {
                    await EnterAsync(Change(submission, ReportStages.Publishing, $"publishing-{cycle}", []));
                    var push = new PublicationRequest($"{context.InstanceId}:v{submission.VersionNumber}", _report, artifacts);
                    var published = await _send.SendAsync<Publication>(PublishReport.Name, push, push.IdempotencyKey, SendKind.PortalPush);
                    if (published.Status == SendStatus.Sent) return published.Value!;
                    reason = $"发布失败: {published.Error}";
                }

                // Before the stage changes: once PublishFailed shows, POST …/publish finds the failed cycle recorded.
                await context.CallActivityAsync<string>(NotifyPublishFailed.Name, new PublishFailure(
                    $"{context.InstanceId}:v{submission.VersionNumber}:publish-failed:{cycle}", _report, submission.VersionNumber, cycle, reason, Now), Retry);
                await EnterAsync(Change(submission, ReportStages.PublishFailed, $"publish-failed-{cycle}", [submission.Drafter]) with { Comment = reason });
                await NotifyDrafterAsync(submission, DrafterNoticeKinds.PublishFailed, comment: reason, attempt: cycle);
                await context.WaitForExternalEvent<PublishRetry>(WorkflowEvents.RetryPublish(cycle + 1));
            }
        }

        /// <summary>Records the stage in the index and the audit log, then shows it in the custom status (as v1 does).</summary>
        private async Task EnterAsync(StageChange change)
        {
            change = change with { At = Now };
            await context.CallActivityAsync<string>(RecordStage.Name, change, Retry);
            _send.Show(change);
        }

        private Task NotifyDrafterAsync(Submission submission, string kind,
            ReviewDecision? decision = null, string? publishedUrl = null, string? comment = null, int attempt = 1)
        {
            var notice = new DrafterNotice($"{context.InstanceId}:R{submission.Round}:{kind}:{attempt}", kind, _report, submission.Drafter,
                submission.Round, decision?.Level, decision?.LevelName, decision?.Reviewer, decision?.Comment ?? comment, publishedUrl, Now);
            return _send.SendAsync<string>(NotifyDrafter.Name, notice, notice.NotificationId, SendKind.Notification);
        }

        private StageChange Change(Submission submission, string stage, string action, IReadOnlyList<Person> holder) =>
            new(input.AgencyId, input.Year, stage, submission.Round, null, null, holder, input.Deadline, submission.VersionNumber,
                submission.Sha256, null, null, null, At: default, action);

        private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);
    }
}
