namespace InfoDisclosure.Workflow.Review.Links;

/// <summary>What a link lets its holder do: decide one level of one round of one report, on one document version, as one reviewer.</summary>
public sealed record ReviewLinkGrant(
    string AgencyId,
    int Year,
    int Level,
    int Round,
    string ReviewerEmail,
    string ReviewerName,
    int VersionNumber,
    string VersionSha256);

/// <summary>A freshly issued link; the token exists only here and in the e-mail, the store keeps its hash.</summary>
public sealed record IssuedReviewLink(string Token, string Url, DateTimeOffset ExpiresAt);

/// <summary>A stored link, found by its token.</summary>
public sealed record ReviewLink(
    string TokenHash,
    ReviewLinkGrant Grant,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    string? UsedFor,
    Azure.ETag ETag)
{
    public bool IsUsed => UsedAt is not null;
}
