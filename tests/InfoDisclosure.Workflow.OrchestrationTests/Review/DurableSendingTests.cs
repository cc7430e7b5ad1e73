using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.OrchestrationTests.Harness;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using static InfoDisclosure.Workflow.OrchestrationTests.Harness.WorkflowWorld;

namespace InfoDisclosure.Workflow.OrchestrationTests.Review;

/// <summary>
/// <see cref="ReportWorkflowV2"/> and <see cref="ReportWorkflowV3"/>: sends retried on durable timers (1 s, 2 s here), the notificationFailed flag, the
/// administrator's resend, the portal's 4xx and 5xx, duplicate decisions and a restart from a recovered point.
/// </summary>
public sealed class DurableSendingTests
{
    private static async Task ApproveAllAsync(WorkflowWorld world, string id, Submission submission, int fromLevel = 1)
    {
        for (var level = fromLevel; level <= submission.Chain.Count; level++)
        {
            await world.ReviewRequested(submission.Round, level);
            await world.DecideAsync(id, submission, level, submission.Chain[level - 1].Reviewers[0].Name, Decisions.Approve);
        }
    }

    [Theory]
    [MemberData(nameof(DurableVersions), MemberType = typeof(WorkflowWorld))]
    public async Task Mail_down_for_longer_than_any_activity_retry_keeps_the_report_at_its_level_flagged_then_the_chain_completes_sending_each_notice_once(string orchestrator)
    {
        await using var world = await StartAsync();
        world.Outside.MailDown = true;
        var id = await world.StartReportAsync(InstanceId("maildown"), orchestrator);
        var submission = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, submission);

        var first = await world.Next<SendingState>(s => s.Failing);
        Assert.Equal(($"{id}:R1:L1:review", 1, true), (first.What, first.Failures, first.AutomaticRetry));
        Assert.Contains("SMTP server is down", first.Error);
        var flagged = await world.StatusWhenAsync(id, s => (bool?)s["notificationFailed"] == true);
        Assert.Equal(("InReview", 1), ((string?)flagged["stage"], (int?)flagged["level"]));
        // Retried on timers, as often as it takes: more failures than an activity retry policy would ever allow.
        for (var failures = 2; failures <= 6; failures++)
        {
            var again = await world.Next<SendingState>(s => s.Failing);
            Assert.Equal((failures, first.FailingSince), (again.Failures, again.FailingSince));
        }

        world.Outside.MailDown = false;
        var recovered = await world.Next<SendingState>(s => !s.Failing);
        Assert.Equal(first.What, recovered.What);
        await world.StatusWhenAsync(id, s => (bool?)s["notificationFailed"] == false);
        await ApproveAllAsync(world, id, submission);

        var outcome = await world.CompletedAsync(id);
        Assert.Equal(ReportStages.Published, outcome.Stage);
        var seen = world.SeenSoFar();
        Assert.Equal([1, 2, 3], seen.OfType<ReviewRequest>().Select(r => r.Level));
        Assert.Equal([DrafterNoticeKinds.Approved, DrafterNoticeKinds.Submitted, DrafterNoticeKinds.Published],
            seen.OfType<DrafterNotice>().Select(n => n.Kind));
        Assert.Equal($"{id}:v2:delivery", Assert.Single(seen.OfType<DeliveryRequest>()).DeliveryId);
    }

    [Theory]
    [MemberData(nameof(DurableVersions), MemberType = typeof(WorkflowWorld))]
    public async Task A_resend_tries_at_once_instead_of_waiting_for_the_next_timer(string orchestrator)
    {
        await using var world = await StartAsync(sendingFirstDelay: TimeSpan.FromHours(1));
        world.Outside.MailDown = true;
        var id = await world.StartReportAsync(InstanceId("resend"), orchestrator);
        var submission = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, submission);
        await world.Next<SendingState>(s => s.Failing);
        await world.StatusWhenAsync(id, s => (bool?)s["notificationFailed"] == true);

        world.Outside.MailDown = false;
        await world.Client.RaiseEventAsync(id, WorkflowEvents.Resend, new ResendRequest("admin@example.gov.cn"));

        // The next timer is an hour away: only the resend can have sent it within the test's patience.
        Assert.Equal(1, (await world.ReviewRequested(1, 1)).Level);
        await world.StatusWhenAsync(id, s => (bool?)s["notificationFailed"] == false);
    }

    [Theory]
    [MemberData(nameof(DurableVersions), MemberType = typeof(WorkflowWorld))]
    public async Task A_portal_4xx_is_PublishFailed_at_once_with_our_message_and_a_retry_publishes(string orchestrator)
    {
        await using var world = await StartAsync();
        world.Outside.PortalAnswers(new PermanentPushFailure("The portal https://portal.example.gov.cn/ refused the report: HTTP 422 Unprocessable Entity.", 422));
        var id = await world.StartReportAsync(InstanceId("portal4xx"), orchestrator);
        var submission = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, submission);
        await ApproveAllAsync(world, id, submission);

        var failed = await world.Next<StageChange>(c => c.Stage == ReportStages.PublishFailed);
        Assert.Equal("publish-failed-1", failed.Action);
        Assert.Contains("HTTP 422", failed.Comment);
        Assert.Equal(1, world.Outside.Pushes);

        await world.Client.RaiseEventAsync(id, WorkflowEvents.RetryPublish(2), new PublishRetry("admin"));
        Assert.Equal(ReportStages.Published, (await world.CompletedAsync(id)).Stage);
        Assert.Equal(2, world.Outside.Pushes);
        Assert.Single(world.SeenSoFar().OfType<DeliveryRequest>());
    }

    [Theory]
    [MemberData(nameof(DurableVersions), MemberType = typeof(WorkflowWorld))]
    public async Task Portal_5xx_and_timeouts_are_retried_on_timers_and_the_report_is_published(string orchestrator)
    {
        await using var world = await StartAsync();
        world.Outside.PortalAnswers(
            new PortalPushException("The portal answered HTTP 503 Service Unavailable; retrying.", 503),
            new PortalPushException("The portal did not answer within 30 s.", null));
        var id = await world.StartReportAsync(InstanceId("portal5xx"), orchestrator);
        var submission = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, submission);
        await ApproveAllAsync(world, id, submission);

        Assert.Equal(ReportStages.Published, (await world.CompletedAsync(id)).Stage);
        Assert.Equal(3, world.Outside.Pushes);
        Assert.DoesNotContain(world.SeenSoFar().OfType<StageChange>(), c => c.Stage == ReportStages.PublishFailed);
        Assert.Equal([1, 2], world.SeenSoFar().OfType<SendingState>().Where(s => s.Failing).Select(s => s.Failures));
    }

    [Theory]
    [MemberData(nameof(DurableVersions), MemberType = typeof(WorkflowWorld))]
    public async Task Duplicate_decision_events_change_nothing(string orchestrator)
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("duplicates"), orchestrator);
        var submission = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, submission);

        await world.ReviewRequested(1, 1);
        await world.DecideAsync(id, submission, 1, "li", Decisions.Approve);
        await world.DecideAsync(id, submission, 1, "li", Decisions.Approve);
        await world.DecideAsync(id, submission, 1, "zhao", Decisions.Reject, "迟到的重复决定");
        await world.ReviewRequested(1, 2);
        await world.DecideAsync(id, submission, 2, "chen", Decisions.Approve);
        await world.DecideAsync(id, submission, 2, "chen", Decisions.Approve);
        await world.ReviewRequested(1, 3);
        await world.DecideAsync(id, submission, 3, "zhou", Decisions.Approve);

        Assert.Equal(new ReportOutcome(ReportStages.Published, 1, $"https://portal.example.gov.cn/{AgencyId}/{Year}"), await world.CompletedAsync(id));
        var seen = world.SeenSoFar();
        Assert.Equal([1, 2, 3], seen.OfType<ReviewRequest>().Select(r => r.Level));
        Assert.DoesNotContain(seen.OfType<DrafterNotice>(), n => n.Kind == DrafterNoticeKinds.Rejected);
        Assert.Single(seen.OfType<DeliveryRequest>());
        Assert.Single(seen.OfType<PublicationRequest>());
    }

    [Theory]
    [MemberData(nameof(DurableVersions), MemberType = typeof(WorkflowWorld))]
    public async Task A_recovered_instance_restarts_at_the_level_it_had_reached_and_finishes_the_chain(string orchestrator)
    {
        await using var world = await StartAsync();
        var submission = Submission(1, ThreeLevels());
        var id = await world.StartReportAsync(InstanceId("recovered"), orchestrator,
            new ResumePoint(ResumeStages.Review, 1, 2, submission));

        await ApproveAllAsync(world, id, submission, fromLevel: 2);

        Assert.Equal(ReportStages.Published, (await world.CompletedAsync(id)).Stage);
        Assert.Equal([2, 3], world.SeenSoFar().OfType<ReviewRequest>().Select(r => r.Level));
    }

    [Theory]
    [MemberData(nameof(DurableVersions), MemberType = typeof(WorkflowWorld))]
    public async Task A_recovered_approved_report_is_delivered_and_published_in_the_cycle_after_the_failed_ones(string orchestrator)
    {
        await using var world = await StartAsync();
        world.Outside.PortalAnswers(new PermanentPushFailure("refused: HTTP 403 Forbidden.", 403));
        var submission = Submission(1, ThreeLevels());
        var id = await world.StartReportAsync(InstanceId("recoveredapproved"), orchestrator,
            new ResumePoint(ResumeStages.Approved, 1, 0, submission, PublishCycle: 3));

        var failed = await world.Next<StageChange>(c => c.Stage == ReportStages.PublishFailed);
        Assert.Equal("publish-failed-3", failed.Action);
        await world.Client.RaiseEventAsync(id, WorkflowEvents.RetryPublish(4), new PublishRetry("admin"));

        Assert.Equal(ReportStages.Published, (await world.CompletedAsync(id)).Stage);
        Assert.Empty(world.SeenSoFar().OfType<ReviewRequest>());
        Assert.Single(world.SeenSoFar().OfType<DeliveryRequest>());
    }
}
