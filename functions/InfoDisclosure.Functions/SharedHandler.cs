using System.Globalization;
using System.Text.RegularExpressions;
using InfoDisclosure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Functions;

/// <summary>
/// Runs the shared handler of the route named like the invoked function, and hands its IResult to the Functions
/// ASP.NET Core integration. The route values are the template's parameters as the Functions host bound them (the
/// binding data the worker binds trigger parameters from).
/// </summary>
internal static partial class SharedHandler
{
    private static readonly IReadOnlyDictionary<string, (ApiRoute Route, string[] Parameters)> Routes =
        ApiRoutes.All.ToDictionary(route => route.Name, route => (route, TemplateParameter().Matches(route.Template).Select(m => m.Groups[1].Value).ToArray()));

    public static async Task<IActionResult> RunAsync(FunctionContext context, HttpRequest request, DurableTaskClient durable)
    {
        var (route, parameters) = Routes[context.FunctionDefinition.Name];
        var bound = context.BindingContext.BindingData;
        var values = parameters.ToDictionary(
            name => name,
            name => bound.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : "",
            StringComparer.OrdinalIgnoreCase);
        var result = await route.Handler(request.HttpContext, durable, values);
        return new ResultAdapter(result);
    }

    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex TemplateParameter();

    private sealed class ResultAdapter(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
