using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

/// <summary>
/// The January 1 roll-over on the local host, driven by its own ticker on the development clock (DevClock__StartAt an
/// hour before midnight, Beijing, then moved past midnight through the testing mode's POST /testing/clock): the new
/// year's report appears for every agency through POST /api/reports, pre-filled from last year's, the drafter is told
/// once, and a restart changes nothing.
/// </summary>
public sealed class NewYearRollOverTests : IAsyncLifetime
{
    private static readonly DateTimeOffset NewYear = new(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private readonly DevMailbox _mailbox = new(TimeProvider.System);
    private EmbeddedSmtpServer _smtp = null!;
    private LocalHostFixture _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await EmbeddedSmtpServer.StartAsync(_mailbox);
        // An hour before midnight: nothing races the set-up; the test moves the clock when it is ready.
        var startAt = NewYear - TimeSpan.FromHours(1);
        _host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions
        {
            Mailbox = _mailbox,
            Settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DevClock__StartAt"] = startAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                ["Deadlines__TickSeconds"] = "1",
                ["LocalHost__TestingTasks"] = "true",
                ["Smtp__Host"] = "127.0.0.1",
                ["Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task On_January_1_every_agency_gets_its_new_report_prefilled_from_last_year_and_the_drafter_is_told_once()
    {
        var api = new ApiDriver(_host);
        var carried = ApiDriver.NewAgencyId("roll");
        var fresh = ApiDriver.NewAgencyId("rollnew");
        foreach (var id in new[] { carried, fresh })
        {
            var agency = ApiDriver.Agency(id,
                ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
                ApiDriver.Level("any", ("钱科长", "chief@example.gov.cn")),
                ApiDriver.Level("any", ("李局长", "leader@example.gov.cn")));
            agency["drafter"] = ApiDriver.Person("王起草", $"drafter-{id}@example.gov.cn");
            await api.CreateAgencyAsync(agency);
        }
        // Last year's report of one agency: 淮安市's figures, whose 四、结转下年度继续办理 is 103 (自然人 103).
        using (var created = await api.CreateReportAsync(carried, 2025)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lastYear = ReportImporter.ImportText(TestPaths.ReadFixture("2024_huaian_city_gov.txt")).Report;
        lastYear.Year = 2025;
        lastYear.AgencyName = "吴忠市红寺堡区审批服务管理局";
        await api.PutDraftAsync(carried, 2025, ReportJson.Serialize(lastYear), "application/json");
        using (var before = await _host.Client.GetAsync($"api/reports/{carried}/2026"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        await AdvanceClockPastMidnightAsync();
        var report = await WaitForReportAsync(carried, 2026);
        await WaitForReportAsync(fresh, 2026);

        var draft = await CurrentDraftAsync(carried, 2026, (int)report["status"]!["currentVersion"]!);
        Assert.Equal(2026, draft.Year);
        Assert.Equal(103m, draft.Applications!.CarriedOverFromLastYear.Total.Value);
        Assert.Equal(103m, draft.Applications.CarriedOverFromLastYear.NaturalPerson.Value);
        Assert.Equal(11m, draft.ProactiveDisclosure!.Rules.InForce.Value);
        Assert.True(draft.ProactiveDisclosure.Rules.Issued.IsBlank);
        Assert.StartsWith(NewReport.UnrevisedMarker, draft.Overview.ProactiveDisclosure.Paragraphs[0]);
        Assert.Equal("Draft", (string?)report["status"]!["stage"]);

        var notices = await _mailbox.WaitForAsync(m => m.Subject.StartsWith("【新年度报告】", StringComparison.Ordinal) && m.To.Contains($"drafter-{carried}@example.gov.cn"),
            TimeSpan.FromSeconds(30));
        Assert.Contains("2026年", notices.Subject);
        await _mailbox.WaitForAsync(m => m.Subject.StartsWith("【新年度报告】", StringComparison.Ordinal) && m.To.Contains($"drafter-{fresh}@example.gov.cn"),
            TimeSpan.FromSeconds(30));

        // A restart (the development clock starts again before midnight and passes it again): nothing is created or sent
        // twice. The deadline jobs run once more on January 1, and only after that run has answered are the mails counted.
        await _host.RestartAsync();
        await AdvanceClockPastMidnightAsync();
        using (var run = await _host.Client.PostAsync("testing/deadlines/run", null))
        {
            var body = await run.Content.ReadAsStringAsync();
            Assert.True(run.StatusCode == HttpStatusCode.OK, $"POST /testing/deadlines/run: {(int)run.StatusCode} {body}");
            var rollOver = JsonNode.Parse(body)!["rollOver"]!;
            Assert.True((int)rollOver["created"]! == 0 && (int)rollOver["existing"]! == 2, $"the run after the restart: {rollOver}");
        }
        Assert.Single(_mailbox.Messages, m => m.Subject.StartsWith("【新年度报告】", StringComparison.Ordinal) && m.To.Contains($"drafter-{carried}@example.gov.cn"));
        var audit = (await api.GetReportAsync(carried, 2026)).ToJsonString();
        Assert.Equal(1, CountOf(audit, "\"report-created\""));
    }

    private async Task AdvanceClockPastMidnightAsync()
    {
        var to = (NewYear + TimeSpan.FromSeconds(1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        using var moved = await _host.Client.PostAsync($"testing/clock?to={Uri.EscapeDataString(to)}", null);
        Assert.True(moved.StatusCode == HttpStatusCode.OK, $"POST /testing/clock: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonObject> WaitForReportAsync(string agencyId, int year)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until)
        {
            using var response = await _host.Client.GetAsync($"api/reports/{agencyId}/{year}");
            // The index row appears first; the report is complete once its first version is stored.
            if (response.StatusCode == HttpStatusCode.OK
                && JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() is var report
                && (int?)report["status"]?["currentVersion"] > 0)
            {
                return report;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The {year} report of {agencyId} was not created by the roll-over within 60 s of January 1.");
    }

    /// <summary>The stored draft version, read from Blob storage as the workflow wrote it.</summary>
    private async Task<AnnualReport> CurrentDraftAsync(string agencyId, int year, int version)
    {
        var connection = _host.StorageConnectionString;
        var documents = new ReportDocuments(
            new BlobServiceClient(connection, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06)), new TableServiceClient(connection));
        return await documents.ReadReportAsync(agencyId, year, version, CancellationToken.None)
            ?? throw new InvalidOperationException($"Version {version} of {agencyId}/{year} is missing.");
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
