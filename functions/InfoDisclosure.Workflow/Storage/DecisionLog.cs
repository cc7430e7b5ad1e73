using System.Globalization;
using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Review;

namespace InfoDisclosure.Workflow.Storage;

/// <summary>
/// Decisions, recorded before the orchestration hears of them with an insert that fails when the key exists:
/// one row per round and level under rule "any" (the first reviewer decides the level, the others are told it is
/// decided), one per round, level and reviewer under rule "all". So each decision counts exactly once.
/// </summary>
public sealed class DecisionLog(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.DecisionsTable);

    /// <summary>True when this decision was recorded; false when the level (any) or this reviewer (all) had already decided.</summary>
    public async Task<bool> TryRecordAsync(string reportKey, string rule, ReviewDecision decision, CancellationToken ct)
    {
        var entity = new TableEntity(reportKey, RowKey(decision.Round, decision.Level, rule == ReviewRules.All ? decision.Reviewer : null))
        {
            ["Round"] = decision.Round,
            ["Level"] = decision.Level,
            ["Reviewer"] = decision.Reviewer.Key,
            ["Json"] = WorkflowJson.Serialize(decision),
        };
        try
        {
            await _table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Takes back a decision whose event could not be delivered, so the reviewer can post it again.</summary>
    public Task WithdrawAsync(string reportKey, string rule, ReviewDecision decision, CancellationToken ct) =>
        _table.DeleteEntityAsync(reportKey, RowKey(decision.Round, decision.Level, rule == ReviewRules.All ? decision.Reviewer : null), ETag.All, ct);

    public async Task<IReadOnlyList<ReviewDecision>> ReadAsync(string reportKey, CancellationToken ct)
    {
        var decisions = new List<ReviewDecision>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == reportKey, cancellationToken: ct))
        {
            decisions.Add(WorkflowJson.Deserialize<ReviewDecision>(e.GetString("Json")));
        }
        return decisions.OrderBy(d => d.Round).ThenBy(d => d.Level).ThenBy(d => d.DecidedAt).ToList();
    }

    private static string RowKey(int round, int level, Person? reviewer) =>
        string.Create(CultureInfo.InvariantCulture, $"R{round:D3}-L{level}") + (reviewer is null ? "" : "-" + Uri.EscapeDataString(reviewer.Key));
}
