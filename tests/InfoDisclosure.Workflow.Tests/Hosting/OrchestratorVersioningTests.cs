using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>
/// The versioning strategy of docs/versioning.md on the real engine: orchestrators are registered under versioned names,
/// a deployment that changes one adds a new name and keeps the old one registered, new instances start on the newest.
/// A "deployment" here is stopping the local host and starting it with other registrations on the same task hub.
/// The probes (VersioningProbe_v1, _v2) are registered only in the host's testing mode.
/// </summary>
public sealed class OrchestratorVersioningTests : IAsyncLifetime
{
    private LocalHostFixture _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions
    {
        Settings = new Dictionary<string, string>
        {
            ["LocalHost__TestingTasks"] = "true",
            ["LocalHost__VersioningProbes"] = "v1",
        },
    });

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_instance_started_on_the_previous_version_completes_after_a_deployment_that_added_a_new_one()
    {
        await StartAsync("started-on-v1");
        Assert.Equal("VersioningProbe_v1", (await WaitForAsync("started-on-v1", "Running")).Name);

        await _host.StopAsync();
        await _host.RestartAsync(new Dictionary<string, string> { ["LocalHost__VersioningProbes"] = "v1,v2" });

        await StartAsync("started-on-v2");
        await RaiseAsync("started-on-v1", "old");
        await RaiseAsync("started-on-v2", "new");

        var old = await WaitForAsync("started-on-v1", "Completed");
        Assert.Equal(("VersioningProbe_v1", "v1:old"), (old.Name, old.Output));
        var current = await WaitForAsync("started-on-v2", "Completed");
        Assert.Equal(("VersioningProbe_v2", "v2:new"), (current.Name, current.Output));
    }

    [Fact]
    public async Task A_deployment_that_drops_the_version_an_instance_runs_on_breaks_that_instance()
    {
        // Why the old name must stay registered until no instance runs it.
        await StartAsync("stranded-on-v1");
        await WaitForAsync("stranded-on-v1", "Running");

        await _host.StopAsync();
        await _host.RestartAsync(new Dictionary<string, string> { ["LocalHost__VersioningProbes"] = "v2" });
        await RaiseAsync("stranded-on-v1", "lost");

        // The engine fails it: no code of that name is registered any more to replay its history.
        var stranded = await WaitForAsync("stranded-on-v1", "Failed");
        Assert.Equal("VersioningProbe_v1", stranded.Name);
    }

    private sealed record Instance(string Name, string RuntimeStatus, string? Output, string? Failure);

    private async Task StartAsync(string instanceId)
    {
        using var response = await _host.Client.PostAsync($"/testing/versioning/{instanceId}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task RaiseAsync(string instanceId, string value)
    {
        using var response = await _host.Client.PostAsync($"/testing/instances/{instanceId}/event?value={value}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<Instance> WaitForAsync(string instanceId, string runtimeStatus)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Instance? instance = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _host.Client.GetAsync($"/testing/instances/{instanceId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                instance = new Instance(json.GetProperty("name").GetString()!, json.GetProperty("runtimeStatus").GetString()!,
                    json.GetProperty("output").GetString() is { } output ? JsonSerializer.Deserialize<string>(output) : null,
                    json.GetProperty("failure").GetString());
                if (instance.RuntimeStatus == runtimeStatus) return instance;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{instanceId} did not become {runtimeStatus} within 60 s; last seen: {instance}");
    }
}
