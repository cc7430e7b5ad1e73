using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.Web;

/// <summary>
/// Renders a Razor component to an HTML string on the server (no interactivity): the one way pages and e-mails are
/// written, so every value is escaped by the templating.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var view = parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters);
            var output = await renderer.RenderComponentAsync<TComponent>(view);
            return output.ToHtmlString();
        });
    }
}

/// <summary>Pages as HTTP results, rendered when the result executes, with the site's security headers.</summary>
public static class Pages
{
    /// <summary>No script, styles only from our stylesheet, forms post to ourselves, never framed.</summary>
    public const string SitePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Render<TComponent>(int statusCode, IDictionary<string, object?>? parameters = null) where TComponent : IComponent =>
        new ComponentResult<TComponent>(statusCode, parameters);

    public static IResult Message(int statusCode, string title, string message, string? detail = null) =>
        Render<Layout.MessagePage>(statusCode, new Dictionary<string, object?>
        {
            [nameof(Layout.MessagePage.Title)] = title,
            [nameof(Layout.MessagePage.Message)] = message,
            [nameof(Layout.MessagePage.Detail)] = detail,
            [nameof(Layout.MessagePage.Error)] = statusCode >= 400,
        });

    private sealed class ComponentResult<TComponent>(int statusCode, IDictionary<string, object?>? parameters) : IResult
        where TComponent : IComponent
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var html = await httpContext.RequestServices.GetRequiredService<PageRenderer>().RenderAsync<TComponent>(parameters);
            await new HtmlPageResult(statusCode, html, SitePolicy).ExecuteAsync(httpContext);
        }
    }
}
