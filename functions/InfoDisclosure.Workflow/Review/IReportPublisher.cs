namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// Publishes the approved, delivered report (<see cref="Publishing.PortalReportPublisher"/>). Called with retries:
/// implementations use <see cref="PublicationRequest.IdempotencyKey"/> so a retry never publishes twice.
/// </summary>
public interface IReportPublisher
{
    Task<Publication> PublishAsync(PublicationRequest request, CancellationToken ct);
}

public sealed record PublicationRequest(string IdempotencyKey, ReportRef Report, FinalArtifacts Artifacts);

public sealed record Publication(string Url, DateTimeOffset PublishedAt, string Sha256);
