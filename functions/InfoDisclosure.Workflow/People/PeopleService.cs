using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.People;

public enum PersonSaveStatus { Created, Updated, Invalid }

public sealed record PersonSaveOutcome(PersonSaveStatus Status, StoredPerson? Person = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>Creating, changing, listing and removing people (the admin API and, later, the admin pages). Each change is audited.</summary>
public sealed class PeopleService(PeopleStore store, AgencyStore agencies, AuditLog audit, IOptions<AdminOptions> admin, TimeProvider time)
{
    /// <summary>The audit partition of changes to people.</summary>
    public const string AuditPartition = "people";

    public static readonly IReadOnlySet<string> KnownRoles = new HashSet<string> { Roles.Drafter, Roles.Reviewer, Roles.Office, Roles.Admin };

    public Task<IReadOnlyList<StoredPerson>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    public Task<StoredPerson?> GetAsync(string email, CancellationToken ct) => store.GetAsync(email, ct);

    public async Task<PersonSaveOutcome> SaveAsync(string email, PersonRequest request, string actor, string? clientAddress, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!AgencyValidator.IsEmail(email)) errors["email"] = ["A valid e-mail address is required."];
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors["$.name"] = ["The person's name is required (at most 100 characters)."];
        var grants = new List<RoleGrant>();
        var roles = request.Roles ?? [];
        if (request.Roles is null) errors["$.roles"] = ["The roles are required (an empty list removes every stored role)."];
        for (var i = 0; i < roles.Count; i++)
        {
            var role = roles[i].Role?.Trim() ?? "";
            var agencyId = roles[i].AgencyId is { Length: > 0 } id ? id.Trim() : null;
            if (!KnownRoles.Contains(role))
            {
                errors[$"$.roles[{i}].role"] = ["Use drafter, reviewer, office or admin."];
                continue;
            }
            if (role is Roles.Drafter or Roles.Reviewer)
            {
                if (agencyId is null) errors[$"$.roles[{i}].agencyId"] = [$"A {role} acts for one agency: give its id."];
                else if (!AgencyValidator.IsValidId(agencyId) || await agencies.GetAsync(agencyId, ct) is null)
                    errors[$"$.roles[{i}].agencyId"] = [$"There is no agency '{agencyId}'."];
            }
            else if (agencyId is not null)
            {
                errors[$"$.roles[{i}].agencyId"] = [$"The {role} role is not per agency; leave agencyId out."];
            }
            grants.Add(new RoleGrant(role, role is Roles.Drafter or Roles.Reviewer ? agencyId : null));
        }
        if (errors.Count > 0) return new(PersonSaveStatus.Invalid, Errors: errors);

        var person = new StoredPerson(PersonEmail.Normalize(email), name, grants.Distinct().ToList());
        var created = await store.UpsertAsync(person, ct);
        await audit.AppendAsync(AuditPartition, new AuditEntry(time.GetUtcNow(), actor, created ? "person-created" : "person-updated",
            $"{person.Email}: {Describe(person.Roles)}", clientAddress), CancellationToken.None);
        return new(created ? PersonSaveStatus.Created : PersonSaveStatus.Updated, person);
    }

    public async Task<bool> RemoveAsync(string email, string actor, string? clientAddress, CancellationToken ct)
    {
        if (!await store.RemoveAsync(email, ct)) return false;
        await audit.AppendAsync(AuditPartition, new AuditEntry(time.GetUtcNow(), actor, "person-removed", PersonEmail.Normalize(email), clientAddress),
            CancellationToken.None);
        return true;
    }

    /// <summary>At start: Admin__Email becomes a stored admin when nobody has that address yet.</summary>
    public async Task EnsureFirstAdminAsync(CancellationToken ct)
    {
        if (admin.Value.Email is not { Length: > 0 } email || !AgencyValidator.IsEmail(email)) return;
        if (await store.AddIfAbsentAsync(new StoredPerson(PersonEmail.Normalize(email), admin.Value.Name, [new RoleGrant(Roles.Admin)]), ct))
        {
            await audit.AppendAsync(AuditPartition, new AuditEntry(time.GetUtcNow(), "Admin__Email", "person-created",
                $"{PersonEmail.Normalize(email)}: admin"), ct);
        }
    }

    private static string Describe(IReadOnlyList<RoleGrant> roles) =>
        roles.Count == 0 ? "(no stored role)" : string.Join(", ", roles.Select(r => r.AgencyId is null ? r.Role : $"{r.Role} of {r.AgencyId}"));
}
