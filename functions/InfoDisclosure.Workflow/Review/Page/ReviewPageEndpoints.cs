using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.Review.Page;

/// <summary>
/// GET, HEAD and POST /review/{token}: the e-mailed review page. Outside /api and without the API key: the token is the
/// credential. GET and HEAD only read. POST checks the page's form value (HMAC of the link's hash under the persisted
/// form key: no cookie, so it works in mail apps' browsers and survives restarts), validates the form, spends the link
/// (ETag update, single use), then records the decision through <see cref="ReviewDecisionService"/>, the API's path.
/// </summary>
public static class ReviewPageEndpoints
{
    public static Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        ShowOrHeadAsync(http, route);

    public static Task<IResult> HeadAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        ShowOrHeadAsync(http, route);

    public static async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var ctx = await OpenAsync(http, route);
        if (ctx.Refusal is { } refused) return refused;
        var (link, entry) = (ctx.Link!, ctx.Entry!);
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var store = services.GetRequiredService<ReviewLinkStore>();
        var key = await store.FormKeyAsync(ct);

        if (!http.Request.HasFormContentType)
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "无法提交", "请在审核页面上填写并提交表单。");
        }
        var (form, formProblem) = await HttpInputs.ReadFormAsync(http);
        if (formProblem is not null) return formProblem;
        if (!ReviewLinkTokens.FormValueMatches(key, link.TokenHash, form![ReviewPage.FormField].ToString()))
        {
            return Pages.Message(StatusCodes.Status403Forbidden, "页面校验失败",
                "提交的表单不是从本审核页面发出的，审核意见未记录。请从邮件中的链接重新打开审核页面后提交。");
        }
        var posted = ReviewPage.Read(form);
        if (ReviewPage.Invalid(posted) is { } error)
        {
            var model = await ReviewPageData.LoadAsync(link, entry, services.GetRequiredService<ReportIndex>(), services.GetRequiredService<ReportDocuments>(),
                services.GetRequiredService<DecisionLog>(), ReviewLinkTokens.FormValue(key, link.TokenHash), ct);
            return model is null
                ? Pages.Message(StatusCodes.Status410Gone, "版本不存在", "送审版本已不存在，请联系起草人。")
                : Page(StatusCodes.Status422UnprocessableEntity, model with { Error = error, Posted = posted });
        }

        if (!await store.TryConsumeAsync(link, posted.Decision!, ct)) return AlreadyDecided();
        DecisionOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<ReviewDecisionService>().DecideAsync(durable, new DecisionInput(
                link.Grant.AgencyId, link.Grant.Year, link.Grant.Level, link.Grant.Round, link.Grant.ReviewerEmail, posted.Decision!,
                posted.Comment, posted.ReviewConfirmed, posted.ProofreadConfirmed, link.Grant.VersionNumber, link.Grant.VersionSha256,
                HttpInputs.AuditAddress(http)), ct);
        }
        catch (Exception e)
        {
            // Nothing was recorded (the decision service withdraws its record when the event cannot be raised): give the link back.
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(ReviewPageEndpoints)).LogError(e, "Review decision failed; link released.");
            await store.ReleaseAsync(link.TokenHash, CancellationToken.None);
            throw;
        }

        return outcome.Status switch
        {
            DecisionStatus.Recorded => Pages.Render<ReviewDone>(StatusCodes.Status200OK, new Dictionary<string, object?>
            {
                [nameof(ReviewDone.ReportTitle)] = (await services.GetRequiredService<ReportDocuments>()
                    .ReadReportAsync(link.Grant.AgencyId, link.Grant.Year, link.Grant.VersionNumber, ct))!.Title,
                [nameof(ReviewDone.LevelName)] = outcome.Decision!.LevelName,
                [nameof(ReviewDone.Approved)] = outcome.Decision.Approved,
                [nameof(ReviewDone.Comment)] = outcome.Decision.Comment,
                [nameof(ReviewDone.At)] = outcome.Decision.DecidedAt,
            }),
            DecisionStatus.AlreadyDecided or DecisionStatus.NotCurrent => AlreadyDecided(),
            _ => Superseded(),
        };
    }

    private static async Task<IResult> ShowOrHeadAsync(HttpContext http, IReadOnlyDictionary<string, string> route)
    {
        var ctx = await OpenAsync(http, route);
        if (ctx.Refusal is { } refused) return refused;
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var key = await services.GetRequiredService<ReviewLinkStore>().FormKeyAsync(ct);
        var model = await ReviewPageData.LoadAsync(ctx.Link!, ctx.Entry!, services.GetRequiredService<ReportIndex>(), services.GetRequiredService<ReportDocuments>(),
            services.GetRequiredService<DecisionLog>(), ReviewLinkTokens.FormValue(key, ctx.Link!.TokenHash), ct);
        return model is null ? Superseded() : Page(StatusCodes.Status200OK, model);
    }

    private sealed record Opened(ReviewLink? Link, ReportIndexEntry? Entry, IResult? Refusal);

    /// <summary>Finds the link and judges it against the report as it stands; a refusal page when it does not open.</summary>
    private static async Task<Opened> OpenAsync(HttpContext http, IReadOnlyDictionary<string, string> route)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var link = await services.GetRequiredService<ReviewLinkStore>().FindAsync(route.TryGetValue("token", out var token) ? token : null, ct);
        var entry = link is null ? null : await services.GetRequiredService<ReportIndex>().GetAsync(link.Grant.AgencyId, link.Grant.Year, ct);
        var verdict = await ReviewPageData.JudgeAsync(link, entry, services.GetRequiredService<DecisionLog>(),
            services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        return verdict switch
        {
            LinkVerdict.Open => new(link, entry, null),
            LinkVerdict.AlreadyDecided => new(link, entry, AlreadyDecided()),
            LinkVerdict.Expired => new(link, entry, Pages.Message(StatusCodes.Status410Gone, "链接已过期",
                "此审核链接已超过有效期，不能再使用。如报告仍在等待您审核，系统发出的催办邮件中有新的链接；也可联系起草人。")),
            LinkVerdict.Superseded => new(link, entry, Superseded()),
            _ => await UnknownAsync(http),
        };
    }

    /// <summary>An unknown or malformed token: a guess, counted against the client (the access gate stops it at the limit) and audited.</summary>
    private static async Task<Opened> UnknownAsync(HttpContext http)
    {
        var client = HttpInputs.LimiterClient(http);
        http.RequestServices.GetRequiredService<Access.AttemptLimiter>().Record($"failure:client:{client}");
        await http.RequestServices.GetRequiredService<Access.AccessAudit>().RefusedAsync(null, $"{http.Request.Method} /review/{{token}}", "unknown review link", HttpInputs.AuditAddress(http), http.RequestAborted);
        return new(null, null, Pages.Message(StatusCodes.Status404NotFound, "链接无效",
            "找不到此审核链接。请确认链接完整（从邮件中复制时不要遗漏字符），或联系起草人。"));
    }

    private static IResult AlreadyDecided() => Pages.Message(StatusCodes.Status409Conflict, "已处理",
        "本环节的审核意见已经提交（由您或本环节的其他审核人），此链接不能再次提交，本次操作未作任何改动。",
        "Already decided: nothing was changed.");

    private static IResult Superseded() => Pages.Message(StatusCodes.Status410Gone, "链接已失效",
        "报告已退回修改或已进入新一轮审核，此链接对应的审核已结束，本次操作未作任何改动。如需您审核，系统会发送新的邮件。");

    private static IResult Page(int status, ReviewPageModel model) =>
        Pages.Render<ReviewPage>(status, new Dictionary<string, object?> { [nameof(ReviewPage.Model)] = model });
}
