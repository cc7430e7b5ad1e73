using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Tests.Storage;

[Collection(StorageCollection.Name)]
public sealed class AuditAndIndexTests(StorageFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task The_audit_log_reads_back_in_time_order_and_a_repeated_workflow_step_is_written_once()
    {
        var audit = fixture.Get<AuditLog>();
        var key = "report-audit-" + Guid.NewGuid().ToString("N")[..8] + "-2025";

        await audit.AppendAsync(key, new AuditEntry(T0.AddMinutes(2), "李四", "decision-approve", ClientIp: "10.1.2.3"), CancellationToken.None);
        await audit.AppendAsync(key, new AuditEntry(T0, "张三", "submitted", ClientIp: "10.1.2.4"), CancellationToken.None);
        var step = new AuditEntry(T0.AddMinutes(3), "workflow", "level-started", Round: 1, Level: 2);
        await audit.AppendOnceAsync(key, step, "wf-level-started-R1-L2", CancellationToken.None);
        await audit.AppendOnceAsync(key, step, "wf-level-started-R1-L2", CancellationToken.None);

        var entries = await audit.ReadAsync(key, CancellationToken.None);
        Assert.Equal(["submitted", "decision-approve", "level-started"], entries.Select(e => e.Action));
        Assert.Equal(["10.1.2.4", "10.1.2.3", null], entries.Select(e => e.ClientIp));
    }

    [Fact]
    public async Task An_index_row_written_with_a_stale_etag_is_refused()
    {
        var index = fixture.Get<ReportIndex>();
        var agency = "index-" + Guid.NewGuid().ToString("N")[..8];
        var entry = new ReportIndexEntry { AgencyId = agency, Year = 2025, AgencyName = "测试局", Holder = [new Person("起草人", "d@example.gov.cn")] };

        Assert.True(await index.TryCreateAsync(entry, CancellationToken.None));
        Assert.False(await index.TryCreateAsync(entry, CancellationToken.None));
        var read = (await index.GetAsync(agency, 2025, CancellationToken.None))!;
        Assert.True(await index.TryReplaceAsync(read with { Stage = ReportStages.InReview, Round = 1, Level = 1 }, CancellationToken.None));
        Assert.False(await index.TryReplaceAsync(read with { CurrentVersion = 7 }, CancellationToken.None));

        var now = (await index.GetAsync(agency, 2025, CancellationToken.None))!;
        Assert.Equal((ReportStages.InReview, 1, 0), (now.Stage, now.Round, now.CurrentVersion));
        Assert.Equal("起草人", now.Holder.Single().Name);
        Assert.Contains(now, await index.ListAsync(2025, CancellationToken.None), new KeyComparer());
    }

    [Fact]
    public async Task An_agency_id_is_created_once_and_a_stale_etag_cannot_overwrite_it()
    {
        var store = fixture.Get<AgencyStore>();
        var agency = new Agency { Id = "agency-" + Guid.NewGuid().ToString("N")[..8], Name = "甲局" };

        var created = await store.CreateAsync(agency, CancellationToken.None);
        Assert.NotNull(created);
        Assert.Null(await store.CreateAsync(agency with { Name = "乙局" }, CancellationToken.None));

        var (first, _) = await store.UpdateAsync(agency with { Name = "丙局" }, created!.ETag, CancellationToken.None);
        var (second, _) = await store.UpdateAsync(agency with { Name = "丁局" }, created.ETag, CancellationToken.None);
        Assert.Equal((AgencyUpdate.Updated, AgencyUpdate.PreconditionFailed), (first, second));
        Assert.Equal("丙局", (await store.GetAsync(agency.Id, CancellationToken.None))!.Agency.Name);
    }

    private sealed class KeyComparer : IEqualityComparer<ReportIndexEntry>
    {
        public bool Equals(ReportIndexEntry? x, ReportIndexEntry? y) => x?.Key == y?.Key;
        public int GetHashCode(ReportIndexEntry obj) => obj.Key.GetHashCode();
    }
}
