using Azure;
using Azure.Data.Tables;

namespace InfoDisclosure.Workflow.Deadlines;

public enum ClaimResult
{
    /// <summary>This caller may send now.</summary>
    Claimed,

    /// <summary>Sent before.</summary>
    AlreadySent,

    /// <summary>Another host or run holds it, or it was claimed by a run that died before it could say whether it sent.</summary>
    Held,
}

/// <summary>
/// Exactly-once bookkeeping for scheduled e-mails (deadline reminders, publication-failure notices), in the table
/// "SentMail" (partition: the report key, row: the reminder key).
/// <para>
/// Protocol: claim with an insert-if-absent (status Sending) BEFORE sending, then mark Sent. Two hosts or two runs racing
/// for one reminder: the insert lets exactly one through. An SMTP error is known not to have delivered: the row is marked
/// Failed and a later run re-claims it (conditional on the ETag, so again only one) and tries again. A process that dies
/// between the claim and the mark leaves the row Sending; nobody can tell whether the server accepted the message, and
/// such a row is never sent again. That trades a (rare) lost reminder for never sending one twice — the next reminder
/// of the schedule follows within days, and the overview shows the report's risk regardless.
/// </para>
/// </summary>
public sealed class SentMailLedger(TableServiceClient tables)
{
    public const string TableName = "SentMail";
    private const string Sending = "Sending";
    private const string Sent = "Sent";
    private const string Failed = "Failed";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<ClaimResult> TryClaimAsync(string partition, string key, string description, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, key)
            {
                ["Status"] = Sending,
                ["ClaimedAt"] = now,
                ["Description"] = description,
                ["Attempts"] = 1,
            }, ct);
            return ClaimResult.Claimed;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: ct);
        if (!existing.HasValue) return ClaimResult.Held;
        var row = existing.Value!;
        switch (row.GetString("Status"))
        {
            case Sent:
                return ClaimResult.AlreadySent;
            case Failed:
                row["Status"] = Sending;
                row["ClaimedAt"] = now;
                row["Attempts"] = (row.GetInt32("Attempts") ?? 1) + 1;
                try
                {
                    await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
                    return ClaimResult.Claimed;
                }
                catch (RequestFailedException e) when (e.Status is 412 or 404)
                {
                    return ClaimResult.Held;
                }
            default:
                return ClaimResult.Held;
        }
    }

    /// <summary>Sent, or held by a claim (never resent): true; absent or Failed (may be sent): false.</summary>
    public async Task<bool> IsSettledAsync(string partition, string key, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, key, select: ["Status"], cancellationToken: ct);
        return row.HasValue && row.Value!.GetString("Status") is Sent or Sending;
    }

    public Task MarkSentAsync(string partition, string key, DateTimeOffset now, string recipients, CancellationToken ct) =>
        _table.UpdateEntityAsync(new TableEntity(partition, key) { ["Status"] = Sent, ["SentAt"] = now, ["To"] = recipients },
            ETag.All, TableUpdateMode.Merge, ct);

    public Task MarkFailedAsync(string partition, string key, string error, CancellationToken ct) =>
        _table.UpdateEntityAsync(new TableEntity(partition, key) { ["Status"] = Failed, ["LastError"] = error },
            ETag.All, TableUpdateMode.Merge, ct);

    public sealed record Entry(string Key, string Status, DateTimeOffset? SentAt, string? To, string? Description);

    /// <summary>What the ledger holds for one report (overview, tests).</summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(string partition, CancellationToken ct)
    {
        var list = new List<Entry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: ct))
        {
            list.Add(new Entry(e.RowKey, e.GetString("Status") ?? "", e.GetDateTimeOffset("SentAt"), e.GetString("To"), e.GetString("Description")));
        }
        return list;
    }
}
