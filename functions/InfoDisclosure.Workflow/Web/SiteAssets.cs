using System.Security.Cryptography;
using InfoDisclosure.Reports.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Web;

/// <summary>The stylesheet every page links: Web/Assets/site.css followed by the report's own styles.</summary>
public static class SiteAssets
{
    public const string StylesheetPath = "/assets/site.css";

    private static readonly byte[] Stylesheet = Load();
    private static readonly string ETag = "\"" + Convert.ToHexString(SHA256.HashData(Stylesheet))[..16] + "\"";

    public static Task<IResult> StylesheetAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var headers = http.Response.Headers;
        headers.ETag = ETag;
        headers.CacheControl = "public, max-age=3600";
        headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch == ETag) return Task.FromResult(Results.StatusCode(StatusCodes.Status304NotModified));
        return Task.FromResult(Results.Bytes(Stylesheet, "text/css; charset=utf-8"));
    }

    private static byte[] Load()
    {
        using var stream = typeof(SiteAssets).Assembly.GetManifestResourceStream("site.css")
            ?? throw new InvalidOperationException("site.css is not embedded in the workflow library.");
        using var reader = new StreamReader(stream);
        return System.Text.Encoding.UTF8.GetBytes(reader.ReadToEnd() + "\n" + HtmlStyles.Report + "\n");
    }
}
