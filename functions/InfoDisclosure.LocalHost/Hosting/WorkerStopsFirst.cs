using Microsoft.DurableTask.Worker.Hosting;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Stops the Durable Task worker before the web server. The server is stopped first (its hosted service is registered
/// last) and waits up to HostOptions.ShutdownTimeout for open requests, and the worker's work-item stream to the sidecar
/// is such a request until the worker stops: without this, every SIGTERM took the whole timeout. Work the worker
/// abandons is picked up again at the next start (the engine's messages are durable).
/// </summary>
internal sealed class WorkerStopsFirst(IServiceProvider services) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(services.GetServices<IHostedService>().OfType<DurableTaskWorker>().Select(worker => worker.StopAsync(cancellationToken)));

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
