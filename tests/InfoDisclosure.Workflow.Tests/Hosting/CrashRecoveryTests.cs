using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>
/// The local host is killed with SIGKILL (no shutdown code runs) while a report waits at level 2 of the 三审三校 chain,
/// and again right after a decision was accepted; restarted each time on the same storage, task hub and worker id, it
/// finishes the chain through the API with nothing lost and nothing done twice.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private LocalHostFixture _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions { PersistStorage = true });

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_report_survives_kill_9_at_level_2_and_finishes_once()
    {
        var report = new ReportApiDriver(_host, "crash-bureau", 2022);
        await report.CreateAgencyAsync();
        await report.CreateReportWithCleanDraftAsync("2022_hongsibu_approval_bureau.txt");
        await report.SubmitAsync();
        await report.WaitForLevelAsync(1);
        await report.ApproveAsync(level: 1);
        var beforeCrash = await report.WaitForLevelAsync(2);

        await _host.KillAsync();
        await _host.RestartAsync();

        var afterRestart = await report.WaitForLevelAsync(2);
        Assert.Equal(Versions(beforeCrash), Versions(afterRestart));
        Assert.Equal(Decisions(beforeCrash), Decisions(afterRestart));
        Assert.Equal(AuditEntries(beforeCrash), AuditEntries(afterRestart));

        // A crash right after a decision was accepted: the event is durable, the orchestration picks it up after the restart.
        await report.ApproveAsync(level: 2);
        await _host.KillAsync();
        await _host.RestartAsync();

        await report.WaitForLevelAsync(3);
        await report.ApproveAsync(level: 3);
        await report.WaitForAsync(s => s.GetProperty("stage").GetString() == "Published", "Published", TimeSpan.FromSeconds(120));
        var final = await report.WaitForWorkflowAsync("Completed", TimeSpan.FromSeconds(60));

        // Nothing lost: the versions are the ones saved before the crashes; every decision is there, by its reviewer.
        Assert.Equal(Versions(beforeCrash), Versions(final));
        Assert.Equal(
            ["R1 L1 approve reviewer1@crash.example", "R1 L2 approve reviewer2@crash.example", "R1 L3 approve reviewer3@crash.example"],
            Decisions(final));
        var audit = AuditEntries(final);
        Assert.All(AuditEntries(beforeCrash), entry => Assert.Contains(entry, audit));

        // Nothing done twice: one audit entry per decision and per workflow step, one 报送, one publication.
        Assert.Equal(3, audit.Count(e => e.Action == "decision-approve"));
        Assert.Equal([1, 2, 3], audit.Where(e => e.Action == "decision-approve").Select(e => e.Level ?? 0).Order());
        var workflowSteps = audit.Where(e => e.Actor == "workflow").Select(e => $"{e.Action} R{e.Round} L{e.Level}").ToList();
        Assert.Equal(workflowSteps.Distinct().Count(), workflowSteps.Count);
        Assert.Equal(3, workflowSteps.Count(step => step.StartsWith("level-started", StringComparison.Ordinal)));
        Assert.Single(workflowSteps, step => step.StartsWith("published", StringComparison.Ordinal));

        var key = StorageNames.ReportKey(report.AgencyId, report.Year);
        var tables = new TableServiceClient(_host.StorageConnectionString);
        var deliveries = tables.GetTableClient(StorageNames.DeliveriesTable).QueryAsync<TableEntity>(e => e.PartitionKey == key);
        Assert.Single(await deliveries.ToListAsync());

        var published = new BlobServiceClient(_host.StorageConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06))
            .GetBlobContainerClient(StorageNames.PublishedContainer);
        var publishedFolders = new HashSet<string>();
        await foreach (var blob in published.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{report.AgencyId}/{report.Year}/", CancellationToken.None))
            publishedFolders.Add(blob.Name[..blob.Name.LastIndexOf('/')]);
        Assert.Single(publishedFolders);

        var notices = await tables.GetTableClient(StorageNames.NotificationsTable).QueryAsync<TableEntity>(e => e.PartitionKey == key).ToListAsync();
        Assert.Equal(3, notices.Count(n => n.GetString("Kind") == "reviewRequested"));
    }

    private sealed record Audit(string At, string Actor, string Action, int? Round, int? Level, int? VersionNumber);

    private static List<string> Versions(JsonElement report) =>
        report.GetProperty("versions").EnumerateArray()
            .Select(v => $"{v.GetProperty("number").GetInt32()} {v.GetProperty("sha256").GetString()}").ToList();

    private static List<string> Decisions(JsonElement report) =>
        report.GetProperty("reviewTrail").EnumerateArray()
            .SelectMany(level => level.GetProperty("decisions").EnumerateArray().Select(d =>
                $"R{level.GetProperty("round").GetInt32()} L{level.GetProperty("level").GetInt32()} {d.GetProperty("decision").GetString()} {d.GetProperty("reviewerEmail").GetString()}"))
            .ToList();

    private static List<Audit> AuditEntries(JsonElement report) =>
        report.GetProperty("audit").EnumerateArray().Select(a => new Audit(
            a.GetProperty("at").GetString()!, a.GetProperty("actor").GetString()!, a.GetProperty("action").GetString()!,
            Number(a, "round"), Number(a, "level"), Number(a, "versionNumber"))).ToList();

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
