using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.People;
using InfoDisclosure.Workflow.Web;
using InfoDisclosure.Workflow.Workspace.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Workspace.Admin;

/// <summary>
/// The administrator's pages for people and their roles: GET /manage/people (the list and the form to add one), POST
/// /manage/people (add), GET and POST /manage/people/{email} (change roles), POST /manage/people/{email}/remove.
/// Saving and removing are <see cref="PeopleService"/>'s, as for the API, audited under the administrator's name; a
/// refused form comes back with the fields named in Chinese and nothing stored.
/// </summary>
public static class PeopleAdminEndpoints
{
    public const string ListPath = "/manage/people";

    public static string PersonPath(string email) => $"{ListPath}/{Uri.EscapeDataString(PersonEmail.Normalize(email))}";

    public static string RemovePath(string email) => PersonPath(email) + "/remove";

    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var removed = http.Request.Query["removed"].ToString();
        return await ListPageAsync(http, StatusCodes.Status200OK, PersonFormValues.Empty, [],
            removed.Length > 0 ? $"已删除 {removed} 的角色记录。" : null);
    }

    public static async Task<IResult> AddAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (await ReadAsync(http, null) is not { } values) return Unreadable();
        var service = Service(http);
        if (AgencyValidator.IsEmail(values.Email) && await service.GetAsync(PersonEmail.Normalize(values.Email), http.RequestAborted) is not null)
        {
            return await ListPageAsync(http, StatusCodes.Status409Conflict, values,
                [new(PersonForm.EmailField, "邮箱", $"{values.Email} 已在人员名单中，未重复添加。请在名单中打开此人修改角色。")], null);
        }
        var outcome = await SaveAsync(http, values);
        if (outcome.Status == PersonSaveStatus.Invalid)
        {
            return await ListPageAsync(http, StatusCodes.Status422UnprocessableEntity, values, PersonForm.Errors(values, outcome.Errors!), null);
        }
        return new SeeOther(PersonPath(outcome.Person!.Email) + "?saved=1");
    }

    public static async Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var person = await Service(http).GetAsync(Email(route), http.RequestAborted);
        if (person is null) return NoSuchPerson();
        return await PersonPageAsync(http, StatusCodes.Status200OK, PersonFormValues.From(person), [],
            http.Request.Query.ContainsKey("saved") ? "已保存。此人下次打开页面时即按新的角色办理。" : null);
    }

    public static async Task<IResult> SaveAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var email = Email(route);
        if (await Service(http).GetAsync(email, http.RequestAborted) is null) return NoSuchPerson();
        if (await ReadAsync(http, email) is not { } values) return Unreadable();
        var outcome = await SaveAsync(http, values);
        if (outcome.Status == PersonSaveStatus.Invalid)
        {
            return await PersonPageAsync(http, StatusCodes.Status422UnprocessableEntity, values, PersonForm.Errors(values, outcome.Errors!), null);
        }
        return new SeeOther(PersonPath(email) + "?saved=1");
    }

    public static async Task<IResult> RemoveAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var email = Email(route);
        var caller = WorkspaceAccess.Caller(http);
        if (string.Equals(PersonEmail.Normalize(email), caller.Email, StringComparison.Ordinal))
        {
            var self = await Service(http).GetAsync(email, http.RequestAborted);
            if (self is null) return NoSuchPerson();
            return await PersonPageAsync(http, StatusCodes.Status409Conflict, PersonFormValues.From(self),
                [new(PersonForm.AdminField, "删除", "不能删除自己的记录（否则可能没有管理员可以登录）。请由另一位管理员操作。")], null);
        }
        return await Service(http).RemoveAsync(email, WorkspaceAccess.Actor(caller), HttpInputs.AuditAddress(http), http.RequestAborted)
            ? new SeeOther(ListPath + "?removed=" + Uri.EscapeDataString(PersonEmail.Normalize(email)))
            : NoSuchPerson();
    }

    private static async Task<PersonSaveOutcome> SaveAsync(HttpContext http, PersonFormValues values) =>
        await Service(http).SaveAsync(values.Email, PersonForm.Request(values), WorkspaceAccess.Actor(WorkspaceAccess.Caller(http)),
            HttpInputs.AuditAddress(http), http.RequestAborted);

    private static async Task<PersonFormValues?> ReadAsync(HttpContext http, string? email)
    {
        if (!http.Request.HasFormContentType) return null;
        var (form, problem) = await HttpInputs.ReadFormAsync(http);
        return problem is null ? PersonForm.Read(form!, email) : null;
    }

    private static async Task<IResult> ListPageAsync(HttpContext http, int status, PersonFormValues form, IReadOnlyList<AgencyFormError> errors, string? notice)
    {
        var people = await Service(http).ListAsync(http.RequestAborted);
        return WorkspaceEndpoints.Page<PeoplePage>(http, status, new Dictionary<string, object?>
        {
            [nameof(PeoplePage.People)] = people,
            [nameof(PeoplePage.Agencies)] = await AgenciesAsync(http),
            [nameof(PeoplePage.Form)] = form,
            [nameof(PeoplePage.Errors)] = errors,
            [nameof(PeoplePage.Notice)] = notice,
        });
    }

    private static async Task<IResult> PersonPageAsync(HttpContext http, int status, PersonFormValues form, IReadOnlyList<AgencyFormError> errors, string? notice)
    {
        var agencies = await AgenciesAsync(http);
        return WorkspaceEndpoints.Page<PersonPage>(http, status, new Dictionary<string, object?>
        {
            [nameof(PersonPage.Form)] = form,
            [nameof(PersonPage.Agencies)] = agencies,
            [nameof(PersonPage.FromAgencies)] = PersonForm.FromAgencies(form.Email, agencies),
            [nameof(PersonPage.Errors)] = errors,
            [nameof(PersonPage.Notice)] = notice,
        });
    }

    private static async Task<IReadOnlyList<Agency>> AgenciesAsync(HttpContext http) =>
        (await http.RequestServices.GetRequiredService<AgencyStore>().ListAsync(http.RequestAborted)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();

    private static string Email(IReadOnlyDictionary<string, string> route) =>
        route.TryGetValue("email", out var email) ? PersonEmail.Normalize(Uri.UnescapeDataString(email)) : "";

    private static PeopleService Service(HttpContext http) => http.RequestServices.GetRequiredService<PeopleService>();

    private static IResult Unreadable() => Pages.Message(StatusCodes.Status400BadRequest, "无法保存", "表单不完整，未能读取，人员设置未作改动。请在人员页面上填写并提交表单。");

    private static IResult NoSuchPerson() => Pages.Message(StatusCodes.Status404NotFound, "找不到此人", "人员名单中没有这个邮箱。请从人员列表打开。");
}
