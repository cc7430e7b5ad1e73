using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>POST /api/reports/{agencyId}/{year}/publish: retries a publication that ended PublishFailed.</summary>
public static class PublishEndpoints
{
    public static async Task<IResult> RetryAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return problem!;
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var entry = await services.GetRequiredService<ReportIndex>().GetAsync(agencyId, year, ct);
        if (entry is null) return Problems.NotFound($"There is no report of {agencyId} for {year}.");
        if (entry.Stage != ReportStages.PublishFailed)
        {
            return Problems.Conflict(
                $"Only a report whose publication failed can be published again; this one is {entry.Stage}.", "not-publish-failed",
                new Dictionary<string, object?> { ["stage"] = entry.Stage });
        }
        var version = entry.SubmittedVersion ?? entry.CurrentVersion;
        var publication = await services.GetRequiredService<PublicationStore>().GetAsync(agencyId, year, version, ct);
        var instance = await durable.GetInstanceAsync(entry.Key, getInputsAndOutputs: false, ct);
        if (publication is not { FailedCycles: > 0 } || instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running })
        {
            return Problems.Conflict("The failed publication is still being recorded; try again in a moment.", "not-ready");
        }

        // The orchestration waits for the retry of the next cycle only; a second POST raises the same, already-consumed
        // name and changes nothing.
        var attempt = publication.FailedCycles + 1;
        var actor = HttpInputs.Actor(http);
        await durable.RaiseEventAsync(entry.Key, WorkflowEvents.RetryPublish(attempt), new PublishRetry(actor), CancellationToken.None);
        await services.GetRequiredService<AuditLog>().AppendAsync(entry.Key,
            new AuditEntry(services.GetRequiredService<TimeProvider>().GetUtcNow(), actor, "publish-retry-requested",
                $"cycle {attempt}, key {publication.IdempotencyKey}", HttpInputs.AuditAddress(http), entry.Round, null, version),
            CancellationToken.None);
        return Results.Json(new { stage = ReportStages.PublishFailed, retry = attempt, idempotencyKey = publication.IdempotencyKey },
            WorkflowJson.Options, statusCode: StatusCodes.Status202Accepted).WithLocation($"/api/reports/{agencyId}/{year}");
    }
}
