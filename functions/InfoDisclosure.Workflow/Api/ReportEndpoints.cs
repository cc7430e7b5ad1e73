using System.Diagnostics;
using System.Text.Json;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Drafts;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

/// <summary>Creating reports and reading them: POST/GET /api/reports, GET /api/reports/{agencyId}/{year}, preview, export.docx.</summary>
public static class ReportEndpoints
{
    public static async Task<IResult> CreateAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (body, problem) = await HttpInputs.ReadJsonAsync<CreateReportRequest>(http);
        if (problem is not null) return problem;
        var outcome = await http.RequestServices.GetRequiredService<ReportCreationService>().CreateAsync(durable,
            new CreationInput(body!.AgencyId ?? "", body.Year ?? 0, HttpInputs.Actor(http), HttpInputs.AuditAddress(http)), http.RequestAborted);
        return outcome.Status switch
        {
            CreationStatus.Created => Results.Json(
                new { status = Summary(outcome.Entry!, http.RequestServices), findings = FindingView.From(outcome.Findings!) },
                WorkflowJson.Options, statusCode: StatusCodes.Status201Created).WithLocation($"/api/reports/{outcome.Entry!.AgencyId}/{outcome.Entry.Year}"),
            CreationStatus.Invalid or CreationStatus.NoSuchAgency => Problems.Field(outcome.Field!, outcome.Detail, StatusCodes.Status422UnprocessableEntity),
            CreationStatus.AlreadyExists => Problems.Conflict(outcome.Detail, "report-exists",
                new Dictionary<string, object?> { ["location"] = $"/api/reports/{body.AgencyId!.Trim()}/{body.Year}" }),
            _ => throw new UnreachableException($"Creation status {outcome.Status} has no answer."),
        };
    }

    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryYear(http.Request.Query["year"].ToString(), "year", out var year, out var problem)) return problem!;
        var caller = http.Caller()!;
        var entries = (await http.RequestServices.GetRequiredService<ReportIndex>().ListAsync(year, http.RequestAborted))
            .Where(e => Access.Access.CanRead(caller, e.AgencyId));
        return Results.Json(entries.Select(e => Summary(e, http.RequestServices)).ToList(), WorkflowJson.Options);
    }

    public static async Task<IResult> GetAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var entry = await services.GetRequiredService<ReportIndex>().GetAsync(agencyId, year, ct);
        if (entry is null) return NoSuchReport(agencyId, year);

        var agency = (await services.GetRequiredService<AgencyStore>().GetAsync(agencyId, ct))?.Agency;
        var deadlines = agency is null ? null : InternalDeadline.Deadlines(agency, year);
        var time = services.GetRequiredService<TimeProvider>();
        var versions = await services.GetRequiredService<ReportDocuments>().ListVersionsAsync(agencyId, year, ct);
        var decisions = await services.GetRequiredService<DecisionLog>().ReadAsync(entry.Key, ct);
        var audit = await services.GetRequiredService<AuditLog>().ReadAsync(entry.Key, ct);
        var instance = await durable.GetInstanceAsync(entry.Key, getInputsAndOutputs: false, ct);

        return Results.Json(new ReportView(
            Summary(entry, services),
            new DeadlineView(BeijingTime.Iso(entry.Deadline), BeijingTime.DaysLeft(entry.Deadline, time),
                deadlines?.SubmitBy?.ToString("yyyy-MM-dd"), deadlines?.PublishBy?.ToString("yyyy-MM-dd")),
            entry.LastComment,
            entry.SubmittedVersion,
            entry.SubmittedSha256,
            entry.Chain,
            versions.Select(v => new VersionView(v.Number, v.Sha256, BeijingTime.Iso(v.SavedAt), v.SavedBy, v.Source, v.ErrorCount, v.WarningCount)).ToList(),
            ReviewTrail(decisions),
            audit.Select(a => new AuditView(BeijingTime.Iso(a.At), a.Actor, a.Action, a.Detail, a.ClientIp, a.Round, a.Level, a.VersionNumber)).ToList(),
            instance is null ? null : new WorkflowView(instance.InstanceId, instance.Name, instance.RuntimeStatus.ToString(),
                instance.SerializedCustomStatus is { Length: > 0 } custom ? JsonDocument.Parse(custom).RootElement.Clone() : null)),
            WorkflowJson.Options);
    }

    public static async Task<IResult> PreviewAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (entry, version, problem) = await ReportLoading.VersionForReadingAsync(http, route);
        if (problem is not null) return problem;
        var html = await http.RequestServices.GetRequiredService<ReportDocuments>().ReadHtmlAsync(entry!.AgencyId, entry.Year, version, http.RequestAborted);
        if (html is null) return Problems.NotFound($"Version {version} has no rendered page.");
        // The page is the report as it will be published; it needs its own styles and nothing else.
        http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public static async Task<IResult> ExportDocxAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (entry, version, problem) = await ReportLoading.VersionForReadingAsync(http, route);
        if (problem is not null) return problem;
        var report = await http.RequestServices.GetRequiredService<ReportDocuments>().ReadReportAsync(entry!.AgencyId, entry.Year, version, http.RequestAborted);
        if (report is null) return Problems.NotFound($"Version {version} is missing.");
        return Results.File(DocxRenderer.Render(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{report.Title}.docx");
    }

    public static Task<IResult> SaveDraftAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        DraftEndpoint.SaveAsync(http, route);

    public static Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        ReviewEndpoints.SubmitAsync(http, durable, route);

    public static Task<IResult> DecideAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        ReviewEndpoints.DecideAsync(http, durable, route);

    internal static ReportSummaryView Summary(ReportIndexEntry e, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        return new ReportSummaryView(e.AgencyId, e.AgencyName, e.Year, e.Stage, e.Level > 0 ? e.Level : null, e.LevelName, e.Round, e.Holder,
            BeijingTime.Iso(e.Deadline), BeijingTime.DaysLeft(e.Deadline, time), e.CurrentVersion, e.CurrentSha256,
            e.LevelDueAt is { } due ? BeijingTime.Iso(due) : null, e.PublishedUrl,
            e.PublishedAt is { } published ? BeijingTime.Iso(published) : null, BeijingTime.Iso(e.UpdatedAt));
    }

    /// <summary>Per round and level: who confirmed the 审 and the 校, and when, from the recorded decisions.</summary>
    internal static IReadOnlyList<ReviewTrailView> ReviewTrail(IReadOnlyList<ReviewDecision> decisions) =>
        decisions.GroupBy(d => (d.Round, d.Level)).OrderBy(g => g.Key.Round).ThenBy(g => g.Key.Level).Select(g =>
        {
            var levelName = g.First().LevelName;
            var approvals = g.Where(d => d.Approved).ToList();
            return new ReviewTrailView(g.Key.Round, g.Key.Level, levelName,
                DefaultReviewChain.ReviewPart(levelName), DefaultReviewChain.ProofreadPart(levelName),
                approvals.Where(d => d.ReviewConfirmed).Select(SignOff).ToList(),
                approvals.Where(d => d.ProofreadConfirmed).Select(SignOff).ToList(),
                g.Select(d => new DecisionView(d.Reviewer.Name, d.Reviewer.Email, d.Decision, d.ReviewConfirmed, d.ProofreadConfirmed,
                    d.Comment, d.VersionNumber, d.VersionSha256, BeijingTime.Iso(d.DecidedAt))).ToList());
        }).ToList();

    private static ReviewSignOff SignOff(ReviewDecision d) => new(d.Reviewer.Name, d.Reviewer.Email, BeijingTime.Iso(d.DecidedAt));

    internal static IResult NoSuchReport(string agencyId, int year) =>
        Problems.NotFound($"There is no report for '{agencyId}' {year}; create it with POST /api/reports.");
}
