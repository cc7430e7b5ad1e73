using System.Diagnostics;

namespace InfoDisclosure.Workflow;

/// <summary>
/// The workflow's own trace source. Both hosts export it (with the Durable Task SDK's spans for orchestrations and
/// activities, HttpClient spans for portal calls and MailKit's SMTP spans) to Azure Monitor when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set; start a span here for work none of those cover.
/// </summary>
public static class WorkflowTelemetry
{
    public const string SourceName = "InfoDisclosure";

    public static readonly ActivitySource Source = new(SourceName);
}
