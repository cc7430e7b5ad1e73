namespace InfoDisclosure.Workflow.Access;

/// <summary>How a route is reached: by anyone, by a credential its handler checks (a link's token, a signature), or by a signed-in caller.</summary>
public enum AccessKind
{
    /// <summary>Anyone, signed in or not (the sign-in pages, the stylesheet, /healthz).</summary>
    Public,

    /// <summary>
    /// Anyone holding the credential the handler checks itself: the review link's token in the URL, the portal
    /// push's signature. Not a form of ours posted with a session, so no anti-forgery token; failed guesses are limited.
    /// </summary>
    Credential,

    /// <summary>A caller (session, EasyAuth or the API key) whom <see cref="Access.Allows"/> lets in.</summary>
    Caller,
}

/// <summary>
/// What a route requires, declared with the route in <c>ApiRoutes</c> and enforced by <see cref="AccessGate"/> before its
/// handler runs: the one place where access is decided. <see cref="Allows"/> sees the caller and the route values
/// (agencyId for the per-agency rules). The office reads everything and acts on nothing; the admin (and the API key,
/// as automation) may do everything except decide for a reviewer.
/// </summary>
public sealed record Access(string Name, AccessKind Kind, Func<Caller, IReadOnlyDictionary<string, string>, bool> Allows)
{
    public static readonly Access Public = new("public", AccessKind.Public, (_, _) => true);

    /// <summary>The handler checks a credential carried by the request (review link token, portal signature).</summary>
    public static readonly Access Credential = new("credential", AccessKind.Credential, (_, _) => true);

    /// <summary>Any signed-in person or the API key.</summary>
    public static readonly Access SignedIn = new("signed-in", AccessKind.Caller, (_, _) => true);

    public static readonly Access Admin = new("admin", AccessKind.Caller, (caller, _) => caller.Has(Roles.Admin));

    /// <summary>Reading what concerns every agency: the overview, the summary, the agency list.</summary>
    public static readonly Access OfficeOrAdmin = new("office-or-admin", AccessKind.Caller,
        (caller, _) => caller.Has(Roles.Office) || caller.Has(Roles.Admin));

    /// <summary>Reading one agency's reports (and the agency): office, admin, its drafter, the reviewers on its chain.</summary>
    public static readonly Access ReadReport = new("read-report", AccessKind.Caller, (caller, route) => CanRead(caller, Agency(route)));

    /// <summary>Changing one agency's report (draft, submit): its drafter or the admin.</summary>
    public static readonly Access EditReport = new("edit-report", AccessKind.Caller, (caller, route) => CanEdit(caller, Agency(route)));

    /// <summary>
    /// Deciding a review level: a signed-in reviewer on the agency's chain, never the API key (automation cannot
    /// decide for a person); the decision service then checks the person is a reviewer of the level under review.
    /// </summary>
    public static readonly Access Decide = new("decide", AccessKind.Caller,
        (caller, route) => !caller.IsAutomation && caller.Has(Roles.Reviewer, Agency(route)));

    public static bool CanRead(Caller caller, string agencyId) =>
        caller.Has(Roles.Admin) || caller.Has(Roles.Office) || caller.Has(Roles.Drafter, agencyId) || caller.Has(Roles.Reviewer, agencyId);

    public static bool CanEdit(Caller caller, string agencyId) => caller.Has(Roles.Admin) || caller.Has(Roles.Drafter, agencyId);

    private static string Agency(IReadOnlyDictionary<string, string> route) => route.TryGetValue("agencyId", out var id) ? id : "";
}
