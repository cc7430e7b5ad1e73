using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using InfoDisclosure.Workflow.Hosting;

namespace InfoDisclosure.Infra.Tests;

/// <summary>
/// The production host.json: the task hub from the TaskHubName setting, the engine settings of <see cref="EngineSettings"/>
/// (which the local host and the crash tests run with), quick pickup, the documented URLs.
/// </summary>
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

    /// <summary>Each engine value of host.json with the <see cref="EngineSettings"/> value it must equal.</summary>
    private static readonly Dictionary<string, Func<EngineSettings, object>> EngineValues = new(StringComparer.Ordinal)
    {
        ["maxConcurrentActivityFunctions"] = e => e.MaxConcurrentActivities,
        ["maxConcurrentOrchestratorFunctions"] = e => e.MaxConcurrentOrchestrations,
        ["storageProvider.partitionCount"] = e => e.PartitionCount,
        ["storageProvider.controlQueueBatchSize"] = e => e.ControlQueueBatchSize,
        ["storageProvider.controlQueueBufferThreshold"] = e => e.ControlQueueBufferThreshold,
        ["storageProvider.maxQueuePollingInterval"] = e => e.MaxQueuePollingInterval,
        ["storageProvider.controlQueueVisibilityTimeout"] = e => e.ControlQueueVisibilityTimeout,
        ["storageProvider.workItemQueueVisibilityTimeout"] = e => e.WorkItemQueueVisibilityTimeout,
    };

    /// <summary>host.json values that are not engine tuning: where the hub and the storage come from, and tracing.</summary>
    private static readonly string[] NotEngineValues = ["hubName", "storageProvider.connectionName", "tracing"];

    [Fact]
    public void The_engine_settings_are_those_the_local_host_and_the_tests_run_with()
    {
        using var host = Repo.ReadStrictJson(Repo.HostJson);
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var inHostJson = durable.EnumerateObject()
            .SelectMany(p => p.Name == "storageProvider"
                ? p.Value.EnumerateObject().Select(q => ($"storageProvider.{q.Name}", q.Value))
                : [(p.Name, p.Value)])
            .Where(p => !NotEngineValues.Contains(p.Item1))
            .ToDictionary(p => p.Item1, p => p.Item2);

        // Every engine value is in both places (a value set only in host.json would not be tested), and they agree.
        Assert.Equal(EngineValues.Keys.Order(StringComparer.Ordinal), inHostJson.Keys.Order(StringComparer.Ordinal));
        Assert.All(EngineValues, expected =>
            Assert.Equal(Format(expected.Value(EngineSettings.Shared)), Format(inHostJson[expected.Key])));
    }

    [Fact]
    public void The_sample_settings_and_the_deployment_use_the_default_task_hub()
    {
        using var sample = Repo.ReadStrictJson(Repo.LocalSettingsSample);
        Assert.Equal(EngineSettings.DefaultTaskHubName, sample.RootElement.GetProperty("Values").GetProperty(EngineSettings.TaskHubNameSetting).GetString());

        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);
        Assert.Equal(EngineSettings.DefaultTaskHubName, compiled.Root.GetProperty("parameters").GetProperty("taskHubName").GetProperty("defaultValue").GetString());
    }

    /// <summary>Numbers as numbers, time spans as host.json writes them ("00:00:30").</summary>
    private static string Format(object value) => value switch
    {
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.String } text => TimeSpan.Parse(text.GetString()!, CultureInfo.InvariantCulture).ToString("c", CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.Number } number => number.GetInt32().ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Unexpected value {value}."),
    };

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
