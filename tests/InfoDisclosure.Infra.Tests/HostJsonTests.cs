using System.Text.RegularExpressions;

namespace InfoDisclosure.Infra.Tests;

/// <summary>The production host.json: the task hub from the TaskHubName setting, quick pickup, the documented URLs.</summary>
public sealed partial class HostJsonTests
{
    [Fact]
    public void The_task_hub_name_comes_from_the_TaskHubName_setting()
    {
        using var host = Repo.ReadStrictJson(Repo.HostJson);
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("%TaskHubName%", durable.GetProperty("hubName").GetString());
        Assert.Equal("AzureWebJobsStorage", durable.GetProperty("storageProvider").GetProperty("connectionName").GetString());
    }

    [Fact]
    public void An_idle_instance_picks_up_a_decision_within_seconds()
    {
        using var host = Repo.ReadStrictJson(Repo.HostJson);
        var provider = host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider");
        var polling = TimeSpan.Parse(provider.GetProperty("maxQueuePollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        // The Azure Storage provider backs off to this interval when queues are empty (default 30 s).
        Assert.InRange(polling, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("/api/agencies")]
    [InlineData("/api/agencies/{agencyId}")]
    [InlineData("/api/reports")]
    [InlineData("/api/reports/{agencyId}/{year}")]
    [InlineData("/api/reports/{agencyId}/{year}/draft")]
    [InlineData("/api/reports/{agencyId}/{year}/submit")]
    [InlineData("/api/reports/{agencyId}/{year}/decisions")]
    public void The_route_prefix_and_the_function_routes_give_the_documented_api_paths(string path)
    {
        using var host = Repo.ReadStrictJson(Repo.HostJson);
        var prefix = host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
        var routes = Directory.EnumerateFiles(Repo.FunctionsProject, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => RouteArgument().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Select(route => "/" + string.Join('/', new[] { prefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains(path, routes);
    }

    [GeneratedRegex("""Route\s*=\s*"([^"]*)""")]
    private static partial Regex RouteArgument();
}
