namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// 报送: delivers the approved report (HTML and DOCX) to the supervising office
/// (<see cref="Publishing.SupervisingOfficeDelivery"/>: e-mail with attachments, or a signed POST) and records the receipt.
/// Called at least once per approved version: implementations dedupe on <see cref="DeliveryRequest.DeliveryId"/>.
/// </summary>
public interface IReportDelivery
{
    Task<DeliveryReceipt> DeliverAsync(DeliveryRequest request, CancellationToken ct);
}

/// <summary>The report's final artifacts in Blob storage (container report-submissions), each with its SHA-256.</summary>
public sealed record FinalArtifacts(
    int VersionNumber,
    string VersionSha256,
    string HtmlPath,
    string HtmlSha256,
    string DocxPath,
    string DocxSha256,
    string JsonPath);

public sealed record DeliveryRequest(
    string DeliveryId,
    ReportRef Report,
    string SupervisingOfficeEmail,
    int Round,
    FinalArtifacts Artifacts);

public sealed record DeliveryReceipt(string DeliveryId, string Channel, string To, DateTimeOffset DeliveredAt);
