using System.Text.Json;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

/// <summary>Creating reports and reading them: POST/GET /api/reports, GET /api/reports/{agencyId}/{year}, preview, export.docx.</summary>
public static class ReportEndpoints
{
    /// <summary>A creation that crashed half-way may be taken over after this long (before it, a second POST is a duplicate).</summary>
    private static readonly TimeSpan AbandonedCreation = TimeSpan.FromMinutes(2);

    public static async Task<IResult> CreateAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (body, problem) = await HttpInputs.ReadJsonAsync<CreateReportRequest>(http);
        if (problem is not null) return problem;
        var agencyId = body!.AgencyId?.Trim() ?? "";
        if (!AgencyValidator.IsValidId(agencyId)) return Problems.Field("$.agencyId", AgencyValidator.IdRule, StatusCodes.Status422UnprocessableEntity);
        if (body.Year is not { } year || !HttpInputs.IsYear(year)) return Problems.Field("$.year", "A year from 2008 to 2100 is required.", StatusCodes.Status422UnprocessableEntity);

        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var agency = (await services.GetRequiredService<AgencyStore>().GetAsync(agencyId, ct))?.Agency;
        if (agency is null) return Problems.Field("$.agencyId", $"There is no agency '{agencyId}'.", StatusCodes.Status422UnprocessableEntity);

        var instanceId = StorageNames.ReportKey(agencyId, year);
        if (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is not null) return AlreadyExists(agencyId, year);

        var index = services.GetRequiredService<ReportIndex>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var deadline = InternalDeadline.Deadlines(agency, year).StatutoryDeadline;
        var entry = new ReportIndexEntry
        {
            AgencyId = agencyId, Year = year, AgencyName = agency.Name, Holder = [agency.Drafter], Deadline = deadline,
            CreatedAt = now, UpdatedAt = now,
        };
        // The index row is the one arbiter of "this report exists": only the request that inserts it goes on,
        // unless it is left from a creation that crashed before starting the orchestration.
        if (!await index.TryCreateAsync(entry, ct))
        {
            var existing = await index.GetAsync(agencyId, year, ct);
            if (existing is null || now - existing.UpdatedAt < AbandonedCreation
                || !await index.TryReplaceAsync(existing with { UpdatedAt = now }, ct))
            {
                return AlreadyExists(agencyId, year);
            }
            entry = (await index.GetAsync(agencyId, year, ct))!;
        }

        var findings = Array.Empty<Finding>() as IReadOnlyList<Finding>;
        if (entry.VersionCount == 0)
        {
            var previous = await ReportLoading.LatestAsync(services, agencyId, year - 1, ct);
            var draft = NewReport.Create(agency.Name, year, previous);
            findings = ReportValidator.Validate(draft, previous);
            var version = await services.GetRequiredService<ReportDocuments>().AddVersionAsync(agencyId, year, 1, draft,
                HttpInputs.Actor(http), previous is null ? "new" : "carried-over", now, findings, CancellationToken.None);
            await index.UpdateAsync(agencyId, year, e => e with
            {
                VersionCount = Math.Max(e.VersionCount, version.Number), CurrentVersion = version.Number, CurrentSha256 = version.Sha256,
            }, CancellationToken.None);
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(WorkflowTasks.CurrentReportWorkflow,
            new ReportWorkflowInput(agencyId, year, agency.Name, agency.Drafter, deadline),
            new StartOrchestrationOptions(InstanceId: instanceId), CancellationToken.None);
        await services.GetRequiredService<AuditLog>().AppendAsync(instanceId,
            new AuditEntry(now, HttpInputs.Actor(http), "report-created", $"workflow {WorkflowTasks.CurrentReportWorkflow}",
                HttpInputs.AuditAddress(http), 0, null, 1), CancellationToken.None);

        var created = (await index.GetAsync(agencyId, year, CancellationToken.None))!;
        return Results.Json(new { status = Summary(created, services), findings = FindingView.From(findings) }, WorkflowJson.Options,
            statusCode: StatusCodes.Status201Created).WithLocation($"/api/reports/{agencyId}/{year}");
    }

    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryYear(http.Request.Query["year"].ToString(), "year", out var year, out var problem)) return problem!;
        var entries = await http.RequestServices.GetRequiredService<ReportIndex>().ListAsync(year, http.RequestAborted);
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

    private static IResult AlreadyExists(string agencyId, int year) =>
        Problems.Conflict($"The report of '{agencyId}' for {year} exists already (one workflow per agency and year).", "report-exists",
            new Dictionary<string, object?> { ["location"] = $"/api/reports/{agencyId}/{year}" });
}
