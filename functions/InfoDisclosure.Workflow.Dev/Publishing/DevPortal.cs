using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Publishing;
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

    public static Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var portal = Portal(http);
        var h = new StringBuilder();
        Head(h, "开发用门户网站 · 已发布的年度报告");
        h.Append("<h1>开发用门户网站</h1><p class=\"meta\">本地开发时代替各单位门户网站接收发布推送（已校验签名，同一幂等键只发布一次）。</p>\n<ul>\n");
        if (portal.Published.Count == 0) h.Append("<li>尚未收到发布。</li>\n");
        foreach (var e in portal.Published)
        {
            var p = e.Payload;
            h.Append("<li><a href=\"").Append(E($"{ReceivePath}/{p.AgencyId}/{p.Year}")).Append("\">").Append(E(p.Title)).Append("</a> · ")
                .Append(E(Workflow.Notifications.BeijingTime.Iso(e.ReceivedAt))).Append(" · 推送 ").Append(e.Attempts.ToString(CultureInfo.InvariantCulture))
                .Append(" 次 · SHA-256 ").Append(E(p.Sha256[..12])).Append("…</li>\n");
        }
        h.Append("</ul></body></html>\n");
        return Task.FromResult(Page(h.ToString(), StatusCodes.Status200OK));
    }

    public static Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var portal = Portal(http);
        var year = int.TryParse(route.GetValueOrDefault("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
        if (portal.Find(route.GetValueOrDefault("agencyId") ?? "", year) is not { } entry)
        {
            return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not published here"));
        }
        var h = new StringBuilder();
        Head(h, entry.Payload.Title);
        // The fragment is the system's own rendering of the report, every text in it already escaped.
        h.Append(entry.Payload.Html).Append("\n</body></html>\n");
        return Task.FromResult(Page(h.ToString(), StatusCodes.Status200OK));
    }

    private static DevPortal Portal(HttpContext http) => http.RequestServices.GetRequiredService<DevPortal>();

    private static void Head(StringBuilder h, string title) =>
        h.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(title)).Append("</title><style>body{font-family:\"PingFang SC\",\"Microsoft YaHei\",sans-serif;margin:12px;line-height:1.6}.meta{color:#666}</style></head>\n<body>\n");

    private static IResult Page(string html, int status) => new HtmlResult(html, status);

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = AdminPage.ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return http.Response.WriteAsync(html);
        }
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
