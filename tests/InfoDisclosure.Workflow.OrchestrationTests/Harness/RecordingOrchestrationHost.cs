using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DurableTask.Core;
using DurableTask.Core.History;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.OrchestrationTests.Harness;

/// <summary>
/// The in-process Durable Task test host (in-memory backend, gRPC sidecar, the standard worker and client), assembled
/// as <c>DurableTaskTestHost.StartAsync</c> does, with one difference: the backend keeps each instance's history as
/// the engine writes it, which the in-memory service does not expose. The replay test records its history this way.
/// </summary>
public sealed class RecordingOrchestrationHost : IAsyncDisposable
{
    private readonly IHost _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;
    private readonly HistoryKeepingService _backend;

    private RecordingOrchestrationHost(IHost sidecar, IHost worker, GrpcChannel channel, HistoryKeepingService backend)
    {
        (_sidecar, _worker, _channel, _backend) = (sidecar, worker, channel, backend);
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _worker.Services;

    /// <summary>The instance's history as last saved by the engine (every episode so far).</summary>
    public IReadOnlyList<HistoryEvent> History(string instanceId) =>
        _backend.Histories.TryGetValue(instanceId, out var events) ? events : [];

    public static async Task<RecordingOrchestrationHost> StartAsync(Action<DurableTaskRegistry> tasks, Action<IServiceCollection> services)
    {
        var backend = new HistoryKeepingService();
        var address = $"http://localhost:{FreePort()}";
        var sidecar = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHostDefaults(web =>
            {
                web.UseUrls(address);
                web.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
                web.ConfigureServices(s =>
                {
                    s.AddGrpc();
                    s.AddSingleton<IOrchestrationService>(backend);
                    s.AddSingleton<IOrchestrationServiceClient>(backend);
                    s.AddSingleton<TaskHubGrpcServer>();
                });
                web.Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(e => e.MapGrpcService<TaskHubGrpcServer>());
                });
            })
            .Build();
        await sidecar.StartAsync();
        var channel = GrpcChannel.ForAddress(address);
        var worker = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(s =>
            {
                services(s);
                s.AddDurableTaskWorker(b =>
                {
                    b.UseGrpc(channel);
                    b.AddTasks(tasks);
                });
                s.AddDurableTaskClient(b =>
                {
                    b.UseGrpc(channel);
                    b.RegisterDirectly();
                });
            })
            .Build();
        await worker.StartAsync();
        return new RecordingOrchestrationHost(sidecar, worker, channel, backend);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync();
        _sidecar.Dispose();
    }

    // Test classes run in parallel: each host listens on a port the system just handed out.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The in-memory backend, keeping the runtime state each completed episode saves.</summary>
    private sealed class HistoryKeepingService() : InMemoryOrchestrationService(null), IOrchestrationService
    {
        public ConcurrentDictionary<string, IReadOnlyList<HistoryEvent>> Histories { get; } = new();

        Task IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync(
            TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
            IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
        {
            Histories[workItem.InstanceId] = newOrchestrationRuntimeState.Events.ToList();
            return CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages,
                timerMessages, continuedAsNewMessage, orchestrationState);
        }
    }
}
