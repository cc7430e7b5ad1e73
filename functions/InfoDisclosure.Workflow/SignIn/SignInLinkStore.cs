using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.People;
using InfoDisclosure.Workflow.Review.Links;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.SignIn;

/// <summary>A stored sign-in link, found by its token.</summary>
public sealed record SignInLink(string TokenHash, string Email, string ReturnPath, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, ETag ETag)
{
    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;
}

/// <summary>
/// E-mailed sign-in links in Table storage ("SignInLinks"): tokens as the review links make them (256 random bits,
/// base64url), keyed by their SHA-256, so the table holds nothing that signs anyone in. Single use by an update on the
/// entity's ETag: of two posts of one link exactly one wins.
/// </summary>
public sealed class SignInLinkStore(TableServiceClient tables, IOptions<AuthOptions> options, TimeProvider time)
{
    public const string TableName = "SignInLinks";
    private const string Row = "link";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>A new link's token (only in the e-mail) and when it expires.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string email, string returnPath, CancellationToken ct)
    {
        var token = ReviewLinkTokens.NewToken();
        var now = time.GetUtcNow();
        var expires = now + options.Value.SignInLinkValidity;
        await _table.AddEntityAsync(new TableEntity(ReviewLinkTokens.Hash(token), Row)
        {
            ["Email"] = PersonEmail.Normalize(email),
            ["ReturnPath"] = returnPath,
            ["IssuedAt"] = now,
            ["ExpiresAt"] = expires,
        }, ct);
        return (token, expires);
    }

    /// <summary>The link behind the token, or null when malformed or unknown (storage is not asked for a malformed one).</summary>
    public async Task<SignInLink?> FindAsync(string? token, CancellationToken ct)
    {
        if (!ReviewLinkTokens.IsWellFormed(token)) return null;
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(ReviewLinkTokens.Hash(token!), Row, cancellationToken: ct);
        if (!found.HasValue || found.Value is not { } e) return null;
        return new SignInLink(e.PartitionKey, e.GetString("Email") ?? "", e.GetString("ReturnPath") ?? "/",
            e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("UsedAt"), e.ETag);
    }

    /// <summary>Spends the link; false when somebody spent it first.</summary>
    public async Task<bool> TryConsumeAsync(SignInLink link, CancellationToken ct)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(link.TokenHash, Row) { ["UsedAt"] = time.GetUtcNow() }, link.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }
}
