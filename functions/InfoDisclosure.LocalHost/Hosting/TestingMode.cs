using System.Globalization;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Deadlines;
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
/// <item>endpoints under /testing (key required) to start them, raise their event and read any instance's durable status;</item>
/// <item>the clock (<see cref="TestingClock"/>): POST /testing/clock?to=… moves it forward, and POST /testing/deadlines/run
/// runs the deadline jobs at once and answers what they did, so a test knows a run has happened after the move.</item>
/// <item>the cost profile of the load benchmark (<see cref="CostProfile"/>): GET /testing/profile, POST /testing/profile/reset;</item>
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

    /// <summary>The load benchmark's cost profile (<see cref="CostProfile"/>): spans, storage requests and the engine's message log.</summary>
    public static void AddCostProfile(this WebApplicationBuilder builder, string storageConnection)
    {
        var profile = new CostProfile(storageConnection);
        builder.Services.AddSingleton(profile);
        builder.Logging.AddProvider(new CostProfileLoggerProvider(profile));
        builder.Logging.AddFilter<CostProfileLoggerProvider>(null, LogLevel.None);
        builder.Logging.AddFilter<CostProfileLoggerProvider>(CostProfileLoggerProvider.EngineCategory, LogLevel.Information);
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
        // Every instance whose id starts with the prefix, in one query: the load benchmark watches hundreds of instances
        // without loading the storage it measures with a read per instance per poll.
        testing.MapGet("/instances", async (string prefix, DurableTaskClient durable, CancellationToken ct) =>
        {
            var statuses = new List<object>();
            await foreach (var instance in durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, FetchInputsAndOutputs = true, PageSize = 1000 }).WithCancellation(ct))
            {
                statuses.Add(new { instanceId = instance.InstanceId, runtimeStatus = instance.RuntimeStatus.ToString(), customStatus = instance.SerializedCustomStatus });
            }
            return Results.Json(statuses);
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

        testing.MapPost("/clock", (string? to, TestingClock clock) =>
        {
            if (!DateTimeOffset.TryParseExact(to, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "to: an instant with its offset is required, like 2027-01-01T00:00:05+08:00.");
            }
            return clock.TryAdvanceTo(instant)
                ? Results.Ok(new { now = clock.GetUtcNow() })
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The clock already reads {clock.GetUtcNow():O}; it only moves forward.");
        });
        testing.MapPost("/deadlines/run", async (DeadlineJobs jobs, DurableTaskClient durable, CancellationToken ct) =>
        {
            var (rollOver, reminders) = await jobs.RunAsync(durable, ct);
            return Results.Ok(new { rollOver, reminders });
        });
        testing.MapGet("/profile", (CostProfile profile) => Results.Json(profile.Snapshot()));
        testing.MapPost("/profile/reset", (CostProfile profile) =>
        {
            profile.Reset();
            return Results.NoContent();
        });
        testing.MapGet("/throw", IResult () =>
            throw new InvalidOperationException($"{ThrowMessage} (the request's headers must not appear in the answer)"));
    }

    private static async Task<IResult> StartAsync(DurableTaskClient durable, string orchestrator, string instanceId)
    {
        await durable.ScheduleNewOrchestrationInstanceAsync(orchestrator, new StartOrchestrationOptions(instanceId));
        return Results.Accepted($"/testing/instances/{instanceId}", new { instanceId, orchestrator });
    }
}
