using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Access;

/// <summary>
/// The security headers of every response of both hosts (the local host's middleware and the Functions worker
/// middleware both call <see cref="Register"/>), including 404s, errors, CSV and DOCX downloads and the dev pages. A
/// handler that needs another policy (a page's CSP, the report preview's inline styles) sets its own header, which is
/// kept. Everything is private and not cached except the stylesheet.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Nothing from anywhere: for JSON, files and anything that sets no policy of its own.</summary>
    public const string DefaultPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void Register(HttpContext http) => http.Response.OnStarting(static state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = DefaultPolicy;
        headers.XContentTypeOptions = "nosniff";
        if (!headers.ContainsKey("X-Frame-Options")) headers.XFrameOptions = "DENY";
        if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/assets") && !headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
        if (context.Request.IsHttps && !headers.ContainsKey("Strict-Transport-Security")) headers.StrictTransportSecurity = "max-age=31536000";
        return Task.CompletedTask;
    }, http);
}
