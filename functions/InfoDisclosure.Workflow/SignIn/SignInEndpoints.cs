using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Web;
using InfoDisclosure.Workflow.Web.SignIn;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.SignIn;

/// <summary>
/// GET/POST /sign-in, GET/POST /sign-in/{token}, POST /sign-out and /sign-out/everywhere: pages over
/// <see cref="SignInService"/>. The anti-forgery token of each POST is checked by the access gate before these run.
/// </summary>
public static class SignInEndpoints
{
    public static Task<IResult> FormAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        Task.FromResult(Form(http, StatusCodes.Status200OK, SignInService.SafeReturnPath(http.Request.Query["returnUrl"].ToString()), null, null));

    public static async Task<IResult> RequestAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (form, problem) = await HttpInputs.ReadFormAsync(http);
        if (problem is not null) return problem;
        var email = form!["email"].ToString().Trim();
        var returnPath = SignInService.SafeReturnPath(form["returnUrl"].ToString());
        var service = http.RequestServices.GetRequiredService<SignInService>();
        return await service.RequestLinkAsync(email, returnPath, HttpInputs.LimiterClient(http), http.RequestAborted) switch
        {
            SignInRequestStatus.Invalid => Form(http, StatusCodes.Status400BadRequest, returnPath, email, "请输入有效的邮箱地址。"),
            SignInRequestStatus.Limited => Pages.Message(StatusCodes.Status429TooManyRequests, "请求过于频繁", "登录链接请求次数过多，请稍后再试。"),
            _ => Pages.Render<SignInSentPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
            {
                [nameof(SignInSentPage.Email)] = email,
                [nameof(SignInSentPage.Minutes)] = service.LinkMinutes,
            }),
        };
    }

    /// <summary>Shows the button; reads only (mail scanners and link previews fetch it).</summary>
    public static async Task<IResult> LinkAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var token = route.TryGetValue("token", out var t) ? t : "";
        var (status, email) = await http.RequestServices.GetRequiredService<SignInService>().PeekAsync(token, HttpInputs.LimiterClient(http), http.RequestAborted);
        return status switch
        {
            RedeemStatus.SignedIn => Pages.Render<SignInLinkPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
            {
                [nameof(SignInLinkPage.Action)] = $"/sign-in/{token}",
                [nameof(SignInLinkPage.Email)] = email,
                [nameof(SignInLinkPage.Token)] = FormToken.For(http),
            }),
            RedeemStatus.Limited => Limited(),
            _ => Invalid(),
        };
    }

    public static async Task<IResult> RedeemAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var outcome = await http.RequestServices.GetRequiredService<SignInService>().RedeemAsync(
            route.TryGetValue("token", out var t) ? t : "", HttpInputs.LimiterClient(http), http.RequestAborted);
        switch (outcome.Status)
        {
            case RedeemStatus.SignedIn:
                http.RequestServices.GetRequiredService<SessionCookie>().Write(http, outcome.Email!, outcome.SessionId!);
                return new SeeOther(outcome.ReturnPath);
            case RedeemStatus.Limited:
                return Limited();
            default:
                return Invalid();
        }
    }

    public static Task<IResult> SignOutAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        SignOutAsync(http, everywhere: false);

    public static Task<IResult> SignOutEverywhereAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        SignOutAsync(http, everywhere: true);

    private static async Task<IResult> SignOutAsync(HttpContext http, bool everywhere)
    {
        var resolution = http.Features.Get<Resolution>();
        var caller = http.Caller();
        if (caller is not null && resolution?.Source == CallerSource.Session)
        {
            await http.RequestServices.GetRequiredService<SignInService>().SignOutAsync(caller.Email, resolution.SessionId!, everywhere,
                HttpInputs.AuditAddress(http), http.RequestAborted);
        }
        http.RequestServices.GetRequiredService<SessionCookie>().Clear(http);
        return Pages.Render<SignedOutPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(SignedOutPage.Message)] = everywhere ? "您已在所有设备上退出登录。" : "您已退出登录。",
        });
    }

    private static IResult Form(HttpContext http, int status, string returnPath, string? email, string? notice) =>
        Pages.Render<SignInPage>(status, new Dictionary<string, object?>
        {
            [nameof(SignInPage.Token)] = FormToken.For(http),
            [nameof(SignInPage.ReturnUrl)] = returnPath,
            [nameof(SignInPage.Email)] = email,
            [nameof(SignInPage.Notice)] = notice,
            [nameof(SignInPage.Minutes)] = http.RequestServices.GetRequiredService<SignInService>().LinkMinutes,
            [nameof(SignInPage.SingleSignOn)] = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value is { EasyAuth: true } auth
                ? $"{auth.EasyAuthLoginPath}?post_login_redirect_uri={Uri.EscapeDataString(returnPath)}"
                : null,
        });

    private static IResult Invalid() => Pages.Message(StatusCodes.Status410Gone, "登录链接无效",
        "此登录链接无效、已使用或已过期（有效期15分钟，只能使用一次）。请打开登录页重新申请登录链接。");

    private static IResult Limited() => Pages.Message(StatusCodes.Status429TooManyRequests, "尝试次数过多", "失败次数过多，请稍后再试。");
}
