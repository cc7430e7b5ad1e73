using System.Text.Json;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

/// <summary>
/// PUT /api/reports/{agencyId}/{year}/draft: the report as JSON, or a report to import as text/plain or text/html.
/// Each change is a new immutable version (201); the same content again changes nothing (200). Refused (409) while
/// the report is in review or later, until a rejection returns it to the drafter.
/// </summary>
public static class DraftEndpoint
{
    public static async Task<IResult> SaveAsync(HttpContext http, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var index = services.GetRequiredService<ReportIndex>();
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null) return ReportEndpoints.NoSuchReport(agencyId, year);
        if (entry.Stage != ReportStages.Draft) return NotEditable(entry);

        var (parsed, source, parseProblem) = await ParseAsync(http);
        if (parseProblem is not null) return parseProblem;
        var (report, importFindings) = parsed!.Value;
        if (report.Year != year)
        {
            return Problems.Field("$.year", $"The report is for {report.Year}, the URL for {year}.", StatusCodes.Status422UnprocessableEntity);
        }
        if (string.IsNullOrWhiteSpace(report.AgencyName)) report.AgencyName = entry.AgencyName;

        var previous = await ReportLoading.LatestAsync(services, agencyId, year - 1, ct);
        var findings = importFindings.Concat(ReportValidator.Validate(report, previous)).ToList();
        var sha = ReportDocuments.Sha256(ReportDocuments.Json(report));
        if (sha == entry.CurrentSha256)
        {
            return Results.Json(new SavedDraftView(agencyId, year, entry.CurrentVersion, sha, true, source, FindingView.From(findings)), WorkflowJson.Options);
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var actor = HttpInputs.Actor(http);
        var version = await services.GetRequiredService<ReportDocuments>().AddVersionAsync(
            agencyId, year, entry.VersionCount + 1, report, actor, source, now, findings, CancellationToken.None);

        // Making the version current is the commit point: only while the report is still a draft, and never
        // replacing a newer version saved concurrently.
        string? refusal = null;
        var committed = await index.UpdateAsync(agencyId, year, e =>
        {
            if (e.Stage != ReportStages.Draft) refusal = e.Stage;
            else if (e.CurrentVersion > version.Number) refusal = "newer";
            if (refusal is not null) return null;
            return e with
            {
                VersionCount = Math.Max(e.VersionCount, version.Number), CurrentVersion = version.Number, CurrentSha256 = version.Sha256, UpdatedAt = now,
            };
        }, CancellationToken.None);
        if (refusal == "newer")
        {
            return Problems.Conflict($"A newer version ({committed!.CurrentVersion}) was saved meanwhile; yours is kept as version {version.Number} but is not current.", "newer-version");
        }
        if (refusal is not null) return NotEditable(committed!);

        await services.GetRequiredService<AuditLog>().AppendAsync(entry.Key,
            new AuditEntry(now, actor, "draft-saved", $"{source}, SHA-256 {version.Sha256}", HttpInputs.AuditAddress(http), entry.Round, null, version.Number),
            CancellationToken.None);
        return Results.Json(new SavedDraftView(agencyId, year, version.Number, version.Sha256, false, source, FindingView.From(findings)),
            WorkflowJson.Options, statusCode: StatusCodes.Status201Created)
            .WithLocation($"/api/reports/{agencyId}/{year}/preview?version={version.Number}");
    }

    private static async Task<((AnnualReport Report, IReadOnlyList<Finding> Findings)? Parsed, string Source, IResult? Problem)> ParseAsync(HttpContext http)
    {
        var mediaType = (http.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("application/json" or "text/plain" or "text/html"))
        {
            return (null, "", Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the report as application/json, or a report to import as text/plain or text/html."));
        }
        string body;
        try
        {
            body = await HttpInputs.ReadBodyAsync(http);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, "", Problems.Field("$", "The body could not be read (too large or not UTF-8).", StatusCodes.Status413PayloadTooLarge));
        }
        if (string.IsNullOrWhiteSpace(body)) return (null, "", Problems.Field("$", "The body is empty."));

        if (mediaType == "application/json")
        {
            try
            {
                return ((ReportJson.Deserialize(body), []), "json", null);
            }
            catch (JsonException e)
            {
                return (null, "", Problems.Field(e.Path ?? "$", HttpInputs.JsonMessage(e)));
            }
        }
        var imported = mediaType == "text/html" ? ReportImporter.ImportHtml(body) : ReportImporter.ImportText(body);
        return ((imported.Report, imported.Findings), mediaType == "text/html" ? "html" : "text", null);
    }

    private static IResult NotEditable(ReportIndexEntry entry) => Problems.Conflict(
        entry.Stage == ReportStages.InReview
            ? $"The report is in review (round {entry.Round}, level {entry.Level} {entry.LevelName}); it can be edited again once a reviewer returns it."
            : $"The report is {entry.Stage}; it can no longer be edited.",
        "not-editable",
        new Dictionary<string, object?> { ["stage"] = entry.Stage, ["level"] = entry.Level, ["round"] = entry.Round });
}
