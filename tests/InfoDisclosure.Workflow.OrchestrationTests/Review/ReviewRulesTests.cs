using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.OrchestrationTests.Harness;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using static InfoDisclosure.Workflow.OrchestrationTests.Harness.WorkflowWorld;

namespace InfoDisclosure.Workflow.OrchestrationTests.Review;

/// <summary>The "any"/"all" level rules and rejection rounds of every report orchestrator version, on the in-process host.</summary>
public sealed class ReviewRulesTests
{
    [Theory]
    [MemberData(nameof(Versions), MemberType = typeof(WorkflowWorld))]
    public async Task Any_level_is_decided_by_its_first_reviewer_and_the_approved_report_is_delivered_and_published(string orchestrator)
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("any"), orchestrator);
        var submission = Submission(1, ThreeLevels(ReviewRules.Any));
        await world.SubmitAsync(id, submission);

        var first = await world.ReviewRequested(1, 1);
        Assert.Equal(["li", "zhao"], first.Reviewers.Select(r => r.Name));
        await world.DecideAsync(id, submission, 1, "zhao", Decisions.Approve);
        await world.ReviewRequested(1, 2);
        await world.DecideAsync(id, submission, 2, "chen", Decisions.Approve);
        await world.ReviewRequested(1, 3);
        await world.DecideAsync(id, submission, 3, "zhou", Decisions.Approve);

        var outcome = await world.CompletedAsync(id);
        Assert.Equal(new ReportOutcome(ReportStages.Published, 1, $"https://portal.example.gov.cn/{AgencyId}/{Year}"), outcome);
        Assert.Equal(
            ["InReview level-started L1", "InReview level-started L2", "InReview level-started L3", "Approved approved",
             "Submitted submitted", "Publishing publishing-1", "Published published"],
            world.SeenSoFar().OfType<StageChange>().Select(c => $"{c.Stage} {c.Action}{(c.Level is { } l ? $" L{l}" : "")}"));
        Assert.Equal(
            [DrafterNoticeKinds.Approved, DrafterNoticeKinds.Submitted, DrafterNoticeKinds.Published],
            world.SeenSoFar().OfType<DrafterNotice>().Select(n => n.Kind));
        var delivery = Assert.Single(world.SeenSoFar().OfType<DeliveryRequest>());
        Assert.Equal(("gongkai@example.gov.cn", 2), (delivery.SupervisingOfficeEmail, delivery.Artifacts.VersionNumber));
    }

    [Theory]
    [MemberData(nameof(Versions), MemberType = typeof(WorkflowWorld))]
    public async Task All_level_waits_for_every_reviewer_a_repeated_approval_does_not_count_twice(string orchestrator)
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("all"), orchestrator);
        var submission = Submission(1, ThreeLevels(ReviewRules.All));
        await world.SubmitAsync(id, submission);

        await world.ReviewRequested(1, 1);
        await world.DecideAsync(id, submission, 1, "li", Decisions.Approve);
        await world.DecideAsync(id, submission, 1, "li", Decisions.Approve);
        // Had li's approvals decided the level, zhao's rejection would go to a level no longer waiting.
        await world.DecideAsync(id, submission, 1, "zhao", Decisions.Reject, "保密审查未完成");

        var rejected = await world.DrafterTold(DrafterNoticeKinds.Rejected, 1);
        Assert.Equal((1, "zhao", "保密审查未完成"), (rejected.Level, rejected.By?.Name, rejected.Comment));
        Assert.DoesNotContain(world.SeenSoFar().OfType<ReviewRequest>(), r => r.Level > 1);
    }

    [Theory]
    [MemberData(nameof(Versions), MemberType = typeof(WorkflowWorld))]
    public async Task All_level_passes_when_every_reviewer_approved(string orchestrator)
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("all-approved"), orchestrator);
        var submission = Submission(1, ThreeLevels(ReviewRules.All));
        await world.SubmitAsync(id, submission);

        await world.ReviewRequested(1, 1);
        await world.DecideAsync(id, submission, 1, "li", Decisions.Approve);
        await world.DecideAsync(id, submission, 1, "zhao", Decisions.Approve);
        var second = await world.ReviewRequested(1, 2);
        Assert.Equal(["chen"], second.Reviewers.Select(r => r.Name));
    }

    [Theory]
    [MemberData(nameof(Versions), MemberType = typeof(WorkflowWorld))]
    public async Task A_rejection_returns_the_report_to_the_drafter_and_the_next_submission_starts_a_new_round_at_level_1(string orchestrator)
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("rounds"), orchestrator);
        var first = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, first);
        await world.ReviewRequested(1, 1);
        await world.DecideAsync(id, first, 1, "li", Decisions.Approve);
        await world.ReviewRequested(1, 2);
        await world.DecideAsync(id, first, 2, "chen", Decisions.Reject, "第三部分数字不符");

        var notice = await world.DrafterTold(DrafterNoticeKinds.Rejected, 1);
        Assert.Equal((2, "复审·二校", "chen", Drafter), (notice.Level, notice.LevelName, notice.By?.Name, notice.Drafter));
        var draft = await world.Next<StageChange>(c => c.Action == "rejected");
        Assert.Equal((ReportStages.Draft, "复审·二校 chen: 第三部分数字不符", Drafter), (draft.Stage, draft.Comment, Assert.Single(draft.Holder)));

        var second = Submission(2, ThreeLevels());
        await world.SubmitAsync(id, second);
        var again = await world.ReviewRequested(2, 1);
        Assert.Equal((3, "sha-3"), (again.VersionNumber, again.VersionSha256));
        await world.DecideAsync(id, second, 1, "zhao", Decisions.Approve);
        await world.ReviewRequested(2, 2);
        await world.DecideAsync(id, second, 2, "chen", Decisions.Approve);
        await world.ReviewRequested(2, 3);
        await world.DecideAsync(id, second, 3, "zhou", Decisions.Approve);

        var outcome = await world.CompletedAsync(id);
        Assert.Equal((ReportStages.Published, 2), (outcome.Stage, outcome.Rounds));
        Assert.Equal(3, Assert.Single(world.SeenSoFar().OfType<DeliveryRequest>()).Artifacts.VersionNumber);
    }

    /// <summary>
    /// ReportWorkflow_v3's reason to be (docs/throughput.md): an approved report in 8 activities where v2 needs 16, and
    /// the index still shows each level before its reviewers are asked.
    /// </summary>
    [Fact]
    public async Task V3_runs_an_approved_report_in_eight_activities_recording_each_level_before_asking_its_reviewers()
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("steps"), ReportWorkflowV3.Name);
        var submission = Submission(1, ThreeLevels());
        await world.SubmitAsync(id, submission);
        foreach (var (level, reviewer) in new[] { (1, "li"), (2, "chen"), (3, "zhou") })
        {
            await world.ReviewRequested(1, level);
            await world.DecideAsync(id, submission, level, reviewer, Decisions.Approve);
        }
        await world.CompletedAsync(id);

        Assert.Equal(
            [EnterStage.Name, EnterStage.Name, EnterStage.Name, EnterStage.Name, StoreFinalArtifacts.Name, DeliverAndRecord.Name,
             RecordAndPublish.Name, EnterStage.Name],
            world.Host.History(id).OfType<DurableTask.Core.History.TaskScheduledEvent>().Select(e => e.Name));
        var seen = world.SeenSoFar().Where(e => e is StageChange or ReviewRequest or DrafterNotice or DeliveryRequest or PublicationRequest)
            .Select(e => e switch
            {
                StageChange c => $"{c.Stage}{c.Level}",
                ReviewRequest r => $"ask L{r.Level}",
                DrafterNotice n => $"tell {n.Kind}",
                DeliveryRequest => "报送",
                _ => "push",
            });
        Assert.Equal(["InReview1", "ask L1", "InReview2", "ask L2", "InReview3", "ask L3", "Approved",
            $"tell {DrafterNoticeKinds.Approved}", "报送", "Submitted", $"tell {DrafterNoticeKinds.Submitted}", "Publishing", "push", "Published",
            $"tell {DrafterNoticeKinds.Published}"], seen);
    }
}
