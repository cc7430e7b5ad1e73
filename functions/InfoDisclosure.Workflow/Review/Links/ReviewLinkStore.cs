using Azure;
using Azure.Data.Tables;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Review.Links;

/// <summary>
/// Review links in Table storage ("ReviewLinks"), keyed by the SHA-256 of the token.
///
/// Why a random token with a stored hash rather than an HMAC-signed value: a link must be single-use, so a server-side
/// record is needed either way; with that record a signature adds nothing but a key to guard and rotate, while a random
/// token with only its hash stored is unguessable, bound to everything in its record, and useless to whoever reads the table.
/// Single use is an optimistic update (If-Match on the entity's ETag): of two posts of one link exactly one wins.
/// </summary>
public sealed class ReviewLinkStore(TableServiceClient tables, IOptions<ReviewLinkOptions> options, TimeProvider time)
{
    public const string TableName = "ReviewLinks";
    private const string LinkRow = "link";
    private const string SettingsPartition = "settings";
    private const string FormKeyRow = "form-key";

    private readonly TableClient table = tables.GetTableClient(TableName);
    private Task? created;
    private byte[]? formKey;

    public Task EnsureTableAsync(CancellationToken ct) => created ??= table.CreateIfNotExistsAsync(ct);

    /// <summary>
    /// A new link for <paramref name="grant"/>, valid for the configured period but never past <paramref name="notAfter"/>
    /// (e.g. the report's deadline). Links of a round that has ended are refused when used, whatever their expiry.
    /// </summary>
    public async Task<IssuedReviewLink> IssueAsync(ReviewLinkGrant grant, DateTimeOffset? notAfter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await EnsureTableAsync(ct);
        var now = time.GetUtcNow();
        var expires = now + options.Value.Validity;
        if (notAfter is { } limit && limit > now && limit < expires) expires = limit;

        var token = ReviewLinkTokens.NewToken();
        var hash = ReviewLinkTokens.Hash(token);
        var entity = new TableEntity(hash, LinkRow)
        {
            ["AgencyId"] = grant.AgencyId,
            ["Year"] = grant.Year,
            ["Level"] = grant.Level,
            ["Round"] = grant.Round,
            ["ReviewerEmail"] = grant.ReviewerEmail,
            ["ReviewerName"] = grant.ReviewerName,
            ["VersionNumber"] = grant.VersionNumber,
            ["VersionSha256"] = grant.VersionSha256,
            ["IssuedAt"] = now,
            ["ExpiresAt"] = expires,
        };
        // Insert, not upsert: a (practically impossible) hash collision fails loudly instead of rebinding a link.
        await table.AddEntityAsync(entity, ct);
        return new IssuedReviewLink(token, $"{options.Value.PublicBaseUrl}/review/{token}", expires);
    }

    /// <summary>The link behind <paramref name="token"/>, or null when the token is malformed or unknown.</summary>
    public async Task<ReviewLink?> FindAsync(string? token, CancellationToken ct)
    {
        if (!ReviewLinkTokens.IsWellFormed(token)) return null;
        await EnsureTableAsync(ct);
        var hash = ReviewLinkTokens.Hash(token!);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(hash, LinkRow, cancellationToken: ct);
        return found.HasValue && found.Value is { } e ? FromEntity(e) : null;
    }

    /// <summary>Marks the link used, if nobody else did first. False: it was already used (or changed) meanwhile.</summary>
    public async Task<bool> TryConsumeAsync(ReviewLink link, string usedFor, CancellationToken ct)
    {
        if (link.IsUsed) return false;
        var entity = new TableEntity(link.TokenHash, LinkRow)
        {
            ["UsedAt"] = time.GetUtcNow(),
            ["UsedFor"] = usedFor,
        };
        try
        {
            await table.UpdateEntityAsync(entity, link.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Gives a consumed link back when the decision it carried was not recorded because of a fault on our side,
    /// so the reviewer can try again. Never called when the decision was refused (that link stays spent).
    /// </summary>
    public async Task ReleaseAsync(string tokenHash, CancellationToken ct)
    {
        var entity = (await table.GetEntityAsync<TableEntity>(tokenHash, LinkRow, cancellationToken: ct)).Value;
        entity.Remove("UsedAt");
        entity.Remove("UsedFor");
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct);
    }

    /// <summary>
    /// The key of the per-page form value: ReviewLinks:SigningKey when configured, otherwise one random key created
    /// once in the table (insert-if-absent, so concurrent first calls agree) and kept across restarts.
    /// </summary>
    public async Task<byte[]> FormKeyAsync(CancellationToken ct)
    {
        if (formKey is { } cached) return cached;
        if (options.Value.SigningKey is { Length: > 0 } configured)
        {
            return formKey = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        }
        await EnsureTableAsync(ct);
        try
        {
            await table.AddEntityAsync(new TableEntity(SettingsPartition, FormKeyRow)
            {
                ["Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance created it first; use theirs.
        }
        var stored = await table.GetEntityAsync<TableEntity>(SettingsPartition, FormKeyRow, cancellationToken: ct);
        return formKey = Convert.FromBase64String(stored.Value.GetString("Key"));
    }

    private static ReviewLink FromEntity(TableEntity e) => new(
        e.PartitionKey,
        new ReviewLinkGrant(
            e.GetString("AgencyId") ?? "",
            e.GetInt32("Year") ?? 0,
            e.GetInt32("Level") ?? 0,
            e.GetInt32("Round") ?? 0,
            e.GetString("ReviewerEmail") ?? "",
            e.GetString("ReviewerName") ?? "",
            e.GetInt32("VersionNumber") ?? 0,
            e.GetString("VersionSha256") ?? ""),
        e.GetDateTimeOffset("IssuedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UsedAt"),
        e.GetString("UsedFor"),
        e.ETag);
}
