using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Review;

/// <summary>Raising an event on a missing or finished instance fails: callers ask first and change nothing when it does not run.</summary>
public static class WorkflowInstances
{
    /// <summary>Why the instance takes no events, or null while it is running or pending.</summary>
    public static async Task<string?> NotRunningReasonAsync(DurableTaskClient durable, string instanceId, CancellationToken ct)
    {
        var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct);
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending }) return null;
        return instance is null
            ? "The report's workflow is not running; create the report again with POST /api/reports."
            : $"The report's workflow is {instance.RuntimeStatus}; it accepts no more events.";
    }
}
