using System.Globalization;
using InfoDisclosure.Workflow;
using InfoDisclosure.Workflow.Dev;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Maps every production route (<see cref="ApiRoutes.All"/>) to its shared handler, exactly as the Functions app does,
/// and the development routes this host runs (<see cref="DevRoutes.Active"/>), which the Functions app never has.
/// </summary>
public static class HostRoutes
{
    public static void MapInfoDisclosureRoutes(this WebApplication app)
    {
        foreach (var route in ApiRoutes.All.Concat(DevRoutes.Active(app.Services)))
        {
            app.MapMethods("/" + route.Template, [route.Method], (HttpContext http, DurableTaskClient durable) =>
                    route.Handler(http, durable, RouteValuesOf(http)))
                .WithName(route.Name);
        }
    }

    private static IReadOnlyDictionary<string, string> RouteValuesOf(HttpContext http) =>
        http.Request.RouteValues.ToDictionary(
            value => value.Key,
            value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "",
            StringComparer.OrdinalIgnoreCase);
}
