using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// 报送 as recorded: the delivery (to whom, which artifacts with their hashes, when) in the Deliveries table, once per
/// DeliveryId.
/// </summary>
public sealed class RecordingReportDelivery(TableServiceClient tables, TimeProvider time) : IReportDelivery
{
    public const string Channel = "recorded";

    private readonly TableClient _table = tables.GetTableClient(StorageNames.DeliveriesTable);

    public async Task<DeliveryReceipt> DeliverAsync(DeliveryRequest request, CancellationToken ct)
    {
        var partition = StorageNames.ReportKey(request.Report.AgencyId, request.Report.Year);
        var receipt = new DeliveryReceipt(request.DeliveryId, Channel, request.SupervisingOfficeEmail, time.GetUtcNow());
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, Uri.EscapeDataString(request.DeliveryId))
            {
                ["To"] = request.SupervisingOfficeEmail,
                ["Round"] = request.Round,
                ["VersionNumber"] = request.Artifacts.VersionNumber,
                ["VersionSha256"] = request.Artifacts.VersionSha256,
                ["HtmlPath"] = request.Artifacts.HtmlPath,
                ["HtmlSha256"] = request.Artifacts.HtmlSha256,
                ["DocxPath"] = request.Artifacts.DocxPath,
                ["DocxSha256"] = request.Artifacts.DocxSha256,
                ["Channel"] = Channel,
                ["DeliveredAt"] = receipt.DeliveredAt,
            }, ct);
            return receipt;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(partition, Uri.EscapeDataString(request.DeliveryId), cancellationToken: ct);
            return receipt with { DeliveredAt = existing.Value.GetDateTimeOffset("DeliveredAt") ?? receipt.DeliveredAt };
        }
    }

    public async Task<IReadOnlyList<TableEntity>> ReadAsync(string agencyId, int year, CancellationToken ct)
    {
        var partition = StorageNames.ReportKey(agencyId, year);
        var rows = new List<TableEntity>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: ct)) rows.Add(e);
        return rows;
    }
}
