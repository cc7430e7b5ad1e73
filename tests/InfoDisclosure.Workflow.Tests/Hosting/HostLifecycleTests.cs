using InfoDisclosure.Workflow.Dev.Hosting;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using InfoDisclosure.Workflow.Dev.Storage;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>
/// The built local host as an operator meets it: outside Development it refuses to start without a setting it needs,
/// naming it; SIGTERM (Ctrl+C, a service manager, a script) stops it within seconds together with the Azurite it started.
/// </summary>
public sealed class HostLifecycleTests
{
    [Theory]
    [InlineData("Api__Key")]
    [InlineData("PublicBaseUrl")]
    [InlineData("AzureWebJobsStorage")]
    public async Task A_production_host_without_a_required_setting_refuses_to_start_and_names_it(string missing)
    {
        var port = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Never contacted: the host stops before it touches storage.
            ["AzureWebJobsStorage"] = AzuriteLauncher.BuildConnectionString(LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free()),
            ["Api__Key"] = "production-key-" + Guid.NewGuid().ToString("N"),
            ["PublicBaseUrl"] = "https://disclosure.example.gov.cn",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["LocalHost__DataDirectory"] = Path.Combine(Path.GetTempPath(), "infodisclosure-settings-" + Guid.NewGuid().ToString("N")),
        };
        environment.Remove(missing);

        var (exitCode, output) = await LocalHostProcess.RunToExitAsync(environment, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(missing, output, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalHostProcess.ReadyLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_stops_a_working_host_within_seconds_and_the_Azurite_it_started()
    {
        var (blob, queue, table) = (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
        var port = LoopbackPorts.Free();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "infodisclosure-sigterm-" + Guid.NewGuid().ToString("N"));
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            // Development without AzureWebJobsStorage: the host starts its own Azurite, as `dotnet run` does.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["LocalHost__Azurite__BlobPort"] = blob.ToString(),
            ["LocalHost__Azurite__QueuePort"] = queue.ToString(),
            ["LocalHost__Azurite__TablePort"] = table.ToString(),
            ["LocalHost__DataDirectory"] = dataDirectory,
            ["LocalHost__SeedDemo"] = "false",
            ["LocalHost__TestingTasks"] = "true",
            ["Urls"] = $"http://127.0.0.1:{port}",
        }, TimeSpan.FromSeconds(120));
        try
        {
            var azurite = Assert.Single(ChildProcesses(host.ProcessId), child => CommandLine(child).Contains("azurite", StringComparison.Ordinal));
            Assert.True(await AzuriteLauncher.AcceptsConnectionsAsync(blob, CancellationToken.None));
            // A host at work: one orchestration through the engine, so the worker's stream to the sidecar is open.
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            http.DefaultRequestHeaders.Add(LocalHostFixture.ApiKeyHeader, (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "api-key.txt"))).Trim());
            await RoundTripAsync(http, "sigterm-" + Guid.NewGuid().ToString("N")[..8]);

            var stopping = Stopwatch.StartNew();
            var exited = await host.StopAsync(TimeSpan.FromSeconds(15));

            Assert.True(exited, $"The host was still running 15 s after SIGTERM:\n{host.Output}");
            Assert.Equal(0, host.ExitCode);
            Assert.False(IsRunning(azurite), $"Azurite (pid {azurite}) outlived the host that started it.");
            Assert.False(await AzuriteLauncher.AcceptsConnectionsAsync(blob, CancellationToken.None));
            Console.WriteLine($"SIGTERM to exit: {stopping.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Starts the testing mode's one-event orchestration, raises its event and waits for it to complete.</summary>
    private static async Task RoundTripAsync(HttpClient http, string instanceId)
    {
        using (var started = await http.PostAsync($"testing/floor/{instanceId}", null)) Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        using (var raised = await http.PostAsync($"testing/instances/{instanceId}/event?value=go", null)) Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = await http.GetStringAsync($"testing/instances/{instanceId}");
            if (status.Contains("\"Completed\"", StringComparison.Ordinal)) return;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"The orchestration did not complete: {status}");
            await Task.Delay(200);
        }
    }

    private static IEnumerable<int> ChildProcesses(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .ToList();

    private static string CommandLine(int pid) =>
        File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') : "";

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
