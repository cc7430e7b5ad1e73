using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Channels;
using DurableTask.AzureStorage;
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
/// <para>
/// It also renews the lock of every activity it handed out until the activity is completed or abandoned: the sidecar's
/// dispatcher never does, so an activity still running when the work-item visibility timeout (30 s) ran out was handed
/// out again and ran twice (load 500 on a starved machine: 947 RecordStage runs for 701 steps). A renewal and the
/// completion of the same item never overlap, so the completion deletes the message with its current receipt.
/// </para>
/// Everything else goes to the Azure Storage backend unchanged.
/// </summary>
public sealed class ParallelActivityFetch : EngineDecorator
{
    /// <summary>Fetch loops: enough to keep up with a slow emulator, few enough to leave the queue to other hosts.</summary>
    public const int Loops = 8;

    /// <summary>The longest wait between two attempts to abandon an item while storage is down.</summary>
    public static readonly TimeSpan MaxAbandonRetryDelay = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _slots;
    private readonly Channel<TaskActivityWorkItem> _fetched = Channel.CreateUnbounded<TaskActivityWorkItem>();
    // The items holding a slot, each with the gate its renewals and its completion take in turn; a dispatcher that
    // abandons an item whose completion failed gives its slot back once.
    private readonly ConcurrentDictionary<TaskActivityWorkItem, SemaphoreSlim> _holding = new(ReferenceEqualityComparer.Instance);
    private readonly object _gate = new();
    private readonly FieldInfo? _activeActivities;
    private CancellationTokenSource? _stop;
    private Task[] _loops = [];

    public ParallelActivityFetch(IOrchestrationService engine) : base(engine)
    {
        _slots = new SemaphoreSlim(engine.MaxConcurrentTaskActivityWorkItems);
        // The Azure Storage backend's table of activity work items in progress (private in DurableTask.AzureStorage 2.11;
        // its only public exits are a completion or an abandon that storage accepts). Looked up here so that a package
        // that renamed it stops the host at its start, not during an outage.
        if (engine is AzureStorageOrchestrationService)
        {
            _activeActivities = typeof(AzureStorageOrchestrationService).GetField("activeActivitySessions", BindingFlags.Instance | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException("DurableTask.AzureStorage no longer has activeActivitySessions: see ParallelActivityFetch.AbandonUntilStoredAsync.");
        }
    }

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stop is null)
            {
                _stop = new CancellationTokenSource();
                var stop = _stop.Token;
                _loops = Enumerable.Range(0, Loops).Select(_ => Task.Run(() => FetchLoopAsync(stop), CancellationToken.None))
                    .Append(Task.Run(() => RenewLoopAsync(stop), CancellationToken.None)).ToArray();
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

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var gate = await ReleaseHoldAsync(workItem);
        try
        {
            await Engine.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            GiveBack(gate);
        }
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var gate = await ReleaseHoldAsync(workItem);
        try
        {
            await AbandonUntilStoredAsync(workItem);
        }
        finally
        {
            GiveBack(gate);
        }
    }

    /// <summary>
    /// Abandons the item, retrying while storage cannot be reached, until the host stops. Why: the Azure Storage backend
    /// forgets an activity's work item only when its completion or its abandon succeeds. With storage down, both fail,
    /// and the backend kept the item's message id as "being processed" for the life of the process: when the message
    /// came back after its lock, every fetch of it was refused as a duplicate (and hidden again for the lock's length),
    /// so the activity never ran again and its orchestration stayed where it was (the storage outage test: a report
    /// stuck at level 2). An abandon after storage is back releases the id, and the message runs again (activities are
    /// idempotent, as after a crash). When storage answers but refuses the abandon (such a refused fetch took the
    /// message meanwhile, so the receipt the backend holds is stale), the backend's record is dropped directly.
    /// </summary>
    private async Task AbandonUntilStoredAsync(TaskActivityWorkItem workItem)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await Engine.AbandonTaskActivityWorkItemAsync(workItem);
                return;
            }
            catch (Exception e) when (e.InnerException is Azure.RequestFailedException { Status: >= 400 and < 500 })
            {
                ForgetInEngine(workItem);
                return;
            }
            catch (Exception) when (_stop is { IsCancellationRequested: false } stop)
            {
                await DelayAsync(delay, stop.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxAbandonRetryDelay.Ticks));
            }
        }
    }

    private void ForgetInEngine(TaskActivityWorkItem workItem)
    {
        if (_activeActivities?.GetValue(Engine) is IDictionary inProgress) inProgress.Remove(workItem.Id);
    }

    /// <summary>Ends the item's renewals (after one in progress); null when it was released already.</summary>
    private async Task<SemaphoreSlim?> ReleaseHoldAsync(TaskActivityWorkItem workItem)
    {
        if (!_holding.TryGetValue(workItem, out var gate)) return null;
        await gate.WaitAsync();
        var removed = _holding.TryRemove(workItem, out _);
        gate.Release();
        return removed ? gate : null;
    }

    private void GiveBack(SemaphoreSlim? gate)
    {
        if (gate is not null) _slots.Release();
    }

    /// <summary>Every 5 s, renews the locks that end within half the visibility timeout.</summary>
    private async Task RenewLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await DelayAsync(TimeSpan.FromSeconds(5), stop);
            foreach (var (item, gate) in _holding)
            {
                if (item.LockedUntilUtc - DateTime.UtcNow > TimeSpan.FromSeconds(15)) continue;
                try
                {
                    await gate.WaitAsync(stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                try
                {
                    if (_holding.ContainsKey(item)) await Engine.RenewTaskActivityWorkItemLockAsync(item);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The message is gone or its receipt changed: the item runs on, and a second run stays as likely as before.
                }
                finally
                {
                    gate.Release();
                }
            }
        }
    }

    public override async Task StopAsync(bool isForced)
    {
        Task[] loops;
        lock (_gate)
        {
            _stop?.Cancel();
            loops = _loops;
        }
        await Task.WhenAll(loops);
        while (_fetched.Reader.TryRead(out var unstarted)) await AbandonTaskActivityWorkItemAsync(unstarted);
        await Engine.StopAsync(isForced);
    }

    public override Task StopAsync() => StopAsync(false);

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
                item = await Engine.LockNextTaskActivityWorkItem(Timeout.InfiniteTimeSpan, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _slots.Release();
                await DelayAsync(TimeSpan.FromSeconds(Engine.GetDelayInSecondsAfterOnFetchException(e)), stop);
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
            _holding[item] = new SemaphoreSlim(1, 1);
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
}
