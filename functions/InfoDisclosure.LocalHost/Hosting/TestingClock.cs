using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Testing mode only: the registered clock (the development clock or the system clock) plus an offset that only grows,
/// so a test reaches January 1 by moving the clock instead of waiting for real midnight. Timers keep real time.
/// </summary>
public sealed class TestingClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;
    private readonly Lock _moving = new();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward to <paramref name="instant"/>; false (and no change) if the clock already reads later.</summary>
    public bool TryAdvanceTo(DateTimeOffset instant)
    {
        lock (_moving)
        {
            var by = instant - GetUtcNow();
            if (by < TimeSpan.Zero) return false;
            Interlocked.Add(ref _offsetTicks, by.Ticks);
            return true;
        }
    }
}

public static class TestingClockSetup
{
    /// <summary>Wraps whichever TimeProvider is registered (call after AddDevClock and AddInfoDisclosureWorkflow).</summary>
    public static void AddTestingClock(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider))?.ImplementationInstance as TimeProvider
            ?? throw new InvalidOperationException("Testing mode wraps the registered TimeProvider instance, and none is registered.");
        var clock = new TestingClock(registered);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
    }
}
