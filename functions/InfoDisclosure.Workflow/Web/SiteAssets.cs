using System.Security.Cryptography;
using InfoDisclosure.Reports.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Web;

/// <summary>
/// The stylesheet every page links (Web/Assets/site.css followed by the report's own styles), and the editor's totals
/// script (Web/Assets/totals.js), which runs only where a page's CSP gives its script tag a nonce.
/// </summary>
public static class SiteAssets
{
    public const string StylesheetPath = "/assets/site.css";
    public const string TotalsScriptPath = "/assets/totals.js";

    private static readonly byte[] Stylesheet = Load();
    private static readonly string ETag = Tag(Stylesheet);
    private static readonly byte[] TotalsScript = Read("totals.js");
    private static readonly string TotalsETag = Tag(TotalsScript);

    public static Task<IResult> StylesheetAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        Task.FromResult(Asset(http, Stylesheet, ETag, "text/css; charset=utf-8"));

    public static Task<IResult> TotalsScriptAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        Task.FromResult(Asset(http, TotalsScript, TotalsETag, "text/javascript; charset=utf-8"));

    /// <summary>A fresh nonce for a page's script tags and its CSP (128 random bits).</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>The site's policy, with scripts allowed only from tags carrying <paramref name="nonce"/>.</summary>
    public static string PolicyWithScripts(string nonce) => Pages.SitePolicy + $"; script-src 'nonce-{nonce}'";

    private static IResult Asset(HttpContext http, byte[] content, string etag, string contentType)
    {
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "public, max-age=3600";
        headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch == etag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(content, contentType);
    }

    private static string Tag(byte[] content) => "\"" + Convert.ToHexString(SHA256.HashData(content))[..16] + "\"";

    private static byte[] Load() => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Read("site.css")) + "\n" + HtmlStyles.Report + "\n");

    private static byte[] Read(string name)
    {
        using var stream = typeof(SiteAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the workflow library.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
