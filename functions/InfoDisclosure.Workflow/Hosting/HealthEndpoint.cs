using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Hosting;

/// <summary>
/// GET /healthz, without the key (for Azure's health check and for scripts): whether this instance can do its work now,
/// that is reach the storage, the Durable Task engine and the SMTP server. 200 when every check passes, else 503 with
/// Retry-After. The answer names each check but no address or error text, since anyone may call it; the log has those.
/// </summary>
public static class HealthEndpoint
{
    // Generous: a slow answer on a busy instance is not an outage; a refused connection fails at once anyway.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    private sealed record Check(string Status, string? Detail, long Milliseconds);

    public static async Task<IResult> ReadyAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> routeValues)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("InfoDisclosure.Health");
        var ct = http.RequestAborted;
        var storage = RunAsync("storage", logger, token => StorageAsync(services, token), ct);
        var engine = RunAsync("engine", logger, async token =>
            await services.GetRequiredService<EngineReadiness>().ProbeAsync(durable, token) ? null : "the engine does not answer", ct);
        var smtp = RunAsync("smtp", logger, token => SmtpAsync(services, token), ct);
        var checks = new Dictionary<string, Check>
        {
            ["storage"] = await storage,
            ["engine"] = await engine,
            ["smtp"] = await smtp,
        };

        var ready = checks.Values.All(check => check.Status == "ok");
        if (!ready) http.Response.Headers.RetryAfter = ((int)EngineReadiness.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { status = ready ? "ready" : "unavailable", checks },
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Runs one check with a time limit; it fails with its own message, on an error, or when it takes too long.</summary>
    private static async Task<Check> RunAsync(string name, ILogger logger, Func<CancellationToken, Task<string?>> check, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        string? failure;
        try
        {
            failure = await check(timeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Health check {Check} failed.", name);
            failure = timeout.IsCancellationRequested ? $"no answer within {CheckTimeout.TotalSeconds:0} s" : "unreachable";
        }
        return new Check(failure is null ? "ok" : "failed", failure, watch.ElapsedMilliseconds);
    }

    private static async Task<string?> StorageAsync(IServiceProvider services, CancellationToken ct)
    {
        await foreach (var _ in services.GetRequiredService<TableServiceClient>().QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1))
            break;
        var drafts = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.DraftsContainer);
        return await drafts.ExistsAsync(ct) ? null : "the drafts container is missing";
    }

    /// <summary>Connects to the mail server and hangs up: reachability only, nothing is sent.</summary>
    private static async Task<string?> SmtpAsync(IServiceProvider services, CancellationToken ct)
    {
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        if (!smtp.IsConfigured) return "Smtp__Host is not configured";
        using var client = new TcpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, ct);
        return null;
    }
}
