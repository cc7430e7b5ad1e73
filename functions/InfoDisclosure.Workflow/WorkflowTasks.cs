using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review;

namespace InfoDisclosure.Workflow;

/// <summary>Every orchestrator and activity of the system by its registered name (both hosts register exactly these).</summary>
public static class WorkflowTasks
{
    /// <summary>The orchestrator new reports start on; older versions stay registered while instances still run them.</summary>
    public const string CurrentReportWorkflow = ReportWorkflowV3.Name;

    public static IReadOnlyList<(string Name, Type Type, bool IsOrchestrator)> All { get; } =
    [
        (ReportWorkflowV1.Name, typeof(ReportWorkflowV1), true),
        (ReportWorkflowV2.Name, typeof(ReportWorkflowV2), true),
        (ReportWorkflowV3.Name, typeof(ReportWorkflowV3), true),
        (RecordStage.Name, typeof(RecordStage), false),
        (RequestReview.Name, typeof(RequestReview), false),
        (SendStageReminder.Name, typeof(SendStageReminder), false),
        (NotifyDrafter.Name, typeof(NotifyDrafter), false),
        (StoreFinalArtifacts.Name, typeof(StoreFinalArtifacts), false),
        (DeliverReport.Name, typeof(DeliverReport), false),
        (PublishReport.Name, typeof(PublishReport), false),
        (ReadPublishingPolicy.Name, typeof(ReadPublishingPolicy), false),
        (NotifyPublishFailed.Name, typeof(NotifyPublishFailed), false),
        (ReadSendingPolicy.Name, typeof(ReadSendingPolicy), false),
        (RecordSendingState.Name, typeof(RecordSendingState), false),
        (EnterStage.Name, typeof(EnterStage), false),
        (DeliverAndRecord.Name, typeof(DeliverAndRecord), false),
        (RecordAndPublish.Name, typeof(RecordAndPublish), false),
    ];
}
