using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Access;

/// <summary>Limits of <see cref="AttemptLimiter"/>, from the section "Auth:Limits" (Auth__Limits__PerClient, …).</summary>
public sealed class AttemptLimits
{
    /// <summary>The window every count runs over.</summary>
    public int WindowSeconds { get; set; } = 900;

    /// <summary>Sign-in links requested for one address per window.</summary>
    public int SignInPerAddress { get; set; } = 5;

    /// <summary>Sign-in links requested from one client address per window.</summary>
    public int SignInPerClient { get; set; } = 20;

    /// <summary>Failures (wrong API key, unknown sign-in or review link, refused anti-forgery) from one client per window.</summary>
    public int FailuresPerClient { get; set; } = 20;
}

/// <summary>
/// A small fixed-window counter per key ("sign-in:client:1.2.3.4", "failure:client:…"), used by both hosts alike (no
/// middleware of either). In memory, per instance: with several instances the limits hold per instance, which still
/// turns 150 guesses a minute into a handful. Counts use the injected clock.
/// </summary>
public sealed class AttemptLimiter(IOptions<AttemptLimits> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public AttemptLimits Limits => options.Value;

    /// <summary>True while <paramref name="key"/> has used up <paramref name="limit"/> in the current window.</summary>
    public bool IsExhausted(string key, int limit) => Current(key).Count >= limit;

    /// <summary>Counts one attempt; false when it is over the limit (the attempt must be refused).</summary>
    public bool TryTake(string key, int limit)
    {
        var window = Current(key);
        return Interlocked.Increment(ref window.Count) <= limit;
    }

    /// <summary>Counts one failure without deciding anything (the next attempt asks <see cref="IsExhausted"/>).</summary>
    public void Record(string key) => Interlocked.Increment(ref Current(key).Count);

    private Window Current(string key)
    {
        var now = time.GetUtcNow();
        var length = TimeSpan.FromSeconds(Math.Max(1, options.Value.WindowSeconds));
        var window = _windows.AddOrUpdate(key, _ => new Window(now), (_, existing) => now - existing.Start >= length ? new Window(now) : existing);
        if (_windows.Count > 100_000) Sweep(now, length);
        return window;
    }

    /// <summary>Forgets ended windows, so a stream of distinct keys cannot grow the table without bound.</summary>
    private void Sweep(DateTimeOffset now, TimeSpan length)
    {
        foreach (var (key, window) in _windows)
        {
            if (now - window.Start >= length) _windows.TryRemove(key, out _);
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public readonly DateTimeOffset Start = start;
        public int Count;
    }
}
