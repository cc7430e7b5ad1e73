using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.People;

namespace InfoDisclosure.Workflow.Workspace.Admin;

/// <summary>The person form as posted: kept to show the form again, unchanged, when something is refused.</summary>
public sealed record PersonFormValues(string Email, string Name, bool Office, bool Admin, IReadOnlyList<string> DrafterOf, IReadOnlyList<string> ReviewerOf)
{
    public static PersonFormValues From(StoredPerson person) => new(person.Email, person.Name,
        person.Roles.Any(r => r.Role == Roles.Office), person.Roles.Any(r => r.Role == Roles.Admin),
        person.Roles.Where(r => r.Role == Roles.Drafter && r.AgencyId is not null).Select(r => r.AgencyId!).ToList(),
        person.Roles.Where(r => r.Role == Roles.Reviewer && r.AgencyId is not null).Select(r => r.AgencyId!).ToList());

    public static readonly PersonFormValues Empty = new("", "", false, false, [], []);
}

/// <summary>
/// The administrator's person form, both ways: the roles as check boxes (office, admin, and drafter or reviewer per
/// agency) and a posted form as the <see cref="PersonRequest"/> of the people API. <see cref="PeopleService"/> checks it
/// as it checks the API's JSON; its refusals come back here in Chinese, each naming the field.
/// </summary>
public static class PersonForm
{
    public const string EmailField = "email";
    public const string NameField = "name";
    public const string OfficeField = "office";
    public const string AdminField = "admin";
    public const string DrafterField = "drafter";
    public const string ReviewerField = "reviewer";

    public static PersonFormValues Read(Microsoft.AspNetCore.Http.IFormCollection form, string? email = null) => new(
        (email ?? form[EmailField].ToString()).Trim(),
        form[NameField].ToString().Trim(),
        form[OfficeField].ToString() == "on",
        form[AdminField].ToString() == "on",
        Values(form, DrafterField),
        Values(form, ReviewerField));

    /// <summary>The API's request for the posted values; the order of its roles is the order <see cref="Errors"/> reads them back in.</summary>
    public static PersonRequest Request(PersonFormValues values) => new()
    {
        Name = values.Name,
        Roles = Grants(values).Select(g => new RoleRequest { Role = g.Role, AgencyId = g.AgencyId }).ToList(),
    };

    /// <summary>The service's refusals (keyed by JSON path) in the administrator's words, each with the field it is about.</summary>
    public static IReadOnlyList<AgencyFormError> Errors(PersonFormValues values, IReadOnlyDictionary<string, string[]> errors)
    {
        var grants = Grants(values);
        var result = new List<AgencyFormError>();
        foreach (var path in errors.Keys)
        {
            if (path == "email") result.Add(new(EmailField, "邮箱", "请填写有效的电子邮件地址，例如 name@example.gov.cn。"));
            else if (path == "$.name") result.Add(new(NameField, "姓名", "请填写姓名（最多 100 字）。"));
            else if (IndexOf(path) is { } i && i < grants.Count)
            {
                var grant = grants[i];
                var field = grant.Role == Roles.Drafter ? DrafterField : ReviewerField;
                result.Add(new(field, grant.Role == Roles.Drafter ? "起草人所属单位" : "审核人所属单位", $"没有单位代码为“{grant.AgencyId}”的单位。"));
            }
            else result.Add(new(NameField, "角色", "角色设置无法保存，请重新打开本页面。"));
        }
        return result;
    }

    /// <summary>Reads "$.roles[3].agencyId" as 3.</summary>
    private static int? IndexOf(string path) =>
        path.StartsWith("$.roles[", StringComparison.Ordinal) && path.IndexOf(']') is var end and > 8
        && int.TryParse(path.AsSpan(8, end - 8), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;

    private static List<RoleGrant> Grants(PersonFormValues values)
    {
        var grants = new List<RoleGrant>();
        if (values.Office) grants.Add(new RoleGrant(Roles.Office));
        if (values.Admin) grants.Add(new RoleGrant(Roles.Admin));
        grants.AddRange(values.DrafterOf.Select(id => new RoleGrant(Roles.Drafter, id)));
        grants.AddRange(values.ReviewerOf.Select(id => new RoleGrant(Roles.Reviewer, id)));
        return grants;
    }

    private static List<string> Values(Microsoft.AspNetCore.Http.IFormCollection form, string field) =>
        form[field].Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The roles a person has from the agencies' settings (drafter, a place on a chain): shown, changed on the agency's page.</summary>
    /// <summary>
    /// The people who may sign in only because an agency names them (its drafter, its reviewers) and who are not in
    /// the People table, each with the agencies' roles, in the order the agencies list them.
    /// </summary>
    public static IReadOnlyList<AgencyOnlyPerson> AgencyOnly(IReadOnlyList<StoredPerson> stored, IReadOnlyList<Agency> agencies)
    {
        var known = stored.Select(p => PersonEmail.Normalize(p.Email)).ToHashSet(StringComparer.Ordinal);
        var named = agencies.SelectMany(a => a.ReviewChain.SelectMany(l => l.Reviewers).Prepend(a.Drafter))
            .Where(p => p.Key.Length > 0 && !known.Contains(p.Key))
            .DistinctBy(p => p.Key);
        return named.Select(p => new AgencyOnlyPerson(p.Key, p.Name, FromAgencies(p.Key, agencies))).ToList();
    }

    public static IReadOnlyList<string> FromAgencies(string email, IEnumerable<Agency> agencies)
    {
        var key = PersonEmail.Normalize(email);
        var roles = new List<string>();
        foreach (var agency in agencies)
        {
            if (agency.Drafter.Key == key) roles.Add($"{agency.Name}的起草人");
            foreach (var level in agency.ReviewChain.Where(l => l.Reviewers.Any(r => r.Key == key))) roles.Add($"{agency.Name}的{level.Name}审核人");
        }
        return roles;
    }
}

/// <summary>A person known only from agencies' settings: their roles follow from those settings alone.</summary>
public sealed record AgencyOnlyPerson(string Email, string Name, IReadOnlyList<string> Roles);
