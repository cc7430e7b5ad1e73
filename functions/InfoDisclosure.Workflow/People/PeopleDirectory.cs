using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.People;

/// <summary>
/// Who a person is when they sign in: the roles stored for them, plus the roles the agencies give them (an agency's
/// drafter is its drafter, everyone on its review chain its reviewer), plus admin for Admin__Email. Deriving the
/// agency roles means editing a chain is enough for a new reviewer to sign in and see 待我审核, and a person taken off
/// a chain loses access at their next request; nothing has to be kept in step.
/// </summary>
public sealed class PeopleDirectory(PeopleStore people, AgencyStore agencies, IOptions<AdminOptions> admin)
{
    /// <summary>The person as a caller, or null when the address has no role anywhere (they cannot sign in).</summary>
    public async Task<Caller?> FindAsync(string email, CancellationToken ct)
    {
        var key = PersonEmail.Normalize(email);
        if (key.Length == 0) return null;
        var stored = await people.GetAsync(key, ct);
        var roles = new List<RoleGrant>(stored?.Roles ?? []);
        string? name = stored?.Name;
        foreach (var agency in await agencies.ListAsync(ct))
        {
            if (agency.Drafter.Key == key)
            {
                roles.Add(new RoleGrant(Roles.Drafter, agency.Id));
                name ??= agency.Drafter.Name;
            }
            foreach (var reviewer in agency.ReviewChain.SelectMany(level => level.Reviewers).Where(r => r.Key == key))
            {
                roles.Add(new RoleGrant(Roles.Reviewer, agency.Id));
                name ??= reviewer.Name;
            }
        }
        if (admin.Value.Email is { Length: > 0 } adminEmail && PersonEmail.Normalize(adminEmail) == key)
        {
            roles.Add(new RoleGrant(Roles.Admin));
            name ??= admin.Value.Name;
        }
        if (roles.Count == 0) return null;
        return new Caller(key, name is { Length: > 0 } ? name : key, roles.Distinct().ToList());
    }
}
