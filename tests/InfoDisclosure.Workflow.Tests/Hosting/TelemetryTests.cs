using InfoDisclosure.Workflow.Dev.Hosting;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>
/// The local host exports traces when a collector is configured: spans for the HTTP API and for the durable
/// orchestration and its activities reach an OTLP/HTTP receiver run by the test (the same pipeline exports to
/// Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set, which cannot be reached from here).
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly OtlpReceiver _collector = new();
    private LocalHostFixture _host = null!;

    public async Task InitializeAsync()
    {
        _collector.Start();
        _host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _collector.Dispose();
    }

    [Fact]
    public async Task Api_calls_and_the_orchestration_with_its_activities_are_traced()
    {
        var report = new ReportApiDriver(_host, "traced-bureau", 2022);
        await report.CreateAgencyAsync();
        await report.CreateReportWithCleanDraftAsync("2022_hongsibu_approval_bureau.txt");
        await report.SubmitAsync();
        await report.WaitForLevelAsync(1);

        // OTLP protobuf carries names and attribute values as plain UTF-8 strings.
        var expected = new[] { "InfoDisclosure.LocalHost", "api/reports/{agencyId}/{year}/submit", "ReportWorkflow", "EnterStage" };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string exported;
        do
        {
            exported = _collector.Received;
            if (expected.All(exported.Contains)) break;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.All(expected, name => Assert.Contains(name, exported));
    }

    /// <summary>A minimal OTLP/HTTP trace receiver: accepts POST /v1/traces and keeps the bodies.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly StringBuilder _received = new();
        private readonly int _port = LoopbackPorts.Free();

        public string Endpoint => $"http://127.0.0.1:{_port}";

        public string Received
        {
            get
            {
                lock (_received) return _received.ToString();
            }
        }

        public void Start()
        {
            _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception) when (!_listener.IsListening)
                    {
                        return;
                    }
                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body);
                    if (context.Request.Url?.AbsolutePath == "/v1/traces")
                    {
                        lock (_received) _received.Append(Encoding.UTF8.GetString(body.ToArray()));
                    }
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/x-protobuf";
                    context.Response.Close();
                }
            });
        }

        public void Dispose() => _listener.Close();
    }
}
