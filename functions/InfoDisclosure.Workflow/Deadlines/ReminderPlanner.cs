using System.Globalization;

namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>Which date a reminder counts down to.</summary>
public enum Milestone
{
    /// <summary>The internal submit-by date (报送), only while the report has not been submitted.</summary>
    Submit,

    /// <summary>Publication: the internal publish-by date when set, else the statutory deadline.</summary>
    Publish,
}

public enum ReminderKind
{
    /// <summary>N days before the date.</summary>
    Before,

    /// <summary>On the day itself.</summary>
    DueToday,

    /// <summary>Daily after the publication date passed, until published.</summary>
    Overdue,
}

/// <summary>One reminder a report is owed on one Beijing date. <see cref="Key"/> identifies it for exactly-once sending.</summary>
public sealed record ReminderSlot(Milestone Milestone, ReminderKind Kind, DateOnly Target, DateOnly Date, bool CopyAdministrator)
{
    /// <summary>Days from <see cref="Date"/> to <see cref="Target"/>: positive before, 0 on the day, negative when overdue.</summary>
    public int DaysLeft => ReportDeadlines.DaysBetween(Date, Target);

    /// <summary>e.g. "Publish-Before-20270124"; the date is the reminder's own date, so a moved deadline yields new keys.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Milestone}-{Kind}-{Date:yyyyMMdd}");
}

/// <summary>
/// The reminder schedule as pure logic. A reminder is due from its time (09:00 Beijing) to the end of that
/// Beijing day; a reminder whose day passed while no host ran is not sent late, because the next one in the
/// schedule (or the daily overdue notice) carries the current figure. Stages follow the workflow's names.
/// </summary>
public sealed class ReminderPlanner(DeadlineOptions options)
{
    private readonly IReadOnlyList<int> _daysBefore = options.ParsedDaysBefore();
    private readonly TimeOnly _at = options.ParsedReminderTime();

    public TimeOnly ReminderTime => _at;

    /// <summary>Stages in which the report is not yet submitted (报送), so the submit-by date still matters.</summary>
    public static bool IsBeforeSubmission(string stage) => stage is "Draft" or "InReview" or "Approved";

    /// <summary>No reminders at all: published, or withdrawn.</summary>
    public static bool IsClosed(string stage) => stage is "Published" or "Cancelled";

    /// <summary>The reminders due at <paramref name="now"/> for a report in <paramref name="stage"/> (at most one per milestone).</summary>
    public IReadOnlyList<ReminderSlot> DueAt(ReportDeadlines deadlines, string stage, DateTimeOffset now)
    {
        if (IsClosed(stage) || BeijingDates.TimeOf(now) < _at) return [];
        var today = BeijingDates.DateOf(now);
        var due = new List<ReminderSlot>(2);
        if (deadlines.SubmitBy is { } submitBy && IsBeforeSubmission(stage) && SlotFor(Milestone.Submit, submitBy, today, overdue: false) is { } s)
            due.Add(s);
        if (SlotFor(Milestone.Publish, deadlines.PublishTarget, today, options.DailyOverdueNotice) is { } p)
            due.Add(p);
        return due;
    }

    /// <summary>Every reminder of the schedule between two dates (inclusive) for a report that stays in <paramref name="stage"/>.</summary>
    public IEnumerable<ReminderSlot> Between(ReportDeadlines deadlines, string stage, DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            foreach (var slot in DueAt(deadlines, stage, BeijingDates.At(d, _at))) yield return slot;
        }
    }

    public DateTimeOffset TimeOf(ReminderSlot slot) => BeijingDates.At(slot.Date, _at);

    private ReminderSlot? SlotFor(Milestone milestone, DateOnly target, DateOnly today, bool overdue)
    {
        var daysLeft = ReportDeadlines.DaysBetween(today, target);
        var copyAdmin = daysLeft <= options.CopyAdministratorFromDaysBefore;
        if (daysLeft > 0 && _daysBefore.Contains(daysLeft)) return new(milestone, ReminderKind.Before, target, today, copyAdmin);
        if (daysLeft == 0 && _daysBefore.Contains(0)) return new(milestone, ReminderKind.DueToday, target, today, copyAdmin);
        if (daysLeft < 0 && overdue) return new(milestone, ReminderKind.Overdue, target, today, CopyAdministrator: true);
        return null;
    }
}
