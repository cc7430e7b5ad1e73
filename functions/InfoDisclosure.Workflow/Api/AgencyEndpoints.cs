using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Api;

/// <summary>POST/GET /api/agencies, GET/PUT /api/agencies/{agencyId}.</summary>
public static class AgencyEndpoints
{
    public static Task<IResult> CreateAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> GetAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> UpdateAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();

    private static Task<IResult> NotYet() => Task.FromResult(Results.Problem(statusCode: StatusCodes.Status501NotImplemented));
}
