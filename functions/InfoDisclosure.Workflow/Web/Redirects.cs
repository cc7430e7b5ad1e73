using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Web;

public static class Redirects
{
    /// <summary>303 See Other: after a form POST (or to another page) the browser GETs <paramref name="location"/>.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }
}
