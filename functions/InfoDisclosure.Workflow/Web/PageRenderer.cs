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
    /// <summary>
    /// A renderer needing nothing from a host: the encoder that keeps Chinese as text and no logging. E-mails are
    /// composed with it (their components use no services), and tests render pages with it.
    /// </summary>
    public static PageRenderer Standalone { get; } = new(
        new ServiceCollection().AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All)).BuildServiceProvider(),
        Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

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

    /// <summary>
    /// For components that do no asynchronous work (e-mail bodies, composed by synchronous code): the render has
    /// finished when this returns, and a component that would have to wait is refused rather than waited on.
    /// </summary>
    public string RenderSynchronously<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        var rendering = RenderAsync<TComponent>(parameters);
        if (!rendering.IsCompleted) throw new InvalidOperationException($"{typeof(TComponent).Name} waits while rendering; render it with RenderAsync.");
        return rendering.GetAwaiter().GetResult();
    }
}

/// <summary>Pages as HTTP results, rendered when the result executes, with the site's security headers.</summary>
public static class Pages
{
    /// <summary>No script, styles only from our stylesheet, forms post to ourselves, never framed.</summary>
    public const string SitePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Render<TComponent>(int statusCode, IDictionary<string, object?>? parameters = null, string contentSecurityPolicy = SitePolicy)
        where TComponent : IComponent =>
        new ComponentResult<TComponent>(statusCode, parameters, contentSecurityPolicy);

    /// <summary>A page whose one parameter is its model, the common case.</summary>
    public static IResult Render<TComponent>(int statusCode, string parameter, object? model) where TComponent : IComponent =>
        new ComponentResult<TComponent>(statusCode, new Dictionary<string, object?> { [parameter] = model }, SitePolicy);

    public static IResult Message(int statusCode, string title, string message, string? detail = null) =>
        Render<Layout.MessagePage>(statusCode, new Dictionary<string, object?>
        {
            [nameof(Layout.MessagePage.Title)] = title,
            [nameof(Layout.MessagePage.Message)] = message,
            [nameof(Layout.MessagePage.Detail)] = detail,
            [nameof(Layout.MessagePage.Error)] = statusCode >= 400,
        });

    private sealed class ComponentResult<TComponent>(int statusCode, IDictionary<string, object?>? parameters, string contentSecurityPolicy) : IResult
        where TComponent : IComponent
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var html = await httpContext.RequestServices.GetRequiredService<PageRenderer>().RenderAsync<TComponent>(parameters);
            await new HtmlPageResult(statusCode, html, contentSecurityPolicy).ExecuteAsync(httpContext);
        }
    }
}
