using InfoDisclosure.Workflow.Web;
using System.Globalization;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Review;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

/// <summary>
/// The one calendar behind level due dates, reminder days and days left: Beijing dates, and working days with the
/// State Council's holidays and make-up working days (调休).
/// </summary>
public sealed class BeijingCalendarTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static DateTimeOffset At(string beijing) =>
        new(DateTime.ParseExact(beijing, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Beijing);

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset DueAfter(string start, int workingDays) =>
        StageDue.After(At(start).ToUniversalTime(), new StageReminderSettings { DueAfterWorkingDays = workingDays });

    [Theory]
    [InlineData("2026-01-05 10:00", 2, "2026-01-07 10:00")] // Monday → Wednesday, same time of day
    [InlineData("2026-01-08 16:30", 2, "2026-01-12 16:30")] // Thursday → Monday, over the weekend
    [InlineData("2026-01-09 23:30", 1, "2026-01-12 23:30")] // Friday night → Monday night
    public void A_level_falls_due_after_working_days_in_Beijing_time(string start, int days, string due) =>
        Assert.Equal(At(due), DueAfter(start, days));

    [Fact]
    public void A_level_started_on_Saturday_counts_its_working_days_from_Monday_09_00()
    {
        // Saturday 11:00 + 2: the reviewers get Monday and Tuesday, due Wednesday 09:00 (not Tuesday 11:00).
        Assert.Equal(At("2026-01-14 09:00"), DueAfter("2026-01-10 11:00", 2));
        // 17:00 UTC on Friday is already Saturday 01:00 in Beijing.
        Assert.Equal(At("2026-01-14 09:00"),
            StageDue.After(new DateTimeOffset(2026, 1, 9, 17, 0, 0, TimeSpan.Zero), new StageReminderSettings()));
    }

    [Fact]
    public void Spring_Festival_2025_is_skipped_and_its_make_up_Sunday_and_Saturday_count()
    {
        // 春节 2025-01-28 to 02-04 off; Sunday 01-26 and Saturday 02-08 worked (国办发明电〔2024〕12号).
        Assert.Equal(At("2025-02-06 10:00"), DueAfter("2025-01-27 10:00", 2));
        Assert.Equal(At("2025-01-27 10:00"), DueAfter("2025-01-26 10:00", 1));
        // Started on a holiday: counted from the first working day after it.
        Assert.Equal(At("2025-02-06 09:00"), DueAfter("2025-01-30 15:00", 1));
        Assert.Equal(At("2025-02-08 11:00"), DueAfter("2025-02-07 11:00", 1));
    }

    [Fact]
    public void Spring_Festival_2026_is_skipped_and_the_Saturday_before_it_is_a_working_day()
    {
        // 春节 2026-02-15 to 02-23 off; Saturdays 02-14 and 02-28 worked (国办发明电〔2025〕7号).
        Assert.True(BeijingCalendar.IsWorkingDay(Day("2026-02-14")));
        Assert.True(BeijingCalendar.IsWorkingDay(Day("2026-02-28")));
        Assert.False(BeijingCalendar.IsWorkingDay(Day("2026-02-23")));
        Assert.Equal(At("2026-02-14 16:00"), DueAfter("2026-02-13 16:00", 1));
        Assert.Equal(At("2026-02-24 16:00"), DueAfter("2026-02-13 16:00", 2));
    }

    [Fact]
    public void National_Day_week_is_skipped()
    {
        // 2025: 10-01 to 10-08 off, Sunday 09-28 and Saturday 10-11 worked.
        Assert.Equal(At("2025-10-10 09:30"), DueAfter("2025-09-30 09:30", 2));
        Assert.Equal(At("2025-10-11 09:30"), DueAfter("2025-09-30 09:30", 3));
        // Started on Saturday 09-27: counted from the worked Sunday 09-28 at 09:00.
        Assert.Equal(At("2025-09-29 09:00"), DueAfter("2025-09-27 14:00", 1));
        // 2026: 10-01 to 10-07 off, Saturday 10-10 worked.
        Assert.Equal(At("2026-10-08 17:00"), DueAfter("2026-09-30 17:00", 1));
        Assert.Equal(At("2026-10-10 17:00"), DueAfter("2026-10-09 17:00", 1));
    }

    [Fact]
    public void A_year_without_a_notice_is_Monday_to_Friday_and_the_first_use_is_logged_once()
    {
        Assert.False(BeijingCalendar.HasDataFor(2027));
        Assert.True(BeijingCalendar.IsWorkingDay(Day("2027-02-08")));
        Assert.False(BeijingCalendar.IsWorkingDay(Day("2027-02-06")));
        Assert.Equal(At("2027-02-02 16:00"), DueAfter("2027-01-29 16:00", 2));

        var log = new ListLogger();
        var warnings = new HolidayDataWarnings(log);
        Assert.True(warnings.Check(2026));
        Assert.False(warnings.Check(2027));
        warnings.Check(Day("2026-12-30"), Day("2027-01-05"));
        Assert.False(warnings.Check(2027));

        var warning = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("2027", warning.Message);
        Assert.Contains("Monday–Friday", warning.Message);
    }

    [Fact]
    public void The_years_the_demo_and_tests_use_have_their_notice_cited()
    {
        Assert.Equal([2022, 2023, 2024, 2025, 2026], BeijingCalendar.YearsWithData);
        Assert.All(BeijingHolidays.Notices, n =>
        {
            Assert.Equal($"国务院办公厅关于{n.Year}年部分节假日安排的通知", n.Title);
            Assert.Matches($"^国办发明电〔{n.Year - 1}〕\\d+号$", n.Number);
            Assert.Equal(n.Year - 1, n.Issued.Year);
            Assert.All(n.MakeUpWorkingDays, d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d} is not a weekend"));
            Assert.All(n.Holidays, p => Assert.True(p.From <= p.To && p.To.Year == n.Year, $"{p.Name} {p.From}–{p.To}"));
            Assert.All(n.MakeUpWorkingDays, d => Assert.True(BeijingCalendar.IsWorkingDay(d)));
        });
        // The demo's deadline (2022 report, January 2023): 春节 2023-01-21 to 01-27, Saturday 01-28 and Sunday 01-29 worked.
        Assert.False(BeijingCalendar.IsWorkingDay(Day("2023-01-27")));
        Assert.True(BeijingCalendar.IsWorkingDay(Day("2023-01-28")));
    }

    [Fact]
    public void An_exact_span_overrides_working_days()
    {
        var start = new DateTimeOffset(2025, 1, 27, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(start.AddSeconds(5), StageDue.After(start, new StageReminderSettings { DueAfter = TimeSpan.FromSeconds(5) }));
    }

    [Fact]
    public void January_31_reminders_inside_the_Spring_Festival_go_out_on_the_last_working_day_before_it()
    {
        // The 2024 report of a department is due Friday 2025-01-31, inside 春节 (01-28 to 02-04).
        var planner = new ReminderPlanner(new DeadlineOptions());
        var deadlines = ReportDeadlines.For(AgencyKinds.Department, 2024);

        var slots = planner.Between(deadlines, "Draft", Day("2024-12-01"), Day("2025-02-10")).ToList();

        Assert.Equal(
            ["2024-12-31", "2025-01-17", "2025-01-24", "2025-01-27", "2025-02-05", "2025-02-06", "2025-02-07", "2025-02-08", "2025-02-10"],
            slots.Select(s => s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        // The 3-day, 1-day and on-the-day reminders all fall in the holiday: one goes out on Monday 01-27, 4 days ahead, none working.
        Assert.Equal([31, 14, 7, 4, -5, -6, -7, -8, -10], slots.Select(s => s.DaysLeft));
        Assert.Equal(0, slots[3].WorkingDaysLeft);
        Assert.Equal(ReminderKind.Before, slots[3].Kind);
        Assert.Equal([false, false, true, true, true, true, true, true, true], slots.Select(s => s.CopyAdministrator));
        Assert.All(slots, s => Assert.True(BeijingCalendar.IsWorkingDay(s.Date)));

        var mail = DeadlineMails.Reminder(new DeadlineReminderMail("甲局", 2024, "Draft", null, [], slots[3], deadlines.StatutoryDeadline,
            [new EmailAddress("起草人", "drafter@gov.example.cn")], null));
        Assert.Contains("距今还有 4 天（其中工作日 0 天）", mail.TextBody);
    }

    [Fact]
    public void A_Saturday_deadline_is_reminded_on_Friday_and_a_make_up_Saturday_gets_its_overdue_notice()
    {
        // The 2025 report is due Saturday 2026-01-31: the 1-day and on-the-day reminders go out on Friday 01-30.
        var planner = new ReminderPlanner(new DeadlineOptions());
        var slot = Assert.Single(planner.DueAt(ReportDeadlines.For(AgencyKinds.Department, 2025), "Draft", At("2026-01-30 09:00")));
        Assert.Equal((ReminderKind.Before, 1), (slot.Kind, slot.DaysLeft));
        Assert.Empty(planner.DueAt(ReportDeadlines.For(AgencyKinds.Department, 2025), "Draft", At("2026-01-31 09:00")));

        // Saturday 2026-02-14 is worked before the Spring Festival: the overdue notice goes out; Sunday 02-15 none.
        Assert.Equal(ReminderKind.Overdue, Assert.Single(planner.DueAt(ReportDeadlines.For(AgencyKinds.Department, 2025), "Draft", At("2026-02-14 09:00"))).Kind);
        Assert.Empty(planner.DueAt(ReportDeadlines.For(AgencyKinds.Department, 2025), "Draft", At("2026-02-15 09:00")));
    }

    [Theory]
    [InlineData("2025-01-24 10:00", 7, 2)] // Friday: Sunday 01-26 (worked) and Monday 01-27, then the holiday
    [InlineData("2025-01-27 10:00", 4, 0)] // the last working day before the deadline
    [InlineData("2025-01-31 10:00", 0, 0)]
    [InlineData("2025-02-05 10:00", -5, 0)]
    public void Days_left_count_calendar_days_and_say_how_many_are_working_days(string now, int days, int workingDays)
    {
        var deadlines = ReportDeadlines.For(AgencyKinds.Department, 2024);
        var clock = new FakeTimeProvider(At(now));

        Assert.Equal(days, deadlines.DaysLeft(clock.GetUtcNow()));
        Assert.Equal(days, BeijingTime.DaysLeft(deadlines.StatutoryDeadline, clock));
        Assert.Equal(workingDays, deadlines.WorkingDaysLeft(clock.GetUtcNow()));
    }

    [Fact]
    public async Task The_overview_shows_the_working_days_among_the_days_left()
    {
        var row = new OverviewRow("a", "甲局", AgencyKinds.Department, "Draft", "起草中", null, null, [],
            "2025-01-31T23:59:59+08:00", "2025-01-31T23:59:59+08:00", 4, false, false, null, null, null, WorkingDaysLeft: 0);
        var html = await PageRenderer.Standalone.RenderAsync<OverviewPage>(new Dictionary<string, object?>
        {
            [nameof(OverviewPage.Overview)] = new Overview(2024, "2025-01-27T10:00:00+08:00", [new StageCount("Draft", "起草中", 1)], [row]),
        });

        Assert.Contains("4 天<br><small>其中工作日 0 天</small>", html);
    }

    private sealed class ListLogger : ILogger<HolidayDataWarnings>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
