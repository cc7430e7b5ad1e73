using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.People;

/// <summary>GET /api/people, GET/PUT/DELETE /api/people/{email} (admin): the stored people and their roles, as JSON.</summary>
public static class PeopleEndpoints
{
    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        Results.Json(await Service(http).ListAsync(http.RequestAborted), WorkflowJson.Options);

    public static async Task<IResult> GetAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var email = Email(route);
        var person = await Service(http).GetAsync(email, http.RequestAborted);
        return person is null ? Problems.NotFound($"No person is stored for '{email}'.") : Results.Json(person, WorkflowJson.Options);
    }

    public static async Task<IResult> PutAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (body, problem) = await HttpInputs.ReadJsonAsync<PersonRequest>(http);
        if (problem is not null) return problem;
        var outcome = await Service(http).SaveAsync(Email(route), body!, HttpInputs.Actor(http), HttpInputs.AuditAddress(http), http.RequestAborted);
        return outcome.Status switch
        {
            PersonSaveStatus.Invalid => Problems.Fields(outcome.Errors!, outcome.Errors!.ContainsKey("email") ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity),
            PersonSaveStatus.Created => Results.Json(outcome.Person, WorkflowJson.Options, statusCode: StatusCodes.Status201Created),
            _ => Results.Json(outcome.Person, WorkflowJson.Options),
        };
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var email = Email(route);
        return await Service(http).RemoveAsync(email, HttpInputs.Actor(http), HttpInputs.AuditAddress(http), http.RequestAborted)
            ? Results.NoContent()
            : Problems.NotFound($"No person is stored for '{email}'.");
    }

    private static string Email(IReadOnlyDictionary<string, string> route) =>
        route.TryGetValue("email", out var email) ? Uri.UnescapeDataString(email).Trim() : "";

    private static PeopleService Service(HttpContext http) => http.RequestServices.GetRequiredService<PeopleService>();
}
