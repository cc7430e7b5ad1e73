using System.Diagnostics;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

/// <summary>
/// POST .../submit and POST .../decisions, through <see cref="SubmissionService"/> and <see cref="ReviewDecisionService"/>
/// (the review page's path too). Both change stored state first, then raise the orchestration's event; an event that
/// cannot be raised undoes the change (503).
/// </summary>
public static class ReviewEndpoints
{
    public static async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var outcome = await http.RequestServices.GetRequiredService<SubmissionService>().SubmitAsync(durable,
            new SubmissionInput(agencyId, year, HttpInputs.Actor(http), HttpInputs.AuditAddress(http)), http.RequestAborted);
        var entry = outcome.Entry;
        return outcome.Status switch
        {
            SubmissionStatus.Submitted => Results.Json(new
            {
                round = outcome.Submission!.Round,
                level = 1,
                levelName = outcome.Submission.Chain[0].Name,
                version = outcome.Submission.VersionNumber,
                sha256 = outcome.Submission.Sha256,
                findings = FindingView.From(outcome.Findings!),
            }, WorkflowJson.Options, statusCode: StatusCodes.Status202Accepted).WithLocation($"/api/reports/{agencyId}/{year}"),
            SubmissionStatus.NoSuchReport => ReportEndpoints.NoSuchReport(agencyId, year),
            SubmissionStatus.NotADraft => Problems.Conflict(outcome.Detail, "not-a-draft",
                new Dictionary<string, object?> { ["stage"] = entry!.Stage, ["round"] = entry.Round }),
            SubmissionStatus.NoVersion => Problems.Conflict(outcome.Detail, "no-version"),
            SubmissionStatus.HasErrors => HasErrors(outcome),
            SubmissionStatus.WorkflowNotRunning => Problems.Conflict(outcome.Detail, "workflow-not-running"),
            SubmissionStatus.NoAgency => Problems.Conflict(outcome.Detail, "no-agency"),
            SubmissionStatus.Changed => Problems.Conflict(outcome.Detail, "changed"),
            SubmissionStatus.EngineUnavailable => EngineUnavailable(),
            _ => throw new UnreachableException($"Submission status {outcome.Status} has no answer."),
        };
    }

    private static IResult HasErrors(SubmissionOutcome outcome)
    {
        var findings = outcome.Findings!;
        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        return Results.ValidationProblem(
            errors.GroupBy(f => f.Where).ToDictionary(g => g.Key, g => g.Select(f => $"{f.Rule}: {f.Message}").ToArray()),
            detail: outcome.Detail,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The report has errors",
            extensions: new Dictionary<string, object?>
            {
                ["field"] = errors[0].Where,
                ["version"] = outcome.Entry!.CurrentVersion,
                ["findings"] = FindingView.From(findings),
            });
    }

    public static async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var (body, bodyProblem) = await HttpInputs.ReadJsonAsync<DecisionRequest>(http);
        if (bodyProblem is not null) return bodyProblem;
        if (Validate(body!) is { } invalid) return invalid;
        var request = body!;
        // The decision is the signed-in reviewer's own: the access gate let only a person (never the API key) through.
        var caller = http.Caller()!;
        if (request.Reviewer is { Length: > 0 } named && !string.Equals(named.Trim(), caller.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not the signed-in reviewer",
                detail: $"Signed in as {caller.Email}; a decision is recorded for the person who makes it.",
                extensions: new Dictionary<string, object?> { ["field"] = "$.reviewer" });
        }

        DecisionOutcome outcome;
        try
        {
            outcome = await http.RequestServices.GetRequiredService<ReviewDecisionService>().DecideAsync(durable, new DecisionInput(
                agencyId, year, request.Level!.Value, request.Round!.Value, caller.Email, request.Decision!, request.Comment,
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
        if (request.Decision is not (Decisions.Approve or Decisions.Reject)) errors["$.decision"] = ["Use 'approve' or 'reject'."];
        if (request.Decision == Decisions.Approve)
        {
            if (!request.ReviewConfirmed) errors["$.reviewConfirmed"] = ["Approval needs the review (审) confirmed."];
            if (!request.ProofreadConfirmed) errors["$.proofreadConfirmed"] = ["Approval needs the proofread (校) confirmed."];
        }
        if (request.Decision == Decisions.Reject && string.IsNullOrWhiteSpace(request.Comment))
            errors["$.comment"] = ["A rejection needs a comment telling the drafter what to change."];
        if (request.Comment is { Length: > ReviewDecisionService.MaxCommentLength })
            errors["$.comment"] = [$"At most {ReviewDecisionService.MaxCommentLength} characters."];
        return errors.Count > 0 ? Problems.Fields(errors) : null;
    }

    private static IResult EngineUnavailable() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The workflow engine did not take the event",
        detail: "Nothing was changed; try again in a moment.");
}
