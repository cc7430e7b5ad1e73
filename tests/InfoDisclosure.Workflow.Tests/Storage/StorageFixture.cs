using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Storage;

/// <summary>Real Azurite (in memory, free ports) and the workflow's services wired to it, with its tables and containers created.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private AzuriteLauncher? _azurite;

    public ServiceProvider Services { get; private set; } = null!;

    public string ConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { RepoRoot = TestPaths.RepoRoot, Log = TextWriter.Null });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["Api:Key"] = "storage-tests",
        }).Build();
        Services = new ServiceCollection().AddInfoDisclosureWorkflow(configuration).BuildServiceProvider();
        await WorkflowHosting.EnsureStorageAsync(Services, CancellationToken.None);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        _azurite?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "Azurite storage";
}
