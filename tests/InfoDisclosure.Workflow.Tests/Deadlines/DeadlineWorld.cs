using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Dev.Storage;
using InfoDisclosure.Workflow.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

/// <summary>
/// Real Azurite (in memory, free ports), a real SMTP server run by the tests (the embedded one, whose mailbox records
/// each message with the fake clock's time), and a <see cref="FakeTimeProvider"/>. <see cref="StartServices"/> builds the
/// workflow's services over them; building a second provider over the same storage is a restart (or a second host).
/// </summary>
public sealed class DeadlineWorld : IAsyncLifetime
{
    private AzuriteLauncher? _azurite;
    private EmbeddedSmtpServer? _smtp;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
    public DevMailbox Mailbox { get; private set; } = null!;
    public string ConnectionString => _azurite!.ConnectionString;
    public const string AdminEmail = "admin@supervision.example.cn";

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { RepoRoot = TestPaths.RepoRoot, Log = TextWriter.Null });
        Mailbox = new DevMailbox(Clock);
        _smtp = await EmbeddedSmtpServer.StartAsync(Mailbox);
        await using var first = StartServices();
        await WorkflowHosting.EnsureStorageAsync(first, CancellationToken.None);
        await PublishingHosting.EnsurePublishingStorageAsync(first, CancellationToken.None);
    }

    /// <summary>A fresh set of the workflow's services (as a host has after a restart) on the shared storage, mail server and clock.</summary>
    public ServiceProvider StartServices(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = ConnectionString,
            ["Api:Key"] = "deadline-tests",
            ["Admin:Email"] = AdminEmail,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtp!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "年报系统 <noreply@infodisclosure.example.cn>",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddInfoDisclosureWorkflow(configuration);
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_smtp is not null) await _smtp.DisposeAsync();
        _azurite?.Dispose();
    }
}
