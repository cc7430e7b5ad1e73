using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.OrchestrationTests.Harness;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using static InfoDisclosure.Workflow.OrchestrationTests.Harness.WorkflowWorld;

namespace InfoDisclosure.Workflow.OrchestrationTests.Review;

/// <summary>The "any"/"all" level rules and rejection rounds of <see cref="ReportWorkflowV1"/>, on the in-process host.</summary>
public sealed class ReviewRulesTests
{
    [Fact]
    public async Task Any_level_is_decided_by_its_first_reviewer_and_the_approved_report_is_delivered_and_published()
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("any"));
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

    [Fact]
    public async Task All_level_waits_for_every_reviewer_a_repeated_approval_does_not_count_twice()
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("all"));
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

    [Fact]
    public async Task All_level_passes_when_every_reviewer_approved()
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("all-approved"));
        var submission = Submission(1, ThreeLevels(ReviewRules.All));
        await world.SubmitAsync(id, submission);

        await world.ReviewRequested(1, 1);
        await world.DecideAsync(id, submission, 1, "li", Decisions.Approve);
        await world.DecideAsync(id, submission, 1, "zhao", Decisions.Approve);
        var second = await world.ReviewRequested(1, 2);
        Assert.Equal(["chen"], second.Reviewers.Select(r => r.Name));
    }

    [Fact]
    public async Task A_rejection_returns_the_report_to_the_drafter_and_the_next_submission_starts_a_new_round_at_level_1()
    {
        await using var world = await StartAsync();
        var id = await world.StartReportAsync(InstanceId("rounds"));
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
}
