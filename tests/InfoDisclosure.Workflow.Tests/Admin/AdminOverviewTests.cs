using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Deadlines;
using InfoDisclosure.Workflow.Tests.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Admin;

/// <summary>The overview on real Azurite: reports in every state, two of them really published (one on time, one late).</summary>
public sealed class AdminOverviewTests(DeadlineWorld world) : IClassFixture<DeadlineWorld>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task Reports_are_sorted_by_risk_with_days_left_late_flags_urls_and_counts_by_stage()
    {
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 9, 0, 0, Beijing));
        var onTime = await PortalReportPublisherTests.ApprovedReportAsync(world, _ => world.StartServices(), "ov-ontime", "准时局", null);
        var late = await PortalReportPublisherTests.ApprovedReportAsync(world, _ => world.StartServices(), "ov-late", "迟到局", null);
        await using var services = world.StartServices();
        var agencies = services.GetRequiredService<AgencyStore>();
        var index = services.GetRequiredService<ReportIndex>();

        async Task AddAsync(string id, string name, string kind, string? stage, InternalDeadlines? internalDeadlines = null)
        {
            var agency = new Agency
            {
                Id = id, Name = name, Kind = kind, SupervisingOfficeEmail = "office@gov.example.cn", Drafter = new Person("起草人", $"{id}@gov.example.cn"),
                ReviewChain = [new ReviewLevel { Name = "初审·一校", Reviewers = [new Person("编辑", "editor@gov.example.cn")] }],
                InternalDeadlines = internalDeadlines ?? new InternalDeadlines(),
            };
            await agencies.CreateAsync(agency, CancellationToken.None);
            if (stage is null) return;
            await index.TryCreateAsync(new ReportIndexEntry
            {
                AgencyId = id, Year = 2026, AgencyName = name, Stage = stage, Holder = [agency.Drafter],
                Deadline = InternalDeadline.Deadlines(agency, 2026).StatutoryDeadline,
            }, CancellationToken.None);
        }

        await AddAsync("ov-draft", "起草局", AgencyKinds.Department, ReportStages.Draft);
        await AddAsync("ov-gov", "某区人民政府", AgencyKinds.Government, ReportStages.InReview);
        await AddAsync("ov-missing", "未建局", AgencyKinds.Department, null);
        await AddAsync("ov-internal", "内定局", AgencyKinds.Department, ReportStages.Draft, new InternalDeadlines { PublishBy = "01-28" });
        foreach (var id in new[] { "ov-ontime", "ov-late" })
        {
            var agency = (await agencies.GetAsync(id, CancellationToken.None))!.Agency;
            await index.TryCreateAsync(new ReportIndexEntry
            {
                AgencyId = id, Year = 2026, AgencyName = agency.Name, Stage = ReportStages.Submitted, SubmittedVersion = 1,
                Deadline = InternalDeadline.Deadlines(agency, 2026).StatutoryDeadline,
            }, CancellationToken.None);
        }

        var publisher = services.GetRequiredService<IReportPublisher>();
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 30, 15, 0, 0, Beijing));
        await PublishAsync(onTime);
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 10, 0, 0, Beijing));
        await PublishAsync(late);
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 2, 10, 0, 0, Beijing));

        var overview = await services.GetRequiredService<AdminOverview>().BuildAsync(2026, CancellationToken.None);

        // Overdue first (most days over first, ties by id), then fewest days left, published last.
        Assert.Equal(["ov-internal", "ov-draft", "ov-missing", "ov-gov", "ov-late", "ov-ontime"], overview.Reports.Select(r => r.AgencyId));
        Assert.Equal([-5, -2, -2, 57, null, null], overview.Reports.Select(r => r.DaysLeft));
        Assert.Equal([true, true, true, false, false, false], overview.Reports.Select(r => r.Overdue));
        Assert.Equal([false, false, false, false, true, false], overview.Reports.Select(r => r.Late));
        Assert.Equal("未创建", overview.Reports[2].StageText);
        Assert.Equal("2027-01-28T23:59:59+08:00", overview.Reports[0].Deadline);
        Assert.Equal("2027-03-31T23:59:59+08:00", overview.Reports[3].Deadline);
        var published = overview.Reports.Single(r => r.AgencyId == "ov-late");
        Assert.Equal("2027-02-01T10:00:00+08:00", published.PublishedAt);
        Assert.EndsWith("/report-published/ov-late/2026/v1/index.html", published.PublishedUrl);
        Assert.Equal(
            [("NotCreated", 1), ("Draft", 2), ("InReview", 1), ("Approved", 0), ("Submitted", 0), ("Publishing", 0), ("PublishFailed", 0), ("Published", 2)],
            overview.Counts.Select(c => (c.Stage, c.Count)));
        Assert.Equal((6, 3, 1, 2), (overview.Total, overview.OverdueCount, overview.LateCount, overview.PublishedCount));

        // The report index records the publication too: when, where, and the late flag.
        var lateEntry = await index.GetAsync("ov-late", 2026, CancellationToken.None);
        var onTimeEntry = await index.GetAsync("ov-ontime", 2026, CancellationToken.None);
        Assert.Equal((true, new DateTimeOffset(2027, 2, 1, 10, 0, 0, Beijing)), (lateEntry!.Late, lateEntry.PublishedAt!.Value));
        Assert.Equal((false, new DateTimeOffset(2027, 1, 30, 15, 0, 0, Beijing)), (onTimeEntry!.Late, onTimeEntry.PublishedAt!.Value));
        Assert.Equal(published.PublishedUrl, lateEntry.PublishedUrl);

        async Task PublishAsync(PublicationRequest request)
        {
            var publication = await publisher.PublishAsync(request, CancellationToken.None);
            // What the orchestrator's RecordStage does when the publish activity returns.
            await index.UpdateAsync(request.Report.AgencyId, 2026, e => e with
            {
                Stage = ReportStages.Published, PublishedUrl = publication.Url, PublishedAt = e.PublishedAt ?? publication.PublishedAt,
            }, CancellationToken.None);
        }
    }
}
