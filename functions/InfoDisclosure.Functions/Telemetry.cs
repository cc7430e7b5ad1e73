using Azure.Monitor.OpenTelemetry.Exporter;
using InfoDisclosure.Workflow;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace InfoDisclosure.Functions;

/// <summary>
/// OpenTelemetry in the worker, traces and the workflow's metrics: the Functions invocation spans, the Durable Task SDK's orchestration and activity spans,
/// outgoing HTTP (portal), SMTP (MailKit) and the workflow's own source, exported to Application Insights when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set (host.json sets "telemetryMode": "OpenTelemetry" so the host exports its
/// spans the same way).
/// </summary>
public static class Telemetry
{
    public static void AddInfoDisclosureTelemetry(this FunctionsApplicationBuilder builder)
    {
        if (builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is not { Length: > 0 }) return;
        MailKit.Telemetry.SmtpClient.Configure();
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddSource(WorkflowTelemetry.SourceName, "Microsoft.DurableTask", MailKit.Telemetry.SmtpClient.ActivitySourceName)
                .AddHttpClientInstrumentation())
            // The alerts' metrics (stuck reports, failed notifications, failed instances), exported as customMetrics.
            .WithMetrics(metrics => metrics.AddMeter(WorkflowTelemetry.MeterName))
            .UseAzureMonitorExporter();
    }
}
