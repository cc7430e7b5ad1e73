using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>
/// The dates a report for one year must meet (《政府信息公开条例》第四十九条): a department's report by January 31
/// of the next year, a government's own report by March 31, each at 23:59:59 Beijing time; optionally earlier
/// internal dates set by the city (submit-by, publish-by).
/// </summary>
public sealed record ReportDeadlines(int Year, DateOnly Statutory, DateOnly? SubmitBy = null, DateOnly? PublishBy = null)
{
    /// <summary>The statutory publication date for an agency kind ("department" or "government").</summary>
    public static DateOnly StatutoryDate(string agencyKind, int year) => agencyKind switch
    {
        AgencyKinds.Department => new DateOnly(year + 1, 1, 31),
        AgencyKinds.Government => new DateOnly(year + 1, 3, 31),
        _ => throw new ArgumentException(
            $"Unknown agency kind '{agencyKind}' (expected '{AgencyKinds.Department}' or '{AgencyKinds.Government}').", nameof(agencyKind)),
    };

    /// <summary>
    /// Deadlines for the report of <paramref name="year"/>. Internal dates are given as month and day of the
    /// following year (they repeat every year); one later than the statutory date is ignored, the statute wins.
    /// </summary>
    public static ReportDeadlines For(string agencyKind, int year, MonthDay? submitBy = null, MonthDay? publishBy = null)
    {
        var statutory = StatutoryDate(agencyKind, year);
        return new ReportDeadlines(year, statutory, Earlier(submitBy, year, statutory), Earlier(publishBy, year, statutory));
    }

    private static DateOnly? Earlier(MonthDay? md, int year, DateOnly statutory) =>
        md is { } m && m.InYear(year + 1) is var d && d < statutory ? d : null;

    /// <summary>The date publication is due: the internal publish-by date when set, else the statutory one.</summary>
    public DateOnly PublishTarget => PublishBy ?? Statutory;

    public DateTimeOffset StatutoryDeadline => BeijingCalendar.EndOfDay(Statutory);

    public DateTimeOffset PublishDeadline => BeijingCalendar.EndOfDay(PublishTarget);

    /// <summary>
    /// Late against the statute: published at or after 00:00:00 Beijing on the day after the deadline
    /// (23:59:59 and any fraction of that second are still on time). This is the flag inspections care about.
    /// </summary>
    public bool IsLate(DateTimeOffset publishedAt) => publishedAt >= BeijingCalendar.StartOfDay(Statutory.AddDays(1));

    /// <summary>Late against the internal publish-by date (false when there is none).</summary>
    public bool IsLateInternally(DateTimeOffset publishedAt) =>
        PublishBy is { } p && publishedAt >= BeijingCalendar.StartOfDay(p.AddDays(1));

    /// <summary>Whole Beijing calendar days from today to the publication target: 0 on the day, negative when overdue.</summary>
    public int DaysLeft(DateTimeOffset now) => BeijingCalendar.DaysLeft(PublishTarget, now);

    /// <summary>The working days among <see cref="DaysLeft"/>: after today, up to and including the publication target.</summary>
    public int WorkingDaysLeft(DateTimeOffset now) => BeijingCalendar.WorkingDaysLeft(PublishTarget, now);

    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}

/// <summary>A month and day that recur every year, written "MM-dd" (e.g. "01-26").</summary>
public readonly record struct MonthDay(int Month, int Day)
{
    public static MonthDay Parse(string text)
    {
        if (TryParse(text, out var md)) return md;
        throw new FormatException($"'{text}' is not a month and day like 01-26.");
    }

    public static bool TryParse(string? text, out MonthDay value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var m) || !int.TryParse(parts[1], out var d)) return false;
        // February 29 is refused: it would not exist in most years.
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(2027, m)) return false;
        value = new MonthDay(m, d);
        return true;
    }

    public DateOnly InYear(int year) => new(year, Month, Day);

    public override string ToString() => $"{Month:00}-{Day:00}";
}
