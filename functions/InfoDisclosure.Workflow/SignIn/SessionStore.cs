using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.People;
using InfoDisclosure.Workflow.Review.Links;

namespace InfoDisclosure.Workflow.SignIn;

public sealed record SessionRecord(string Email, string IdHash, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Sessions in Table storage ("Sessions", PK the person's e-mail, RK the SHA-256 of the session id): the server's
/// word on whether a cookie still counts. Sign-out revokes one, "sign out everywhere" every session of the person.
/// </summary>
public sealed class SessionStore(TableServiceClient tables, TimeProvider time)
{
    public const string TableName = "Sessions";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>Starts a session; returns its id (only in the protected cookie).</summary>
    public async Task<string> StartAsync(string email, string? clientAddress, string via, CancellationToken ct)
    {
        var id = ReviewLinkTokens.NewToken();
        var now = time.GetUtcNow();
        await _table.AddEntityAsync(new TableEntity(PersonEmail.Normalize(email), ReviewLinkTokens.Hash(id))
        {
            ["CreatedAt"] = now,
            ["LastSeenAt"] = now,
            ["ClientAddress"] = clientAddress,
            ["Via"] = via,
        }, ct);
        return id;
    }

    public async Task<SessionRecord?> FindAsync(string email, string id, CancellationToken ct)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(PersonEmail.Normalize(email), ReviewLinkTokens.Hash(id), cancellationToken: ct);
        if (!found.HasValue || found.Value is not { } e) return null;
        return new SessionRecord(e.PartitionKey, e.RowKey, e.GetDateTimeOffset("CreatedAt") ?? default,
            e.GetDateTimeOffset("LastSeenAt") ?? default, e.GetDateTimeOffset("RevokedAt"));
    }

    /// <summary>Moves the idle clock; last writer wins, which is all an idle time needs.</summary>
    public Task TouchAsync(SessionRecord session, CancellationToken ct) =>
        _table.UpdateEntityAsync(new TableEntity(session.Email, session.IdHash) { ["LastSeenAt"] = time.GetUtcNow() }, ETag.All, TableUpdateMode.Merge, ct);

    public async Task RevokeAsync(string email, string id, CancellationToken ct)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(PersonEmail.Normalize(email), ReviewLinkTokens.Hash(id)) { ["RevokedAt"] = time.GetUtcNow() },
                ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: nothing to end.
        }
    }

    /// <summary>Revokes every session of the person; returns how many were still open.</summary>
    public async Task<int> RevokeAllAsync(string email, CancellationToken ct)
    {
        var count = 0;
        var now = time.GetUtcNow();
        var key = PersonEmail.Normalize(email);
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == key, cancellationToken: ct))
        {
            if (e.GetDateTimeOffset("RevokedAt") is not null) continue;
            await _table.UpdateEntityAsync(new TableEntity(key, e.RowKey) { ["RevokedAt"] = now }, ETag.All, TableUpdateMode.Merge, ct);
            count++;
        }
        return count;
    }
}
