using System.Diagnostics;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>POST /api/reports/{agencyId}/{year}/publish: retries a publication that ended PublishFailed (<see cref="PublicationRetryService"/>).</summary>
public static class PublishEndpoints
{
    public static async Task<IResult> RetryAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var outcome = await http.RequestServices.GetRequiredService<PublicationRetryService>().RetryAsync(durable,
            new PublicationRetryInput(agencyId, year, HttpInputs.Actor(http), HttpInputs.AuditAddress(http)), http.RequestAborted);
        return outcome.Status switch
        {
            RetryStatus.Requested => Results.Json(
                new { stage = ReportStages.PublishFailed, retry = outcome.Attempt, idempotencyKey = outcome.IdempotencyKey },
                WorkflowJson.Options, statusCode: StatusCodes.Status202Accepted).WithLocation($"/api/reports/{agencyId}/{year}"),
            RetryStatus.NoSuchReport => Problems.NotFound(outcome.Detail),
            RetryStatus.NotPublishFailed => Problems.Conflict(outcome.Detail, "not-publish-failed",
                new Dictionary<string, object?> { ["stage"] = outcome.Entry!.Stage }),
            RetryStatus.NotReady => Problems.Conflict(outcome.Detail, "not-ready"),
            _ => throw new UnreachableException($"Retry status {outcome.Status} has no answer."),
        };
    }
}
