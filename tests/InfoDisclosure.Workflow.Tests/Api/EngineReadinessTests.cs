using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Grpc.Net.Client;
using InfoDisclosure.Workflow.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Tests.Api;

/// <summary>
/// An API call that arrives before the engine accepts connections (the local host on a busy machine) gets 503 with
/// Retry-After, and the handler does not run; the Durable Task client is the real gRPC client, its sidecar not listening.
/// </summary>
public sealed class EngineReadinessTests
{
    [Fact]
    public async Task Before_the_engine_answers_an_api_call_gets_503_with_Retry_After_and_nothing_runs()
    {
        using var nobodyListens = GrpcChannel.ForAddress($"http://127.0.0.1:{ClosedPort()}");
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<EngineReadiness>()
            .AddSingleton(Options.Create(new WorkflowOptions { ApiKey = "key" }));
        // Nothing else is registered: a handler that ran would fail to find its stores.
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(nobodyListens);
            client.RegisterDirectly();
        });
        await using var provider = services.BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = provider };
        http.Request.Headers["x-functions-key"] = "key";
        http.Response.Body = new MemoryStream();
        var create = ApiRoutes.All.Single(route => route.Name == "Reports_Create");

        var result = await create.Handler(http, provider.GetRequiredService<DurableTaskClient>(), new Dictionary<string, string>());
        await result.ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.True(int.TryParse(http.Response.Headers.RetryAfter.ToString(), out var seconds) && seconds > 0);
        http.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Contains("engine", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
