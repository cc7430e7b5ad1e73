using System.Globalization;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.Review.Page;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>
/// GET and POST /reports/{agencyId}/{year}/review: a signed-in reviewer decides from the workspace (待我审核), without
/// the e-mailed link. The page is the review page itself (same report, warnings, changes, 审 and 校); the form carries
/// the anti-forgery token and the level, round and version it was opened on, and the decision goes through
/// <see cref="ReviewDecisionService"/>, the one path of the link and the API, recorded as the signed-in person. Only
/// the reviewer the current level waits for gets the page; the service refuses anyone else and any other level.
/// </summary>
public static class WorkspaceReview
{
    public static async Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (caller, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var entry = await http.RequestServices.GetRequiredService<ReportIndex>().GetAsync(agencyId, year, http.RequestAborted);
        if (entry is null) return Pages.Message(StatusCodes.Status404NotFound, "找不到报告", "没有这份报告。请从“我的年报”打开。");
        if (!await http.RequestServices.GetRequiredService<WorkspaceQueries>().WaitsForAsync(entry, caller.Email, http.RequestAborted))
        {
            return NotWaiting(agencyId, year);
        }
        return await PageAsync(http, entry, StatusCodes.Status200OK, null, null);
    }

    public static async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (caller, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        if (!http.Request.HasFormContentType) return Pages.Message(StatusCodes.Status400BadRequest, "无法提交", "请在审核页面上填写并提交表单。");
        var (form, formProblem) = await HttpInputs.ReadFormAsync(http);
        if (formProblem is not null) return formProblem;
        if (!int.TryParse(form![ReviewPage.LevelField].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            || !int.TryParse(form[ReviewPage.RoundField].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var round))
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "无法提交", "表单缺少审核环节（level、round），审核意见未记录。请重新打开审核页面后提交。");
        }
        var posted = ReviewPage.Read(form);
        if (ReviewPage.Invalid(posted) is { } error)
        {
            var entry = await http.RequestServices.GetRequiredService<ReportIndex>().GetAsync(agencyId, year, http.RequestAborted);
            if (entry is null || entry.Level != level || entry.Round != round
                || !await http.RequestServices.GetRequiredService<WorkspaceQueries>().WaitsForAsync(entry, caller.Email, http.RequestAborted))
            {
                return NotWaiting(agencyId, year);
            }
            return await PageAsync(http, entry, StatusCodes.Status422UnprocessableEntity, error, posted);
        }

        DecisionOutcome outcome;
        try
        {
            outcome = await http.RequestServices.GetRequiredService<ReviewDecisionService>().DecideAsync(durable, new DecisionInput(
                agencyId, year, level, round, caller.Email, posted.Decision!, posted.Comment, posted.ReviewConfirmed, posted.ProofreadConfirmed,
                null, form[ReviewPage.VersionField].ToString(), HttpInputs.AuditAddress(http)), http.RequestAborted);
        }
        catch (DecisionNotTakenException)
        {
            return Pages.Message(StatusCodes.Status503ServiceUnavailable, "未能提交", "系统暂时无法记录审核意见，未作任何改动。请稍后再试。");
        }
        return outcome.Status switch
        {
            DecisionStatus.Recorded => Pages.Render<ReviewDone>(StatusCodes.Status200OK, new Dictionary<string, object?>
            {
                [nameof(ReviewDone.ReportTitle)] = $"{outcome.Entry!.AgencyName}{year}年政府信息公开工作年度报告",
                [nameof(ReviewDone.LevelName)] = outcome.Decision!.LevelName,
                [nameof(ReviewDone.Approved)] = outcome.Decision.Approved,
                [nameof(ReviewDone.Comment)] = outcome.Decision.Comment,
                [nameof(ReviewDone.At)] = outcome.Decision.DecidedAt,
                [nameof(ReviewDone.BackTo)] = WorkspacePaths.Reports,
            }),
            DecisionStatus.NotAReviewer => Pages.Message(StatusCodes.Status403Forbidden, "无权审核",
                "您不是本环节的审核人，审核意见未记录。", ReportLink(agencyId, year)),
            DecisionStatus.StaleVersion => Pages.Message(StatusCodes.Status409Conflict, "送审版本已变化",
                "您打开页面后，送审的版本已经变化，审核意见未记录。请重新打开审核页面，阅读新版本后再提交。", ReportLink(agencyId, year)),
            DecisionStatus.NoSuchReport => Pages.Message(StatusCodes.Status404NotFound, "找不到报告", "没有这份报告。请从“我的年报”打开。"),
            DecisionStatus.WorkflowNotRunning => Pages.Message(StatusCodes.Status409Conflict, "未能提交",
                "报告的审核流程当前没有运行，审核意见未记录。请联系管理员。", ReportLink(agencyId, year)),
            _ => Pages.Message(StatusCodes.Status409Conflict, "已处理",
                "本环节的审核意见已经提交（由您或本环节的其他审核人），或报告已进入其他环节，本次操作未作任何改动。", ReportLink(agencyId, year)),
        };
    }

    private static async Task<IResult> PageAsync(HttpContext http, ReportIndexEntry entry, int status, string? error, ReviewForm? posted)
    {
        var caller = WorkspaceAccess.Caller(http);
        var reviewer = entry.Chain[entry.Level - 1].Reviewers.FirstOrDefault(r => r.Key == caller.Email);
        if (reviewer is null) return NotWaiting(entry.AgencyId, entry.Year);
        var grant = new ReviewLinkGrant(entry.AgencyId, entry.Year, entry.Level, entry.Round, reviewer.Email, reviewer.Name,
            entry.SubmittedVersion!.Value, entry.SubmittedSha256!);
        var services = http.RequestServices;
        var model = await ReviewPageData.LoadAsync(grant, null, entry, services.GetRequiredService<ReportIndex>(), services.GetRequiredService<ReportDocuments>(),
            services.GetRequiredService<DecisionLog>(), "", http.RequestAborted);
        if (model is null) return Pages.Message(StatusCodes.Status410Gone, "版本不存在", "送审版本已不存在，请联系起草人。");
        return Pages.Render<ReviewPage>(status, new Dictionary<string, object?>
        {
            [nameof(ReviewPage.Model)] = model with { Error = error, Posted = posted },
            [nameof(ReviewPage.Caller)] = caller,
            [nameof(ReviewPage.Token)] = FormToken.For(http),
        });
    }

    private static IResult NotWaiting(string agencyId, int year) => Pages.Message(StatusCodes.Status409Conflict, "不在您的审核环节",
        "这份报告目前不等待您审核：可能已由您或本环节的其他审核人处理，或尚未送到您的环节。", ReportLink(agencyId, year));

    private static string ReportLink(string agencyId, int year) => $"报告页面：{WorkspacePaths.Report(agencyId, year)}";
}
