using System.Diagnostics;
using System.Diagnostics.Metrics;
using InfoDisclosure.Workflow.Monitoring;

namespace InfoDisclosure.Workflow;

/// <summary>
/// The workflow's own trace source and meter. Both hosts export them (with the Durable Task SDK's spans for orchestrations
/// and activities, HttpClient spans for portal calls and MailKit's SMTP spans) to Azure Monitor when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set; start a span here for work none of those cover.
/// The metrics are what the alert rules of infra/core/monitor/alerts.bicep watch (docs/deploy-and-monitor.md).
/// </summary>
public static class WorkflowTelemetry
{
    public const string SourceName = "InfoDisclosure";
    public const string MeterName = "InfoDisclosure";

    /// <summary>Reports whose stage has not changed for longer than Alerts:StuckAfter, tagged by stage.</summary>
    public const string StuckReportsMetric = "infodisclosure.reports.stuck";

    /// <summary>Orchestration instances in the Failed state.</summary>
    public const string FailedInstancesMetric = "infodisclosure.instances.failed";

    /// <summary>Attempts to send an e-mail or a 报送 that failed and are being retried, tagged by kind.</summary>
    public const string NotificationsFailingMetric = "infodisclosure.notifications.failing";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> NotificationsFailing = Meter.CreateCounter<long>(
        NotificationsFailingMetric, unit: "{attempt}", description: "E-mail or 报送 attempts that failed and are being retried.");

    // The gauges read the last health snapshot: an observable callback must not query storage.
    private static volatile WorkflowHealth _health = WorkflowHealth.Unknown;

    static WorkflowTelemetry()
    {
        Meter.CreateObservableGauge(StuckReportsMetric, () => _health.StuckByStage
                .Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("stage", s.Key))),
            unit: "{report}", description: "Reports whose stage has not changed for longer than Alerts:StuckAfter.");
        Meter.CreateObservableGauge(FailedInstancesMetric, () => _health.FailedInstances is { } failed
                ? [new Measurement<long>(failed)]
                : Array.Empty<Measurement<long>>(),
            unit: "{instance}", description: "Orchestration instances in the Failed state.");
    }

    /// <summary>
    /// Call where "NotificationFailing" is logged: an e-mail or 报送 that failed and will be retried. <paramref name="kind"/>
    /// names what was being sent (e.g. reviewRequested, delivery), so the alert says which channel is down.
    /// </summary>
    public static void NotificationFailing(string kind) =>
        NotificationsFailing.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>The snapshot the gauges report from now on (<see cref="WorkflowHealthProbe"/> refreshes it).</summary>
    public static void Report(WorkflowHealth health) => _health = health;

    public static WorkflowHealth LastHealth => _health;
}
