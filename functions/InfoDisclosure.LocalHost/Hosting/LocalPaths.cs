using InfoDisclosure.Workflow.Dev.Storage;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Where the local host keeps its files: the repository (to run Azurite from), the git-ignored data folder
/// (LocalHost:DataDirectory, default &lt;repo&gt;/.azurite) with Azurite's data and the generated API key, and the seed report.
/// </summary>
public sealed record LocalPaths(string? RepoRoot, string DataDirectory, string SeedReport)
{
    public string AzuriteData => DataDirectory;

    public static LocalPaths Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var repoRoot = TryFindRepoRoot(environment.ContentRootPath) ?? TryFindRepoRoot(AppContext.BaseDirectory);
        var dataDirectory = configuration["LocalHost:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(repoRoot ?? environment.ContentRootPath, ".azurite");
        var seed = Path.Combine(AppContext.BaseDirectory, "Seed", Seed.DemoSeed.SeedFileName);
        return new LocalPaths(repoRoot, dataDirectory, seed);
    }

    private static string? TryFindRepoRoot(string start)
    {
        try
        {
            return AzuriteLauncher.FindRepoRoot(start);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
