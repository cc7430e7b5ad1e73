using InfoDisclosure.Workflow.Dev.Hosting;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using InfoDisclosure.Workflow.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.Tests.Publishing;

/// <summary>One 报送 POST the supervising office's endpoint saw.</summary>
public sealed record OfficeDelivery(string IdempotencyKey, bool SignatureValid, System.Text.Json.Nodes.JsonNode Body);

/// <summary>One POST the receiver saw.</summary>
public sealed record PortalRequest(int Number, string IdempotencyKey, string? Signature, bool SignatureValid, byte[] Body, int AnsweredStatus,
    TimeSpan AnswerDelay = default)
{
    public PortalPayload Payload => PortalPayload.Parse(Body);
}

/// <summary>
/// An agency portal run by the tests: a small Kestrel app on a free loopback port. It checks the X-Signature of every
/// POST against the shared secret, records every request, can be told to fail the first N attempts or every attempt
/// (503), or answer given statuses (4xx with an error page), or accept and publish but answer only after a delay (a
/// timeout on the sender's side), publishes each Idempotency-Key once, and answers {url} where it "shows" the report.
/// </summary>
public sealed class PortalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<PortalRequest> _requests = new();
    private readonly ConcurrentDictionary<string, PortalPayload> _published = new();
    private int _count;
    private int _failFirst;
    private volatile bool _alwaysFail;

    private PortalReceiver(WebApplication app, int port, string secret)
    {
        _app = app;
        Port = port;
        Secret = secret;
    }

    public int Port { get; }
    public string Secret { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}/portal/reports";
    public IReadOnlyList<PortalRequest> Requests => _requests.ToArray();

    /// <summary>A supervising office's delivery endpoint on the same server (agency.delivery.endpoint).</summary>
    public string OfficeEndpoint => $"http://127.0.0.1:{Port}/office/deliveries";

    public IReadOnlyList<OfficeDelivery> OfficeDeliveries => _office.ToArray();

    private readonly ConcurrentQueue<OfficeDelivery> _office = new();

    /// <summary>What the portal shows: one entry per idempotency key that was accepted.</summary>
    public IReadOnlyDictionary<string, PortalPayload> Published => _published;

    public static string UrlFor(int port, string agencyId, int year) => $"http://127.0.0.1:{port}/portal/reports/{agencyId}/{year}";

    /// <summary>Fail the next <paramref name="attempts"/> POSTs with 503, then accept.</summary>
    public void FailFirst(int attempts) => Interlocked.Exchange(ref _failFirst, attempts);

    public void FailAlways(bool fail) => _alwaysFail = fail;

    /// <summary>Answer the next POSTs with these statuses (e.g. 422), before any other rule.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) _answers.Enqueue(status);
    }

    private readonly ConcurrentQueue<int> _answers = new();

    /// <summary>The next accepted POSTs are published at once but answered only after these delays.</summary>
    public void AnswerLate(params TimeSpan[] delays)
    {
        foreach (var delay in delays) _late.Enqueue(delay);
    }

    private readonly ConcurrentQueue<TimeSpan> _late = new();

    public static async Task<PortalReceiver> StartAsync(string secret)
    {
        var port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new PortalReceiver(app, port, secret);
        app.MapPost("/portal/reports", (Delegate)receiver.ReceiveAsync);
        app.MapPost("/office/deliveries", (Delegate)receiver.ReceiveDeliveryAsync);
        app.MapGet("/portal/reports/{agencyId}/{year}", (string agencyId, int year) =>
            receiver._published.Values.FirstOrDefault(p => p.AgencyId == agencyId && p.Year == year) is { } p
                ? Results.Content(p.Html, "text/html; charset=utf-8")
                : Results.NotFound());
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var signature = http.Request.Headers["X-Signature"].ToString();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var valid = PortalSignature.Verify(body, Secret, signature);
        var number = Interlocked.Increment(ref _count);

        int status;
        if (!valid) status = StatusCodes.Status401Unauthorized;
        else if (_answers.TryDequeue(out var answer)) status = answer;
        else if (_alwaysFail || Interlocked.Decrement(ref _failFirst) >= 0) status = StatusCodes.Status503ServiceUnavailable;
        else status = StatusCodes.Status200OK;
        var late = status == StatusCodes.Status200OK && _late.TryDequeue(out var delay) ? delay : TimeSpan.Zero;
        _requests.Enqueue(new PortalRequest(number, key, signature, valid, body, status, late));
        // A refusal carries a body of the portal's own, which must not end up in our messages.
        if (status is >= 400 and < 500) return Results.Text("<html>portal error page: internal details</html>", "text/html", statusCode: status);
        if (status != StatusCodes.Status200OK) return Results.StatusCode(status);

        var payload = PortalPayload.Parse(body);
        _published.TryAdd(key, payload);
        if (late > TimeSpan.Zero) await Task.Delay(late, CancellationToken.None);
        return Results.Json(new { url = UrlFor(Port, payload.AgencyId, payload.Year) });
    }

    private async Task<IResult> ReceiveDeliveryAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var valid = PortalSignature.Verify(body, Secret, http.Request.Headers["X-Signature"].ToString());
        _office.Enqueue(new OfficeDelivery(http.Request.Headers["Idempotency-Key"].ToString(), valid, System.Text.Json.Nodes.JsonNode.Parse(body)!));
        return valid ? Results.Json(new { received = true }) : Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
