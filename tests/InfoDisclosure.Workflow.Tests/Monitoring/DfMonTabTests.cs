using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Grpc.Net.Client;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Monitoring;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Monitoring;

/// <summary>
/// The administrator's review tab in DfMon: the host uploads it at start where DfMon looks for it, and rendered against
/// a real instance in review it shows the agency, stage, chain, decisions, days left and links.
/// </summary>
[Collection(LocalHostApiCollection.Name)]
public sealed class DfMonTabTests(LocalHostFixture host) : IAsyncLifetime
{
    private readonly ApiDriver _api = new(host);
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = EngineClient.For(host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task The_tab_of_a_report_in_review_shows_the_chain_the_decisions_the_days_left_and_the_links()
    {
        var id = ApiDriver.NewAgencyId("dfmon");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("all", ("钱科长", "chief@example.gov.cn"), ("孙保密", "secrecy@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader@example.gov.cn"))));
        (await _api.CreateReportAsync(id, 2022)).Dispose();
        await _api.PutDraftAsync(id, 2022, TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        (await _api.SubmitAsync(id, 2022)).Dispose();
        await _api.WaitForAsync(id, 2022, "InReview", level: 1);
        await _api.ApproveAsync(id, 2022, 1, 1, "editor@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "InReview", level: 2);
        await _api.ApproveAsync(id, 2022, 2, 1, "chief@example.gov.cn");
        var instanceId = $"report-{id}-2022";
        await _api.WaitForProcessedEventAsync(instanceId, "Decision-L2-R1", "chief@example.gov.cn");

        // Uploaded at start, where DfMon reads tab templates: one per orchestrator name, every registered version.
        var container = new BlobServiceClient(host.StorageConnectionString).GetBlobContainerClient(DfMonTabs.Container);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, DfMonTabs.Folder + "/", CancellationToken.None)) names.Add(blob.Name);
        Assert.Equal(["tab-templates/审核.ReportWorkflow_v1.liquid", "tab-templates/审核.ReportWorkflow_v2.liquid", "tab-templates/审核.ReportWorkflow_v3.liquid"], names.Order());
        var template = (await container.GetBlobClient(names[0]).DownloadContentAsync()).Value.Content.ToString();

        // Ten Beijing days before the statutory deadline of a department's 2022 report (January 31, 2023).
        var at = new DateTimeOffset(2023, 1, 21, 10, 0, 0, BeijingCalendar.Offset);
        // The decision can reach the history while level 2's reviewers are still being e-mailed; the custom status
        // shows level 2 once that activity is done.
        string html;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        do
        {
            var instance = await DfMonInstance.LoadAsync(_services.GetRequiredService<DurableTaskClient>(),
                new TableServiceClient(host.StorageConnectionString), host.TaskHubName, instanceId);
            html = instance.Render(template, at);
        }
        while (!Field(html, "stage").Contains("第2级", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Pause());

        var baseUrl = host.BaseAddress.ToString().TrimEnd('/');
        Assert.Equal($"吴忠市红寺堡区审批服务管理局（{id}）", Field(html, "agency"));
        Assert.Equal("2022", Field(html, "year"));
        Assert.Matches(@"^InReview · 第2级 \S+ · 第1轮$", Field(html, "stage"));
        // The level still waits for 孙保密 ("all" rule): the holder is the level's reviewers.
        Assert.Contains("孙保密 &lt;secrecy@example.gov.cn&gt;", Field(html, "holder"));
        Assert.Equal("2023-01-31 23:59（北京时间）", Field(html, "deadline"));
        Assert.Equal("剩 10 天", Field(html, "daysLeft"));
        Assert.Contains($"href=\"{baseUrl}/reports/{id}/2022\"", html);
        Assert.Contains($"href=\"{baseUrl}/api/reports/{id}/2022/preview\"", html);

        var chain = Rows(html, "data-level");
        Assert.Equal(3, chain.Count);
        Assert.Equal(["第1级", "任一人", "editor@example.gov.cn"], chain[0]);
        Assert.Equal("全部通过", chain[1][1]);
        Assert.Equal("chief@example.gov.cn；secrecy@example.gov.cn", chain[1][2]);
        Assert.StartsWith("第2级 ", chain[1][0]);
        Assert.EndsWith("（当前）", chain[1][0]);

        var decisions = Rows(html, "class=\"decision\"");
        Assert.Equal(2, decisions.Count);
        Assert.Equal(["1", "1", "editor@example.gov.cn", "通过", "已审", "已校"], decisions[0][..6]);
        Assert.Equal(["1", "2", "chief@example.gov.cn", "通过", "已审", "已校"], decisions[1][..6]);
        // Decision times in Beijing time, as the report's review trail records them.
        var report = await _api.GetReportAsync(id, 2022);
        var decidedAt = DateTimeOffset.Parse((string)report["reviewTrail"]!.AsArray()[0]!["reviewedBy"]![0]!["at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(decidedAt.ToOffset(BeijingCalendar.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), decisions[0][6]);
        Assert.DoesNotContain("notificationFailed", html);
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(200);
        return true;
    }

    private static string Field(string html, string name)
    {
        var match = Regex.Match(html, $"data-field=\"{name}\">(.*?)</td>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no {name} in:\n{html}");
        return Regex.Replace(match.Groups[1].Value, "<[^>]+>", "").Trim();
    }

    private static List<string[]> Rows(string html, string marker) =>
        Regex.Matches(html, $"<tr {Regex.Escape(marker)}[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(row => Regex.Matches(row.Groups[1].Value, "<td>(.*?)</td>", RegexOptions.Singleline)
                .Select(cell => Regex.Replace(cell.Groups[1].Value, "<[^>]+>", "").Trim()).ToArray())
            .ToList();
}

/// <summary>The Durable Task client of a running local host, over its loopback gRPC sidecar.</summary>
public static class EngineClient
{
    public static ServiceProvider For(LocalHostFixture host)
    {
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.GrpcPort}");
        var services = new ServiceCollection().AddLogging().AddSingleton(channel);
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        return services.BuildServiceProvider();
    }
}
