using System.Net;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Tests.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Publishing;

/// <summary>
/// Server-side request forgery: outside Development the portal push goes only to https endpoints on public addresses,
/// checked on the address connected to after DNS, and a refused or failed push keeps our words, never the remote body.
/// </summary>
public sealed class OutboundAddressTests(DeadlineWorld world) : IClassFixture<DeadlineWorld>, IAsyncLifetime
{
    private PortalReceiver _portal = null!;

    public async Task InitializeAsync() => _portal = await PortalReceiver.StartAsync("portal-secret-" + Guid.NewGuid().ToString("N"));

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.10", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("202.96.128.86", false)]
    [InlineData("2400:3200::1", false)]
    public void Internal_addresses_are_recognised(string address, bool isInternal) =>
        Assert.Equal(isInternal, OutboundAddresses.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://portal.example.gov.cn/reports", "https")]
    [InlineData("https://127.0.0.1:10002/devstoreaccount1", "internal")]
    [InlineData("https://[::1]/reports", "internal")]
    [InlineData("https://169.254.169.254/metadata", "internal")]
    [InlineData("https://localhost/reports", "internal")]
    public void Outside_development_an_endpoint_must_be_https_and_not_internal(string endpoint, string refusal) =>
        Assert.Contains(refusal, new OutboundAddresses(allowLocal: false).Refusal(new Uri(endpoint)));

    [Fact]
    public void A_public_https_endpoint_is_accepted() =>
        Assert.Null(new OutboundAddresses(allowLocal: false).Refusal(new Uri("https://portal.example.gov.cn/reports")));

    [Fact]
    public async Task A_name_that_resolves_to_an_internal_address_is_refused_when_connecting()
    {
        // The name passes the endpoint check (it is not an address); the connection checks what DNS gave.
        using var http = new HttpClient(new OutboundAddresses(allowLocal: false).CreateHandler());
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync($"http://localhost:{_portal.Port}/reports", new StringContent("{}")));
        Assert.Contains("internal address", error.Message);
        Assert.Empty(_portal.Requests);
    }

    [Fact]
    public async Task A_failed_push_keeps_the_status_code_and_our_message_not_the_remote_body()
    {
        _portal.FailFirst(1);
        await using var services = world.StartServices(new Dictionary<string, string?> { ["Portal:Secret"] = _portal.Secret });
        var client = services.GetRequiredService<PortalClient>();
        var error = await Assert.ThrowsAsync<PortalPushException>(() =>
            client.PushAsync(new Uri(_portal.Endpoint), "{}"u8.ToArray(), "key-1", CancellationToken.None));
        Assert.Equal(503, error.StatusCode);
        Assert.Equal($"The portal {_portal.Endpoint} answered HTTP 503; the push was not accepted.", error.Message);
    }
}
