using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Web;
using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>
/// What the workspace's handlers need of the caller. Who may open a page is decided before the handler runs, by the
/// access each route declares in ApiRoutes (Access/Access.cs); the pages use the same rules to show or hide actions.
/// </summary>
public static class WorkspaceAccess
{
    public static bool CanEdit(Caller caller, string agencyId) => Access.Access.CanEdit(caller, agencyId);

    /// <summary>"Name &lt;email&gt;" for the audit log.</summary>
    public static string Actor(Caller caller) => string.IsNullOrWhiteSpace(caller.Name) ? caller.Email : $"{caller.Name} <{caller.Email}>";

    /// <summary>The caller the access gate let in.</summary>
    public static Caller Caller(HttpContext http) =>
        http.Caller() ?? throw new InvalidOperationException("A workspace page ran without a caller: its route must declare an access that needs one.");

    /// <summary>The caller and the report the route names (the gate already checked the caller may open it).</summary>
    public static (Caller Caller, string AgencyId, int Year, IResult? Refusal) Report(HttpContext http, IReadOnlyDictionary<string, string> route)
    {
        var caller = Caller(http);
        return HttpInputs.TryReport(route, out var agencyId, out var year, out _)
            ? (caller, agencyId, year, null)
            : (caller, "", 0, Pages.Message(StatusCodes.Status404NotFound, "找不到报告", "地址中的单位代码或年度不正确。"));
    }
}
