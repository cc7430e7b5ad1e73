using System.Globalization;
using InfoDisclosure.Workflow.Notifications;

namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>
/// Calendar arithmetic in Beijing time (UTC+8 all year, no daylight saving since 1991, so the fixed offset of
/// <see cref="BeijingTime.Offset"/> is exact and independent of the host's time-zone database).
/// </summary>
public static class BeijingDates
{
    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => BeijingTime.ToBeijing(instant);

    /// <summary>The calendar date in Beijing at the instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(BeijingTime.ToBeijing(instant).DateTime);

    public static TimeOnly TimeOf(DateTimeOffset instant) => TimeOnly.FromDateTime(BeijingTime.ToBeijing(instant).DateTime);

    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), BeijingTime.Offset);

    public static DateTimeOffset StartOfDay(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>23:59:59 of the date, as deadlines are printed.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => At(date, new TimeOnly(23, 59, 59));

    /// <summary>ISO 8601 with the +08:00 offset, e.g. 2027-01-31T23:59:59+08:00.</summary>
    public static string Iso(DateTimeOffset instant) =>
        BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
