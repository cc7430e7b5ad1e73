using System.Net;
using System.Text;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Publishing;

/// <summary>
/// What a person gets from the README's run command (Development, no portal configured): the report is published to
/// the local host's own development portal, which checks signatures, and can be read there.
/// </summary>
public sealed class DevPortalTests : IAsyncLifetime
{
    private readonly DevMailbox _mailbox = new(TimeProvider.System);
    private EmbeddedSmtpServer _smtp = null!;
    private LocalHostFixture _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await EmbeddedSmtpServer.StartAsync(_mailbox);
        _host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions
        {
            Mailbox = _mailbox,
            Settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
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
    public async Task Without_a_portal_the_approved_report_is_published_to_the_development_portal_and_readable_there()
    {
        var api = new ApiDriver(_host);
        var id = await PublishingEndToEndTests.ApproveReportAsync(api, "devportal");

        var report = await api.WaitForAsync(id, PublishingEndToEndTests.Year, "Published");
        var url = $"{_host.BaseAddress.ToString().TrimEnd('/')}/dev/portal/reports/{id}/{PublishingEndToEndTests.Year}";
        Assert.Contains(url, report.ToJsonString());
        var page = await _host.AnonymousClient.GetStringAsync(url);
        Assert.Contains("2022年政府信息公开工作年度报告", page);
        var list = await _host.AnonymousClient.GetStringAsync("dev/portal");
        Assert.Contains($"/dev/portal/reports/{id}/2022", list);

        // It checks signatures like a real portal.
        using var forged = new StringContent("{\"agencyId\":\"x\"}", Encoding.UTF8, "application/json");
        forged.Headers.Add("X-Signature", "sha256=00");
        using var refused = await _host.AnonymousClient.PostAsync("dev/portal/reports", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
