using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Dev.Publishing;

/// <summary>One report the development portal accepted.</summary>
public sealed record DevPortalEntry(PortalPayload Payload, DateTimeOffset ReceivedAt, int Attempts);

/// <summary>
/// A stand-in for an agency portal on the local host in Development when no Portal__Endpoint is configured: publication
/// pushes to the host's own /dev/portal/reports with a generated secret, the portal checks the signature like a real one,
/// keeps each idempotency key once (in memory, lost on restart), and shows what it published at /dev/portal.
/// </summary>
public sealed class DevPortal
{
    private readonly ConcurrentDictionary<string, DevPortalEntry> _published = new();

    public IReadOnlyList<DevPortalEntry> Published => _published.Values.OrderByDescending(e => e.ReceivedAt).ToList();

    public DevPortalEntry Accept(PortalPayload payload, DateTimeOffset now) =>
        _published.AddOrUpdate(payload.IdempotencyKey, _ => new DevPortalEntry(payload, now, 1), (_, seen) => seen with { Attempts = seen.Attempts + 1 });

    public DevPortalEntry? Find(string agencyId, int year) =>
        _published.Values.Where(e => e.Payload.AgencyId == agencyId && e.Payload.Year == year).MaxBy(e => e.ReceivedAt);
}

public static class DevPortalHosting
{
    /// <summary>For the local host in Development without Portal__Endpoint: publish to its own /dev/portal.</summary>
    public static IServiceCollection AddInfoDisclosureDevPortal(this IServiceCollection services)
    {
        services.AddSingleton<DevPortal>();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        services.AddOptions<PortalOptions>().PostConfigure<IOptions<WorkflowOptions>>((portal, workflow) =>
        {
            if (!string.IsNullOrWhiteSpace(portal.Endpoint)) return;
            var baseUrl = workflow.Value.PublicBaseUrl?.TrimEnd('/') ?? "http://localhost:7071";
            portal.Endpoint = baseUrl + DevPortalEndpoints.ReceivePath;
            if (string.IsNullOrEmpty(portal.Secret)) portal.Secret = secret;
        });
        return services;
    }
}

/// <summary>
/// POST /dev/portal/reports, GET /dev/portal, GET /dev/portal/reports/{agencyId}/{year}: mapped by the local host only in
/// Development with the development portal (see <see cref="DevRoutes"/>).
/// </summary>
public static class DevPortalEndpoints
{
    public const string ReceivePath = "/dev/portal/reports";

    public static async Task<IResult> ReceiveAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var portal = Portal(http);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        var secret = http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.Secret ?? "";
        if (!PortalSignature.Verify(body, secret, http.Request.Headers[PortalSignature.Header].ToString()))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature", detail: "X-Signature does not match the body.");
        }
        var payload = PortalPayload.Parse(body);
        if (payload.IdempotencyKey != http.Request.Headers[PortalSignature.IdempotencyHeader].ToString())
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key differs from the body's idempotencyKey.");
        }
        portal.Accept(payload, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        var baseUrl = http.RequestServices.GetRequiredService<IOptions<WorkflowOptions>>().Value.PublicBaseUrl?.TrimEnd('/') ?? "";
        return Results.Json(new { url = $"{baseUrl}{ReceivePath}/{payload.AgencyId}/{payload.Year}" });
    }

    public static Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        Task.FromResult(Pages.Render<DevPortalList>(StatusCodes.Status200OK, nameof(DevPortalList.Published), Portal(http).Published));

    public static Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var year = int.TryParse(route.GetValueOrDefault("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
        return Task.FromResult(Portal(http).Find(route.GetValueOrDefault("agencyId") ?? "", year) is { } entry
            ? Pages.Render<DevPortalReport>(StatusCodes.Status200OK, nameof(DevPortalReport.Entry), entry)
            : Pages.Message(StatusCodes.Status404NotFound, "未发布", "开发用门户网站没有这份报告。"));
    }

    private static DevPortal Portal(HttpContext http) => http.RequestServices.GetRequiredService<DevPortal>();
}
