using System.Collections.Concurrent;
using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.History;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Testing mode only (LocalHost:TestingTasks): the fault-injection hook of the crash tests. LocalHost:CrashPlan lists
/// instances and a number k for each ("report-a-2022=3;report-b-2022=7"): the host SIGKILLs itself once the k-th activity
/// of every listed instance has run and, before its result is committed, is held here.
/// <para>
/// Why before the commit: the activity's effects (an e-mail, a 报送, a portal push, a table row) are done while the engine
/// has no record of it, so after the restart the work item comes back when its lock ends (the work-item visibility
/// timeout) and the activity runs a second time. That is the risk of a crash at an activity boundary; a crash after the
/// commit only delays an episode the engine has stored anyway. Holding the completions until every listed instance is
/// at its boundary lets one kill (one wait for the locks) cover a whole chain's boundaries, each on its own report.
/// </para>
/// k counts the activity completions of the instance this host process saw, in order, whatever their names, so a plan
/// needs no knowledge of the orchestrator version: the test counts a clean run's activities first. A restarted host
/// started without the plan runs normally. Lines starting with <see cref="LinePrefix"/> on stdout say what happened.
/// </summary>
public sealed class CrashPlan : EngineDecorator
{
    public const string Setting = "LocalHost:CrashPlan";
    public const string LinePrefix = "CRASH PLAN:";

    /// <summary>If no further listed instance reaches its boundary for this long, the host is killed anyway (and says which did not).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);

    private readonly IReadOnlyDictionary<string, int> _killAt;
    private readonly ConcurrentDictionary<string, int> _completed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _never = new();
    private long _lastHeldTicks;
    private int _armed;

    public CrashPlan(IOrchestrationService engine, IReadOnlyDictionary<string, int> killAt) : base(engine)
    {
        _killAt = killAt;
    }

    /// <summary>The plan in the setting, or null when it is absent or empty.</summary>
    public static IReadOnlyDictionary<string, int>? Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return null;
        var plan = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = entry.LastIndexOf('=');
            if (at <= 0 || !int.TryParse(entry[(at + 1)..], out var k) || k < 1)
                throw new InvalidOperationException($"{Setting}: '{entry}' is not instanceId=k with k ≥ 1.");
            plan[entry[..at]] = k;
        }
        return plan;
    }

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var instance = workItem.TaskMessage.OrchestrationInstance.InstanceId;
        if (_killAt.TryGetValue(instance, out var k))
        {
            var count = _completed.AddOrUpdate(instance, 1, (_, n) => n + 1);
            if (count == k)
            {
                var name = (workItem.TaskMessage.Event as TaskScheduledEvent)?.Name ?? "?";
                _held[instance] = name;
                Interlocked.Exchange(ref _lastHeldTicks, DateTime.UtcNow.Ticks);
                Say($"{instance} held at activity {k} ({name}), before its result is committed.");
                if (Interlocked.Exchange(ref _armed, 1) == 0) _ = KillAfterGiveUpAsync();
                if (_held.Count == _killAt.Count) Kill("every listed instance is at its boundary");
                // Never committed: the kill ends this process.
                await _never.Task;
            }
        }
        await Engine.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    private async Task KillAfterGiveUpAsync()
    {
        while (DateTime.UtcNow - new DateTime(Interlocked.Read(ref _lastHeldTicks), DateTimeKind.Utc) < GiveUpAfter)
            await Task.Delay(TimeSpan.FromSeconds(5));
        Kill($"gave up waiting for {string.Join(", ", _killAt.Keys.Where(i => !_held.ContainsKey(i)))}");
    }

    private static void Kill(string why)
    {
        Say($"SIGKILL ({why}).");
        // SIGKILL of this process: no shutdown code runs, as in a crash or an OOM kill.
        Process.GetCurrentProcess().Kill();
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine($"{LinePrefix} {line}");
        Console.Out.Flush();
    }
}

public static class CrashPlanSetup
{
    /// <summary>Testing mode with LocalHost:CrashPlan set: the dispatchers see the engine through <see cref="CrashPlan"/>.</summary>
    public static void AddCrashPlan(this IServiceCollection services, IConfiguration configuration)
    {
        if (CrashPlan.Parse(configuration[CrashPlan.Setting]) is not { } plan) return;
        services.AddSingleton<IOrchestrationService>(sp => new CrashPlan(sp.GetRequiredService<ParallelActivityFetch>(), plan));
    }
}
