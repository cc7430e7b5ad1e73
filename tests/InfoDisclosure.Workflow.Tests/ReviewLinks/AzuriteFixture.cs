using Azure.Data.Tables;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Storage;

namespace InfoDisclosure.Workflow.Tests.ReviewLinks;

/// <summary>One in-memory Azurite on free ports for the review-link tests of this class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteLauncher azurite = null!;

    public string ConnectionString => azurite.ConnectionString;
    public TableServiceClient Tables { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { RepoRoot = TestPaths.RepoRoot });
        Tables = new TableServiceClient(azurite.ConnectionString);
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();
}
