using System.Diagnostics;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

/// <summary>
/// POST .../submit and POST .../decisions. Both change stored state first (the index, conditionally; the decision
/// log, insert-if-absent), then raise the orchestration's event, after checking the instance is running; an event that
/// cannot be raised undoes the change (503). Decisions go through <see cref="ReviewDecisionService"/>, the review page's path too.
/// </summary>
public static class ReviewEndpoints
{
    public static async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var index = services.GetRequiredService<ReportIndex>();
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null) return ReportEndpoints.NoSuchReport(agencyId, year);
        if (entry.Stage != ReportStages.Draft)
        {
            return Problems.Conflict($"The report is {entry.Stage} (round {entry.Round}); only a draft can be submitted.", "not-a-draft",
                new Dictionary<string, object?> { ["stage"] = entry.Stage, ["round"] = entry.Round });
        }

        var documents = services.GetRequiredService<ReportDocuments>();
        var report = await documents.ReadReportAsync(agencyId, year, entry.CurrentVersion, ct);
        if (report is null) return Problems.Conflict("The report has no saved version to submit.", "no-version");
        var previous = await ReportLoading.LatestAsync(services, agencyId, year - 1, ct);
        var findings = ReportValidator.Validate(report, previous);
        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(
                errors.GroupBy(f => f.Where).ToDictionary(g => g.Key, g => g.Select(f => $"{f.Rule}: {f.Message}").ToArray()),
                detail: $"Version {entry.CurrentVersion} has {errors.Count} error(s); correct them and save a new version before submitting.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The report has errors",
                extensions: new Dictionary<string, object?>
                {
                    ["field"] = errors[0].Where,
                    ["version"] = entry.CurrentVersion,
                    ["findings"] = FindingView.From(findings),
                });
        }

        if (await WorkflowInstances.NotRunningReasonAsync(durable, entry.Key, ct) is { } notRunning) return Problems.Conflict(notRunning, "workflow-not-running");
        var agency = (await services.GetRequiredService<AgencyStore>().GetAsync(agencyId, ct))?.Agency;
        if (agency is null) return Problems.Conflict($"The agency '{agencyId}' no longer exists.", "no-agency");

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var actor = HttpInputs.Actor(http);
        var chain = DefaultReviewChain.Normalize(agency.ReviewChain);
        var submission = new Submission(entry.Round + 1, entry.CurrentVersion, entry.CurrentSha256!, actor, now, chain,
            agency.Drafter, agency.SupervisingOfficeEmail, agency.StageReminders ?? new StageReminderSettings());
        var inReview = entry with
        {
            Stage = ReportStages.InReview, Round = submission.Round, Level = 1, LevelName = chain[0].Name, Holder = chain[0].Reviewers,
            SubmittedVersion = submission.VersionNumber, SubmittedSha256 = submission.Sha256, Chain = chain, LevelDueAt = null, UpdatedAt = now,
        };
        // The ETag makes this the single submission of this draft: a concurrent save or submit makes it fail.
        if (!await index.TryReplaceAsync(inReview, ct))
        {
            return Problems.Conflict("The report changed while submitting (a new version was saved, or it was submitted); reload and try again.", "changed");
        }
        try
        {
            await durable.RaiseEventAsync(entry.Key, WorkflowEvents.Submit(submission.Round), submission, CancellationToken.None);
        }
        catch (Exception)
        {
            await index.UpdateAsync(agencyId, year, e => e.Round == submission.Round && e.Stage == ReportStages.InReview
                ? e with { Stage = ReportStages.Draft, Round = entry.Round, Level = 0, LevelName = null, Holder = entry.Holder, SubmittedVersion = entry.SubmittedVersion, SubmittedSha256 = entry.SubmittedSha256 }
                : null, CancellationToken.None);
            return EngineUnavailable();
        }

        await services.GetRequiredService<AuditLog>().AppendAsync(entry.Key,
            new AuditEntry(now, actor, "submitted-for-review", $"SHA-256 {submission.Sha256}", HttpInputs.AuditAddress(http), submission.Round, 1, submission.VersionNumber),
            CancellationToken.None);
        return Results.Json(new
        {
            round = submission.Round,
            level = 1,
            levelName = chain[0].Name,
            version = submission.VersionNumber,
            sha256 = submission.Sha256,
            findings = FindingView.From(findings),
        }, WorkflowJson.Options, statusCode: StatusCodes.Status202Accepted).WithLocation($"/api/reports/{agencyId}/{year}");
    }

    public static async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var (body, bodyProblem) = await HttpInputs.ReadJsonAsync<DecisionRequest>(http);
        if (bodyProblem is not null) return bodyProblem;
        if (Validate(body!) is { } invalid) return invalid;
        var request = body!;

        DecisionOutcome outcome;
        try
        {
            outcome = await http.RequestServices.GetRequiredService<ReviewDecisionService>().DecideAsync(durable, new DecisionInput(
                agencyId, year, request.Level!.Value, request.Round!.Value, request.Reviewer!, request.Decision!, request.Comment,
                request.ReviewConfirmed, request.ProofreadConfirmed, request.Version, request.VersionSha256, HttpInputs.AuditAddress(http)),
                http.RequestAborted);
        }
        catch (DecisionNotTakenException)
        {
            return EngineUnavailable();
        }

        var entry = outcome.Entry;
        return outcome.Status switch
        {
            DecisionStatus.Recorded => Results.Json(new
            {
                round = outcome.Decision!.Round,
                level = outcome.Decision.Level,
                levelName = outcome.Decision.LevelName,
                decision = outcome.Decision.Decision,
                reviewer = outcome.Decision.Reviewer,
                version = outcome.Decision.VersionNumber,
                sha256 = outcome.Decision.VersionSha256,
            }, WorkflowJson.Options, statusCode: StatusCodes.Status202Accepted).WithLocation($"/api/reports/{agencyId}/{year}"),
            DecisionStatus.NoSuchReport => ReportEndpoints.NoSuchReport(agencyId, year),
            DecisionStatus.NotCurrent => Problems.Conflict(outcome.Detail, "not-current",
                new Dictionary<string, object?> { ["stage"] = entry!.Stage, ["level"] = entry.Level, ["round"] = entry.Round }),
            DecisionStatus.NotAReviewer => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a reviewer of this level",
                detail: outcome.Detail, extensions: new Dictionary<string, object?> { ["field"] = "$.reviewer" }),
            DecisionStatus.StaleVersion => Problems.Conflict(outcome.Detail, "stale-version",
                new Dictionary<string, object?> { ["field"] = request.VersionSha256 is { Length: > 0 } ? "$.versionSha256" : "$.version", ["version"] = entry!.SubmittedVersion, ["sha256"] = entry.SubmittedSha256 }),
            DecisionStatus.WorkflowNotRunning => Problems.Conflict(outcome.Detail, "workflow-not-running"),
            DecisionStatus.AlreadyDecided => Problems.Conflict(outcome.Detail, "already-decided"),
            _ => throw new UnreachableException($"Decision status {outcome.Status} has no answer."),
        };
    }

    private static IResult? Validate(DecisionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Level is not > 0) errors["$.level"] = ["The level number (1 for 初审·一校) is required."];
        if (request.Round is not > 0) errors["$.round"] = ["The review round (1 for the first submission) is required."];
        if (string.IsNullOrWhiteSpace(request.Reviewer)) errors["$.reviewer"] = ["The reviewer's e-mail address is required."];
        if (request.Decision is not (Decisions.Approve or Decisions.Reject)) errors["$.decision"] = ["Use 'approve' or 'reject'."];
        if (request.Decision == Decisions.Approve)
        {
            if (!request.ReviewConfirmed) errors["$.reviewConfirmed"] = ["Approval needs the review (审) confirmed."];
            if (!request.ProofreadConfirmed) errors["$.proofreadConfirmed"] = ["Approval needs the proofread (校) confirmed."];
        }
        if (request.Decision == Decisions.Reject && string.IsNullOrWhiteSpace(request.Comment))
            errors["$.comment"] = ["A rejection needs a comment telling the drafter what to change."];
        if (request.Comment is { Length: > 4000 }) errors["$.comment"] = ["At most 4000 characters."];
        return errors.Count > 0 ? Problems.Fields(errors) : null;
    }

    private static IResult EngineUnavailable() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The workflow engine did not take the event",
        detail: "Nothing was changed; try again in a moment.");
}
