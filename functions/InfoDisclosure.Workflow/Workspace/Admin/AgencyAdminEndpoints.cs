using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Web;
using InfoDisclosure.Workflow.Workspace.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Workspace.Admin;

/// <summary>
/// The administrator's pages for agencies and their review chains: GET /manage/agencies, GET and POST
/// /manage/agencies/{agencyId}. Saving is <see cref="AgencyStore"/>'s with the ETag the form was opened on, checked by
/// <see cref="AgencyValidator"/> as the API is; a refused form comes back with the fields named and nothing stored.
/// Not under /admin: Azure Functions reserves that prefix.
/// </summary>
public static class AgencyAdminEndpoints
{
    public const string ListPath = "/manage/agencies";

    public static string AgencyPath(string id) => $"{ListPath}/{id}";

    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var agencies = await http.RequestServices.GetRequiredService<AgencyStore>().ListAsync(http.RequestAborted);
        return WorkspaceEndpoints.Page<AgenciesPage>(http, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(AgenciesPage.Agencies)] = agencies.OrderBy(a => a.Id, StringComparer.Ordinal).ToList(),
        });
    }

    public static async Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var stored = await Find(http, route);
        if (stored is null) return NoSuchAgency();
        return Form(http, StatusCodes.Status200OK, stored.Agency, stored.ETag, null, [], http.Request.Query.ContainsKey("saved") ? "已保存。下一次提交审核起使用新的审核链；正在审核的报告不受影响。" : null);
    }

    public static async Task<IResult> SaveAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var caller = WorkspaceAccess.Caller(http);
        var stored = await Find(http, route);
        if (stored is null) return NoSuchAgency();
        if (!http.Request.HasFormContentType) return Pages.Message(StatusCodes.Status400BadRequest, "无法保存", "请在单位设置页面上填写并提交表单。");
        var (form, problem) = await HttpInputs.ReadFormAsync(http);
        if (problem is not null) return Pages.Message(StatusCodes.Status400BadRequest, "无法保存", "表单不完整，未能读取，单位设置未作改动。");
        var posted = form!.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var (agency, errors) = AgencyForm.Read(stored.Agency, posted);
        if (agency is null) return Form(http, StatusCodes.Status422UnprocessableEntity, stored.Agency, posted.GetValueOrDefault(AgencyForm.ETagField) ?? stored.ETag, posted, errors, null);

        var (result, _) = await http.RequestServices.GetRequiredService<AgencyStore>().UpdateAsync(agency, posted.GetValueOrDefault(AgencyForm.ETagField), http.RequestAborted);
        if (result == AgencyUpdate.PreconditionFailed)
        {
            return Form(http, StatusCodes.Status409Conflict, stored.Agency, stored.ETag, posted,
                [new AgencyFormError("name", "单位设置", "期间已有人修改了这个单位，您的修改未保存。下面保留了您填写的内容；如确认以此为准，请再次保存。")], null);
        }
        if (result == AgencyUpdate.NotFound) return NoSuchAgency();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        await http.RequestServices.GetRequiredService<AuditLog>().AppendAsync(AuditLog.AgencyKey(agency.Id),
            new AuditEntry(time.GetUtcNow(), WorkspaceAccess.Actor(caller), "agency-updated", "管理页面", HttpInputs.AuditAddress(http)), CancellationToken.None);
        return new SeeOther(AgencyPath(agency.Id) + "?saved=1");
    }

    private static async Task<StoredAgency?> Find(HttpContext http, IReadOnlyDictionary<string, string> route) =>
        HttpInputs.TryAgencyId(route, out var id, out _) ? await http.RequestServices.GetRequiredService<AgencyStore>().GetAsync(id, http.RequestAborted) : null;

    private static IResult Form(HttpContext http, int status, Agency agency, string etag, IReadOnlyDictionary<string, string>? posted, IReadOnlyList<AgencyFormError> errors, string? notice) =>
        WorkspaceEndpoints.Page<AgencyPage>(http, status, new Dictionary<string, object?>
        {
            [nameof(AgencyPage.Agency)] = agency,
            [nameof(AgencyPage.ETag)] = etag,
            [nameof(AgencyPage.Posted)] = posted,
            [nameof(AgencyPage.Errors)] = errors,
            [nameof(AgencyPage.Notice)] = notice,
        });

    private static IResult NoSuchAgency() => Pages.Message(StatusCodes.Status404NotFound, "找不到单位", "没有这个单位。请从单位列表打开。");
}
