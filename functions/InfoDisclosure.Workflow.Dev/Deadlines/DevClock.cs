using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace InfoDisclosure.Workflow.Dev.Deadlines;

/// <summary>
/// A clock that starts at a chosen instant and runs forward at real speed, so a person can watch January's reminders
/// arrive in the dev mailbox in November. Only what reads the injected <see cref="TimeProvider"/> sees it (reminders,
/// the roll-over, days left, link expiry, timestamps); durable timers inside orchestrations keep the engine's real clock.
/// </summary>
public sealed class DevClock(DateTimeOffset startAt, TimeProvider real) : TimeProvider
{
    private readonly long _started = real.GetTimestamp();

    public DateTimeOffset StartAt { get; } = startAt;

    public override DateTimeOffset GetUtcNow() => StartAt.ToUniversalTime() + real.GetElapsedTime(_started);
}

public static class DevClockSetup
{
    /// <summary>The setting: environment variable DevClock__StartAt, e.g. 2027-01-20T08:59:00+08:00.</summary>
    public const string Setting = "DevClock:StartAt";

    /// <summary>
    /// Registers a <see cref="DevClock"/> as the TimeProvider when DevClock:StartAt is set. Call it before
    /// AddInfoDisclosureWorkflow (which adds the system clock only when none is registered). Outside the Development
    /// environment the setting is refused: a production host must never run on an invented date.
    /// </summary>
    public static DevClock? AddDevClock(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"DevClock__StartAt is set but the environment is '{environment.EnvironmentName}': the development clock is refused outside Development. Remove the setting.");
        }
        if (!DateTimeOffset.TryParseExact(text.Trim(), ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var startAt))
        {
            throw new FormatException($"DevClock__StartAt: '{text}' is not an instant with its offset, like 2027-01-20T08:59:00+08:00.");
        }
        var clock = new DevClock(startAt, TimeProvider.System);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        return clock;
    }
}
