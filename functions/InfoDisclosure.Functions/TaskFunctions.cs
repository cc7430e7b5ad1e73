using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Functions;

/// <summary>
/// The orchestration and activity triggers: one per entry of WorkflowTasks.All, under the same name, each running the
/// shared class through its typed RunAsync (so a changed input or output type breaks this build, not a running review).
/// The local host registers the same classes with AddInfoDisclosureTasks; a test compares the names with WorkflowTasks.All.
/// </summary>
public sealed class TaskFunctions
{
    [Function(ReportWorkflowV1.Name)]
    public Task<ReportOutcome> RunReportWorkflowV1([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReportWorkflowV1().RunAsync(context, context.GetInput<ReportWorkflowInput>()!);

    [Function(ReportWorkflowV2.Name)]
    public Task<ReportOutcome> RunReportWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReportWorkflowV2().RunAsync(context, context.GetInput<ReportWorkflowInput>()!);

    [Function(ReportWorkflowV3.Name)]
    public Task<ReportOutcome> RunReportWorkflowV3([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReportWorkflowV3().RunAsync(context, context.GetInput<ReportWorkflowInput>()!);

    [Function(RecordStage.Name)]
    public Task<string> RunRecordStage([ActivityTrigger] StageChange input, FunctionContext function) =>
        Activity<RecordStage>(function).RunAsync(Context(RecordStage.Name, function), input);

    [Function(RequestReview.Name)]
    public Task<string> RunRequestReview([ActivityTrigger] ReviewRequest input, FunctionContext function) =>
        Activity<RequestReview>(function).RunAsync(Context(RequestReview.Name, function), input);

    [Function(SendStageReminder.Name)]
    public Task<string> RunSendStageReminder([ActivityTrigger] StageReminder input, FunctionContext function) =>
        Activity<SendStageReminder>(function).RunAsync(Context(SendStageReminder.Name, function), input);

    [Function(NotifyDrafter.Name)]
    public Task<string> RunNotifyDrafter([ActivityTrigger] DrafterNotice input, FunctionContext function) =>
        Activity<NotifyDrafter>(function).RunAsync(Context(NotifyDrafter.Name, function), input);

    [Function(StoreFinalArtifacts.Name)]
    public Task<FinalArtifacts> RunStoreFinalArtifacts([ActivityTrigger] FinalArtifactsRequest input, FunctionContext function) =>
        Activity<StoreFinalArtifacts>(function).RunAsync(Context(StoreFinalArtifacts.Name, function), input);

    [Function(DeliverReport.Name)]
    public Task<DeliveryReceipt> RunDeliverReport([ActivityTrigger] DeliveryRequest input, FunctionContext function) =>
        Activity<DeliverReport>(function).RunAsync(Context(DeliverReport.Name, function), input);

    [Function(PublishReport.Name)]
    public Task<Publication> RunPublishReport([ActivityTrigger] PublicationRequest input, FunctionContext function) =>
        Activity<PublishReport>(function).RunAsync(Context(PublishReport.Name, function), input);

    [Function(ReadPublishingPolicy.Name)]
    public Task<PublishingPolicy> RunReadPublishingPolicy([ActivityTrigger] string? input, FunctionContext function) =>
        Activity<ReadPublishingPolicy>(function).RunAsync(Context(ReadPublishingPolicy.Name, function), input);

    [Function(NotifyPublishFailed.Name)]
    public Task<string> RunNotifyPublishFailed([ActivityTrigger] PublishFailure input, FunctionContext function) =>
        Activity<NotifyPublishFailed>(function).RunAsync(Context(NotifyPublishFailed.Name, function), input);

    [Function(ReadSendingPolicy.Name)]
    public Task<SendingPolicy> RunReadSendingPolicy([ActivityTrigger] string? input, FunctionContext function) =>
        Activity<ReadSendingPolicy>(function).RunAsync(Context(ReadSendingPolicy.Name, function), input);

    [Function(RecordSendingState.Name)]
    public Task<bool> RunRecordSendingState([ActivityTrigger] SendingState input, FunctionContext function) =>
        Activity<RecordSendingState>(function).RunAsync(Context(RecordSendingState.Name, function), input);

    [Function(EnterStage.Name)]
    public Task<SendAttempt> RunEnterStage([ActivityTrigger] StageStep input, FunctionContext function) =>
        Activity<EnterStage>(function).RunAsync(Context(EnterStage.Name, function), input);

    [Function(DeliverAndRecord.Name)]
    public Task<DeliveryDone> RunDeliverAndRecord([ActivityTrigger] DeliveryStep input, FunctionContext function) =>
        Activity<DeliverAndRecord>(function).RunAsync(Context(DeliverAndRecord.Name, function), input);

    [Function(RecordAndPublish.Name)]
    public Task<PublishAttempt> RunRecordAndPublish([ActivityTrigger] PublishStep input, FunctionContext function) =>
        Activity<RecordAndPublish>(function).RunAsync(Context(RecordAndPublish.Name, function), input);

    /// <summary>The activity class with its dependencies from the worker's container, as the local host's worker creates it.</summary>
    private static T Activity<T>(FunctionContext function) where T : ITaskActivity =>
        ActivatorUtilities.CreateInstance<T>(function.InstanceServices);

    private static TaskActivityContext Context(string name, FunctionContext function) =>
        new FunctionsActivityContext(name,
            function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? Convert.ToString(id) ?? "" : "");

    private sealed class FunctionsActivityContext(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;
        public override string InstanceId { get; } = instanceId;
    }
}
