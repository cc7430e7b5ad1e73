using System.Collections.Frozen;

namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>
/// Beijing dates and working days. Beijing time is UTC+8 all year (no daylight saving since 1991), so a fixed offset is
/// exact and independent of the host's time-zone database. Working days are Monday–Friday, minus the State Council's
/// public holidays, plus the weekend days worked instead (调休), from <see cref="BeijingHolidays"/>; a year without a
/// notice there is plain Monday–Friday (<see cref="HasDataFor"/>; <see cref="HolidayDataWarnings"/> logs it).
/// Pure functions of their arguments and the compiled-in data, so orchestrators may call them during replay.
/// </summary>
public static class BeijingCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>When a working day begins: a count of working days started on a day off starts then, on the next working day.</summary>
    public static readonly TimeOnly WorkdayStart = new(9, 0);

    private static readonly FrozenSet<int> YearsWithNotice = BeijingHolidays.Notices.Select(n => n.Year).ToFrozenSet();
    private static readonly FrozenSet<DateOnly> DaysOff = BeijingHolidays.Notices
        .SelectMany(n => n.Holidays).SelectMany(p => Days(p.From, p.To)).ToFrozenSet();
    private static readonly FrozenSet<DateOnly> WeekendsWorked = BeijingHolidays.Notices
        .SelectMany(n => n.MakeUpWorkingDays).ToFrozenSet();

    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The calendar date in Beijing at the instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToBeijing(instant).DateTime);

    public static TimeOnly TimeOf(DateTimeOffset instant) => TimeOnly.FromDateTime(ToBeijing(instant).DateTime);

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    public static DateTimeOffset StartOfDay(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>23:59:59 of the date, as deadlines are printed.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => At(date, new TimeOnly(23, 59, 59));

    /// <summary>Whether the State Council's notice for <paramref name="year"/> is in the data; without it the year is Monday–Friday.</summary>
    public static bool HasDataFor(int year) => YearsWithNotice.Contains(year);

    public static IEnumerable<int> YearsWithData => YearsWithNotice.Order();

    public static bool IsWorkingDay(DateOnly day) =>
        !DaysOff.Contains(day) && (WeekendsWorked.Contains(day) || day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The day itself when it is a working day, else the last working day before it.</summary>
    public static DateOnly WorkingDayOnOrBefore(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(-1);
        return day;
    }

    /// <summary>The day itself when it is a working day, else the first working day after it.</summary>
    public static DateOnly WorkingDayOnOrAfter(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>
    /// The instant <paramref name="workingDays"/> Beijing working days after <paramref name="start"/>, at the same time of
    /// day: a level sent out on Friday 16:00 with 2 working days is due Tuesday 16:00. A start on a day off counts from
    /// <see cref="WorkdayStart"/> of the next working day, so the holder always gets the whole working days: Saturday
    /// 11:00 plus 2 is Wednesday 09:00 (Monday 09:00 to Wednesday 09:00). Returned with the +08:00 offset.
    /// </summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = DateOf(start);
        var time = TimeOf(start);
        if (!IsWorkingDay(day))
        {
            day = WorkingDayOnOrAfter(day);
            time = WorkdayStart;
        }
        for (var added = 0; added < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) added++;
        }
        return At(day, time);
    }

    /// <summary>Whole Beijing calendar days from today to <paramref name="deadline"/>: 0 on the day, negative once it has passed.</summary>
    public static int DaysLeft(DateOnly deadline, DateTimeOffset now) => deadline.DayNumber - DateOf(now).DayNumber;

    /// <summary>
    /// The working days among the <see cref="DaysLeft"/> days: those after today up to and including the deadline
    /// (0 when today is the last working day before it, and once it has passed).
    /// </summary>
    public static int WorkingDaysLeft(DateOnly deadline, DateTimeOffset now) => WorkingDaysLeft(deadline, DateOf(now));

    /// <inheritdoc cref="WorkingDaysLeft(DateOnly, DateTimeOffset)"/>
    public static int WorkingDaysLeft(DateOnly deadline, DateOnly today)
    {
        var count = 0;
        for (var day = today.AddDays(1); day <= deadline; day = day.AddDays(1))
        {
            if (IsWorkingDay(day)) count++;
        }
        return count;
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1)) yield return day;
    }
}
