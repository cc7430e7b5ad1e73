using System.Text.Json.Serialization;
using InfoDisclosure.Workflow.Access;

namespace InfoDisclosure.Workflow.People;

/// <summary>
/// A person who may sign in, as stored in the People table: e-mail (the key, normalised), name and the roles granted
/// directly. Drafter and reviewer roles also follow from the agencies (see <see cref="PeopleDirectory"/>).
/// </summary>
public sealed record StoredPerson(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("roles")] IReadOnlyList<RoleGrant> Roles);

/// <summary>The body of PUT /api/people/{email}.</summary>
public sealed record PersonRequest
{
    public string? Name { get; init; }
    public IReadOnlyList<RoleRequest>? Roles { get; init; }
}

public sealed record RoleRequest
{
    public string? Role { get; init; }
    public string? AgencyId { get; init; }
}

public static class PersonEmail
{
    /// <summary>The key of a person everywhere (People table, sessions, sign-in links): trimmed, lower case.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
