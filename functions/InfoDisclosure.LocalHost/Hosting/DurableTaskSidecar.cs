using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
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

        services.AddSingleton(sp => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = configuration["TaskHubName"] is { Length: > 0 } hub ? hub : "InfoDisclosure",
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnection),
            // A fixed worker id lets a restarted host take its partition leases back at once instead of waiting 30 s for them to expire.
            WorkerId = configuration["LocalHost:WorkerId"] is { Length: > 0 } worker ? worker : "infodisclosure-local",
            // Reviews are human-paced: idle queues would otherwise be polled only every 30 s and decisions would feel slow.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(configuration.GetValue("LocalHost:MaxQueuePollingIntervalSeconds", 1.0)),
            // A message taken by a process that then died stays invisible this long before another attempt sees it
            // (default 5 minutes): short, so a crashed local host resumes within seconds of its restart. Long-running
            // activities are not cut off: the dispatcher renews their work item's lock while they run.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(configuration.GetValue("LocalHost:ControlQueueVisibilityTimeoutSeconds", 20.0)),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(configuration.GetValue("LocalHost:WorkItemQueueVisibilityTimeoutSeconds", 60.0)),
            LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
        }));
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<TaskHubGrpcServer>();
        services.AddGrpc();

        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registerTasks);
            worker.UseGrpc(channel);
        });
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        return channel;
    }

    /// <summary>Creates the task hub's tables, queues and lease container if missing, then exposes the sidecar.</summary>
    public static async Task MapDurableTaskSidecarAsync(this WebApplication app, int grpcPort, CancellationToken ct)
    {
        await app.Services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync().WaitAsync(ct);
        app.MapGrpcService<TaskHubGrpcServer>().RequireHost($"*:{grpcPort}");
    }

    public static void UseHttp2Loopback(this KestrelServerOptions kestrel, int grpcPort) =>
        kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
}
