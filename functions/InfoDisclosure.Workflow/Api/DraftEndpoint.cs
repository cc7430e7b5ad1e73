using System.Diagnostics;
using InfoDisclosure.Workflow.Drafts;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

/// <summary>
/// PUT /api/reports/{agencyId}/{year}/draft: the report as JSON, or a report to import as text/plain or text/html
/// (their charset honoured). Each change is a new immutable version (201); the same content again changes nothing
/// (200). Refused (409) while the report is in review or later, until a rejection returns it to the drafter.
/// Saving is <see cref="DraftService"/>'s; this reads the body and answers.
/// </summary>
public static class DraftEndpoint
{
    public static async Task<IResult> SaveAsync(HttpContext http, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        DraftFormat? format = HttpInputs.ContentType(http).MediaType switch
        {
            "application/json" => DraftFormat.Json,
            "text/plain" => DraftFormat.Text,
            "text/html" => DraftFormat.Html,
            _ => null,
        };
        if (format is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the report as application/json, or a report to import as text/plain or text/html.");
        }
        var (body, bodyProblem) = await HttpInputs.ReadTextAsync(http, honourCharset: format != DraftFormat.Json);
        if (bodyProblem is not null) return bodyProblem;

        var outcome = await http.RequestServices.GetRequiredService<DraftService>().SaveAsync(
            new DraftInput(agencyId, year, format.Value, body!, HttpInputs.Actor(http), HttpInputs.AuditAddress(http)), http.RequestAborted);
        return outcome.Status switch
        {
            DraftStatus.Saved => Results.Json(Saved(outcome, agencyId, year, unchanged: false), WorkflowJson.Options, statusCode: StatusCodes.Status201Created)
                .WithLocation($"/api/reports/{agencyId}/{year}/preview?version={outcome.Version}"),
            DraftStatus.Unchanged => Results.Json(Saved(outcome, agencyId, year, unchanged: true), WorkflowJson.Options),
            DraftStatus.NoSuchReport => ReportEndpoints.NoSuchReport(agencyId, year),
            DraftStatus.NotEditable => NotEditable(outcome.Entry!, outcome.Detail),
            DraftStatus.Malformed => Problems.Field(outcome.Field!, outcome.Detail),
            DraftStatus.WrongYear => Problems.Field(outcome.Field!, outcome.Detail, StatusCodes.Status422UnprocessableEntity),
            DraftStatus.NewerVersion => Problems.Conflict(outcome.Detail, "newer-version"),
            _ => throw new UnreachableException($"Draft status {outcome.Status} has no answer."),
        };
    }

    private static SavedDraftView Saved(DraftOutcome outcome, string agencyId, int year, bool unchanged) =>
        new(agencyId, year, outcome.Version!.Value, outcome.Sha256!, unchanged, outcome.Source, FindingView.From(outcome.Findings!));

    private static IResult NotEditable(ReportIndexEntry entry, string detail) => Problems.Conflict(detail, "not-editable",
        new Dictionary<string, object?> { ["stage"] = entry.Stage, ["level"] = entry.Level, ["round"] = entry.Round });
}
