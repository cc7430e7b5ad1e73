using System.Net;
using System.Text.Json.Nodes;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Publishing;

/// <summary>The local host on Azurite, an SMTP server and a portal receiver run by the tests, and portal retries in seconds.</summary>
public sealed class PublishingHostFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@supervision.example.gov.cn";

    public LocalHostFixture Host { get; private set; } = null!;
    public PortalReceiver Portal { get; private set; } = null!;
    public DevMailbox Mailbox { get; } = new(TimeProvider.System);
    private EmbeddedSmtpServer? _smtp;

    public async Task InitializeAsync()
    {
        Portal = await PortalReceiver.StartAsync("portal-secret-" + Guid.NewGuid().ToString("N"));
        _smtp = await EmbeddedSmtpServer.StartAsync(Mailbox);
        Host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions
        {
            Mailbox = Mailbox,
            Settings = new Dictionary<string, string>
            {
                ["Portal__Endpoint"] = Portal.Endpoint,
                ["Portal__Secret"] = Portal.Secret,
                ["Publishing__RetryAttempts"] = "3",
                ["Publishing__RetryFirstInterval"] = "00:00:01",
                ["Publishing__RetryBackoff"] = "2",
                ["Publishing__RetryMaxInterval"] = "00:00:02",
                ["Smtp__Host"] = "127.0.0.1",
                ["Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Admin__Email"] = AdminEmail,
            },
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_smtp is not null) await _smtp.DisposeAsync();
        await Portal.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PublishingHostCollection : ICollectionFixture<PublishingHostFixture>
{
    public const string Name = "Publishing on the local host";
}

/// <summary>
/// Publication through the whole workflow: 三审三校, 报送, then the signed push with the durable retry policy; a portal
/// down for good ends in PublishFailed and an e-mail to the administrator, and POST …/publish publishes it later.
/// </summary>
[Collection(PublishingHostCollection.Name)]
public sealed class PublishingEndToEndTests(PublishingHostFixture world)
{
    internal const int Year = 2022;
    private readonly ApiDriver _api = new(world.Host);

    /// <summary>An agency whose reports go to the test portal, and its 2022 report approved by all three levels.</summary>
    internal static async Task<string> ApproveReportAsync(ApiDriver api, string prefix)
    {
        var id = ApiDriver.NewAgencyId(prefix);
        await api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("any", ("钱科长", "chief@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader@example.gov.cn"))));
        using (var created = await api.CreateReportAsync(id, Year)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await api.PutDraftAsync(id, Year, TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        using (var submitted = await api.SubmitAsync(id, Year)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string[] reviewers = ["editor@example.gov.cn", "chief@example.gov.cn", "leader@example.gov.cn"];
        for (var level = 1; level <= 3; level++)
        {
            await api.WaitForAsync(id, Year, "InReview", level: level, round: 1);
            await api.ApproveAsync(id, Year, level, 1, reviewers[level - 1]);
        }
        return id;
    }

    [Fact]
    public async Task A_portal_that_fails_twice_then_accepts_gets_one_publication_and_the_report_records_its_url()
    {
        world.Portal.FailFirst(2);
        var id = await ApproveReportAsync(_api, "pub2fail");

        var report = await _api.WaitForAsync(id, Year, "Published");

        var key = $"report-{id}-{Year}:v{(int)report["submittedVersion"]!}";
        var attempts = world.Portal.Requests.Where(r => r.Payload.AgencyId == id).ToList();
        Assert.Equal([503, 503, 200], attempts.Select(r => r.AnsweredStatus));
        Assert.All(attempts, r => Assert.Equal(key, r.IdempotencyKey));
        Assert.All(attempts, r => Assert.True(r.SignatureValid));
        Assert.Single(world.Portal.Published, p => p.Value.AgencyId == id);
        var url = PortalReceiver.UrlFor(world.Portal.Port, id, Year);
        Assert.Contains(url, report.ToJsonString());

        var overview = JsonNode.Parse(await world.Host.Client.GetStringAsync($"api/admin/overview?year={Year}"))!;
        var row = overview["reports"]!.AsArray().Single(r => (string?)r!["agencyId"] == id)!;
        Assert.Equal(("Published", url), ((string?)row["stage"], (string?)row["publishedUrl"]));
        // A 2022 report published now is years past its January 31, 2023 deadline.
        Assert.True((bool)row["late"]!);
    }

    [Fact]
    public async Task A_portal_down_for_good_ends_in_PublishFailed_and_an_email_and_POST_publish_publishes_it_once_the_portal_is_back()
    {
        string id;
        world.Portal.FailAlways(true);
        try
        {
            id = await ApproveReportAsync(_api, "pubdown");
            await _api.WaitForAsync(id, Year, "PublishFailed");
            var mail = await world.Mailbox.WaitForAsync(m => m.Subject.StartsWith("【发布失败】", StringComparison.Ordinal) && m.TextBody!.Contains(id),
                TimeSpan.FromSeconds(30));
            Assert.Equal([PublishingHostFixture.AdminEmail], mail.To);
            Assert.Contains($"/api/reports/{id}/{Year}/publish", mail.TextBody);
            Assert.Equal(3, world.Portal.Requests.Count(r => r.Payload.AgencyId == id));

            // Still down: the retry fails again after its own three attempts, and the report is PublishFailed again.
            using (var retry = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/publish", null))
            {
                Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
            }
            await world.Mailbox.WaitForAsync(m => m.Subject.StartsWith("【发布失败】", StringComparison.Ordinal) && m.TextBody!.Contains(id)
                && m.TextBody.Contains("第2轮"), TimeSpan.FromSeconds(60));
            await _api.WaitForAsync(id, Year, "PublishFailed");
        }
        finally
        {
            world.Portal.FailAlways(false);
        }

        using (var retry = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/publish", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }
        var report = await _api.WaitForAsync(id, Year, "Published");

        var attempts = world.Portal.Requests.Where(r => r.Payload.AgencyId == id).ToList();
        Assert.Equal(7, attempts.Count);
        Assert.Single(attempts.Select(r => r.IdempotencyKey).Distinct());
        Assert.Single(attempts.Select(r => Convert.ToHexString(r.Body)).Distinct());
        Assert.Contains(PortalReceiver.UrlFor(world.Portal.Port, id, Year), report.ToJsonString());

        // Published: a further retry is refused and changes nothing.
        using var again = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(7, world.Portal.Requests.Count(r => r.Payload.AgencyId == id));
    }

    [Fact]
    public async Task Publish_is_refused_for_a_report_that_did_not_fail_and_needs_the_key()
    {
        var id = ApiDriver.NewAgencyId("pubnot");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("any", ("钱科长", "chief@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader@example.gov.cn"))));
        using (var created = await _api.CreateReportAsync(id, Year)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var draft = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
        Assert.Contains("Draft", await draft.Content.ReadAsStringAsync());
        using var anonymous = await world.Host.AnonymousClient.PostAsync($"api/reports/{id}/{Year}/publish", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var missing = await world.Host.Client.PostAsync($"api/reports/no-such-agency/{Year}/publish", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // Outside Development (and with a portal configured) there is no development portal.
        using var devPortal = await world.Host.AnonymousClient.GetAsync("dev/portal");
        Assert.Equal(HttpStatusCode.NotFound, devPortal.StatusCode);
    }
}
