using InfoDisclosure.Workflow.Deadlines;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

public sealed class ReminderPlannerTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly ReportDeadlines Department2026 = ReportDeadlines.For("department", 2026);

    [Fact]
    public void A_draft_gets_reminders_30_14_7_3_1_days_before_and_on_the_day_then_daily_overdue_notices_on_working_days()
    {
        var planner = new ReminderPlanner(new DeadlineOptions());
        // An internal publish-by date on Thursday 2026-01-29: every reminder of the schedule falls on a working day.
        var thursday = ReportDeadlines.For("department", 2025, publishBy: MonthDay.Parse("01-29"));

        var slots = planner.Between(thursday, "Draft", new DateOnly(2025, 12, 1), new DateOnly(2026, 2, 3)).ToList();

        Assert.Equal(
            ["2025-12-30", "2026-01-15", "2026-01-22", "2026-01-26", "2026-01-28", "2026-01-29", "2026-01-30", "2026-02-02", "2026-02-03"],
            slots.Select(s => s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        // No overdue notice on the weekend of January 31 and February 1.
        Assert.Equal([30, 14, 7, 3, 1, 0, -1, -4, -5], slots.Select(s => s.DaysLeft));
        Assert.Equal(
            [ReminderKind.Before, ReminderKind.Before, ReminderKind.Before, ReminderKind.Before, ReminderKind.Before,
             ReminderKind.DueToday, ReminderKind.Overdue, ReminderKind.Overdue, ReminderKind.Overdue],
            slots.Select(s => s.Kind));
        // The administrator is copied from 7 days before on.
        Assert.Equal([false, false, true, true, true, true, true, true, true], slots.Select(s => s.CopyAdministrator));
        Assert.Equal(new DateTimeOffset(2026, 1, 22, 9, 0, 0, Beijing), planner.TimeOf(slots[2]));
        Assert.Equal("Publish-Before-20260122", slots[2].Key);
    }

    [Fact]
    public void Reminders_of_a_weekend_go_out_on_the_Friday_before()
    {
        var planner = new ReminderPlanner(new DeadlineOptions());

        // Sunday 2027-01-31 (no holiday data for 2027 yet: Monday–Friday): 14 and 7 days before are Sundays too,
        // and the 1-day and on-the-day reminders merge into one on Friday 01-29.
        var slots = planner.Between(Department2026, "Draft", new DateOnly(2026, 12, 1), new DateOnly(2027, 2, 3)).ToList();

        Assert.Equal(
            ["2027-01-01", "2027-01-15", "2027-01-22", "2027-01-28", "2027-01-29", "2027-02-01", "2027-02-02", "2027-02-03"],
            slots.Select(s => s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([30, 16, 9, 3, 2, -1, -2, -3], slots.Select(s => s.DaysLeft));
        Assert.Equal([false, false, true, true, true, true, true, true], slots.Select(s => s.CopyAdministrator));
    }

    [Fact]
    public void Nothing_is_due_before_09_00_Beijing_and_the_slot_stays_due_until_the_end_of_that_day()
    {
        var planner = new ReminderPlanner(new DeadlineOptions());

        Assert.Empty(planner.DueAt(Department2026, "Draft", new DateTimeOffset(2027, 1, 28, 8, 59, 59, Beijing)));
        Assert.Single(planner.DueAt(Department2026, "Draft", new DateTimeOffset(2027, 1, 28, 9, 0, 0, Beijing)));
        Assert.Single(planner.DueAt(Department2026, "Draft", new DateTimeOffset(2027, 1, 28, 23, 59, 0, Beijing)));
        // 01:00 UTC on January 28 is 09:00 in Beijing; 00:59 UTC is not yet.
        Assert.Empty(planner.DueAt(Department2026, "Draft", new DateTimeOffset(2027, 1, 28, 0, 59, 0, TimeSpan.Zero)));
        Assert.Single(planner.DueAt(Department2026, "Draft", new DateTimeOffset(2027, 1, 28, 1, 0, 0, TimeSpan.Zero)));
        // A day not in the schedule.
        Assert.Empty(planner.DueAt(Department2026, "Draft", new DateTimeOffset(2027, 1, 25, 9, 0, 0, Beijing)));
    }

    [Fact]
    public void A_published_report_gets_nothing()
    {
        var planner = new ReminderPlanner(new DeadlineOptions());

        Assert.Empty(planner.Between(Department2026, "Published", new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 10)));
    }

    [Fact]
    public void The_submit_by_date_has_its_own_countdown_only_until_the_report_is_submitted()
    {
        var planner = new ReminderPlanner(new DeadlineOptions());
        var d = ReportDeadlines.For("department", 2026, submitBy: MonthDay.Parse("01-26"), publishBy: MonthDay.Parse("01-28"));

        var inReview = planner.DueAt(d, "InReview", new DateTimeOffset(2027, 1, 25, 9, 30, 0, Beijing));
        var submitted = planner.DueAt(d, "Submitted", new DateTimeOffset(2027, 1, 25, 9, 30, 0, Beijing));

        var s = Assert.Single(inReview, x => x.Milestone == Milestone.Submit);
        Assert.Equal(1, s.DaysLeft);
        // January 25 is 3 days before the internal publish-by date too.
        Assert.Contains(inReview, x => x.Milestone == Milestone.Publish && x.DaysLeft == 3);
        Assert.DoesNotContain(submitted, x => x.Milestone == Milestone.Submit);
        Assert.Contains(submitted, x => x.Milestone == Milestone.Publish);
        // After the internal publish-by date the overdue notices start, before the statutory date.
        Assert.Equal(ReminderKind.Overdue, Assert.Single(planner.DueAt(d, "Submitted", new DateTimeOffset(2027, 1, 29, 9, 0, 0, Beijing))).Kind);
    }

    [Fact]
    public void The_schedule_is_configurable()
    {
        var planner = new ReminderPlanner(new DeadlineOptions
        {
            ReminderDaysBefore = "10, 2",
            ReminderTime = "08:30",
            CopyAdministratorFromDaysBefore = 2,
            DailyOverdueNotice = false,
        });

        var slots = planner.Between(Department2026, "Draft", new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 10)).ToList();

        Assert.Equal([10, 2], slots.Select(s => s.DaysLeft));
        Assert.Equal([false, true], slots.Select(s => s.CopyAdministrator));
        Assert.Equal(new DateTimeOffset(2027, 1, 21, 8, 30, 0, Beijing), planner.TimeOf(slots[0]));
    }

    [Theory]
    [InlineData("30,x")]
    [InlineData("-1")]
    public void A_malformed_schedule_is_refused_with_the_setting_named(string days)
    {
        var error = Assert.Throws<FormatException>(() => new ReminderPlanner(new DeadlineOptions { ReminderDaysBefore = days }));
        Assert.Contains("Deadlines:ReminderDaysBefore", error.Message);
    }
}
