using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using InfoDisclosure.Workflow.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// The Durable Task engine of the local host. The Functions host is not available on developer machines, so the engine
/// (the Azure Storage backend, the same task-hub layout Durable Functions uses) runs behind the gRPC sidecar of the
/// Durable Task SDK, and the standard gRPC worker and client talk to it over loopback.
/// </summary>
public static class DurableTaskSidecar
{
    /// <summary>The loopback HTTP/2 port the sidecar listens on; gRPC without TLS cannot share an HTTP/1.1 endpoint.</summary>
    public static int ChooseGrpcPort(IConfiguration configuration)
    {
        var configured = configuration.GetValue("LocalHost:GrpcPort", 0);
        if (configured > 0) return configured;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Registers the engine, the sidecar, and the worker and client; returns the loopback channel for the caller to dispose after the host stops.</summary>
    public static GrpcChannel AddDurableTaskSidecar(this WebApplicationBuilder builder, string storageConnection, int grpcPort, Action<DurableTaskRegistry> registerTasks)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddSingleton(sp => new AzureStorageOrchestrationService(EngineSettingsFor(configuration, EngineSettings.Shared, storageConnection, sp.GetRequiredService<ILoggerFactory>())));
        // The dispatchers see the engine through ParallelActivityFetch, which takes activity work items from the queue in parallel.
        services.AddSingleton(sp => new ParallelActivityFetch(sp.GetRequiredService<AzureStorageOrchestrationService>()));
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<ParallelActivityFetch>());
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<TaskHubGrpcServer>();
        services.AddGrpc();

        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registerTasks);
            worker.UseGrpc(channel);
        });
        services.AddHostedService<WorkerStopsFirst>();
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        return channel;
    }

    /// <summary>The engine of the Functions app's host.json (<see cref="EngineSettings"/>), plus what only the local host sets.</summary>
    private static AzureStorageOrchestrationServiceSettings EngineSettingsFor(IConfiguration configuration, EngineSettings engine, string storageConnection, ILoggerFactory loggerFactory) => new()
    {
        TaskHubName = EngineSettings.TaskHubName(configuration),
        StorageAccountClientProvider = new StorageAccountClientProvider(storageConnection),
        // A fixed worker id lets a restarted host take its partition leases back at once instead of waiting 30 s for them to expire.
        WorkerId = configuration["LocalHost:WorkerId"] is { Length: > 0 } worker ? worker : "infodisclosure-local",
        PartitionCount = engine.PartitionCount,
        ControlQueueBatchSize = engine.ControlQueueBatchSize,
        ControlQueueBufferThreshold = engine.ControlQueueBufferThreshold,
        MaxQueuePollingInterval = engine.MaxQueuePollingInterval,
        ControlQueueVisibilityTimeout = engine.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = engine.WorkItemQueueVisibilityTimeout,
        MaxConcurrentTaskActivityWorkItems = engine.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = engine.MaxConcurrentOrchestrations,
        LoggerFactory = loggerFactory,
    };

    /// <summary>Creates the task hub's tables, queues and lease container if missing, then exposes the sidecar.</summary>
    public static async Task MapDurableTaskSidecarAsync(this WebApplication app, int grpcPort, CancellationToken ct)
    {
        await app.Services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync().WaitAsync(ct);
        app.MapGrpcService<TaskHubGrpcServer>().RequireHost($"*:{grpcPort}");
    }

    public static void UseHttp2Loopback(this KestrelServerOptions kestrel, int grpcPort) =>
        kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
}
