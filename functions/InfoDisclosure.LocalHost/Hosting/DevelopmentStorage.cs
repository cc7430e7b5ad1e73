using InfoDisclosure.Workflow.Dev.Storage;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// The storage the local host runs on: <c>AzureWebJobsStorage</c> when configured; otherwise, in Development, Azurite, installed into the
/// repository with npm on first use and started as a child process with its data in the git-ignored .azurite folder.
/// </summary>
public static class DevelopmentStorage
{
    /// <summary>Azurite's standard ports, so tools that assume UseDevelopmentStorage=true (Durable Functions Monitor, Storage Explorer) find it.</summary>
    public const int BlobPort = 10000, QueuePort = 10001, TablePort = 10002;

    /// <summary>
    /// In Development, sets AzureWebJobsStorage and returns the Azurite process the host owns, or null when the storage is
    /// configured or already running. Elsewhere a missing AzureWebJobsStorage is left for the start-up check to name.
    /// </summary>
    public static async Task<AzuriteLauncher?> EnsureAsync(IConfigurationManager configuration, IHostEnvironment environment, string? repoRoot, string dataDirectory, CancellationToken ct)
    {
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } || !environment.IsDevelopment()) return null;
        if (repoRoot is null)
            throw new InvalidOperationException("AzureWebJobsStorage is not configured and the repository (to run Azurite from) was not found. Set AzureWebJobsStorage.");

        var blob = configuration.GetValue("LocalHost:Azurite:BlobPort", BlobPort);
        var queue = configuration.GetValue("LocalHost:Azurite:QueuePort", QueuePort);
        var table = configuration.GetValue("LocalHost:Azurite:TablePort", TablePort);
        if (await AzuriteLauncher.AcceptsConnectionsAsync(blob, ct) && await AzuriteLauncher.AcceptsConnectionsAsync(queue, ct)
            && await AzuriteLauncher.AcceptsConnectionsAsync(table, ct))
        {
            // An Azurite left running (e.g. by a killed earlier run of this host) or started by hand: use it.
            Console.WriteLine($"Azurite is already listening on ports {blob}, {queue}, {table}; using it.");
            configuration["AzureWebJobsStorage"] = AzuriteLauncher.BuildConnectionString(blob, queue, table);
            return null;
        }

        Console.WriteLine($"Starting Azurite (data in {dataDirectory})...");
        var azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions
        {
            RepoRoot = repoRoot,
            DataDirectory = dataDirectory,
            BlobPort = blob,
            QueuePort = queue,
            TablePort = table,
            Log = Console.Out,
        }, ct);
        configuration["AzureWebJobsStorage"] = azurite.ConnectionString;
        return azurite;
    }
}
