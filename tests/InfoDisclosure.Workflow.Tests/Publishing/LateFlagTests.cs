using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Tests.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Publishing;

/// <summary>The late flag at the deadline's last second, on its own fake clock (which only moves forward).</summary>
public sealed class LateFlagTests(DeadlineWorld world) : IClassFixture<DeadlineWorld>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private ServiceProvider Services() => world.StartServices();

    [Fact]
    public async Task Published_at_23_59_59_Beijing_on_January_31_is_on_time_and_at_00_00_00_it_is_late_for_good()
    {
        var onTime = await PortalReportPublisherTests.ApprovedReportAsync(world, _ => Services(), "pub-ontime", "准时局", endpoint: null);
        var late = await PortalReportPublisherTests.ApprovedReportAsync(world, _ => Services(), "pub-late", "迟到局", endpoint: null);
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 31, 23, 59, 59, Beijing));
        await using var services = Services();
        var publisher = services.GetRequiredService<IReportPublisher>();
        await publisher.PublishAsync(onTime, CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        await publisher.PublishAsync(late, CancellationToken.None);

        var store = services.GetRequiredService<PublicationStore>();
        var first = await store.GetAsync("pub-ontime", 2026, 1, CancellationToken.None);
        var second = await store.GetAsync("pub-late", 2026, 1, CancellationToken.None);
        Assert.Equal((false, new DateTimeOffset(2027, 1, 31, 23, 59, 59, Beijing)), (first!.Late, first.PublishedAt!.Value));
        Assert.Equal((true, new DateTimeOffset(2027, 2, 1, 0, 0, 0, Beijing)), (second!.Late, second.PublishedAt!.Value));

        // Permanent: publishing the same version again later changes nothing.
        world.Clock.Advance(TimeSpan.FromDays(3));
        await publisher.PublishAsync(onTime, CancellationToken.None);
        Assert.False((await store.GetAsync("pub-ontime", 2026, 1, CancellationToken.None))!.Late);
    }

}
