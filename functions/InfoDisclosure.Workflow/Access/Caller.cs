using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Access;

/// <summary>The roles of issue 10. A person can hold several; drafter and reviewer are per agency.</summary>
public static class Roles
{
    public const string Drafter = "drafter";
    public const string Reviewer = "reviewer";
    public const string Office = "office";
    public const string Admin = "admin";
}

/// <summary>One role a person holds; <paramref name="AgencyId"/> for drafter and reviewer, null for office and admin.</summary>
public sealed record RoleGrant(string Role, string? AgencyId = null);

/// <summary>
/// Who is behind a request, as authentication established it: a signed-in person, or automation holding the API key
/// (<see cref="IsAutomation"/>). Pages and handlers read it with <see cref="CallerContext.Caller"/>; only authentication sets it.
/// </summary>
public sealed record Caller(string Email, string Name, IReadOnlyList<RoleGrant> Roles, bool IsAutomation = false)
{
    public bool Has(string role) => Roles.Any(grant => grant.Role == role);

    public bool Has(string role, string agencyId) =>
        Roles.Any(grant => grant.Role == role && (grant.AgencyId is null || string.Equals(grant.AgencyId, agencyId, StringComparison.Ordinal)));

    /// <summary>The agencies where the caller holds <paramref name="role"/>.</summary>
    public IReadOnlyList<string> AgenciesAs(string role) =>
        Roles.Where(grant => grant.Role == role && grant.AgencyId is not null).Select(grant => grant.AgencyId!).Distinct().ToList();
}

public static class CallerContext
{
    /// <summary>The authenticated caller of this request, or null when nobody signed in.</summary>
    public static Caller? Caller(this HttpContext http) => http.Features.Get<Caller>();

    public static void SetCaller(this HttpContext http, Caller caller) => http.Features.Set(caller);
}
