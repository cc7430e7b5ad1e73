using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Tests.Storage;

[Collection(StorageCollection.Name)]
public sealed class DecisionLogTests(StorageFixture fixture)
{
    private static ReviewDecision Decision(string email, int level = 2, int round = 1, string decision = Decisions.Approve) =>
        new(round, level, "复审·二校", new Person(email, email), decision, null, true, true, 1, "abc", DateTimeOffset.UnixEpoch, "127.0.0.1");

    [Fact]
    public async Task Two_reviewers_of_an_any_one_level_deciding_at_once_count_once()
    {
        var log = fixture.Get<DecisionLog>();
        var key = "report-any-" + Guid.NewGuid().ToString("N")[..8] + "-2025";

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            log.TryRecordAsync(key, ReviewRules.Any, Decision($"r{i}@example.gov.cn"), CancellationToken.None)));

        Assert.Single(results, recorded => recorded);
        Assert.Single(await log.ReadAsync(key, CancellationToken.None));
        // The next round's same level is a new decision.
        Assert.True(await log.TryRecordAsync(key, ReviewRules.Any, Decision("r0@example.gov.cn", round: 2), CancellationToken.None));
    }

    [Fact]
    public async Task Under_rule_all_each_reviewer_decides_once()
    {
        var log = fixture.Get<DecisionLog>();
        var key = "report-all-" + Guid.NewGuid().ToString("N")[..8] + "-2025";

        Assert.True(await log.TryRecordAsync(key, ReviewRules.All, Decision("a@example.gov.cn"), CancellationToken.None));
        Assert.True(await log.TryRecordAsync(key, ReviewRules.All, Decision("b@example.gov.cn"), CancellationToken.None));
        Assert.False(await log.TryRecordAsync(key, ReviewRules.All, Decision("A@Example.gov.cn", decision: Decisions.Reject), CancellationToken.None));

        var recorded = await log.ReadAsync(key, CancellationToken.None);
        Assert.Equal(["a@example.gov.cn", "b@example.gov.cn"], recorded.Select(d => d.Reviewer.Email).Order());
        Assert.All(recorded, d => Assert.True(d.Approved));
    }
}
