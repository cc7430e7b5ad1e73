using System.Text;
using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Web;

/// <summary>
/// An HTML page with the headers the review pages need: a CSP without script (inline styles only, forms post to
/// ourselves, no framing), no MIME sniffing, no Referer (the URL holds the token), nothing cached. HEAD gets the same
/// status and headers without the body.
/// </summary>
public sealed class HtmlPageResult(int statusCode, string html, string contentSecurityPolicy = HtmlPageResult.ReviewPolicy) : IResult
{
    public const string ReviewPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public int StatusCode => statusCode;
    public string Html => html;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        var body = Encoding.UTF8.GetBytes(html);
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(httpContext.Request.Method)) return;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
