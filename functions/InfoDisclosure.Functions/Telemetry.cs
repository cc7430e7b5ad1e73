using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace InfoDisclosure.Functions;

/// <summary>
/// OpenTelemetry in the worker: the Functions invocation spans, outgoing HTTP (portal), and the workflow's own
/// "InfoDisclosure" source (activities, SMTP), exported to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING
/// is set (host.json sets "telemetryMode": "OpenTelemetry" so the host exports its spans the same way).
/// </summary>
public static class Telemetry
{
    public static void AddInfoDisclosureTelemetry(this FunctionsApplicationBuilder builder)
    {
        if (builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is not { Length: > 0 }) return;
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddSource("InfoDisclosure", "Microsoft.DurableTask")
                .AddHttpClientInstrumentation())
            .UseAzureMonitorExporter();
    }
}
