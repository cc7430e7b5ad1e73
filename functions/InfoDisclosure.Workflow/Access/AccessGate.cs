using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Hosting;
using InfoDisclosure.Workflow.Web;
using InfoDisclosure.Workflow.Web.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Access;

/// <summary>
/// The one wrapper every route's handler runs in (<see cref="ApiRoute.Handler"/>), in both hosts: resolves the caller,
/// decides by the route's <see cref="Access"/>, checks the anti-forgery token of every state-changing form route and
/// the origin of cookie-authenticated API writes, and audits each refusal. A refused request reaches no handler, so it
/// changes nothing. /api routes answer problem details (401, 403, 429); pages a redirect to /sign-in or a Chinese page.
/// </summary>
public static class AccessGate
{
    public static ApiHandler Guard(string template, Access access, ApiHandler handler)
    {
        var isApi = template.StartsWith("api/", StringComparison.Ordinal);
        ApiHandler gated = async (http, durable, route) =>
        {
            var services = http.RequestServices;
            var audit = services.GetRequiredService<AccessAudit>();
            var client = HttpInputs.AuditAddress(http);
            var what = $"{http.Request.Method} /{template}" + (route.TryGetValue("agencyId", out var agency) ? $" ({agency})" : "");
            var resolution = await services.GetRequiredService<CallerResolver>().ResolveAsync(http);
            http.Features.Set(resolution);
            if (resolution.Caller is { } caller) CallerResolver.Apply(http, caller);

            if (resolution.Refused is { } refused)
            {
                await audit.RefusedAsync(null, what, refused, client, http.RequestAborted);
                if (resolution.Limited) return TooMany(isApi);
                return isApi ? Problems.Unauthorized() : Page(http, StatusCodes.Status401Unauthorized, "未能识别身份", "提供的凭据无效，请重新登录。");
            }

            if (access.Kind == AccessKind.Credential
                && services.GetRequiredService<AttemptLimiter>() is var limiter && limiter.IsExhausted($"failure:client:{HttpInputs.LimiterClient(http)}", limiter.Limits.FailuresPerClient))
            {
                await audit.RefusedAsync(resolution.Caller?.Email, what, "too many failed attempts (rate limit)", client, http.RequestAborted);
                return TooMany(isApi);
            }

            if (access.Kind == AccessKind.Caller)
            {
                if (resolution.Caller is null)
                {
                    await audit.RefusedAsync(null, what, "not signed in", client, http.RequestAborted);
                    if (isApi) return Problems.Unauthorized();
                    return HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                        ? new SeeOther("/sign-in?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString))
                        : Page(http, StatusCodes.Status401Unauthorized, "请先登录", "登录已过期或尚未登录，操作未执行。请重新登录后再试。");
                }
                if (!access.Allows(resolution.Caller, route))
                {
                    await audit.RefusedAsync(resolution.Caller.Email, what, $"role does not allow ({access.Name})", client, http.RequestAborted);
                    return isApi
                        ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                            detail: $"{resolution.Caller.Email} may not do this: it needs {access.Name}.")
                        : Page(http, StatusCodes.Status403Forbidden, "无权访问", "您的角色不能打开此页面或执行此操作。");
                }
            }

            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && access.Kind != AccessKind.Credential)
            {
                // A form that cannot be read is a 400 problem naming it, as on every route that reads forms.
                if (!isApi && http.Request.HasFormContentType && (await HttpInputs.ReadFormAsync(http)).Problem is { } malformed) return malformed;
                if (!isApi && !await FormTokenValidAsync(http))
                {
                    services.GetRequiredService<AttemptLimiter>().Record($"failure:client:{HttpInputs.LimiterClient(http)}");
                    await audit.RefusedAsync(resolution.Caller?.Email, what, "missing or invalid anti-forgery token", client, http.RequestAborted);
                    return Page(http, StatusCodes.Status400BadRequest, "表单已失效", "表单校验失败，操作未执行。请返回上一页刷新后重新提交。");
                }
                if (isApi && resolution.Source is CallerSource.Session or CallerSource.EasyAuth && CrossSite(http))
                {
                    await audit.RefusedAsync(resolution.Caller?.Email, what, "cross-site request with the session cookie", client, http.RequestAborted);
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Cross-site requests are refused.");
                }
            }
            return await handler(http, durable, route);
        };
        // Readiness first: until the engine has answered, /api calls get 503 before anything reads storage.
        return isApi ? EngineReadiness.Require(gated) : gated;
    }

    private static async Task<bool> FormTokenValidAsync(HttpContext http)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return false;
        }
    }

    /// <summary>A browser tells where a request comes from (Sec-Fetch-Site, Origin); scripts and curl send neither.</summary>
    private static bool CrossSite(HttpContext http)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site") return true;
        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static IResult TooMany(bool isApi) => isApi
        ? Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: "Too many failed attempts; try again later.")
        : Pages.Message(StatusCodes.Status429TooManyRequests, "尝试次数过多", "失败次数过多，请稍后再试。");

    internal static IResult Page(HttpContext http, int status, string title, string message) =>
        Pages.Render<RefusedPage>(status, new Dictionary<string, object?>
        {
            [nameof(RefusedPage.Title)] = title,
            [nameof(RefusedPage.Message)] = message,
            [nameof(RefusedPage.Caller)] = http.Caller(),
            [nameof(RefusedPage.Token)] = http.Caller() is null ? null : FormToken.For(http),
        });
}

/// <summary>303 See Other: after a form POST (or to send a browser to sign in) the browser GETs the target.</summary>
public sealed class SeeOther(string location) : IResult
{
    public string Location => location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
