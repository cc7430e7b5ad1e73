using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>
/// Both hosts expose the same routes and run the same durable tasks: the Functions app's generated functions.metadata
/// (what the Functions host indexes) against <see cref="ApiRoutes.All"/> and <see cref="WorkflowTasks.All"/>, and the
/// running local host answering every shared route with the shared handler (the key check) rather than a routing 404/405.
/// </summary>
[Collection(Api.LocalHostApiCollection.Name)]
public sealed class RouteComparisonTests(LocalHostFixture host)
{
    /// <summary>The Functions host's rule for function names (Azure Functions host, FunctionNameValidationRegex); others are skipped at start.</summary>
    private static readonly Regex FunctionName = new(@"^[a-z][a-z0-9_\-]{0,127}$(?<!^host$)", RegexOptions.IgnoreCase);

    private sealed record Trigger(string Function, string Type, string? Method, string? Route);

    [Fact]
    public void Functions_http_triggers_are_exactly_the_shared_routes()
    {
        var prefix = RoutePrefix();
        var functions = Triggers().Where(t => t.Type == "httpTrigger")
            .Select(t => $"{t.Function} {t.Method!.ToUpperInvariant()} {Join(prefix, t.Route!)}")
            .Order().ToList();
        var shared = ApiRoutes.All.Select(r => $"{r.Name} {r.Method.ToUpperInvariant()} {r.Template}").Order().ToList();

        Assert.Equal(shared, functions);
    }

    [Fact]
    public void Functions_orchestration_and_activity_triggers_are_exactly_the_shared_tasks()
    {
        var functions = Triggers().Where(t => t.Type is "orchestrationTrigger" or "activityTrigger")
            .Select(t => $"{t.Function} {(t.Type == "orchestrationTrigger" ? "orchestrator" : "activity")}")
            .Order().ToList();
        var shared = WorkflowTasks.All.Select(t => $"{t.Name} {(t.IsOrchestrator ? "orchestrator" : "activity")}").Order().ToList();

        Assert.Equal(shared, functions);
    }

    [Fact]
    public void Every_function_name_is_one_the_Functions_host_accepts()
    {
        // In Durable Functions the orchestrator and activity names are the function names, so a task name the host
        // refuses (e.g. one with a dot) would never run in Azure even though the local host runs it fine.
        var refused = Triggers().Select(t => t.Function).Distinct()
            .Concat(WorkflowTasks.All.Select(t => t.Name))
            .Where(name => !FunctionName.IsMatch(name)).Distinct().ToList();

        Assert.True(refused.Count == 0,
            $"The Functions host refuses these names (letters, digits, '_' and '-' only, starting with a letter): {string.Join(", ", refused)}");
    }

    [Fact]
    public async Task Local_host_serves_every_shared_route_with_the_shared_handler()
    {
        var unmatched = new List<string>();
        foreach (var route in ApiRoutes.All)
        {
            var path = route.Template == ApiRoutes.HomeTemplate
                ? ""
                : Regex.Replace(route.Template, @"\{(\w+)[^}]*\}", m => m.Groups[1].Value == "year" ? "2024" : "route-probe");
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), "/" + path);
            using var response = await host.AnonymousClient.SendAsync(request);
            // Routing alone answers 404/405 with an empty body; the shared handlers answer with problem details
            // (the review pages with an HTML page).
            var handled = response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                || response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "text/html";
            if (!handled) unmatched.Add($"{route.Method} /{path} -> {(int)response.StatusCode}");
        }

        Assert.Empty(unmatched);
    }

    [Fact]
    public async Task Local_host_does_not_answer_a_route_that_is_not_shared()
    {
        using var response = await host.Client.GetAsync("/api/not-a-route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static IReadOnlyList<Trigger> Triggers()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(HostPaths.FunctionsOutputDirectory, "functions.metadata")));
        var triggers = new List<Trigger>();
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString()!;
                if (!type.EndsWith("Trigger", StringComparison.Ordinal)) continue;
                if (type == "httpTrigger")
                {
                    foreach (var method in binding.GetProperty("methods").EnumerateArray())
                        triggers.Add(new Trigger(name, type, method.GetString(), binding.GetProperty("route").GetString()));
                }
                else
                {
                    triggers.Add(new Trigger(name, type, null, null));
                }
            }
        }
        Assert.NotEmpty(triggers);
        return triggers;
    }

    /// <summary>host.json's extensions.http.routePrefix as the Functions host applies it (default "api").</summary>
    private static string RoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(HostPaths.FunctionsOutputDirectory, "host.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return hostJson.RootElement.TryGetProperty("extensions", out var extensions)
               && extensions.TryGetProperty("http", out var http)
               && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString() ?? ""
            : "api";
    }

    private static string Join(string prefix, string route) =>
        string.Join('/', new[] { prefix.Trim('/'), route.Trim('/') }.Where(part => part.Length > 0));
}
