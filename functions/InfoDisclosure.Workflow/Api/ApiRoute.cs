using InfoDisclosure.Workflow.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow;

/// <summary>
/// One HTTP endpoint shared by both hosts. <paramref name="Template"/> has no leading slash, e.g. "api/reports/{agencyId}/{year}".
/// <paramref name="Access"/> says who may call it; <see cref="Handler"/> is <paramref name="Endpoint"/> behind the access
/// gate, and is what both hosts run.
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, Access.Access Access, ApiHandler Endpoint)
{
    /// <summary>The endpoint behind <see cref="AccessGate"/>: no host can map a route without its access check.</summary>
    public ApiHandler Handler { get; } = AccessGate.Guard(Template, Access, Endpoint);
}

/// <summary>
/// An endpoint's logic. Route values are passed explicitly (the Functions host gets them as trigger parameters,
/// the local host from its route match), so handlers never read HttpRequest.RouteValues.
/// </summary>
public delegate Task<IResult> ApiHandler(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> routeValues);
