using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>
/// Says in the log, once per year and process, that a year the deadlines touch has no holiday data, so its working days
/// are plain Monday–Friday until the State Council's notice is added to <see cref="BeijingHolidays"/>. Kept apart from
/// <see cref="BeijingCalendar"/>, which stays pure for orchestrator code.
/// </summary>
public sealed class HolidayDataWarnings(ILogger<HolidayDataWarnings> logger)
{
    private readonly ConcurrentDictionary<int, bool> _warned = new();

    /// <summary>Whether <paramref name="year"/> has holiday data; the first time it has none, a warning is logged.</summary>
    public bool Check(int year)
    {
        if (BeijingCalendar.HasDataFor(year)) return true;
        if (_warned.TryAdd(year, true))
        {
            logger.LogWarning(
                "No State Council holiday notice for {Year} in BeijingHolidays: working days in {Year} are counted as Monday–Friday, "
                + "so reminders and due dates may fall on public holidays. Add the notice (国务院办公厅关于{Year}年部分节假日安排的通知) once it is published.",
                year, year, year);
        }
        return false;
    }

    /// <summary>Checks every year between the two dates, in either order.</summary>
    public void Check(DateOnly one, DateOnly other)
    {
        for (var year = Math.Min(one.Year, other.Year); year <= Math.Max(one.Year, other.Year); year++) Check(year);
    }
}
