using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

public sealed record ReportWorkflowInput(string AgencyId, int Year);

/// <summary>The report's life: draft, the 三审三校 rounds, 报送, publication. Registered as "ReportWorkflow.v1".</summary>
public sealed class ReportWorkflowV1 : TaskOrchestrator<ReportWorkflowInput, string>
{
    public const string Name = "ReportWorkflow.v1";

    public override Task<string> RunAsync(TaskOrchestrationContext context, ReportWorkflowInput input) =>
        Task.FromResult("Draft");
}
