using InfoDisclosure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Functions;

/// <summary>Runs the shared handler of a route by name and hands its IResult to the Functions ASP.NET Core integration.</summary>
internal static class SharedHandler
{
    private static readonly IReadOnlyDictionary<string, ApiRoute> Routes = ApiRoutes.All.ToDictionary(route => route.Name);

    public static async Task<IActionResult> RunAsync(string routeName, HttpRequest request, DurableTaskClient durable, params (string Name, string Value)[] routeValues)
    {
        var values = routeValues.ToDictionary(value => value.Name, value => value.Value, StringComparer.OrdinalIgnoreCase);
        var result = await Routes[routeName].Handler(request.HttpContext, durable, values);
        return new ResultAdapter(result);
    }

    private sealed class ResultAdapter(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
