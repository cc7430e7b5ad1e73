using System.Diagnostics;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

/// <summary>
/// The administrator's actions on a report that is stuck: POST …/resend (a failing send, <see cref="NotificationResendService"/>)
/// and POST …/recover (a failed orchestration, <see cref="ReportRecoveryService"/>).
/// </summary>
public static class RecoveryEndpoints
{
    public static async Task<IResult> ResendAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var outcome = await http.RequestServices.GetRequiredService<NotificationResendService>().ResendAsync(durable,
            new ResendInput(agencyId, year, HttpInputs.Actor(http), HttpInputs.AuditAddress(http)), http.RequestAborted);
        return outcome.Status switch
        {
            ResendStatus.Requested => Results.Json(new { resend = "requested", failing = outcome.Failing },
                WorkflowJson.Options, statusCode: StatusCodes.Status202Accepted).WithLocation($"/api/reports/{agencyId}/{year}"),
            ResendStatus.NoSuchReport => Problems.NotFound(outcome.Detail),
            ResendStatus.NotFailing => Problems.Conflict(outcome.Detail, "not-failing"),
            ResendStatus.NotRunning => Problems.Conflict(outcome.Detail, "workflow-not-running"),
            _ => throw new UnreachableException($"Resend status {outcome.Status} has no answer."),
        };
    }

    public static async Task<IResult> RecoverAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var outcome = await http.RequestServices.GetRequiredService<ReportRecoveryService>().RecoverAsync(durable,
            new RecoveryInput(agencyId, year, HttpInputs.Actor(http), HttpInputs.AuditAddress(http)), http.RequestAborted);
        return outcome.Status switch
        {
            RecoveryStatus.Recovered => Results.Json(new { recovered = outcome.From, workflow = WorkflowTasks.CurrentReportWorkflow, was = outcome.RuntimeStatus },
                WorkflowJson.Options, statusCode: StatusCodes.Status202Accepted).WithLocation($"/api/reports/{agencyId}/{year}"),
            RecoveryStatus.NoSuchReport => Problems.NotFound(outcome.Detail),
            RecoveryStatus.NotFailed => Problems.Conflict(outcome.Detail, "not-failed",
                new Dictionary<string, object?> { ["runtimeStatus"] = outcome.RuntimeStatus }),
            RecoveryStatus.NoGoodPoint => Problems.Conflict(outcome.Detail, "no-good-point"),
            _ => throw new UnreachableException($"Recovery status {outcome.Status} has no answer."),
        };
    }
}
