using System.Globalization;

namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>Configuration section "Deadlines" (environment: Deadlines__ReminderDaysBefore=30,14,7,3,1,0 …).</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>Days before the deadline on which the holder is reminded; 0 is the day itself. Comma-separated.</summary>
    public string ReminderDaysBefore { get; set; } = "30,14,7,3,1,0";

    /// <summary>Beijing time of day at which reminders go out, "HH:mm".</summary>
    public string ReminderTime { get; set; } = "09:00";

    /// <summary>The administrator (Admin:Email) is copied on reminders this many days before the deadline and closer.</summary>
    public int CopyAdministratorFromDaysBefore { get; set; } = 7;

    /// <summary>After the publication deadline, a notice every day until the report is published.</summary>
    public bool DailyOverdueNotice { get; set; } = true;

    /// <summary>How often the local host's ticker runs the deadline jobs (the Functions app uses its timer trigger).</summary>
    public int TickSeconds { get; set; } = 30;

    public IReadOnlyList<int> ParsedDaysBefore()
    {
        var days = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var part in ReminderDaysBefore.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d > 366)
                throw new FormatException($"Deadlines:ReminderDaysBefore: '{part}' is not a number of days from 0 to 366.");
            days.Add(d);
        }
        return [.. days];
    }

    public TimeOnly ParsedReminderTime() =>
        TimeOnly.TryParseExact(ReminderTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new FormatException($"Deadlines:ReminderTime: '{ReminderTime}' is not a time like 09:00.");
}
