using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>
/// A local host in Development (where a stack trace would be most tempting) with testing mode on, whose mail server is
/// a TCP listener the tests can switch off.
/// </summary>
public sealed class DevelopmentHostFixture : IAsyncLifetime
{
    public TcpListener MailServer { get; } = new(IPAddress.Loopback, 0);
    public LocalHostFixture Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        MailServer.Start();
        Host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["LocalHost__TestingTasks"] = "true",
                ["Smtp__Host"] = "127.0.0.1",
                ["Smtp__Port"] = ((IPEndPoint)MailServer.LocalEndpoint).Port.ToString(),
            },
        });
    }

    public async Task DisposeAsync()
    {
        MailServer.Stop();
        if (Host is not null) await Host.DisposeAsync();
    }
}

/// <summary>/healthz for Azure's health check and scripts, and what any unexpected exception answers.</summary>
public sealed class ReadinessAndErrorTests(DevelopmentHostFixture fixture) : IClassFixture<DevelopmentHostFixture>
{
    [Fact]
    public async Task Healthz_is_ready_while_storage_engine_and_mail_server_answer_and_names_the_one_that_stops()
    {
        using (var ready = await fixture.Host.AnonymousClient.GetAsync("/healthz"))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
            using var json = JsonDocument.Parse(body);
            Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
            Assert.Equal(["engine", "smtp", "storage"], Checks(json).Keys.Order());
            Assert.All(Checks(json).Values, status => Assert.Equal("ok", status));
        }

        fixture.MailServer.Stop();

        using var unavailable = await fixture.Host.AnonymousClient.GetAsync("/healthz");
        var failed = await unavailable.Content.ReadAsStringAsync();
        Assert.True(unavailable.StatusCode == HttpStatusCode.ServiceUnavailable, failed);
        Assert.NotNull(unavailable.Headers.RetryAfter);
        using var report = JsonDocument.Parse(failed);
        Assert.Equal("unavailable", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string> { ["engine"] = "ok", ["smtp"] = "failed", ["storage"] = "ok" }, Checks(report));
        // Anyone may call it: the mail server's address is not in the answer.
        var port = ((IPEndPoint)fixture.MailServer.LocalEndpoint).Port.ToString();
        Assert.All(report.RootElement.GetProperty("checks").EnumerateObject(), check =>
            Assert.True(check.Value.GetProperty("detail").GetString() is not { } detail || !detail.Contains(port, StringComparison.Ordinal) && !detail.Contains("127.0.0.1", StringComparison.Ordinal), failed));
    }

    [Fact]
    public async Task An_exception_in_a_handler_answers_problem_details_without_a_trace_or_the_request()
    {
        const string secret = "header-value-that-must-not-come-back";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/testing/throw");
        request.Headers.Add("X-Probe", secret);

        using var response = await fixture.Host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _), body);
        Assert.All(new[] { secret, "X-Probe", fixture.Host.ApiKey, "InvalidOperationException", "failed on purpose", "TestingMode", " at " },
            leaked => Assert.DoesNotContain(leaked, body, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Checks(JsonDocument json) =>
        json.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString()!);
}
