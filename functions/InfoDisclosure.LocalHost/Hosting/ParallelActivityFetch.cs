using System.Threading.Channels;
using DurableTask.Core;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// The engine as the sidecar's dispatchers see it, with activity work items fetched by several loops at once.
/// <para>
/// Why: the sidecar's activity dispatcher fetches one work item at a time, and the Azure Storage backend takes one
/// message per queue request, so activities start at most once per storage round trip: some 12 a second when Azurite
/// answers in 80 ms under load, whatever MaxConcurrentActivities says (the load benchmark measured work items waiting
/// 6 s in the queue while activities ran in 0.3 s). The Functions host's dispatcher fetches in parallel already.
/// </para>
/// <para>
/// A fetch loop first takes one of MaxConcurrentActivities slots and gives it back when the work item is completed or
/// abandoned, so no more items are taken from the queue than can run: none waits here while its lock (the work-item
/// visibility timeout) runs out. At stop, the items not handed out yet are abandoned, so they run again at once after
/// a restart instead of after their lock.
/// </para>
/// Everything else goes to the Azure Storage backend unchanged.
/// </summary>
public sealed class ParallelActivityFetch : IOrchestrationService
{
    /// <summary>Fetch loops: enough to keep up with a slow emulator, few enough to leave the queue to other hosts.</summary>
    public const int Loops = 8;

    private readonly IOrchestrationService _engine;
    private readonly SemaphoreSlim _slots;
    private readonly Channel<TaskActivityWorkItem> _fetched = Channel.CreateUnbounded<TaskActivityWorkItem>();
    private readonly object _gate = new();
    private CancellationTokenSource? _stop;
    private Task[] _loops = [];

    public ParallelActivityFetch(IOrchestrationService engine)
    {
        _engine = engine;
        _slots = new SemaphoreSlim(engine.MaxConcurrentTaskActivityWorkItems);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stop is null)
            {
                _stop = new CancellationTokenSource();
                var stop = _stop.Token;
                _loops = Enumerable.Range(0, Loops).Select(_ => Task.Run(() => FetchLoopAsync(stop), CancellationToken.None)).ToArray();
            }
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (receiveTimeout != Timeout.InfiniteTimeSpan) timeout.CancelAfter(receiveTimeout);
        try
        {
            return await _fetched.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null!;
        }
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        try
        {
            await _engine.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await _engine.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task StopAsync(bool isForced)
    {
        Task[] loops;
        lock (_gate)
        {
            _stop?.Cancel();
            loops = _loops;
        }
        await Task.WhenAll(loops);
        while (_fetched.Reader.TryRead(out var unstarted)) await AbandonTaskActivityWorkItemAsync(unstarted);
        await _engine.StopAsync(isForced);
    }

    public Task StopAsync() => StopAsync(false);

    private async Task FetchLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            TaskActivityWorkItem? item = null;
            try
            {
                item = await _engine.LockNextTaskActivityWorkItem(Timeout.InfiniteTimeSpan, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _slots.Release();
                await DelayAsync(TimeSpan.FromSeconds(_engine.GetDelayInSecondsAfterOnFetchException(e)), stop);
                continue;
            }
            catch (OperationCanceledException)
            {
                _slots.Release();
                return;
            }
            if (item is null)
            {
                _slots.Release();
                continue;
            }
            await _fetched.Writer.WriteAsync(item, CancellationToken.None);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public int TaskOrchestrationDispatcherCount => _engine.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => _engine.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => _engine.EventBehaviourForContinueAsNew;
    public int TaskActivityDispatcherCount => _engine.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => _engine.MaxConcurrentTaskActivityWorkItems;

    public Task StartAsync() => _engine.StartAsync();
    public Task CreateAsync() => _engine.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => _engine.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => _engine.CreateIfNotExistsAsync();
    public Task DeleteAsync() => _engine.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => _engine.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => _engine.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => _engine.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => _engine.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _engine.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => _engine.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState) =>
        _engine.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages,
            continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => _engine.AbandonTaskOrchestrationWorkItemAsync(workItem);
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => _engine.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => _engine.RenewTaskActivityWorkItemLockAsync(workItem);
}
