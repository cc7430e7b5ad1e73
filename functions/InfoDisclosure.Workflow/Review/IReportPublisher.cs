namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// Publishes the approved, delivered report. The default writes the artifacts to the public Blob container and
/// returns their URL; the portal push (issue 5) replaces it in DI. Called with retries: implementations use
/// <see cref="PublicationRequest.IdempotencyKey"/> so a retry never publishes twice.
/// </summary>
public interface IReportPublisher
{
    Task<Publication> PublishAsync(PublicationRequest request, CancellationToken ct);
}

public sealed record PublicationRequest(string IdempotencyKey, ReportRef Report, FinalArtifacts Artifacts);

public sealed record Publication(string Url, DateTimeOffset PublishedAt, string Sha256);
