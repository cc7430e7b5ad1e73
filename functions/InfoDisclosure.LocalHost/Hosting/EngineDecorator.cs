using DurableTask.Core;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// The engine passed through unchanged: the local host's wrappers of the Azure Storage backend (ParallelActivityFetch,
/// and CrashPlan in testing mode) override only the calls they change.
/// </summary>
public abstract class EngineDecorator(IOrchestrationService engine) : IOrchestrationService
{
    protected IOrchestrationService Engine { get; } = engine;

    public virtual Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Engine.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public virtual Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        Engine.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public virtual Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => Engine.AbandonTaskActivityWorkItemAsync(workItem);
    public virtual Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => Engine.RenewTaskActivityWorkItemLockAsync(workItem);
    public virtual Task StopAsync(bool isForced) => Engine.StopAsync(isForced);
    public virtual Task StopAsync() => Engine.StopAsync();
    public Task StartAsync() => Engine.StartAsync();
    public Task CreateAsync() => Engine.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => Engine.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => Engine.CreateIfNotExistsAsync();
    public Task DeleteAsync() => Engine.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => Engine.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => Engine.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => Engine.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => Engine.GetDelayInSecondsAfterOnFetchException(exception);
    public int TaskOrchestrationDispatcherCount => Engine.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => Engine.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => Engine.EventBehaviourForContinueAsNew;
    public int TaskActivityDispatcherCount => Engine.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => Engine.MaxConcurrentTaskActivityWorkItems;

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Engine.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Engine.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState) =>
        Engine.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages,
            continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Engine.AbandonTaskOrchestrationWorkItemAsync(workItem);
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Engine.ReleaseTaskOrchestrationWorkItemAsync(workItem);
}
