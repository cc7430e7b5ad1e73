using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace InfoDisclosure.Workflow.Storage;

/// <summary>One action in a report's (or agency's) history: who did what, when, from which address.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Action,
    string? Detail = null,
    string? ClientIp = null,
    int? Round = null,
    int? Level = null,
    int? VersionNumber = null);

/// <summary>
/// The append-only audit log: entries are inserted, never updated or deleted. Partition = the report's instance id
/// (or "agency-{id}"); RowKey = UTC ticks (sortable by time) plus a unique suffix.
/// </summary>
public sealed class AuditLog(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AuditTable);

    public static string AgencyKey(string agencyId) => $"agency-{agencyId}";

    /// <summary>Appends an entry with a fresh unique suffix (API actions).</summary>
    public Task AppendAsync(string partition, AuditEntry entry, CancellationToken ct) =>
        InsertAsync(partition, entry, Guid.NewGuid().ToString("N"), ct);

    /// <summary>
    /// Appends an entry whose suffix the caller derives from what happened (workflow steps), so a retried activity
    /// finds its entry already there instead of writing it twice.
    /// </summary>
    public Task AppendOnceAsync(string partition, AuditEntry entry, string uniqueSuffix, CancellationToken ct) =>
        InsertAsync(partition, entry, uniqueSuffix, ct);

    private async Task InsertAsync(string partition, AuditEntry entry, string suffix, CancellationToken ct)
    {
        var rowKey = entry.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + suffix;
        var entity = new TableEntity(partition, rowKey)
        {
            ["At"] = entry.At,
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["Detail"] = entry.Detail,
            ["ClientIp"] = entry.ClientIp,
            ["Round"] = entry.Round,
            ["Level"] = entry.Level,
            ["VersionNumber"] = entry.VersionNumber,
        };
        try
        {
            await _table.AddEntityAsync(entity, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same workflow step already wrote this entry.
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string partition, CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: ct))
        {
            entries.Add(new AuditEntry(
                e.GetDateTimeOffset("At") ?? default,
                e.GetString("Actor") ?? "",
                e.GetString("Action") ?? "",
                e.GetString("Detail"),
                e.GetString("ClientIp"),
                e.GetInt32("Round"),
                e.GetInt32("Level"),
                e.GetInt32("VersionNumber")));
        }
        return entries;
    }
}
