using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Web;
using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>Who may read and who may write a report in the workspace.</summary>
public static class WorkspaceAccess
{
    /// <summary>The office and the administrator read every report; drafters and reviewers their own agencies'.</summary>
    public static bool CanRead(Caller caller, string agencyId) =>
        caller.Has(Roles.Office) || caller.Has(Roles.Admin) || caller.AgenciesAs(Roles.Drafter).Contains(agencyId) || caller.AgenciesAs(Roles.Reviewer).Contains(agencyId);

    /// <summary>Only the agency's drafter writes its report (and submits it).</summary>
    public static bool CanEdit(Caller caller, string agencyId) => caller.AgenciesAs(Roles.Drafter).Contains(agencyId);

    /// <summary>"Name &lt;email&gt;" for the audit log.</summary>
    public static string Actor(Caller caller) => string.IsNullOrWhiteSpace(caller.Name) ? caller.Email : $"{caller.Name} <{caller.Email}>";

    /// <summary>The caller, or the answer for nobody signed in: to the sign-in page, coming back here afterwards.</summary>
    public static (Caller? Caller, IResult? Refusal) SignedIn(HttpContext http)
    {
        if (http.Caller() is { IsAutomation: false } caller) return (caller, null);
        var back = http.Request.Path + http.Request.QueryString;
        return (null, Redirects.SeeOther($"{WorkspacePaths.SignIn}?returnUrl={Uri.EscapeDataString(back)}"));
    }

    /// <summary>The report named by the route, for a caller allowed to read it (or to edit it, with <paramref name="edit"/>).</summary>
    public static (Caller? Caller, string AgencyId, int Year, IResult? Refusal) Report(HttpContext http, IReadOnlyDictionary<string, string> route, bool edit)
    {
        var (caller, refusal) = SignedIn(http);
        if (refusal is not null) return (null, "", 0, refusal);
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out _))
        {
            return (null, "", 0, Pages.Message(StatusCodes.Status404NotFound, "找不到报告", "地址中的单位代码或年度不正确。"));
        }
        var allowed = edit ? CanEdit(caller!, agencyId) : CanRead(caller!, agencyId);
        if (!allowed)
        {
            return (null, agencyId, year, Pages.Message(StatusCodes.Status403Forbidden, "无权访问",
                edit ? "只有本单位的起草人可以修改和提交这份报告。" : "您没有查看这份报告的权限：它不属于您所在的单位。"));
        }
        return (caller, agencyId, year, null);
    }
}
