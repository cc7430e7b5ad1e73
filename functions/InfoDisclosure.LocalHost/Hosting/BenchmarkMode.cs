using InfoDisclosure.Workflow.Api;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Only when LocalHost:BenchmarkTasks is true (the load benchmark sets it): a bare orchestration that waits for one
/// external event, the engine's latency floor, and endpoints to drive it and to read any instance's durable status.
/// Never on in a normal run; not part of the shared routes.
/// </summary>
public static class BenchmarkMode
{
    public const string FloorOrchestrator = "Benchmark_WaitForOneEvent";
    public const string FloorEvent = "Go";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("LocalHost:BenchmarkTasks", false);

    public static void AddBenchmarkTasks(this DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<string?, string>(FloorOrchestrator, async (context, _) =>
        {
            context.SetCustomStatus("waiting");
            return await context.WaitForExternalEvent<string>(FloorEvent);
        });

    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        var bench = app.MapGroup("/bench").AddEndpointFilter(async (context, next) =>
            ApiKeyCheck.IsAuthorized(context.HttpContext.Request.Headers[ApiKeyCheck.HeaderName].ToString(), app.Configuration["Api:Key"] ?? "")
                ? await next(context)
                : Results.Unauthorized());

        bench.MapPost("/floor/{instanceId}", async (string instanceId, DurableTaskClient durable) =>
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(FloorOrchestrator, new StartOrchestrationOptions(instanceId));
            return Results.Accepted($"/bench/instances/{instanceId}");
        });
        bench.MapPost("/floor/{instanceId}/event", async (string instanceId, DurableTaskClient durable) =>
        {
            await durable.RaiseEventAsync(instanceId, FloorEvent, "go");
            return Results.Accepted($"/bench/instances/{instanceId}");
        });
        bench.MapGet("/instances/{instanceId}", async (string instanceId, DurableTaskClient durable) =>
            await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { } instance
                ? Results.Json(new { runtimeStatus = instance.RuntimeStatus.ToString(), customStatus = instance.SerializedCustomStatus })
                : Results.NotFound());
    }
}
