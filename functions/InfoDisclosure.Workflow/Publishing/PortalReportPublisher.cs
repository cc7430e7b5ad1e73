using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>
/// Publication: the final artifacts — page, portal fragment, DOCX, JSON, text — written once to the public container
/// under {agencyId}/{year}/v{n}/ with a manifest of their SHA-256, then the signed push to the agency's portal. Safe to
/// call again for the same request (the durable retry policy does): the artifacts and the body are prepared once, every
/// attempt sends the same bytes under the same Idempotency-Key, and a version that is already published is returned as
/// it is without another push.
/// </summary>
public sealed class PortalReportPublisher(
    ArtifactStore artifacts,
    PublicationStore publications,
    ReportIndex index,
    AgencyStore agencies,
    PortalClient portal,
    IOptions<PortalOptions> portalOptions,
    TimeProvider time,
    ILogger<PortalReportPublisher> logger) : IReportPublisher
{
    public const string ChannelPortal = "portal";
    public const string ChannelBlob = "blob";
    private const string Container = StorageNames.PublishedContainer;

    public async Task<Publication> PublishAsync(PublicationRequest request, CancellationToken ct)
    {
        var (agencyId, year) = (request.Report.AgencyId, request.Report.Year);
        var version = request.Artifacts.VersionNumber;
        var existing = await publications.GetAsync(agencyId, year, version, ct);
        if (existing is { Status: PublicationStatus.Published, Url: { } doneUrl, PublishedAt: { } doneAt })
        {
            return new Publication(doneUrl, doneAt, existing.Sha256);
        }

        var agency = (await agencies.GetAsync(agencyId, ct))?.Agency
            ?? throw new InvalidOperationException($"Agency {agencyId} does not exist.");
        var record = existing ?? await publications.GetOrAddAsync(new PublicationRecord
        {
            AgencyId = agencyId,
            Year = year,
            Version = version,
            IdempotencyKey = request.IdempotencyKey,
            PreparedAt = time.GetUtcNow(),
            Folder = FolderOf(agencyId, year, version),
        }, ct);

        var prepared = await PrepareAsync(request, record, ct);
        var endpoint = EndpointFor(agency);
        if (endpoint is null)
        {
            return await RecordPublishedAsync(agency, record, prepared, ChannelBlob, null, prepared.PageUrl, ct);
        }

        record = await publications.UpdateAsync(agencyId, year, version, r => r with
        {
            Attempts = r.Attempts + 1,
            LastAttemptAt = time.GetUtcNow(),
            Channel = ChannelPortal,
            Endpoint = endpoint.ToString(),
        }, ct);
        try
        {
            var reportedUrl = await portal.PushAsync(endpoint, prepared.Body, record.IdempotencyKey, ct);
            return await RecordPublishedAsync(agency, record, prepared, ChannelPortal, endpoint, reportedUrl ?? prepared.PageUrl, ct);
        }
        catch (Exception e) when (e is PortalPushException or PermanentPushFailure)
        {
            logger.LogWarning("Portal push {Key} attempt {Attempt} failed: {Error}", record.IdempotencyKey, record.Attempts, e.Message);
            await publications.UpdateAsync(agencyId, year, version, r => r with { LastError = e.Message }, ct);
            throw;
        }
    }

    /// <summary>The per-agency endpoint, else Portal__Endpoint, else none.</summary>
    public Uri? EndpointFor(Agency agency)
    {
        var configured = agency.Portal?.Endpoint is { Length: > 0 } own ? own : portalOptions.Value.Endpoint;
        return string.IsNullOrWhiteSpace(configured) ? null
            : Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
            : throw new PermanentPushFailure($"The portal endpoint '{configured}' is not an http(s) URL.", null);
    }

    public static string FolderOf(string agencyId, int year, int version) => $"{agencyId}/{year}/v{version}";

    private sealed record Prepared(byte[] Body, string Sha256, string PageUrl);

    /// <summary>Writes every artifact once (If-None-Match: *); a second call finds them and reads back the stored body.</summary>
    private async Task<Prepared> PrepareAsync(PublicationRequest request, PublicationRecord record, CancellationToken ct)
    {
        const string from = StorageNames.SubmissionsContainer;
        var json = await artifacts.ReadAsync(from, request.Artifacts.JsonPath, ct);
        var report = ReportJson.Deserialize(Encoding.UTF8.GetString(json));
        var fragment = HtmlRenderer.RenderFragment(report);
        var text = TextRenderer.Render(report);
        var folder = record.Folder;

        // Each file is independent of the others: written at once, one storage round trip instead of five in a row.
        async Task<(string Name, string Sha256)> Write(string name, Task<byte[]> content, string contentType) =>
            (name, await artifacts.WriteOnceAsync(Container, $"{folder}/{name}", await content, contentType, ct));
        var files = await Task.WhenAll(
            Write("index.html", artifacts.ReadAsync(from, request.Artifacts.HtmlPath, ct), "text/html; charset=utf-8"),
            Write("fragment.html", Task.FromResult(Encoding.UTF8.GetBytes(fragment)), "text/html; charset=utf-8"),
            Write("report.docx", artifacts.ReadAsync(from, request.Artifacts.DocxPath, ct), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Write("report.json", Task.FromResult(json), "application/json; charset=utf-8"),
            Write("report.txt", Task.FromResult(Encoding.UTF8.GetBytes(text)), "text/plain; charset=utf-8"));

        var payload = new PortalPayload(record.AgencyId, request.Report.AgencyName, record.Year, report.Title, fragment, text,
            BeijingTimeOf(record.PreparedAt), PortalSignature.Sha256Hex(fragment), record.IdempotencyKey);
        // The body is stored before the first push, and every attempt sends the stored bytes: same body, same signature.
        // When the stored body is this one (its SHA-256 says so), it need not be read back.
        var ours = payload.ToUtf8();
        var storedSha = await artifacts.WriteOnceAsync(Container, $"{folder}/portal-request.json", ours, "application/json; charset=utf-8", ct);
        var body = storedSha == ReportDocuments.Sha256(ours) ? ours : await artifacts.ReadAsync(Container, $"{folder}/portal-request.json", ct);
        var stored = PortalPayload.Parse(body);

        var manifest = WorkflowJson.Serialize(new PublicationManifest(record.IdempotencyKey, record.AgencyId, record.Year, record.Version,
            request.Artifacts.VersionSha256, BeijingTimeOf(record.PreparedAt), files.Select(f => new ManifestFile(f.Name, f.Sha256)).ToList()));
        await artifacts.WriteOnceAsync(Container, $"{folder}/manifest.json", Encoding.UTF8.GetBytes(manifest), "application/json; charset=utf-8", ct);

        if (record.Sha256 != stored.Sha256)
        {
            await publications.UpdateAsync(record.AgencyId, record.Year, record.Version, r => r.Sha256 == stored.Sha256 ? null : r with { Sha256 = stored.Sha256 }, ct);
        }
        return new Prepared(body, stored.Sha256, artifacts.UriOf(Container, $"{folder}/index.html").ToString());
    }

    private async Task<Publication> RecordPublishedAsync(
        Agency agency, PublicationRecord record, Prepared prepared, string channel, Uri? endpoint, string url, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var deadlines = InternalDeadline.Deadlines(agency, record.Year);
        var done = await publications.UpdateAsync(record.AgencyId, record.Year, record.Version, r => r.Status == PublicationStatus.Published ? null : r with
        {
            Status = PublicationStatus.Published,
            Channel = channel,
            Endpoint = endpoint?.ToString(),
            PublishedAt = now,
            Url = url,
            Sha256 = prepared.Sha256,
            Late = deadlines.IsLate(now),
            LateInternally = deadlines.IsLateInternally(now),
            StatutoryDeadline = deadlines.StatutoryDeadline,
            LastError = null,
        }, ct);
        await index.UpdateAsync(record.AgencyId, record.Year, e => e with { PublishedUrl = done.Url, PublishedAt = done.PublishedAt, Late = done.Late }, ct);
        return new Publication(done.Url!, done.PublishedAt!.Value, done.Sha256);
    }

    private static DateTimeOffset BeijingTimeOf(DateTimeOffset instant) => Deadlines.BeijingCalendar.ToBeijing(instant);
}

public sealed record PublicationManifest(
    string IdempotencyKey, string AgencyId, int Year, int Version, string VersionSha256, DateTimeOffset PreparedAt, IReadOnlyList<ManifestFile> Files);

public sealed record ManifestFile(string Name, string Sha256);
