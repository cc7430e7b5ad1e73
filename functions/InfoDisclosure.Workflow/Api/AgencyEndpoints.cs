using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

/// <summary>POST/GET /api/agencies, GET/PUT /api/agencies/{agencyId}. GET answers carry the ETag; PUT honours If-Match.</summary>
public static class AgencyEndpoints
{
    public static async Task<IResult> CreateAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (body, problem) = await HttpInputs.ReadJsonAsync<Agency>(http);
        if (problem is not null) return problem;
        var agency = Normalize(body!);
        var errors = AgencyValidator.Validate(agency);
        if (agency.Portal?.Endpoint is { Length: > 0 } endpoint && !errors.ContainsKey("$.portal.endpoint") && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            && http.RequestServices.GetRequiredService<Publishing.OutboundAddresses>().Refusal(uri) is { } refused)
        {
            errors["$.portal.endpoint"] = [refused];
        }
        if (errors.Count > 0) return Problems.Fields(errors);

        var store = http.RequestServices.GetRequiredService<AgencyStore>();
        var created = await store.CreateAsync(agency, http.RequestAborted);
        if (created is null) return Problems.Conflict($"An agency with the id '{agency.Id}' exists already.", "agency-exists");
        await AuditAsync(http, agency.Id, "agency-created");
        http.Response.Headers.ETag = created.ETag;
        return Results.Json(agency, WorkflowJson.Options, statusCode: StatusCodes.Status201Created)
            .WithLocation($"/api/agencies/{agency.Id}");
    }

    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var agencies = await http.RequestServices.GetRequiredService<AgencyStore>().ListAsync(http.RequestAborted);
        return Results.Json(agencies, WorkflowJson.Options);
    }

    public static async Task<IResult> GetAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryAgencyId(route, out var id, out var problem)) return problem!;
        var stored = await http.RequestServices.GetRequiredService<AgencyStore>().GetAsync(id, http.RequestAborted);
        if (stored is null) return Problems.NotFound($"There is no agency '{id}'.");
        http.Response.Headers.ETag = stored.ETag;
        return Results.Json(stored.Agency, WorkflowJson.Options);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryAgencyId(route, out var id, out var problem)) return problem!;
        var (body, bodyProblem) = await HttpInputs.ReadJsonAsync<Agency>(http);
        if (bodyProblem is not null) return bodyProblem;
        var agency = Normalize(body!);
        if (agency.Id.Length == 0) agency = agency with { Id = id };
        if (agency.Id != id) return Problems.Field("$.id", $"The id in the body ('{agency.Id}') differs from the one in the URL ('{id}'); ids cannot change.", StatusCodes.Status422UnprocessableEntity);
        var errors = AgencyValidator.Validate(agency);
        if (agency.Portal?.Endpoint is { Length: > 0 } endpoint && !errors.ContainsKey("$.portal.endpoint") && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            && http.RequestServices.GetRequiredService<Publishing.OutboundAddresses>().Refusal(uri) is { } refused)
        {
            errors["$.portal.endpoint"] = [refused];
        }
        if (errors.Count > 0) return Problems.Fields(errors);

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        var (result, etag) = await http.RequestServices.GetRequiredService<AgencyStore>()
            .UpdateAsync(agency, ifMatch.Length > 0 && ifMatch != "*" ? ifMatch : null, http.RequestAborted);
        switch (result)
        {
            case AgencyUpdate.NotFound:
                return Problems.NotFound($"There is no agency '{id}'; create it with POST /api/agencies.");
            case AgencyUpdate.PreconditionFailed:
                return Results.Problem(title: "Precondition failed", statusCode: StatusCodes.Status412PreconditionFailed,
                    detail: "The agency was changed by someone else since you read it; GET it again and reapply your change.");
        }
        await AuditAsync(http, id, "agency-updated");
        if (etag is not null) http.Response.Headers.ETag = etag;
        return Results.Json(agency, WorkflowJson.Options);
    }

    private static Agency Normalize(Agency agency) => agency with
    {
        Id = agency.Id?.Trim() ?? "",
        Name = agency.Name?.Trim() ?? "",
        Kind = agency.Kind?.Trim().ToLowerInvariant() ?? "",
        SupervisingOfficeEmail = agency.SupervisingOfficeEmail?.Trim() ?? "",
        ReviewChain = DefaultReviewChain.Normalize(agency.ReviewChain ?? []),
        Portal = agency.Portal ?? new PortalSettings(),
        InternalDeadlines = agency.InternalDeadlines ?? new InternalDeadlines(),
        StageReminders = agency.StageReminders ?? new StageReminderSettings(),
    };

    private static Task AuditAsync(HttpContext http, string agencyId, string action)
    {
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        return http.RequestServices.GetRequiredService<AuditLog>().AppendAsync(AuditLog.AgencyKey(agencyId),
            new AuditEntry(time.GetUtcNow(), HttpInputs.Actor(http), action, null, HttpInputs.AuditAddress(http)), CancellationToken.None);
    }
}

internal static class ResultExtensions
{
    /// <summary>Sets the Location header on any result (Results.Json has no Location overload).</summary>
    public static IResult WithLocation(this IResult result, string location) => new LocatedResult(result, location);

    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
