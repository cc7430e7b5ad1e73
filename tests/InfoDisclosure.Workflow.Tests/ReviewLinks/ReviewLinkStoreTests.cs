using Azure.Data.Tables;
using InfoDisclosure.Workflow.Review.Links;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoDisclosure.Workflow.Tests.ReviewLinks;

/// <summary>Issuing, finding and spending review links in Table storage on Azurite.</summary>
public sealed class ReviewLinkStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2023, 1, 9, 2, 0, 0, TimeSpan.Zero));

    private static readonly ReviewLinkGrant Grant = new("hsb-approval", 2022, 2, 1, "li@example.gov.cn", "李科长", 3,
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    private ReviewLinkStore Store(ReviewLinkOptions? options = null) =>
        new(azurite.Tables, Options.Create(options ?? new ReviewLinkOptions { PublicBaseUrl = "https://disclosure.example.gov.cn" }), clock);

    [Fact]
    public async Task An_issued_link_opens_its_grant_and_storage_keeps_only_the_token_hash()
    {
        var store = Store();
        var issued = await store.IssueAsync(Grant, notAfter: null, CancellationToken.None);

        Assert.Matches("^https://disclosure\\.example\\.gov\\.cn/review/[A-Za-z0-9_-]{43}$", issued.Url);
        Assert.Equal(clock.GetUtcNow().AddDays(7), issued.ExpiresAt);
        var link = await store.FindAsync(issued.Token, CancellationToken.None);
        Assert.NotNull(link);
        Assert.Equal(Grant, link.Grant);
        Assert.False(link.IsUsed);

        var rows = azurite.Tables.GetTableClient(ReviewLinkStore.TableName).QueryAsync<TableEntity>(e => e.PartitionKey == link.TokenHash);
        await foreach (var row in rows)
        {
            Assert.Equal(ReviewLinkTokens.Hash(issued.Token), row.PartitionKey);
            Assert.DoesNotContain(row, kv => kv.Value is string s && s.Contains(issued.Token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_link_is_different_and_tampered_or_malformed_tokens_find_nothing()
    {
        var store = Store();
        var a = await store.IssueAsync(Grant, null, CancellationToken.None);
        var b = await store.IssueAsync(Grant, null, CancellationToken.None);
        Assert.NotEqual(a.Token, b.Token);

        var flipped = (a.Token[0] == 'A' ? 'B' : 'A') + a.Token[1..];
        Assert.Null(await store.FindAsync(flipped, CancellationToken.None));
        Assert.Null(await store.FindAsync(a.Token + "x", CancellationToken.None));
        Assert.Null(await store.FindAsync(a.Token[..42] + "=", CancellationToken.None));
        Assert.Null(await store.FindAsync("../../etc/passwd", CancellationToken.None));
        Assert.Null(await store.FindAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task A_link_never_outlives_its_limit_and_validity_is_configurable()
    {
        var store = Store(new ReviewLinkOptions { Validity = TimeSpan.FromHours(1), PublicBaseUrl = "http://h" });
        var shortLived = await store.IssueAsync(Grant, null, CancellationToken.None);
        Assert.Equal(clock.GetUtcNow().AddHours(1), shortLived.ExpiresAt);

        var limited = await Store().IssueAsync(Grant, clock.GetUtcNow().AddDays(2), CancellationToken.None);
        Assert.Equal(clock.GetUtcNow().AddDays(2), limited.ExpiresAt);
    }

    [Fact]
    public async Task Of_many_concurrent_uses_of_one_link_exactly_one_wins()
    {
        var store = Store();
        var issued = await store.IssueAsync(Grant, null, CancellationToken.None);
        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.FindAsync(issued.Token, CancellationToken.None)));

        var results = await Task.WhenAll(copies.Select(link => store.TryConsumeAsync(link!, "approve", CancellationToken.None)));

        Assert.Single(results, r => r);
        var spent = await store.FindAsync(issued.Token, CancellationToken.None);
        Assert.True(spent!.IsUsed);
        Assert.Equal("approve", spent.UsedFor);
        Assert.False(await store.TryConsumeAsync(spent, "reject", CancellationToken.None));
    }

    [Fact]
    public async Task A_released_link_can_be_used_again()
    {
        var store = Store();
        var issued = await store.IssueAsync(Grant, null, CancellationToken.None);
        Assert.True(await store.TryConsumeAsync((await store.FindAsync(issued.Token, CancellationToken.None))!, "approve", CancellationToken.None));

        await store.ReleaseAsync(ReviewLinkTokens.Hash(issued.Token), CancellationToken.None);

        var again = await store.FindAsync(issued.Token, CancellationToken.None);
        Assert.False(again!.IsUsed);
        Assert.True(await store.TryConsumeAsync(again, "approve", CancellationToken.None));
    }

    [Fact]
    public async Task The_form_key_survives_a_restart_and_binds_the_form_value_to_one_link()
    {
        var key = await Store().FormKeyAsync(CancellationToken.None);
        var afterRestart = await Store().FormKeyAsync(CancellationToken.None);
        Assert.Equal(key, afterRestart);

        var hashA = ReviewLinkTokens.Hash(ReviewLinkTokens.NewToken());
        var hashB = ReviewLinkTokens.Hash(ReviewLinkTokens.NewToken());
        var value = ReviewLinkTokens.FormValue(key, hashA);
        Assert.True(ReviewLinkTokens.FormValueMatches(afterRestart, hashA, value));
        Assert.False(ReviewLinkTokens.FormValueMatches(key, hashB, value));
        Assert.False(ReviewLinkTokens.FormValueMatches(key, hashA, value[..^1] + (value[^1] == 'A' ? 'B' : 'A')));
        Assert.False(ReviewLinkTokens.FormValueMatches(key, hashA, null));

        var configured = await Store(new ReviewLinkOptions { SigningKey = "from-configuration" }).FormKeyAsync(CancellationToken.None);
        Assert.NotEqual(key, configured);
    }
}
