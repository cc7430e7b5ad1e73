using System.Text;
using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Web;

/// <summary>
/// An HTML page with the headers every page needs: its CSP (<see cref="Pages.SitePolicy"/> unless a page needs another),
/// no MIME sniffing, no Referer (review URLs hold a token), nothing cached, no framing. HEAD gets the same status and
/// headers without the body.
/// </summary>
public sealed class HtmlPageResult(int statusCode, string html, string contentSecurityPolicy) : IResult
{
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
