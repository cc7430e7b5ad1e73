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

    /// <summary>The working days among <see cref="DaysLeft"/>, after <see cref="Date"/> up to <see cref="Target"/>.</summary>
    public int WorkingDaysLeft => BeijingCalendar.WorkingDaysLeft(Target, Date);

    /// <summary>e.g. "Publish-Before-20270124"; the date is the reminder's own date, so a moved deadline yields new keys.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Milestone}-{Kind}-{Date:yyyyMMdd}");
}

/// <summary>
/// The reminder schedule as pure logic. A reminder is due from its time (09:00 Beijing) to the end of that
/// Beijing day; a reminder whose day passed while no host ran is caught up once, on the next working day a host runs
/// (<see cref="MissedAt"/>), saying the current figure, unless a reminder of the same milestone is due that day anyway. Stages follow the workflow's names.
/// Reminders go out on working days only (<see cref="BeijingCalendar"/>): one whose day is a weekend or public holiday
/// goes out on the last working day before it, so a January 31 inside the Spring Festival is announced before the
/// holiday; when several fall on the same working day, the closest to the date is sent. Overdue notices skip days off.
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
        if (IsClosed(stage) || BeijingCalendar.TimeOf(now) < _at) return [];
        var today = BeijingCalendar.DateOf(now);
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
            foreach (var slot in DueAt(deadlines, stage, BeijingCalendar.At(d, _at))) yield return slot;
        }
    }

    public DateTimeOffset TimeOf(ReminderSlot slot) => BeijingCalendar.At(slot.Date, _at);

    /// <summary>How far back a missed reminder is still caught up (the schedule's longest gap is 16 days).</summary>
    public const int CatchUpDays = 31;

    /// <summary>
    /// The reminders to catch up at <paramref name="now"/>: per milestone without a reminder of its own today, the latest
    /// one of the schedule in the <see cref="CatchUpDays"/> days before today (not before <paramref name="since"/>, when the
    /// report was created). <c>Missed</c> is that reminder (its <see cref="ReminderSlot.Key"/> is what the ledger knows,
    /// so a reminder that did go out on its day is not repeated, and a caught-up one is caught up once); <c>Now</c> is the
    /// same reminder dated today, which is what the e-mail says. Only on working days from the reminder time, as reminders.
    /// </summary>
    public IReadOnlyList<(ReminderSlot Missed, ReminderSlot Now)> MissedAt(ReportDeadlines deadlines, string stage, DateTimeOffset now, DateOnly since)
    {
        if (IsClosed(stage) || BeijingCalendar.TimeOf(now) < _at) return [];
        var today = BeijingCalendar.DateOf(now);
        if (!BeijingCalendar.IsWorkingDay(today)) return [];
        var dueToday = DueAt(deadlines, stage, now).Select(s => s.Milestone).ToHashSet();
        var missed = new List<(ReminderSlot, ReminderSlot)>(2);
        foreach (var milestone in new[] { Milestone.Submit, Milestone.Publish }.Where(m => !dueToday.Contains(m)))
        {
            var from = today.AddDays(-CatchUpDays) > since ? today.AddDays(-CatchUpDays) : since;
            for (var day = today.AddDays(-1); day >= from; day = day.AddDays(-1))
            {
                if (DueAt(deadlines, stage, BeijingCalendar.At(day, _at)).FirstOrDefault(s => s.Milestone == milestone) is not { } slot) continue;
                var daysLeft = ReportDeadlines.DaysBetween(today, slot.Target);
                var kind = daysLeft < 0 ? ReminderKind.Overdue : daysLeft == 0 ? ReminderKind.DueToday : ReminderKind.Before;
                missed.Add((slot, slot with { Kind = kind, Date = today }));
                break;
            }
        }
        return missed;
    }

    private ReminderSlot? SlotFor(Milestone milestone, DateOnly target, DateOnly today, bool overdue)
    {
        if (!BeijingCalendar.IsWorkingDay(today)) return null;
        var daysLeft = ReportDeadlines.DaysBetween(today, target);
        if (daysLeft < 0) return overdue ? new(milestone, ReminderKind.Overdue, target, today, CopyAdministrator: true) : null;
        // The schedule's days, closest first: the first one whose reminder lands on today stands for all that do.
        foreach (var before in _daysBefore.Reverse())
        {
            if (before > daysLeft) continue;
            if (BeijingCalendar.WorkingDayOnOrBefore(target.AddDays(-before)) != today) continue;
            var kind = daysLeft == 0 ? ReminderKind.DueToday : ReminderKind.Before;
            return new(milestone, kind, target, today, before <= options.CopyAdministratorFromDaysBefore);
        }
        return null;
    }
}
