using InfoDisclosure.Workflow.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

/// <summary>The exactly-once bookkeeping on real Azurite.</summary>
public sealed class SentMailLedgerTests(DeadlineWorld world) : IClassFixture<DeadlineWorld>
{
    [Fact]
    public async Task Of_twenty_concurrent_claims_for_one_reminder_exactly_one_may_send()
    {
        await using var services = world.StartServices();
        var ledger = services.GetRequiredService<SentMailLedger>();
        var now = world.Clock.GetUtcNow();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            ledger.TryClaimAsync("report-race-2026", "Publish-Before-20270124", "test", now, CancellationToken.None)));

        Assert.Single(results, r => r == ClaimResult.Claimed);
        Assert.All(results.Where(r => r != ClaimResult.Claimed), r => Assert.Equal(ClaimResult.Held, r));
    }

    [Fact]
    public async Task A_failed_send_is_claimed_again_once_a_sent_one_never_and_one_left_sending_by_a_crash_is_not_resent()
    {
        await using var services = world.StartServices();
        var ledger = services.GetRequiredService<SentMailLedger>();
        var now = world.Clock.GetUtcNow();
        const string partition = "report-ledger-2026";

        Assert.Equal(ClaimResult.Claimed, await ledger.TryClaimAsync(partition, "failed", "", now, CancellationToken.None));
        await ledger.MarkFailedAsync(partition, "failed", "SMTP 451", CancellationToken.None);
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ledger.TryClaimAsync(partition, "failed", "", now, CancellationToken.None)));
        Assert.Single(retries, r => r == ClaimResult.Claimed);

        Assert.Equal(ClaimResult.Claimed, await ledger.TryClaimAsync(partition, "sent", "", now, CancellationToken.None));
        await ledger.MarkSentAsync(partition, "sent", now, "a@example.cn", CancellationToken.None);
        Assert.Equal(ClaimResult.AlreadySent, await ledger.TryClaimAsync(partition, "sent", "", now, CancellationToken.None));

        // Claimed, then the process died before it could mark the outcome: it is never sent a second time.
        Assert.Equal(ClaimResult.Claimed, await ledger.TryClaimAsync(partition, "crashed", "", now, CancellationToken.None));
        world.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(ClaimResult.Held, await ledger.TryClaimAsync(partition, "crashed", "", world.Clock.GetUtcNow(), CancellationToken.None));
    }
}
