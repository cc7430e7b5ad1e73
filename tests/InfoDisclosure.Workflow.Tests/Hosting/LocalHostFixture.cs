using InfoDisclosure.Workflow.Dev.Hosting;
using System.Net;
using System.Net.Sockets;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Dev.Storage;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>How <see cref="LocalHostFixture"/> starts its Azurite and its local host.</summary>
public sealed record LocalHostFixtureOptions
{
    /// <summary>Keep Azurite's data on disk in a temporary folder (so Azurite itself could be restarted) instead of in memory.</summary>
    public bool PersistStorage { get; init; }

    /// <summary>Extra settings for the host (e.g. Smtp__Host, Portal__Endpoint), as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The mailbox of the SMTP server that <see cref="Settings"/> point the host at (Smtp__Host), so tests can sign
    /// people in. Without Smtp__Host the fixture runs an SMTP server of its own and this is its mailbox.
    /// </summary>
    public DevMailbox? Mailbox { get; init; }

    /// <summary>
    /// The host catches its own mail in its dev mailbox (/dev/mailbox, Development without Smtp__Host), as when a
    /// stranger runs it; <see cref="LocalHostFixture.Mailbox"/> is then not set, and the tests read the mailbox page.
    /// </summary>
    public bool HostRunsDevMailbox { get; init; }
}

/// <summary>
/// Real Azurite (free ports) and the built local host as a separate process on a free port, with its own task hub.
/// Use as an xunit class fixture (<c>IClassFixture&lt;LocalHostFixture&gt;</c>) or start one with custom options via
/// <see cref="StartAsync"/>. <see cref="Client"/> sends the API key; <see cref="KillAsync"/> and <see cref="RestartAsync"/>
/// crash and restart the host on the same storage, task hub and worker id.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public const string ApiKeyHeader = "x-functions-key";

    private readonly LocalHostFixtureOptions _options;
    private AzuriteLauncher? _azurite;
    private LocalHostProcess? _host;
    private EmbeddedSmtpServer? _smtp;
    private string? _dataDirectory;

    public LocalHostFixture() : this(new LocalHostFixtureOptions()) { }


    private readonly Dictionary<string, string> _settings;

    private LocalHostFixture(LocalHostFixtureOptions options)
    {
        _options = options;
        _settings = new Dictionary<string, string>(options.Settings);
    }

    public string ApiKey { get; } = "test-key-" + Guid.NewGuid().ToString("N");

    /// <summary>Unique per fixture, so fixtures sharing nothing never see each other's instances.</summary>
    public string TaskHubName { get; } = "test" + Guid.NewGuid().ToString("N")[..12];

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The host's Durable Task sidecar (loopback gRPC), for tests that use the engine's client directly.</summary>
    public int GrpcPort { get; } = LoopbackPorts.Free();
    public string StorageConnectionString => Azurite.ConnectionString;
    public AzuriteLauncher Azurite => _azurite ?? throw new InvalidOperationException("Not started.");
    public LocalHostProcess Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>Where the host's e-mail lands (sign-in links, review requests): see <see cref="LocalHostFixtureOptions.Mailbox"/>.</summary>
    public DevMailbox Mailbox { get; private set; } = null!;

    /// <summary>Sends the API key with every request.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client without the key, for the 401 cases.</summary>
    public HttpClient AnonymousClient { get; private set; } = null!;

    public static async Task<LocalHostFixture> StartAsync(LocalHostFixtureOptions options)
    {
        var fixture = new LocalHostFixture(options);
        await fixture.InitializeAsync();
        return fixture;
    }

    public async Task InitializeAsync()
    {
        if (_options.PersistStorage)
        {
            _dataDirectory = Path.Combine(Path.GetTempPath(), "infodisclosure-azurite-" + Guid.NewGuid().ToString("N"));
        }
        _azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions
        {
            RepoRoot = HostPaths.RepoRoot,
            DataDirectory = _dataDirectory,
            Log = TextWriter.Null,
        });
        if (_settings.ContainsKey("Smtp__Host"))
        {
            Mailbox = _options.Mailbox ?? new DevMailbox(TimeProvider.System);
        }
        else if (!_options.HostRunsDevMailbox)
        {
            _smtp = await EmbeddedSmtpServer.StartAsync(new DevMailbox(TimeProvider.System));
            Mailbox = _smtp.Mailbox;
            _settings["Smtp__Host"] = "127.0.0.1";
            _settings["Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        BaseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add(ApiKeyHeader, ApiKey);
        AnonymousClient = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await StartHostAsync();
    }

    /// <summary>kill -9 of the host process: no graceful shutdown, in-flight work is lost as in a crash.</summary>
    public Task KillAsync() => Host.KillAsync();

    /// <summary>
    /// Starts the host again (after <see cref="KillAsync"/> or <see cref="StopAsync"/>) on the same storage, task hub and
    /// worker id; <paramref name="changedSettings"/> play a deployment with other settings.
    /// </summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string>? changedSettings = null)
    {
        foreach (var (name, value) in changedSettings ?? new Dictionary<string, string>()) _settings[name] = value;
        if (_host is { HasExited: false }) await _host.KillAsync();
        if (_host is not null) await _host.DisposeAsync();
        await StartHostAsync();
    }

    /// <summary>
    /// A storage outage: Azurite stops (its data kept, so <see cref="LocalHostFixtureOptions.PersistStorage"/> is needed)
    /// while the host runs on, until <see cref="StartStorageAsync"/>.
    /// </summary>
    public Task StopStorageAsync()
    {
        if (_dataDirectory is null) throw new InvalidOperationException("Stopping storage needs PersistStorage: in memory, its data would go with it.");
        return Azurite.StopAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Azurite again on the same ports and data after <see cref="StopStorageAsync"/>.</summary>
    public async Task StartStorageAsync()
    {
        var stopped = Azurite;
        _azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions
        {
            RepoRoot = HostPaths.RepoRoot,
            DataDirectory = _dataDirectory,
            BlobPort = stopped.BlobPort,
            QueuePort = stopped.QueuePort,
            TablePort = stopped.TablePort,
            Log = TextWriter.Null,
        });
    }

    /// <summary>SIGTERM: the host drains and exits.</summary>
    public Task StopAsync() => Host.StopAsync(TimeSpan.FromSeconds(60));

    private async Task StartHostAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["TaskHubName"] = TaskHubName,
            ["Api__Key"] = ApiKey,
            ["Urls"] = BaseAddress.ToString().TrimEnd('/'),
            ["PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/'),
            ["LocalHost__SeedDemo"] = "false",
            ["LocalHost__WorkerId"] = "test-worker",
            ["LocalHost__GrpcPort"] = GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LocalHost__DataDirectory"] = Path.Combine(Path.GetTempPath(), "infodisclosure-localhost-" + TaskHubName),
            ["Logging__Console__FormatterName"] = "simple",
            // The test portals and receivers listen on 127.0.0.1 over http (only Development and Testing honour this).
            ["Portal__AllowLocalEndpoints"] = "true",
            // Most test requests come from 127.0.0.1, so one class's refused calls would lock the next class out; the
            // limits at their production values are tested on MailedHostFixture (Access/SignInTests).
            ["Auth__Limits__FailuresPerClient"] = "500",
            ["Auth__Limits__SignInPerClient"] = "500",
            ["Auth__Limits__SignInPerAddress"] = "50",
        };
        foreach (var (name, value) in _settings) environment[name] = value;
        _host = await LocalHostProcess.StartAsync(environment, _options.StartTimeout);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        AnonymousClient?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _azurite?.Dispose();
        if (_smtp is not null) await _smtp.DisposeAsync();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Azurite may still be releasing a file; the temp folder is cleaned by the OS later.
            }
        }
    }
}
