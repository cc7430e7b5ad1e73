using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// The default publication: copies the final artifacts into the public container under {agencyId}/{year}/v{n}/
/// (write-once, so a republish of the same version is the same publication) and returns the page's URL.
/// </summary>
public sealed class BlobReportPublisher(ArtifactStore artifacts, TimeProvider time) : IReportPublisher
{
    public async Task<Publication> PublishAsync(PublicationRequest request, CancellationToken ct)
    {
        const string from = StorageNames.SubmissionsContainer;
        const string to = StorageNames.PublishedContainer;
        var folder = $"{request.Report.AgencyId}/{request.Report.Year}/v{request.Artifacts.VersionNumber:D4}";
        var html = await artifacts.ReadAsync(from, request.Artifacts.HtmlPath, ct);
        var sha = await artifacts.WriteOnceAsync(to, $"{folder}/index.html", html, "text/html; charset=utf-8", ct);
        await artifacts.WriteOnceAsync(to, $"{folder}/report.docx", await artifacts.ReadAsync(from, request.Artifacts.DocxPath, ct),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ct);
        await artifacts.WriteOnceAsync(to, $"{folder}/report.json", await artifacts.ReadAsync(from, request.Artifacts.JsonPath, ct),
            "application/json; charset=utf-8", ct);
        return new Publication(artifacts.UriOf(to, $"{folder}/index.html").ToString(), time.GetUtcNow(), sha);
    }
}
