using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Deadlines;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Publishing;

/// <summary>
/// The publication step on real Azurite against the tests' portal receiver, called as the durable retry policy calls
/// it: again after each failure, with a restart in between. (The orchestrated path, PublishFailed and the retry
/// endpoint are covered end to end on the local host.)
/// </summary>
public sealed class PortalReportPublisherTests(DeadlineWorld world) : IClassFixture<DeadlineWorld>, IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private PortalReceiver _portal = null!;

    public async Task InitializeAsync() => _portal = await PortalReceiver.StartAsync("portal-secret-" + Guid.NewGuid().ToString("N"));

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private ServiceProvider Services(bool withPortalDefault = false) => world.StartServices(new Dictionary<string, string?>
    {
        ["Portal:Secret"] = _portal.Secret,
        ["Portal:Endpoint"] = withPortalDefault ? _portal.Endpoint : null,
    });

    [Fact]
    public async Task Two_failed_pushes_then_success_make_one_publication_with_one_key_the_same_signed_body_and_the_portals_url()
    {
        var request = await ApprovedReportAsync("pub-retry", "红寺堡区审批服务管理局", _portal.Endpoint);
        _portal.FailFirst(2);
        var firstAttemptAt = world.Clock.GetUtcNow();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await using var failing = Services();
            var error = await Assert.ThrowsAsync<PortalPushException>(() => failing.GetRequiredService<IReportPublisher>().PublishAsync(request, CancellationToken.None));
            Assert.Contains("503", error.Message);
            world.Clock.Advance(TimeSpan.FromSeconds(30 * attempt));
        }
        Publication publication;
        await using (var restarted = Services())
        {
            Assert.IsType<PortalReportPublisher>(restarted.GetRequiredService<IReportPublisher>());
            publication = await restarted.GetRequiredService<IReportPublisher>().PublishAsync(request, CancellationToken.None);
        }

        var requests = _portal.Requests.Where(r => r.IdempotencyKey == request.IdempotencyKey).ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.True(r.SignatureValid));
        Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));
        Assert.Equal([503, 503, 200], requests.Select(r => r.AnsweredStatus));
        Assert.Equal("report-pub-retry-2026:v1", request.IdempotencyKey);
        Assert.Equal(PortalReceiver.UrlFor(_portal.Port, "pub-retry", 2026), publication.Url);

        var payload = requests[0].Payload;
        Assert.Equal(("pub-retry", "红寺堡区审批服务管理局", 2026, request.IdempotencyKey), (payload.AgencyId, payload.AgencyName, payload.Year, payload.IdempotencyKey));
        Assert.Equal("红寺堡区审批服务管理局2026年政府信息公开工作年度报告", payload.Title);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(payload.Html))), payload.Sha256);
        Assert.Contains("政府信息公开", payload.Text);
        Assert.Equal(firstAttemptAt, payload.PublishedAt);
        Assert.Equal(Beijing, payload.PublishedAt.Offset);

        await using var services = Services();
        var record = await services.GetRequiredService<PublicationStore>().GetAsync("pub-retry", 2026, 1, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal((PublicationStatus.Published, 3, publication.Url, false), (record.Status, record.Attempts, record.Url, record.Late));

        // Called once more (an activity retried after it succeeded): the same publication, no fourth push.
        var again = await services.GetRequiredService<IReportPublisher>().PublishAsync(request, CancellationToken.None);
        Assert.Equal(publication, again);
        Assert.Equal(3, _portal.Requests.Count(r => r.IdempotencyKey == request.IdempotencyKey));
        Assert.Single(_portal.Published, p => p.Key == request.IdempotencyKey);
    }

    [Fact]
    public async Task The_artifacts_are_written_once_under_agency_year_and_version_each_with_its_SHA_256()
    {
        var request = await ApprovedReportAsync("pub-files", "文件局", endpoint: null);
        await using var services = Services();
        var publication = await services.GetRequiredService<IReportPublisher>().PublishAsync(request, CancellationToken.None);

        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.PublishedContainer);
        var manifest = JsonDocument.Parse((await container.GetBlobClient("pub-files/2026/v1/manifest.json").DownloadContentAsync()).Value.Content.ToString());
        var files = manifest.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("sha256").GetString()!);
        Assert.Equal(["fragment.html", "index.html", "report.docx", "report.json", "report.txt"], files.Keys.Order());
        foreach (var (name, sha) in files)
        {
            var bytes = (await container.GetBlobClient($"pub-files/2026/v1/{name}").DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        Assert.Equal(files["fragment.html"], publication.Sha256);

        // Never overwritten: a second write of other bytes to the same path keeps the first.
        var store = services.GetRequiredService<ArtifactStore>();
        var kept = await store.WriteOnceAsync(StorageNames.PublishedContainer, "pub-files/2026/v1/index.html", [1, 2, 3], "text/html", CancellationToken.None);
        Assert.Equal(files["index.html"], kept);

        // No portal configured: the publication is the public Blob page, readable without credentials.
        Assert.Equal(container.GetBlobClient("pub-files/2026/v1/index.html").Uri.ToString(), publication.Url);
        using var anonymous = new HttpClient();
        var page = await anonymous.GetStringAsync(publication.Url);
        Assert.Contains("文件局2026年政府信息公开工作年度报告", page);
    }

    /// <summary>An agency and an approved version of the seed report as year 2026, with its final artifacts stored as the workflow stores them.</summary>
    private Task<PublicationRequest> ApprovedReportAsync(string agencyId, string agencyName, string? endpoint) =>
        ApprovedReportAsync(world, Services, agencyId, agencyName, endpoint);

    internal static async Task<PublicationRequest> ApprovedReportAsync(
        DeadlineWorld world, Func<bool, ServiceProvider> start, string agencyId, string agencyName, string? endpoint)
    {
        await using var services = start(false);
        await services.GetRequiredService<AgencyStore>().CreateAsync(new Agency
        {
            Id = agencyId, Name = agencyName, Kind = AgencyKinds.Department, SupervisingOfficeEmail = "office@gov.example.cn",
            Drafter = new Person("起草人", $"drafter-{agencyId}@gov.example.cn"),
            ReviewChain = [new ReviewLevel { Name = "初审·一校", Reviewers = [new Person("编辑", "editor@gov.example.cn")] }],
            Portal = new PortalSettings { Endpoint = endpoint },
        }, CancellationToken.None);
        var report = ReportImporter.Import(TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt")).Report;
        report.AgencyName = agencyName;
        report.Year = 2026;
        var version = await services.GetRequiredService<ReportDocuments>().AddVersionAsync(agencyId, 2026, 1, report, "test", "import",
            world.Clock.GetUtcNow(), [], CancellationToken.None);
        var artifacts = await ActivatorUtilities.CreateInstance<StoreFinalArtifacts>(services).RunAsync(
            new TestActivityContext(StoreFinalArtifacts.Name), new FinalArtifactsRequest(agencyId, 2026, 1, version.Number, version.Sha256));
        return new PublicationRequest($"{StorageNames.ReportKey(agencyId, 2026)}:v{version.Number}", new ReportRef(agencyId, agencyName, 2026), artifacts);
    }

    internal sealed class TestActivityContext(string name) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;
        public override string InstanceId => "test";
    }
}
