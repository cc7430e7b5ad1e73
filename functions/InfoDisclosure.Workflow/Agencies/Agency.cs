using System.Text.Json.Serialization;

namespace InfoDisclosure.Workflow.Agencies;

/// <summary>
/// An agency that publishes an annual report. Ids are [a-z0-9-], 2..40 characters (they appear in instance ids,
/// table keys and blob paths).
/// </summary>
public sealed record Agency
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";

    /// <summary>"department" (due January 31) or "government" (the 本级政府 report, due March 31).</summary>
    public string Kind { get; init; } = AgencyKinds.Department;

    /// <summary>本级政府信息公开工作主管部门: where the approved report is delivered (报送).</summary>
    public string SupervisingOfficeEmail { get; init; } = "";

    public Person Drafter { get; init; } = new("", "");

    /// <summary>The 三审三校 levels in order; level numbers are positions (1-based).</summary>
    public IReadOnlyList<ReviewLevel> ReviewChain { get; init; } = [];

    public PortalSettings Portal { get; init; } = new();

    /// <summary>How 报送 reaches the supervising office: by e-mail to <see cref="SupervisingOfficeEmail"/>, or to an endpoint.</summary>
    public DeliverySettings Delivery { get; init; } = new();
    public InternalDeadlines InternalDeadlines { get; init; } = new();
    public StageReminderSettings StageReminders { get; init; } = new();
}

public static class AgencyKinds
{
    public const string Department = "department";
    public const string Government = "government";
}

public sealed record Person([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("email")] string Email)
{
    /// <summary>E-mail addresses compare case-insensitively; this is the form used in keys.</summary>
    [JsonIgnore]
    public string Key => Email.Trim().ToLowerInvariant();
}

/// <summary>One level of the chain. Rule "any": one reviewer decides for the level; "all": every reviewer must approve.</summary>
public sealed record ReviewLevel
{
    public string Name { get; init; } = "";
    public string? Role { get; init; }
    public string Rule { get; init; } = ReviewRules.Any;
    public IReadOnlyList<Person> Reviewers { get; init; } = [];
}

public static class ReviewRules
{
    public const string Any = "any";
    public const string All = "all";
}

public sealed record PortalSettings
{
    /// <summary>Where publication pushes the report (issue 5); none: the public Blob artifact is the publication.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The public address under which the portal shows published reports, when known.</summary>
    public string? PublicUrlBase { get; init; }
}

public sealed record DeliverySettings
{
    /// <summary>
    /// When set, 报送 is a signed HTTP POST of the report (DOCX and HTML) to this URL, like the portal push, instead of an
    /// e-mail with attachments to the supervising office.
    /// </summary>
    public string? Endpoint { get; init; }
}

/// <summary>Earlier dates a city may require, as "MM-dd" (every year) or "yyyy-MM-dd" (that date only), in the year after the report's.</summary>
public sealed record InternalDeadlines
{
    public string? SubmitBy { get; init; }
    public string? PublishBy { get; init; }
}

/// <summary>When a review level counts as overdue: after N working days (default 2), or after an exact span (tests, demos).</summary>
public sealed record StageReminderSettings
{
    public int DueAfterWorkingDays { get; init; } = 2;
    public TimeSpan? DueAfter { get; init; }
}
