using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow;

/// <summary>One HTTP endpoint shared by both hosts. <paramref name="Template"/> has no leading slash, e.g. "api/reports/{agencyId}/{year}".</summary>
public sealed record ApiRoute(string Name, string Method, string Template, ApiHandler Handler);

/// <summary>
/// An endpoint's logic. Route values are passed explicitly (the Functions host gets them as trigger parameters,
/// the local host from its route match), so handlers never read HttpRequest.RouteValues.
/// </summary>
public delegate Task<IResult> ApiHandler(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> routeValues);
