using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.Hosting;

/// <summary>
/// Whether the Durable Task engine answers. On a busy machine the local host's API can take calls before its engine
/// sidecar accepts connections; until the engine has answered once, calls that need it get 503 with Retry-After
/// (<see cref="Require"/>) instead of a 500 from a refused gRPC connection. After that the check costs nothing.
/// </summary>
public sealed class EngineReadiness(ILogger<EngineReadiness> logger)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>An instance id that is never created: reading it is the cheapest round trip through the engine.</summary>
    private const string ProbeInstanceId = "readiness-probe";

    private readonly SemaphoreSlim _probing = new(1, 1);
    private volatile bool _connected;

    /// <summary>True once the engine has answered; a probe runs only while it has not, one at a time.</summary>
    public async Task<bool> IsConnectedAsync(DurableTaskClient durable, CancellationToken ct)
    {
        if (_connected) return true;
        // Calls arriving while a probe runs are answered 503 at once rather than queued behind it.
        if (!await _probing.WaitAsync(0, ct)) return false;
        try
        {
            return _connected || await ProbeAsync(durable, ct);
        }
        finally
        {
            _probing.Release();
        }
    }

    /// <summary>Probes until the engine answers, <see cref="RetryAfter"/> apart: for a host that should announce itself ready only then.</summary>
    public async Task WaitUntilConnectedAsync(DurableTaskClient durable, CancellationToken ct)
    {
        while (!await IsConnectedAsync(durable, ct)) await Task.Delay(RetryAfter, ct);
    }

    /// <summary>Asks the engine for a (missing) instance now; for /healthz, which reports the engine on every call.</summary>
    public async Task<bool> ProbeAsync(DurableTaskClient durable, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await durable.GetInstanceAsync(ProbeInstanceId, getInputsAndOutputs: false, timeout.Token);
            _connected = true;
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Any failure means "not ready"; the gRPC client reports a refused connection as RpcException(Unavailable).
            logger.LogWarning("The Durable Task engine does not answer yet: {Error}", e.Message);
            return false;
        }
    }

    /// <summary>Wraps a handler that needs the engine: 503 with Retry-After until the engine has answered.</summary>
    public static ApiHandler Require(ApiHandler handler) => async (http, durable, route) =>
    {
        var readiness = http.RequestServices.GetRequiredService<EngineReadiness>();
        if (await readiness.IsConnectedAsync(durable, http.RequestAborted)) return await handler(http, durable, route);
        http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            title: "Starting",
            detail: "The workflow engine is not connected yet; try again in a few seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable);
    };
}
