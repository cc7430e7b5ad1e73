using InfoDisclosure.Workflow.Hosting;

namespace InfoDisclosure.Workflow;

/// <summary>Settings of the workflow, bound from configuration (names as in local.settings.sample.json).</summary>
public sealed class WorkflowOptions
{
    /// <summary>Api__Key: the value every /api call must send in the x-functions-key header.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>PublicBaseUrl: where the system is reachable from outside (links in e-mails, Location headers stay relative).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>TaskHubName (default <see cref="EngineSettings.DefaultTaskHubName"/>).</summary>
    public string TaskHubName { get; set; } = EngineSettings.DefaultTaskHubName;

    public static WorkflowOptions FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration) => new()
    {
        ApiKey = configuration["Api:Key"] ?? "",
        PublicBaseUrl = configuration["PublicBaseUrl"],
        TaskHubName = EngineSettings.TaskHubName(configuration),
    };
}
