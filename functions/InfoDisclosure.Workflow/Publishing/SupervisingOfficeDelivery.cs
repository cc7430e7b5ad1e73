using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>
/// 报送: the approved report goes to the agency's supervising office, by e-mail to its address with the DOCX and the
/// HTML attached and their SHA-256 in the body, or, when the agency has a delivery endpoint, by a signed POST like the
/// portal push. Once per <see cref="DeliveryRequest.DeliveryId"/> (one per approved version): the Deliveries table row is
/// claimed before sending and holds the receipt after. A failed send releases the claim for the next attempt; a claim
/// left by a process that died mid-send is taken over after <see cref="StaleClaim"/> (the e-mail keeps its Message-ID,
/// so in that rare case the office can tell a repeat). Without SMTP and without an endpoint (a host run without mail)
/// the delivery is only recorded.
/// </summary>
public sealed class SupervisingOfficeDelivery(
    TableServiceClient tables,
    ArtifactStore artifacts,
    AgencyStore agencies,
    IEmailSender email,
    PortalClient client,
    IOptions<SmtpOptions> smtp,
    TimeProvider time,
    ILogger<SupervisingOfficeDelivery> logger) : IReportDelivery
{
    public const string ChannelEmail = "email";
    public const string ChannelEndpoint = "endpoint";
    public const string ChannelRecorded = "recorded";
    private const string Sending = "Sending";
    private const string Delivered = "Delivered";
    private const string Failed = "Failed";
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    private readonly TableClient _table = tables.GetTableClient(StorageNames.DeliveriesTable);

    public async Task<DeliveryReceipt> DeliverAsync(DeliveryRequest request, CancellationToken ct)
    {
        var partition = StorageNames.ReportKey(request.Report.AgencyId, request.Report.Year);
        var row = Uri.EscapeDataString(request.DeliveryId);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
        if (existing.HasValue && existing.Value!.GetString("Status") == Delivered) return ReceiptOf(request, existing.Value);

        var agency = (await agencies.GetAsync(request.Report.AgencyId, ct))?.Agency
            ?? throw new PermanentSendFailure($"Agency {request.Report.AgencyId} does not exist: 报送 has nowhere to go.");
        var endpoint = agency.Delivery?.Endpoint is { Length: > 0 } configured ? new Uri(configured) : null;
        var channel = endpoint is not null ? ChannelEndpoint : smtp.Value.IsConfigured ? ChannelEmail : ChannelRecorded;
        var to = endpoint?.ToString() ?? request.SupervisingOfficeEmail;
        if (channel == ChannelEmail && string.IsNullOrWhiteSpace(to))
            throw new PermanentSendFailure("The agency has no supervising office e-mail address and no delivery endpoint: 报送 has nowhere to go.");

        var claimed = await ClaimAsync(partition, row, existing.HasValue ? existing.Value : null, request, channel, to, ct);
        try
        {
            var html = await ReadCheckedAsync(request.Artifacts.HtmlPath, request.Artifacts.HtmlSha256, ct);
            var docx = await ReadCheckedAsync(request.Artifacts.DocxPath, request.Artifacts.DocxSha256, ct);
            string reference;
            switch (channel)
            {
                case ChannelEndpoint:
                    var body = DeliveryPayload(request, agency, html, docx);
                    await client.PostAsync(endpoint!, body, request.DeliveryId, "delivery endpoint", ct);
                    reference = $"POST {endpoint} SHA-256 {ReportDocuments.Sha256(body)}";
                    break;
                case ChannelEmail:
                    var message = Compose(request, agency, to, html, docx);
                    await email.SendAsync(message, ct);
                    reference = message.MessageId!;
                    break;
                default:
                    logger.LogWarning("Smtp:Host is not configured and {Agency} has no delivery endpoint: 报送 {Delivery} is only recorded.",
                        request.Report.AgencyId, request.DeliveryId);
                    reference = "recorded only";
                    break;
            }
            var now = time.GetUtcNow();
            claimed["Status"] = Delivered;
            claimed["DeliveredAt"] = now;
            claimed["Reference"] = reference;
            claimed["LastError"] = null;
            await _table.UpdateEntityAsync(claimed, ETag.All, TableUpdateMode.Replace, CancellationToken.None);
            logger.LogInformation("报送 {Delivery} of {Report} delivered by {Channel} to {To}.", request.DeliveryId, partition, channel, to);
            return new DeliveryReceipt(request.DeliveryId, channel, to, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            claimed["Status"] = Failed;
            claimed["LastError"] = e.Message;
            await _table.UpdateEntityAsync(claimed, ETag.All, TableUpdateMode.Replace, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The delivery row of a report's version (the receipt once delivered), for the API and the tests.</summary>
    public async Task<IReadOnlyList<TableEntity>> ReadAsync(string agencyId, int year, CancellationToken ct)
    {
        var partition = StorageNames.ReportKey(agencyId, year);
        var rows = new List<TableEntity>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: ct)) rows.Add(e);
        return rows;
    }

    /// <summary>Insert-if-absent, or take over a Failed (or stale Sending) row on its ETag: one sender at a time.</summary>
    private async Task<TableEntity> ClaimAsync(string partition, string row, TableEntity? existing, DeliveryRequest request, string channel, string to, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var entity = new TableEntity(partition, row)
        {
            ["Status"] = Sending,
            ["ClaimedAt"] = now,
            ["Attempts"] = (existing?.GetInt32("Attempts") ?? 0) + 1,
            ["Channel"] = channel,
            ["To"] = to,
            ["Round"] = request.Round,
            ["VersionNumber"] = request.Artifacts.VersionNumber,
            ["VersionSha256"] = request.Artifacts.VersionSha256,
            ["HtmlPath"] = request.Artifacts.HtmlPath,
            ["HtmlSha256"] = request.Artifacts.HtmlSha256,
            ["DocxPath"] = request.Artifacts.DocxPath,
            ["DocxSha256"] = request.Artifacts.DocxSha256,
        };
        try
        {
            if (existing is null)
            {
                await _table.AddEntityAsync(entity, ct);
                return entity;
            }
            if (existing.GetString("Status") == Sending && existing.GetDateTimeOffset("ClaimedAt") is { } claimedAt && now - claimedAt < StaleClaim)
            {
                throw new InvalidOperationException($"报送 {request.DeliveryId} is being sent by another attempt (since {claimedAt:O}); trying later.");
            }
            await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct);
            return entity;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new InvalidOperationException($"报送 {request.DeliveryId} was claimed by another attempt at the same moment; trying later.", e);
        }
    }

    private async Task<byte[]> ReadCheckedAsync(string path, string sha256, CancellationToken ct)
    {
        var bytes = await artifacts.ReadAsync(StorageNames.SubmissionsContainer, path, ct);
        if (ReportDocuments.Sha256(bytes) != sha256)
            throw new PermanentSendFailure($"The stored artifact {path} does not match its SHA-256 {sha256}: 报送 stopped.");
        return bytes;
    }

    private static DeliveryReceipt ReceiptOf(DeliveryRequest request, TableEntity row) =>
        new(request.DeliveryId, row.GetString("Channel") ?? ChannelRecorded, row.GetString("To") ?? request.SupervisingOfficeEmail,
            row.GetDateTimeOffset("DeliveredAt") ?? default);

    /// <summary>The e-mail to the supervising office: the report's facts, both files attached, and each file's SHA-256.</summary>
    public static EmailMessage Compose(DeliveryRequest request, Agency agency, string to, byte[] html, byte[] docx)
    {
        var r = request.Report;
        var a = request.Artifacts;
        var b = new MailBuilder()
            .Heading($"报送：{r.Title}")
            .Paragraph($"{r.AgencyName}{r.Year}年政府信息公开工作年度报告已经三审三校审定，现予报送。报告正文见附件（Word 文档和网页各一份）。")
            .Fields([
                ("报送单位", r.AgencyName),
                ("报告年度", $"{r.Year}年"),
                ("审定版本", $"第{a.VersionNumber}版（第{request.Round}轮审核）"),
                ("版本 SHA-256", a.VersionSha256),
                ($"{FileName(r, "docx")} SHA-256", a.DocxSha256),
                ($"{FileName(r, "html")} SHA-256", a.HtmlSha256),
                ("报送编号", request.DeliveryId),
            ])
            .Paragraph("可用 SHA-256 校验附件是否完整、未被改动（如 sha256sum 或 certutil -hashfile 文件名 SHA256）。")
            .Note("本邮件由政府信息公开年度报告系统自动发送。");
        var message = b.Build([new EmailAddress("政府信息公开工作主管部门", to)], $"【报送】{r.Title}");
        return message with
        {
            Attachments =
            [
                new EmailAttachment(FileName(r, "docx"), DocxType, docx),
                new EmailAttachment(FileName(r, "html"), "text/html; charset=utf-8", html),
            ],
            // Fixed per delivery: a repeat after a crash mid-send carries the same Message-ID.
            MessageId = $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(request.DeliveryId)))[..32]}@{agency.Id}.infodisclosure",
        };
    }

    public static string FileName(ReportRef report, string extension) => $"{report.Title}.{extension}";

    /// <summary>The signed body of an endpoint delivery: the report's facts and both files (base64) with their SHA-256.</summary>
    private static byte[] DeliveryPayload(DeliveryRequest request, Agency agency, byte[] html, byte[] docx) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            deliveryId = request.DeliveryId,
            agencyId = agency.Id,
            agencyName = request.Report.AgencyName,
            year = request.Report.Year,
            title = request.Report.Title,
            round = request.Round,
            version = request.Artifacts.VersionNumber,
            versionSha256 = request.Artifacts.VersionSha256,
            docx = new { fileName = FileName(request.Report, "docx"), sha256 = request.Artifacts.DocxSha256, content = Convert.ToBase64String(docx) },
            html = new { fileName = FileName(request.Report, "html"), sha256 = request.Artifacts.HtmlSha256, content = Convert.ToBase64String(html) },
        }, WorkflowJson.Options);
}
