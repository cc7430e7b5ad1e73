using InfoDisclosure.Workflow.Api;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Only when LocalHost:TestingTasks is true (the load benchmark and the versioning test set it; never a normal run):
/// <list type="bullet">
/// <item>a bare orchestration that waits for one external event, the engine's latency floor for the benchmark;</item>
/// <item>versioning probes: the orchestrator versions listed in LocalHost:VersioningProbes (e.g. "v1", then "v1,v2" to
/// play a deployment that added v2), new instances starting on the last one listed, as new reports start on the newest
/// ReportWorkflow;</item>
/// <item>endpoints under /testing (key required) to start them, raise their event and read any instance's durable status.</item>
/// <item>/testing/throw, a handler that fails, to show what any unexpected exception answers (problem details, no trace).</item>
/// </list>
/// None of this is part of the shared routes.
/// </summary>
public static class TestingMode
{
    public const string FloorOrchestrator = "Testing_WaitForOneEvent";
    public const string ProbeEvent = "Continue";
    public const string ThrowMessage = "Testing: a handler failed on purpose";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("LocalHost:TestingTasks", false);

    private static IReadOnlyList<string> ProbeVersions(IConfiguration configuration) =>
        (configuration["LocalHost:VersioningProbes"] ?? "v1").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ProbeName(string version) => $"VersioningProbe_{version}";

    public static void AddTestingTasks(this DurableTaskRegistry registry, IConfiguration configuration)
    {
        registry.AddOrchestratorFunc<string?, string>(FloorOrchestrator, (context, _) =>
            context.WaitForExternalEvent<string>(ProbeEvent));

        foreach (var version in ProbeVersions(configuration))
        {
            registry.AddOrchestratorFunc<string?, string>(ProbeName(version), version switch
            {
                // v1: one wait. v2 changed the sequence (a durable timer before the wait): replaying a v1 history with
                // v2's code would be non-deterministic, which is why v2 is a new name and v1 stays registered.
                "v1" => async (context, _) => "v1:" + await context.WaitForExternalEvent<string>(ProbeEvent),
                _ => async (context, _) =>
                {
                    await context.CreateTimer(TimeSpan.FromMilliseconds(10), CancellationToken.None);
                    return $"{version}:" + await context.WaitForExternalEvent<string>(ProbeEvent);
                },
            });
        }
    }

    public static void MapTestingEndpoints(this WebApplication app)
    {
        var testing = app.MapGroup("/testing").AddEndpointFilter(async (context, next) =>
            ApiKeyCheck.IsAuthorized(context.HttpContext.Request.Headers[ApiKeyCheck.HeaderName].ToString(), app.Configuration["Api:Key"] ?? "")
                ? await next(context)
                : Results.Unauthorized());

        testing.MapPost("/floor/{instanceId}", (string instanceId, DurableTaskClient durable) =>
            StartAsync(durable, FloorOrchestrator, instanceId));
        testing.MapPost("/versioning/{instanceId}", (string instanceId, DurableTaskClient durable) =>
            StartAsync(durable, ProbeName(ProbeVersions(app.Configuration)[^1]), instanceId));
        testing.MapPost("/instances/{instanceId}/event", async (string instanceId, HttpRequest request, DurableTaskClient durable) =>
        {
            await durable.RaiseEventAsync(instanceId, ProbeEvent, request.Query["value"].ToString());
            return Results.Accepted($"/testing/instances/{instanceId}");
        });
        testing.MapGet("/instances/{instanceId}", async (string instanceId, DurableTaskClient durable) =>
            await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { } instance
                ? Results.Json(new
                {
                    name = instance.Name,
                    runtimeStatus = instance.RuntimeStatus.ToString(),
                    customStatus = instance.SerializedCustomStatus,
                    output = instance.SerializedOutput,
                    failure = instance.FailureDetails?.ErrorMessage,
                })
                : Results.NotFound());
        testing.MapGet("/throw", IResult () =>
            throw new InvalidOperationException($"{ThrowMessage} (the request's headers must not appear in the answer)"));
    }

    private static async Task<IResult> StartAsync(DurableTaskClient durable, string orchestrator, string instanceId)
    {
        await durable.ScheduleNewOrchestrationInstanceAsync(orchestrator, new StartOrchestrationOptions(instanceId));
        return Results.Accepted($"/testing/instances/{instanceId}", new { instanceId, orchestrator });
    }
}
