using Azure.Monitor.OpenTelemetry.AspNetCore;
using InfoDisclosure.Workflow;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace InfoDisclosure.LocalHost.Observability;

/// <summary>
/// OpenTelemetry traces and the workflow's metrics: incoming HTTP, outgoing HTTP (portal), SMTP (MailKit), the Durable Task engine's and SDK's
/// orchestration and activity spans, and the workflow's own source. Exported to Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is
/// set, to an OTLP collector when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. the Aspire dashboard), otherwise nowhere.
/// </summary>
public static class Telemetry
{
    public static readonly string[] Sources =
        [WorkflowTelemetry.SourceName, "Microsoft.DurableTask", "DurableTask.Core", MailKit.Telemetry.SmtpClient.ActivitySourceName];

    public static void AddInfoDisclosureTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var azureMonitor = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 };
        var otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
        if (!azureMonitor && !otlp) return;

        MailKit.Telemetry.SmtpClient.Configure();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("InfoDisclosure.LocalHost"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Sources);
                // The Azure Monitor distro brings its own ASP.NET Core and HttpClient instrumentation.
                if (!azureMonitor) tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp) tracing.AddOtlpExporter();
            })
            // The alerts' metrics (stuck reports, failed notifications, failed instances: WorkflowTelemetry).
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WorkflowTelemetry.MeterName);
                if (otlp) metrics.AddOtlpExporter();
            });
        if (azureMonitor) telemetry.UseAzureMonitor();
    }
}
