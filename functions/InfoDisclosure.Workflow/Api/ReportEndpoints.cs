using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Api;

/// <summary>The /api/reports routes.</summary>
public static class ReportEndpoints
{
    public static Task<IResult> CreateAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> GetAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> SaveDraftAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> DecideAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> PreviewAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();
    public static Task<IResult> ExportDocxAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) => NotYet();

    private static Task<IResult> NotYet() => Task.FromResult(Results.Problem(statusCode: StatusCodes.Status501NotImplemented));
}
